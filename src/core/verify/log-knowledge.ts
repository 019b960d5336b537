import { SERVICE_ENTRY_FILE_NAME } from '../generate/service-entry';
import { MESH_CONFIG_FILE_NAME } from '../generate/mesh-config';
import { telemetryIngestServiceHost } from '../endpoints';
import type { Model } from '../model';
import type { VerifyTarget } from './target';

/*
 * The troubleshooting table as data: each known log line, matched by a pattern built from the exact
 * message in its source (cited next to it), with its cause and fix for this configuration.
 */

export type LogSource = 'istiod' | 'proxy';

export interface LogPattern {
  code: string;
  source: LogSource;
  pattern: RegExp;
  /** Known lines that are expected in some setups and do not fail the check. */
  benign?: (model: Model, target: VerifyTarget, line: string) => boolean;
  /** Only lines about this configuration count (e.g. they name our provider or cluster). */
  concernsUs?: (line: string, model: Model, target: VerifyTarget) => boolean;
  cause: (model: Model, target: VerifyTarget, match: RegExpExecArray) => string;
  fix: (model: Model, target: VerifyTarget, match: RegExpExecArray) => string;
}

function missingClusterFix(model: Model, target: VerifyTarget): string {
  if (model.mode === 'operator') {
    const service = telemetryIngestServiceHost(model).split('.')[0];
    return `Check that kubectl -n ${model.operator.namespace} get service ${service} finds the telemetry-ingest service (enable telemetryIngest with the otlp protocol in the DynaKube, or fix the DynaKube / service name on step 2).`;
  }
  return `Apply ${SERVICE_ENTRY_FILE_NAME} in ${target.rootNamespace} (kubectl apply -n ${target.rootNamespace} -f ${SERVICE_ENTRY_FILE_NAME}); the provider's service is ${target.provider.opentelemetry.service}.`;
}

