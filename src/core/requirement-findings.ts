import { ambientRequirementFindings } from './ambient-findings';
import type { Finding } from './finding';
import { istioVersionStatus } from './istio-releases';
import { isAtLeast, parseIstioVersion } from './istio-version';
import type { Model } from './model';

/*
 * The requirements step's findings: what the first screen can tell from a few answers, before the schema and the
 * generators load. Kept apart from findings.ts, whose checks of a whole model reach the istiod rules and the resolved
 * setup, so the first screen does not load them.
 */

export const FINDING_DOCS = {
  envoyCodeModule: 'https://docs.dynatrace.com/docs/ingest-from/opentelemetry/integrations/envoy',
  istioGuide: 'https://docs.dynatrace.com/docs/ingest-from/opentelemetry/integrations/istio',
  telemetryIngest: 'https://docs.dynatrace.com/docs/ingest-from/setup-on-k8s/extend-observability-k8s/telemetry-ingest',
  telemetryApi: 'https://istio.io/latest/docs/reference/config/telemetry/',
  headerEnvName:
    'https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-ExtensionProvider-HttpHeader',
  issue53012: 'https://github.com/istio/istio/issues/53012',
} as const;

/** The answers of the requirements step: enough to tell whether this setup can work at all. */
export interface RequirementAnswers {
  mode: Model['mode'];
  istio: Pick<Model['istio'], 'version' | 'ambient'> & { ambientTracing?: Model['istio']['ambientTracing'] };
  operator: Pick<Model['operator'], 'telemetryIngestEnabled' | 'enableIstio'>;
}

/** Findings of the requirements step. Needs only those answers, so the wizard can stop early. */
export function checkRequirements(model: RequirementAnswers): Finding[] {
  const findings: Finding[] = [];
  const add = (finding: Finding) => findings.push(finding);
  const version = parseIstioVersion(model.istio.version);

  if (version && !isAtLeast(version, 1, 22)) {
    add({
      id: 'istio-too-old',
      level: 'blocker',
      step: 'requirements',
      message: `Istio ${model.istio.version} ships Envoy 1.29 or earlier, which traces with OpenTracing. The OpenTelemetry provider with HTTP export, the Dynatrace resource detector and the Dynatrace sampler need Istio 1.22 or later.`,
      fix: 'Upgrade Istio to the latest 1.22+ release, or keep this Istio and enable the Dynatrace Envoy code module instead (Configure OpenTelemetry tracing with Envoy).',
      link: FINDING_DOCS.envoyCodeModule,
    });
  } else if (version && version.minor === 22 && version.major === 1) {
    add({
      id: 'istio-1-22-patch',
      level: 'info',
      step: 'requirements',
      message:
        'Early Istio 1.22 patches export spans without a name and with an unset status code (istio#51072, istio#50195).',
      fix: 'Use the latest 1.22 patch release, or a newer Istio.',
    });
  }

  // A version the release table does not vouch for (a pre-release, or newer than the table) is accepted, and said so.
  const status = istioVersionStatus(model.istio.version);
  if (status.kind === 'pre-release' || status.kind === 'unknown') {
    add({
      id: status.kind === 'pre-release' ? 'istio-pre-release' : 'istio-version-unseen',
      level: 'info',
      step: 'requirements',
      message: status.note,
      fix: 'Nothing to do if this is the version you run; otherwise enter the version `istioctl version` prints.',
    });
  }

  findings.push(...ambientRequirementFindings(model));

  if (model.mode === 'operator') {
    if (!model.operator.telemetryIngestEnabled) {
      add({
        id: 'telemetry-ingest-disabled',
        level: 'blocker',
        step: 'requirements',
        message:
          'In Operator mode the sidecars send traces to the DynaKube’s telemetry-ingest service, which exists only when telemetry ingest is enabled.',
        // What the Operator's validation requires (Dynatrace/dynatrace-operator v1.10.2
        // pkg/api/validation/dynakube/telemetryservice.go); the wizard shows the patch (generate/dynakube-patch.ts).
        fix: 'Enable telemetry ingest in your DynaKube (Dynatrace Operator 1.6+): the merge patch shown with this finding sets spec.telemetryIngest with protocols: [otlp]. The DynaKube also needs spec.templates.otelCollector.imageRef (the OTel Collector image’s repository and tag): the Operator rejects it without. A custom spec.telemetryIngest.serviceName may not end in -telemetry-ingest, -extension-controller, -activegate or -webhook. Or choose standalone mode.',
        link: FINDING_DOCS.telemetryIngest,
      });
    }
    add({
      id: 'telemetry-ingest-tls',
      level: 'info',
      step: 'requirements',
      message:
        'The generated provider speaks plain HTTP to the telemetry-ingest service on port 4318. If your DynaKube sets spec.telemetryIngest.tlsRefName, that port expects TLS.',
      fix: 'Without tlsRefName nothing is needed. With it, add a DestinationRule for the ingest service that originates TLS (mode SIMPLE with your CA) on port 4318.',
    });
  } else {
    add({
      id: 'standalone-caveats',
      level: 'warning',
      step: 'requirements',
      message:
        'Standalone mode has no Kubernetes metadata on traces, and Envoy’s OTLP/HTTP exporter neither retries nor batches, so spans are lost when Dynatrace cannot be reached.',
      fix: 'Prefer Operator mode with telemetry ingest wherever Dynatrace Operator can be deployed.',
      link: FINDING_DOCS.istioGuide,
    });
    if (model.operator.enableIstio) {
      add({
        id: 'standalone-enable-istio',
        level: 'warning',
        step: 'requirements',
        message:
          'Dynatrace documents the standalone ServiceEntry as incompatible with the Operator’s enableIstio, which creates its own ServiceEntries for the same tenant host.',
        fix: 'Set enableIstio: false in the DynaKube, or use Operator mode (compatible with enableIstio). The generated provider names its ServiceEntry as istio-system/<host>, which avoids ambiguous lookups but not the overlap.',
      });
    }
  }

  add({
    id: 'envoy-code-module',
    level: 'warning',
    step: 'requirements',
    message: 'If OneAgent’s Envoy code module also instruments these proxies, every request is traced twice.',
    fix: 'In Dynatrace, turn off the Envoy code module (Settings → Monitoring → Monitored technologies → Envoy) for this environment or host group.',
    link: FINDING_DOCS.envoyCodeModule,
  });
  return findings;
}
