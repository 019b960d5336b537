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
  /** Why a benign line is not a failure (default: the sampler's expected stop in Operator mode). */
  benignCause?: string;
  /** A later line matching this says the cause is gone: the earlier lines become notes. */
  resolvedBy?: RegExp;
  resolvedCause?: string;
  /** Only lines about this configuration count (e.g. they name our provider or cluster). */
  concernsUs?: (line: string, model: Model, target: VerifyTarget) => boolean;
  cause: (model: Model, target: VerifyTarget, match: RegExpExecArray) => string;
  fix: (model: Model, target: VerifyTarget, match: RegExpExecArray) => string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A multi-line message (multierror lists, NACK details) as one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*\*?\s*/g, ' ').trim();
}

/** istiod names a connection "<pod>.<namespace>-<n>" (pilot/pkg/xds/ads.go connectionID(proxy.ID), 1.22.0–1.30.3). */
function proxyOf(connection: string): string {
  const parts = connection.split('~'); // older istiod: "<type>~<ip>~<pod>.<namespace>~<domain>-<n>"
  return (parts.length >= 3 ? parts[2]! : connection).replace(/-\d+$/, '');
}

const TRACER_WORDS = /opentelemetry|tracer|tracing|dynatrace|sampler|resource_detector/i;

function rejectionCause(reason: string, _model: Model, target: VerifyTarget, who: string): string {
  const text = oneLine(reason).slice(0, 400);
  const tracer = TRACER_WORDS.test(reason) || reason.includes(target.collectorHost);
  return tracer
    ? `${who} rejected the tracer configuration: ${text}. Envoy keeps the listeners it had, without the tracer, so no span is exported.`
    : `${who} rejected the configuration istiod sent: ${text}. Envoy keeps the previous configuration of what it rejected, so a tracer added since is not there.`;
}