export const LOG_PATTERNS: readonly LogPattern[] = [
  {
    // istio/istio pilot/pkg/networking/core/tracing.go: log.Warnf("Not able to configure requested tracing provider %q: %v")
    // wrapping "could not find cluster for tracing provider" (otelConfig) or "… for dynatrace sampler" (configureDynatraceSampler).
    code: 'istiod.provider-cluster-missing',
    source: 'istiod',
    pattern:
      /Not able to configure requested tracing provider "([^"]*)": could not find cluster for (tracing provider|dynatrace sampler)/,
    concernsUs: (line, model) => line.toLowerCase().includes(`"${model.provider.name.toLowerCase()}"`),
    cause: (model, _target, match) =>
      match[2] === 'dynatrace sampler'
        ? 'The sampler’s http_service names a host istiod does not know, so the provider is skipped and the proxy gets no tracer.'
        : model.mode === 'operator'
          ? 'istiod cannot find the telemetry-ingest service in its registry: it does not exist under that name, or telemetry ingest is off in the DynaKube.'
          : 'istiod cannot find the tenant host: the ServiceEntry is missing, or in another namespace than the provider’s service reference.',
    fix: (model, target) => missingClusterFix(model, target),
  },
  {
    // istio/istio pilot/pkg/networking/core/tracing.go configureDynatraceSampler:
    // "dynatrace sampler could not get http settings. considering setting the http_service field on the dynatrace sampler"
    code: 'istiod.sampler-no-http',
    source: 'istiod',
    pattern: /dynatrace sampler could not get http settings/,
    cause: () =>
      'The provider exports over gRPC (no http block), so the Dynatrace sampler has no HTTP endpoint to reuse.',
    fix: () =>
      `Use the generated ${MESH_CONFIG_FILE_NAME}: it exports over HTTP and sets the sampler's endpoint where needed.`,
  },
  {
    // istio/istio pilot/pkg/networking/core/tracing.go: any other error of configureFromProviderConfig.
    code: 'istiod.provider-not-configured',
    source: 'istiod',
    pattern: /Not able to configure requested tracing provider "([^"]*)": (.*)/,
    concernsUs: (line, model) => line.toLowerCase().includes(`"${model.provider.name.toLowerCase()}"`),
    cause: (_model, _target, match) => `istiod could not build the tracer: ${match[2] ?? ''}`.trim(),
    fix: () => `Compare the live mesh config with the generated ${MESH_CONFIG_FILE_NAME} and apply it again.`,
  },
  {
    // istio/istio pkg/config/validation/agent/validation.go: scope.Warnf("found invalid extension provider (can be
    // ignored if the given extension provider is not used): %v"). A warning: istiod keeps the provider (facts §10).
    code: 'istiod.invalid-provider',
    source: 'istiod',
    pattern: /found invalid extension provider[^:]*:\s*(.*)/,
    cause: (_model, _target, match) =>
      `istiod's validation rejects a provider field: ${match[1] ?? ''}. It keeps running and still tries the provider.`,
    fix: () =>
      `Compare the live mesh config with the generated ${MESH_CONFIG_FILE_NAME}; the message names the field (e.g. duplicate names, a port out of range, a missing service).`,
  },
  {
    // istio/istio pilot/pkg/model/telemetry_logging.go: "could not find cluster for open telemetry provider %q" (access logs).
    code: 'istiod.access-log-cluster-missing',
    source: 'istiod',
    pattern: /could not find cluster for (open telemetry|http grpc|tcp grpc) provider "([^"]*)"/,
    concernsUs: (line, model) => line.toLowerCase().includes(`"${model.provider.name.toLowerCase()}"`),
    cause: () =>
      'A Telemetry uses this provider for access logging and istiod cannot find its service: same cause as for tracing.',
    fix: (model, target) => missingClusterFix(model, target),
  },
  {
    // envoyproxy/envoy source/extensions/tracers/opentelemetry/http_trace_exporter.cc:
    // "OTLP HTTP exporter received a non-success status code: {} while exporting the OTLP message"
    code: 'proxy.export-status',
    source: 'proxy',
    pattern: /OTLP HTTP exporter received a non-success status code: (\d{3})/,
    cause: (model, _target, match) => {
      switch (match[1]) {
        case '401':
          return 'Dynatrace rejects the API token: it is wrong, expired, or not sent as "Api-Token <token>".';
        case '403':
          return 'The API token lacks the scope openTelemetryTrace.ingest.';
        case '404':
          return model.mode === 'operator'
            ? 'The collector has no OTLP HTTP receiver at /v1/traces: telemetry ingest without the otlp protocol.'
            : 'Wrong path: the endpoint must end in /api/v2/otlp/v1/traces (after /e/<environment-id> for Managed and ActiveGate).';
        case '503':
        case '429':
          return 'Dynatrace is throttling ingest; with the Dynatrace sampler istiod sends every request to it (istio#53012).';
        default:
          return `The endpoint answered ${match[1]} instead of 200.`;
      }
    },
    fix: (model, _target, match) => {
      switch (match[1]) {
        case '401':
        case '403':
          return 'Create a token with openTelemetryTrace.ingest (step 2) and update the header or the Secret istiod reads; then restart istiod if the token is in its environment.';
        case '404':
          return model.mode === 'operator'
            ? 'Enable telemetryIngest with the otlp protocol in the DynaKube.'
            : `Apply the generated ${MESH_CONFIG_FILE_NAME}: its path is right for your environment.`;
        case '503':
        case '429':
          return 'Lower root spans per minute, or check your environment’s ingest limits.';
        default:
          return 'Check the endpoint with the token check on this page.';
      }
    },
  },
  {
    // envoyproxy/envoy source/extensions/tracers/opentelemetry/http_trace_exporter.cc:
    // "OTLP HTTP exporter failed: [cluster = {}] is not configured"; samplers/dynatrace/sampler_config_provider.cc:
    // "SamplerConfigProviderImpl failed: [cluster = {}] is not configured"
    code: 'proxy.cluster-not-configured',
    source: 'proxy',
    pattern: /\[cluster = ([^\]]*)\] is not configured/,
    cause: () =>
      'The proxy has a tracer but not its cluster: outboundTrafficPolicy REGISTRY_ONLY or a Sidecar resource hides the endpoint from it (istio#53701).',
    fix: (_model, target, match) =>
      `Add ${target.rootNamespace}/${(match[1] ?? target.collectorCluster).split('||')[1] ?? target.collectorHost} to the egress hosts of the Sidecar resource for this workload.`,
  },
  {
    // envoyproxy/envoy source/extensions/tracers/opentelemetry/samplers/dynatrace/sampler_config_provider.cc:
    // "Stopped to query sampling configuration from Dynatrace." after a status that is not retried (not 200/429/5xx).
    code: 'proxy.sampler-stopped',
    source: 'proxy',
    pattern: /Stopped to query sampling configuration from Dynatrace\./,
    // Operator mode without the tenant: the sampler asks the collector, gets 404, stops once (facts §10). Expected.
    benign: (_model, target) => target.samplerCluster === target.collectorCluster && target.collectorPort !== 80,
    cause: () =>
      'The sampler got an answer it does not retry (e.g. 401, 403, 404) and stopped asking; it keeps sampling at its fallback rate.',
    fix: () =>
      'Run the token check (adaptiveTrafficManagement.read); for Managed and ActiveGate the path must start with /e/<environment-id>.',
  },
  {
    // envoyproxy/envoy source/extensions/tracers/opentelemetry/samplers/dynatrace/sampler_config_provider.cc:
    // "Failed to get sampling configuration from Dynatrace: {}" (status) or "… from Dynatrace. Reason {}" (no answer).
    code: 'proxy.sampler-config-failed',
    source: 'proxy',
    pattern: /Failed to get sampling configuration from Dynatrace(?:: (\d{3})|\. Reason (\d+))/,
    benign: (_model, target, line) =>
      target.samplerCluster === target.collectorCluster && target.collectorPort !== 80 && /: 404\b/.test(line),
    cause: (_model, _target, match) =>
      match[1] === '401' || match[1] === '403'
        ? 'The token cannot read the sampling configuration (scope adaptiveTrafficManagement.read).'
        : match[1] === '404'
          ? 'The sampler asks the wrong path for its rate.'
          : 'The sampler cannot read its rate from Dynatrace; it samples at its fallback rate.',
    fix: () =>
      'Run the token check on this page; for Managed and ActiveGate the sampler’s path must start with /e/<environment-id>.',
  },
];

/** Lines that look like errors but match no known pattern are listed, never silently dropped. */
export const ERROR_LINE = /\t(error|critical|fatal)\t|\]\[(error|critical)\]/;
