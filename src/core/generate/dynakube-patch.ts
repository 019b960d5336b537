import type { Model } from '../model';
import { toYaml } from '../yaml-text';
import { shellQuote } from './shell-quote';

/*
 * The DynaKube settings Operator mode needs, as a JSON merge patch for the user's own DynaKube (RFC 7386, what
 * `kubectl patch --type merge` applies): only spec.telemetryIngest, nothing else of their DynaKube changes.
 * Fields as Dynatrace/dynatrace-operator v1.10.2 declares them:
 * - pkg/api/latest/dynakube/telemetryingest/spec.go: telemetryIngest.{serviceName, tlsRefName, protocols}
 * - pkg/otelcgen/otelcgen.go: the protocol names (otlp, jaeger, statsd, zipkin); the provider exports OTLP/HTTP
 * - config/crd/bases/dynatrace.com_dynakubes.yaml: dynatrace.com/v1beta6 is the stored version (v1beta5 still served)
 * - pkg/api/validation/dynakube/telemetryservice.go missingOtelCollectorImage: with telemetryIngest set, the Operator
 *   refuses a DynaKube without spec.templates.otelCollector.imageRef, so the patch names that need (no tag is guessed).
 */

export const DYNAKUBE_PATCH_FILE_NAME = 'dynakube-telemetry-ingest.patch.yaml';
export const DYNAKUBE_API_VERSION = 'dynatrace.com/v1beta6';
/** The Operator's sample image (assets/samples/dynakube/v1beta6/telemetryIngest.yaml at v1.10.2); the tag is the user's. */
export const OTEL_COLLECTOR_REPOSITORY = 'public.ecr.aws/dynatrace/dynatrace-otel-collector';

export interface DynakubePatch {
  fileName: string;
  /** The merge patch as data. */
  patch: { spec: { telemetryIngest: { protocols: string[]; serviceName?: string } } };
  text: string;
  /** The command that applies it to the user's DynaKube. */
  command: string;
  /** What else the DynaKube must have, in one sentence. */
  alsoNeeded: string;
}

type OperatorAnswers = Pick<Model['operator'], 'dynakubeName' | 'namespace' | 'serviceName'>;

export function dynakubeTelemetryIngestPatch(operator: OperatorAnswers): DynakubePatch {
  const name = operator.dynakubeName.trim() || 'dynakube';
  const namespace = operator.namespace.trim() || 'dynatrace';
  const serviceName = operator.serviceName.trim();
  // A merge patch replaces a list: a DynaKube that lists other protocols keeps them only if they are listed here too.
  const telemetryIngest: DynakubePatch['patch']['spec']['telemetryIngest'] = { protocols: ['otlp'] };
  // The provider points at this service; without it the Operator names it <dynakube>-telemetry-ingest.
  if (serviceName !== '') telemetryIngest.serviceName = serviceName;
  const patch = { spec: { telemetryIngest } };
  // Names stay out of the comments: a raw answer from step 1 could hold a line break.
  const header =
    `# A merge patch for your DynaKube (${DYNAKUBE_API_VERSION}): turns on telemetry ingest with OTLP.\n` +
    `# kubectl patch dynakube <name> -n <namespace> --type merge --patch-file ${DYNAKUBE_PATCH_FILE_NAME}\n` +
    '# If spec.telemetryIngest.protocols already lists others (jaeger, statsd, zipkin), add them here: the list is replaced.\n';
  return {
    fileName: DYNAKUBE_PATCH_FILE_NAME,
    patch,
    text: header + toYaml(patch),
    command: `kubectl patch dynakube ${shellQuote(name)} -n ${shellQuote(namespace)} --type merge --patch-file ${DYNAKUBE_PATCH_FILE_NAME}`,
    alsoNeeded: `The DynaKube must also name the OTel Collector image in spec.templates.otelCollector.imageRef (repository, e.g. ${OTEL_COLLECTOR_REPOSITORY}, and a tag): the Operator refuses telemetry ingest without it. Telemetry ingest needs Dynatrace Operator 1.6 or later.`,
  };
}
