import type { Model } from '../model';
import { asObject, textOf, type Plain } from '../plain-data';
import { checked } from './check-item';
import { slotOf } from './checklist';
import type { VerifyTarget } from './target';
import type { ChecklistItem, Problem } from './types';

/*
 * The DynaKube as the Operator reads it (Dynatrace/dynatrace-operator pkg/api/latest/dynakube, dynatrace.com/v1beta6):
 * spec.telemetryIngest {serviceName, protocols} turns the collector on, with OTLP when protocols is empty or lists otlp
 * (telemetryingest/props.go IsOTLPEnabled); the service is <name>-telemetry-ingest unless serviceName is set;
 * validation needs spec.templates.otelCollector.imageRef (pkg/api/validation/dynakube/telemetryservice.go);
 * spec.enableIstio; spec.metadataEnrichment.enabled.
 */

const DYNAKUBE = slotOf('dynatrace.dynakube');

// Conditions the Operator sets for what the traces pass through (dynatrace-operator v1.10.2:
// pkg/api/latest/dynakube/dynakube_types.go TokenConditionType "Tokens"; pkg/controllers/dynakube/otelc/service,
// configuration, endpoint conditions.go "OTELCService", "OTELCConfigurationConfigMap", "OtelpApiEndpointConfigMap").
const INGEST_CONDITIONS = /^(?:Tokens|DataIngestToken|APIToken|OTELC\w*|Otel\w*|TelemetryIngest\w*)$/;

/** What the DynaKube's status says (status.phase: Running, Deploying, Error — pkg/api/status/phase.go v1.10.2). */
function statusFindings(dynakube: Plain, name: string, model: Model): { problems: Problem[]; notes: Problem[] } {
  const problems: Problem[] = [];
  const notes: Problem[] = [];
  const status = asObject(dynakube.status);
  const phase = textOf(status?.phase);
  const describe = `kubectl -n ${model.operator.namespace} describe dynakube ${name || model.operator.dynakubeName}`;
  if (phase === 'Error') {
    problems.push({
      code: 'dynakube.phase-error',
      message: 'status.phase is Error: the Operator could not reconcile this DynaKube.',
      cause:
        'A reconcile step failed (often the tokens or the connection to the tenant); later steps, the collector among them, may not run.',
      fix: `Read the conditions below and the Operator's log: ${describe}; kubectl -n ${model.operator.namespace} logs deploy/dynatrace-operator.`,
    });
  } else if (phase === 'Deploying') {
    problems.push({
      code: 'dynakube.phase-deploying',
      message: 'status.phase is Deploying: some component (possibly the telemetry-ingest collector) is not ready yet.',
      fix: `Wait until the phase is Running, then check again (${describe}).`,
    });
  }
  const conditions = Array.isArray(status?.conditions) ? status.conditions.map(asObject) : [];
  for (const condition of conditions) {
    if (!condition || textOf(condition.status) !== 'False') continue;
    const type = textOf(condition.type);
    const text = `Condition ${type} is False (${textOf(condition.reason)}): ${textOf(condition.message)}`;
    if (INGEST_CONDITIONS.test(type)) {
      problems.push({
        code: type === 'Tokens' || /Token/.test(type) ? 'dynakube.tokens' : 'dynakube.ingest-condition',
        message: text,
        cause: /Token/.test(type)
          ? 'Without valid tokens (the data-ingest token with openTelemetryTrace.ingest) the Operator does not run the collector, or the collector cannot send to Dynatrace.'
          : 'The Operator could not set up the telemetry-ingest collector or its service.',
        fix: `Fix what the condition names (the token Secret ${name || model.operator.dynakubeName} in ${model.operator.namespace} holds apiToken and dataIngestToken), then check again.`,
      });
    } else {
      notes.push({ code: 'dynakube.other-condition', message: `${text} (not on the path of the traces).` });
    }
  }
  return { problems, notes };
}

export interface DynakubeContext {
  /** From the proxy's clusters when they were pasted: does the collector cluster originate TLS? */
  collectorClusterHasTls?: boolean;
}