function rejectionFix(): string {
  return 'Fix what Envoy names (a provider field, an EnvoyFilter, an unsupported extension for this proxy version), then look for ACK ERROR again; istioctl proxy-status shows which proxies are out of date.';
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
    // ignored if the given extension provider is not used): %v"), the error from extensionprovider.go
    // validateExtensionProvider: "invalid extension provider <name>: <reason>", several as a multierror list
    // ("2 errors occurred:\n\t* invalid extension provider …") (1.22.0–1.30.3). A warning: istiod keeps the provider
    // (facts §10); a line about another provider is not ours to fail.
    code: 'istiod.invalid-provider',
    source: 'istiod',
    pattern: /found invalid extension provider[^:]*:\s*([\s\S]*)/,
    concernsUs: (line, model) => {
      const name = escapeRegExp(model.provider.name);
      return new RegExp(
        `invalid extension provider ${name}:|duplicate extension provider name ${name}(?![\\w.-])`,
        'i',
      ).test(line);
    },
    cause: (_model, _target, match) =>
      `istiod's validation rejects a field of this provider: ${oneLine(match[1] ?? '')}. It keeps running and still tries the provider, which may then fail.`,
    fix: () =>
      `Compare the live mesh config with the generated ${MESH_CONFIG_FILE_NAME}; the message names the field (e.g. a port out of range, a missing service).`,
  },
  {
    // istiod cannot read the mesh config that was applied and keeps the defaults or the last one it read:
    // 1.22.0–1.24.x pkg/config/mesh/watcher.go log.Warnf("failed to read mesh configuration, using default: %v") and
    // pkg/config/mesh/kubemesh/watcher.go log.Errorf("failed to read mesh config from ConfigMap: %v");
    // 1.25.0–1.31.0-rc.0 pkg/config/mesh/meshwatcher/collection.go log.Warnf("invalid mesh config, using last known
    // state: %v") / ("invalid mesh config, ignoring: %v"); pilot/pkg/bootstrap/mesh.go "Using default mesh - missing file".
    code: 'istiod.mesh-config-unread',
    source: 'istiod',
    // 1.22.0–1.24.x pkg/config/mesh/watcher.go: log.Infof("mesh configuration updated to: %s") after a good read.
    resolvedBy: /mesh configuration updated to:/,
    resolvedCause:
      'istiod read a mesh config after this line ("mesh configuration updated to"): the problem was fixed since.',
    pattern:
      /(failed to read mesh configuration, using default|failed to read mesh config from ConfigMap|invalid mesh config, using last known state|invalid mesh config, ignoring|Using default mesh - missing file)[:\s]*([\s\S]*)/,
    cause: (_model, _target, match) =>
      `istiod could not read the mesh config that was applied${match[2] ? ` (${oneLine(match[2]).slice(0, 300)})` : ''}, so it runs on ${/default/.test(match[1] ?? '') ? 'the default mesh config' : 'the last mesh config it could read, or the defaults'}: the provider as applied is not what istiod uses.`,
    fix: () =>
      `Correct what the message names in data.mesh, apply ${MESH_CONFIG_FILE_NAME} again, and check that this line does not come back.`,
  },
  {
    // A proxy NACKed what istiod sent: istio/istio pkg/xds/server.go ShouldRespond (1.24.0–1.30.3; pilot/pkg/xds/ads.go
    // at 1.22.0) and pilot/pkg/xds/delta.go: log.Warnf("ADS:%s: ACK ERROR %s %s:%s", type, connection, grpc code,
    // Envoy's reason), e.g. "ADS:LDS: ACK ERROR productpage-v1-6f9d6b8c7-4xk2p.bookinfo-12 Internal:Error
    // adding/updating listener(s) …". At warn level, so it never showed among the unknown error lines.
    code: 'istiod.proxy-rejected-config',
    source: 'istiod',
    pattern: /ADS:(\w+): ACK ERROR (\S+) (\w+):([\s\S]*)/,
    benign: (_model, _target, line) => !/ADS:(?:LDS|CDS|ECDS): ACK ERROR/.test(line),
    benignCause: 'Routes, endpoints or secrets were rejected, not listeners or clusters: the tracer is not in them.',
    cause: (model, target, match) =>
      rejectionCause(match[4] ?? '', model, target, `the proxy ${proxyOf(match[2] ?? '')}`),
    fix: () => rejectionFix(),
  },
  {
    // Envoy's side of the same: envoyproxy/envoy source/extensions/config_subscription/grpc/grpc_subscription_impl.cc
    // ENVOY_LOG(warn, "gRPC config for {} rejected: {}", type_url, reason) (commit a19aa54); delta xDS (istio's
    // default) logs "delta config for {} rejected: {}" (delta_subscription_state.cc).
    code: 'proxy.config-rejected',
    source: 'proxy',
    pattern: /(?:gRPC|delta) config for (\S+) rejected: ([\s\S]*)/,
    benign: (_model, _target, line) => !/config for \S*(?:Listener|Cluster|TypedExtensionConfig) rejected/.test(line),
    benignCause: 'Routes, endpoints or secrets were rejected, not listeners or clusters: the tracer is not in them.',
    cause: (model, target, match) => rejectionCause(match[2] ?? '', model, target, 'this proxy'),
    fix: () => rejectionFix(),
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
          // In Operator mode the exporter talks to the in-cluster collector: a 503 comes from it, or from the sidecar
          // when the collector has no ready endpoint; not from Dynatrace's limits.
          return model.mode === 'operator'
            ? 'The telemetry-ingest collector is not running or not ready: its pods are starting, crashing or missing, so the service has no ready endpoint.'
            : 'Dynatrace is throttling ingest or briefly unavailable; with the Dynatrace sampler istiod sends every request to it (istio#53012).';
        case '429':
          return 'Ingest is throttled; with the Dynatrace sampler istiod sends every request to the sampler (istio#53012).';
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
          return model.mode === 'operator'
            ? `Check the collector: kubectl -n ${model.operator.namespace} get statefulset ${model.operator.dynakubeName}-otel-collector and its pods, and the DynaKube's status (kubectl -n ${model.operator.namespace} get dynakube ${model.operator.dynakubeName} -o yaml).`
            : 'Lower root spans per minute, or check your environment’s ingest limits.';
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
export const ERROR_LINE = /^\S*\t(error|critical|fatal)\t|\]\[(error|critical)\]/;