export function checkDynakube(
  dynakube: Plain,
  model: Model,
  target: VerifyTarget,
  context: DynakubeContext = {},
): ChecklistItem {
  const metadata = asObject(dynakube.metadata) ?? {};
  const spec = asObject(dynakube.spec) ?? {};
  const name = textOf(metadata.name);
  const namespace = textOf(metadata.namespace);
  const problems: Problem[] = [];
  const notes: Problem[] = [];
  if (model.mode !== 'operator') {
    notes.push({
      code: 'dynakube.standalone',
      message: 'Standalone mode does not use the DynaKube for traces; nothing here affects them.',
    });
    return checked(DYNAKUBE, model, target, { summary: `DynaKube ${name} (not used in standalone mode).`, notes });
  }
  if (name !== '' && name !== model.operator.dynakubeName) {
    problems.push({
      code: 'dynakube.other-name',
      message: `This DynaKube is ${name}; the configuration expects ${model.operator.dynakubeName}.`,
      cause:
        'The telemetry-ingest service is named after the DynaKube, so the provider points at a service that does not exist.',
      fix: `Set the DynaKube name to ${name} on step 2, then apply the regenerated files.`,
    });
  }
  if (namespace !== '' && namespace !== model.operator.namespace) {
    problems.push({
      code: 'dynakube.other-namespace',
      message: `This DynaKube is in ${namespace}; the configuration expects ${model.operator.namespace}.`,
      fix: `Set the Operator namespace to ${namespace} on step 2, then apply the regenerated files.`,
    });
  }
  const ingest = spec.telemetryIngest;
  const ingestSpec = asObject(ingest);
  if (ingest === undefined || ingest === null) {
    problems.push({
      code: 'dynakube.telemetry-ingest-off',
      message: 'spec.telemetryIngest is not set: there is no telemetry-ingest service to send spans to.',
      fix: 'Add spec.telemetryIngest: {protocols: [otlp]} and spec.templates.otelCollector.imageRef to the DynaKube.',
    });
  } else {
    const protocols = Array.isArray(ingestSpec?.protocols) ? ingestSpec.protocols.map(textOf) : [];
    if (protocols.length > 0 && !protocols.includes('otlp')) {
      problems.push({
        code: 'dynakube.no-otlp',
        message: `telemetryIngest.protocols is [${protocols.join(', ')}], without otlp.`,
        fix: 'Add otlp to spec.telemetryIngest.protocols.',
      });
    }
    const serviceName = textOf(ingestSpec?.serviceName);
    if (serviceName !== model.operator.serviceName) {
      problems.push({
        code: 'dynakube.service-name',
        message: `telemetryIngest.serviceName is ${serviceName || '(default: <dynakube>-telemetry-ingest)'}; the configuration expects ${model.operator.serviceName || 'the default'}.`,
        fix: `Set the telemetry-ingest service name on step 2 to ${serviceName || 'empty (the default)'}.`,
      });
    }
  }
  const imageRef = asObject(asObject(asObject(spec.templates)?.otelCollector)?.imageRef);
  if (ingest !== undefined && ingest !== null && !textOf(imageRef?.repository)) {
    problems.push({
      code: 'dynakube.no-collector-image',
      message: 'spec.templates.otelCollector.imageRef is not set; the Operator rejects telemetry ingest without it.',
      fix: 'Set spec.templates.otelCollector.imageRef.repository and tag (e.g. public.ecr.aws/dynatrace/dynatrace-otel-collector).',
    });
  }
  // telemetryIngest.tlsRefName makes the receivers TLS-only (facts §5, §12); the generated provider speaks plain HTTP.
  const tlsRefName = textOf(ingestSpec?.tlsRefName);
  if (tlsRefName !== '') {
    if (context.collectorClusterHasTls) {
      notes.push({
        code: 'dynakube.tls-ingest-originated',
        message: `telemetryIngest.tlsRefName is ${tlsRefName}, and the proxy's cluster for the collector originates TLS.`,
      });
    } else {
      problems.push({
        code: 'dynakube.tls-only-ingest',
        message: `telemetryIngest.tlsRefName is ${tlsRefName}: the collector accepts only TLS, and the provider sends plain HTTP to port ${target.collectorPort}.`,
        cause: 'The sidecar sends plain HTTP unless a DestinationRule originates TLS for the ingest service.',
        fix: `Add a DestinationRule for ${target.collectorHost} with trafficPolicy.portLevelSettings port ${target.collectorPort}, tls: {mode: SIMPLE} and the collector's CA; or remove tlsRefName.`,
      });
    }
  }
  // enableIstio does not touch Operator-mode traces (the collector is in the cluster); Dynatrace recommends it on
  // Istio clusters. A difference from step 1 is a fact to record, not a failure.
  const enableIstio = spec.enableIstio === true;
  if (enableIstio !== model.operator.enableIstio) {
    notes.push({
      code: 'dynakube.enable-istio-differs',
      message: `enableIstio is ${enableIstio}; on step 1 you said ${model.operator.enableIstio}. It does not change where traces go in Operator mode; set it on step 1 so the generated files and notes match.`,
    });
  }
  const status = statusFindings(dynakube, name, model);
  problems.push(...status.problems);
  notes.push(...status.notes);
  const enrichment = asObject(spec.metadataEnrichment);
  if (enrichment?.enabled === false) {
    notes.push({
      code: 'dynakube.no-metadata-enrichment',
      message: 'metadataEnrichment.enabled is false: spans arrive without Kubernetes metadata.',
    });
  }
  return checked(DYNAKUBE, model, target, {
    summary: `DynaKube ${namespace ? `${namespace}/` : ''}${name}${textOf(dynakube.apiVersion) ? ` (${textOf(dynakube.apiVersion)})` : ''}.`,
    problems,
    notes,
  });
}
