import { SERVICE_ENTRY_FILE_NAME } from '../generate/service-entry';
import type { Model } from '../model';
import { resolveSetup } from '../setup/resolved-setup';
import { asObject, textOf, type Plain } from '../plain-data';
import { checked } from './check-item';
import { slotOf } from './checklist';
import type { RejectedListener } from './recognise';
import type { VerifyTarget } from './target';
import type { ChecklistItem, Problem } from './types';

/*
 * The proxy's own view, as istioctl prints it: Envoy Cluster and Listener messages in protobuf JSON
 * (lowerCamelCase names, Any fields with "@type"; istioctl/pkg/writer/envoy/configdump). snake_case is read too.
 */

const CLUSTER = slotOf('proxy.cluster');
const TRACER = slotOf('proxy.tracer');

// Names and type URLs istiod writes (istio/istio pilot/pkg/networking/core/tracing.go, pilot/pkg/xds/filters/filters.go).
export const OTEL_TRACER = 'envoy.tracers.opentelemetry';
export const OTEL_CONFIG_TYPE = 'type.googleapis.com/envoy.config.trace.v3.OpenTelemetryConfig';
export const DYNATRACE_SAMPLER = 'envoy.tracers.opentelemetry.samplers.dynatrace';
export const DYNATRACE_RESOURCE_DETECTOR = 'envoy.tracers.opentelemetry.resource_detectors.dynatrace';
const UPSTREAM_TLS = 'envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext';

function field(object: Plain | undefined, camel: string): unknown {
  if (!object) return undefined;
  const snake = camel.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  return object[camel] ?? object[snake];
}

function missingClusterProblem(model: Model, target: VerifyTarget, cluster: string, what: string): Problem {
  return {
    code: what === 'sampler' ? 'proxy.sampler-cluster-missing' : 'proxy.cluster-missing',
    message: `The proxy has no cluster ${cluster}.`,
    cause:
      model.mode === 'operator' && what !== 'sampler'
        ? 'The telemetry-ingest service does not exist, or a Sidecar resource / REGISTRY_ONLY hides it from this proxy.'
        : `The ServiceEntry is missing, not exported to this namespace, or a Sidecar resource hides the host from this proxy.`,
    fix:
      model.mode === 'operator' && what !== 'sampler'
        ? `Check kubectl -n ${model.operator.namespace} get service ${target.collectorHost.split('.')[0]}; if a Sidecar resource limits egress, add ${model.operator.namespace}/${target.collectorHost} to its hosts.`
        : `Apply ${SERVICE_ENTRY_FILE_NAME} in ${target.rootNamespace}; if a Sidecar resource limits egress, add ${target.rootNamespace}/${cluster.split('||')[1] ?? ''} to its hosts.`,
  };
}

/**
 * Whether the cluster sends TLS of its own (a DestinationRule's tls), not Istio mTLS. istiod writes a DestinationRule's
 * TLS as the cluster's transport_socket, or (with HBONE support, 1.24.0+) as transport_socket_matches "hbone" (match
 * tunnel) and "user" (no match); auto mTLS comes as "tlsMode-istio" (only toward endpoints with a sidecar) beside
 * "tlsMode-disabled" with raw_buffer (pilot/pkg/networking/core/cluster_tls.go applyUpstreamTLSSettings, 1.22.0–1.30.3):
 * the entry without a match, other than Istio's own mTLS, is what reaches a host outside the mesh.
 */
export function clusterOriginatesTls(cluster: Plain): boolean {
  const typeOf = (socketHolder: Plain | undefined) =>
    textOf(asObject(field(asObject(field(socketHolder, 'transportSocket')), 'typedConfig'))?.['@type']);
  if (typeOf(cluster).endsWith(UPSTREAM_TLS)) return true;
  const matches = field(cluster, 'transportSocketMatches');
  if (!Array.isArray(matches)) return false;
  const fallback = matches
    .map(asObject)
    .find(
      (entry) =>
        entry !== undefined &&
        textOf(entry.name) !== 'tlsMode-istio' &&
        Object.keys(asObject(entry.match) ?? {}).length === 0,
    );
  return fallback !== undefined && typeOf(fallback).endsWith(UPSTREAM_TLS);
}

export function checkClusters(clusters: readonly Plain[], model: Model, target: VerifyTarget): ChecklistItem {
  const byName = new Map(clusters.map((cluster) => [textOf(cluster.name), cluster]));
  const problems: Problem[] = [];
  const collector = byName.get(target.collectorCluster);
  if (!collector) problems.push(missingClusterProblem(model, target, target.collectorCluster, 'collector'));
  if (
    target.samplerCluster &&
    target.samplerCluster !== target.collectorCluster &&
    !byName.has(target.samplerCluster)
  ) {
    problems.push(missingClusterProblem(model, target, target.samplerCluster, 'sampler'));
  }
  // Standalone: the DestinationRule originates TLS on port 80; without it the sidecar sends plain HTTP to the tenant's HTTPS port.
  for (const name of new Set([target.collectorCluster, target.samplerCluster])) {
    if (!name || !name.startsWith('outbound|80||')) continue;
    const cluster = byName.get(name);
    if (!cluster) continue;
    if (!clusterOriginatesTls(cluster)) {
      // Which rule this proxy should have taken: the root namespace's, or with a private CA file its namespace's own.
      const { tls } = resolveSetup(model);
      const scoped = tls.kind === 'ca-certificates';
      problems.push({
        code: 'proxy.cluster-no-tls',
        message: `Cluster ${name} has no TLS origination: the proxy would send plain HTTP to the tenant's HTTPS port.`,
        cause: scoped
          ? `With your CA in a mounted file only ${tls.rules.map((rule) => `${rule.namespace}/${rule.name}`).join(', ')} originate TLS, each for its own namespace's proxies: this proxy's namespace has none, or its labels match no rule.`
          : 'The DestinationRule that originates TLS on port 80 is missing or in another namespace.',
        // With the CA file, no namespace mounts it only at waypoints (private-CA checks, model.ts); a gateway or
        // waypoint cannot mount it (userVolume annotations act in sidecar injection only, facts §12): its own rule does.
        fix: !scoped
          ? `Apply ${SERVICE_ENTRY_FILE_NAME} (ServiceEntry and DestinationRule) in ${target.rootNamespace}.`
          : tls.mountNamespaces.length > 0
            ? `Read a proxy of ${tls.mountNamespaces.join(', ')}, or add this proxy's namespace to the private-CA namespaces (step 4, --ca-namespaces), mount the file there and apply ${SERVICE_ENTRY_FILE_NAME} again.`
            : `Read the proxy of ${tls.rules.map((rule) => rule.description).join(' or ')}; if it is that one, apply ${SERVICE_ENTRY_FILE_NAME} again: its rule must be in the proxy's namespace and select its labels (a gateway or waypoint cannot mount the CA file).`,
      });
    }
  }
  const outbound = clusters.filter((cluster) => textOf(cluster.name).startsWith('outbound|')).length;
  return checked(CLUSTER, model, target, {
    summary: collector
      ? `Cluster ${target.collectorCluster} is there (${clusters.length} clusters).`
      : `${clusters.length} clusters (${outbound} outbound), none for the provider.`,
    problems,
  });
}

interface FoundTracer {
  name: string;
  config: Plain | undefined;
  /** HttpConnectionManager.tracing.random_sampling in percent; protobuf JSON prints 0 as {} (a Percent message). */
  randomSampling: number | undefined;
}

/** Every tracer in the listeners (HttpConnectionManager.tracing.provider), wherever it sits. */
function findTracers(value: unknown, out: FoundTracer[], depth = 0): void {
  if (depth > 64 || out.length > 10000) return;
  if (Array.isArray(value)) {
    for (const item of value) findTracers(item, out, depth + 1);
    return;
  }
  const object = asObject(value);
  if (!object) return;
  const tracing = asObject(object.tracing);
  const provider = asObject(tracing?.provider);
  if (provider && typeof provider.name === 'string') {
    const random = asObject(field(tracing, 'randomSampling'));
    out.push({
      name: provider.name,
      config: asObject(field(provider, 'typedConfig')),
      randomSampling: random ? Number(random.value ?? 0) : undefined,
    });
  }
  for (const item of Object.values(object))
    if (typeof item === 'object' && item !== null) findTracers(item, out, depth + 1);
}

function uriCluster(service: Plain | undefined): { cluster: string; uri: string } {
  const uri = asObject(field(service, 'httpUri'));
  return { cluster: textOf(uri?.cluster), uri: textOf(uri?.uri) };
}

/** The header whose name is Authorization (any case), among an HttpService's request_headers_to_add. */
function authorizationOf(service: Plain | undefined): { present: boolean; value: string } {
  const headers = field(service, 'requestHeadersToAdd');
  if (!Array.isArray(headers)) return { present: false, value: '' };
  for (const option of headers) {
    const header = asObject(asObject(option)?.header);
    if (textOf(header?.key).toLowerCase() === 'authorization') return { present: true, value: textOf(header?.value) };
  }
  return { present: false, value: '' };
}

/**
 * Standalone mode sends "Api-Token <token>" to the tenant. istiod copies the header into the tracer; a header kept
 * in istiod's environment (env_name) is read when istiod starts, and an unset variable gives an empty value
 * (istio/istio pilot/pkg/networking/core/tracing.go buildHTTPHeaders, getHeaderValue; 1.22.0–1.30.3). protobuf
 * JSON leaves an empty value out, so an empty header prints as {"key": "Authorization"}.
 */
function headerProblems(service: Plain | undefined, who: string, model: Model): Problem[] {
  const auth = authorizationOf(service);
  const fromEnv = model.token.storage === 'istiod-env';
  if (!auth.present) {
    return [
      {
        code: 'proxy.auth-header-missing',
        message: `The ${who} sends no Authorization header: Dynatrace answers 401.`,
        cause:
          'The live provider has no headers block (an older snippet, or Operator-mode settings in standalone mode).',
        fix: 'Apply the generated mesh config: its http block carries the Authorization header.',
      },
    ];
  }
  // The whitespace around a field value is not part of it (RFC 9110 §5.5), in front as at the end.
  const value = auth.value.trim();
  const token = value.replace(/^Api-Token\s*/i, '').trim();
  if (token === '') {
    return [
      {
        code: 'proxy.auth-header-empty',
        message: `The ${who} sends an empty Authorization header${value ? ` ("${value}")` : ''}: Dynatrace answers 401.`,
        cause: fromEnv
          ? `istiod reads the token from its environment variable ${model.token.envName} when it starts; it was empty, so the Secret ${model.token.secretName} never reached istiod (missing Secret or key, another namespace, or istiod not restarted since).`
          : 'The header value in the live mesh config is empty.',
        fix: fromEnv
          ? `Create the Secret ${model.token.secretName} with key ${model.token.envName} in istiod's namespace, then kubectl -n <istiod namespace> rollout restart deploy/istiod.`
          : 'Apply the generated mesh config with the token in the header.',
      },
    ];
  }
  // With the token known (inline storage), the live one must be it; masked in the answer like every token.
  if (!fromEnv && model.token.value !== '' && token !== model.token.value) {
    return [
      {
        code: 'proxy.auth-header-other-token',
        message: `The ${who} sends another API token than the configuration has.`,
        cause: 'The live provider was applied with an older or another token.',
        fix: 'Apply the generated mesh config with the current token.',
      },
    ];
  }
  if (!/^Api-Token\s+\S/i.test(value)) {
    return [
      {
        code: 'proxy.auth-header-format',
        message: `The ${who}'s Authorization header does not start with "Api-Token ": Dynatrace answers 401.`,
        fix: 'The value must be "Api-Token <token>" (facts §7); apply the generated mesh config.',
      },
    ];
  }
  return [];
}

/** The live sampler's tenant and cluster ID against the configuration (envoy DynatraceSamplerConfig fields 1 and 2). */
function samplerIdentityProblems(samplerConfig: Plain | undefined, model: Model): Problem[] {
  const problems: Problem[] = [];
  const tenant = textOf(samplerConfig?.tenant);
  const clusterId = textOf(field(samplerConfig, 'clusterId'));
  const expectedTenant = model.dynatrace.environmentId;
  const expectedCluster = String(model.dynatrace.clusterId);
  if (tenant !== expectedTenant) {
    problems.push({
      code: 'proxy.sampler-other-tenant',
      message: `The live sampler names tenant ${tenant || '(none)'}; the configuration has ${expectedTenant}.`,
      cause:
        'The sampler writes the tenant into each span’s tracestate; another tenant’s key makes Dynatrace treat the traces as foreign (or the live provider is another environment’s).',
      fix: 'Apply the generated mesh config (its dynatrace_sampler.tenant), or correct the environment ID on step 2.',
    });
  }
  // protobuf JSON omits 0, the int32 default.
  if ((clusterId || '0') !== expectedCluster) {
    problems.push({
      code: 'proxy.sampler-other-cluster',
      message: `The live sampler names cluster ID ${clusterId || '0'}; the configuration has ${expectedCluster}.`,
      cause:
        'The cluster ID is part of the tracestate key the sampler writes; another ID marks the spans as another cluster’s.',
      fix: 'Apply the generated mesh config (its dynatrace_sampler.cluster_id), or correct the cluster ID on step 2.',
    });
  }
  return problems;
}

export function checkListeners(
  listeners: readonly Plain[],
  model: Model,
  target: VerifyTarget,
  rejected: readonly RejectedListener[] = [],
): ChecklistItem {
  const tracers: FoundTracer[] = [];
  findTracers(listeners, tracers);
  const otel = tracers.filter((tracer) => tracer.name === OTEL_TRACER);
  const problems: Problem[] = [];
  const notes: Problem[] = [];
  for (const listener of rejected) {
    // envoy admin ListenersConfigDump.DynamicListener.error_state: the last update Envoy refused for this listener.
    problems.push({
      code: 'proxy.listener-rejected',
      message: `The proxy rejected its last update of listener ${listener.name || '(unnamed)'}: ${listener.details.slice(0, 400)}`,
      cause: 'Envoy keeps the listener’s previous configuration, so a tracer added since is not in it.',
      fix: 'Fix what the message names (often an EnvoyFilter or a provider field), then check again.',
    });
  }
  const others = [...new Set(tracers.filter((t) => t.name !== OTEL_TRACER).map((t) => t.name))];
  if (otel.length === 0) {
    problems.push({
      code: others.length ? 'proxy.other-tracer' : 'proxy.no-tracer',
      message: others.length
        ? `The listeners trace with ${others.join(', ')}, not ${OTEL_TRACER}.`
        : 'No listener of this proxy traces at all.',
      cause: others.length
        ? 'Another tracing provider applies to this workload (a Telemetry or defaultProviders.tracing names it).'
        : 'No Telemetry applies to this workload, istiod could not configure the provider (see its logs), or the pod is not in the Telemetry’s scope.',
      fix: 'Check the Telemetry and istiod items above; paste their outputs if you have not.',
    });
  }
  // istiod writes random_sampling 100 with a custom sampler, else the Telemetry's or mesh's percentage
  // (pilot/pkg/networking/core/tracing.go configureSampling, 1.22.0–1.30.3): 0 traces nothing.
  const unsampled = otel.filter((tracer) => tracer.randomSampling === 0).length;
  if (otel.length > 0 && unsampled === otel.length) {
    problems.push({
      code: 'proxy.sampling-zero',
      message: `Every listener that traces samples 0 % of requests (random_sampling 0): no span is started.`,
      cause: model.provider.sampler
        ? 'The live provider has no Dynatrace sampler (istiod would sample 100 % for it), and the Telemetry or mesh sampling is 0.'
        : 'randomSamplingPercentage is 0 in the Telemetry that applies, or defaultConfig.tracing.sampling is 0.',
      fix: model.provider.sampler
        ? 'Apply the generated mesh config (with the sampler).'
        : `Set randomSamplingPercentage to ${model.telemetry.samplingPercentage} in the Telemetry (step 5).`,
    });
  }
  const seen = new Set<string>();
  for (const tracer of otel) {
    const config = tracer.config;
    const key = JSON.stringify(config);
    if (seen.has(key)) continue;
    seen.add(key);
    const typeUrl = textOf(config?.['@type']);
    if (typeUrl !== '' && typeUrl !== OTEL_CONFIG_TYPE) {
      notes.push({ code: 'proxy.tracer-type', message: `Unexpected tracer config type ${typeUrl}.` });
    }
    const http = asObject(field(config, 'httpService'));
    const grpc = asObject(field(config, 'grpcService'));
    const exporter = http
      ? uriCluster(http)
      : {
          cluster: textOf(
            asObject(field(grpc, 'envoyGrpc'))?.[`clusterName`] ?? asObject(field(grpc, 'envoyGrpc'))?.cluster_name,
          ),
          uri: '',
        };
    if (exporter.cluster !== target.collectorCluster) {
      problems.push({
        code: 'proxy.tracer-wrong-cluster',
        message: `The tracer exports to ${exporter.cluster || '(no cluster)'}, not ${target.collectorCluster}.`,
        cause: 'The live provider points elsewhere than the generated one (or another provider applies).',
        fix: 'Compare the live mesh config with the generated one (mesh config items above).',
      });
    }
    if (http && !exporter.uri.endsWith(target.provider.opentelemetry.http.path)) {
      problems.push({
        code: 'proxy.tracer-wrong-path',
        message: `The tracer posts to ${exporter.uri}, not …${target.provider.opentelemetry.http.path}.`,
        fix: 'Apply the generated mesh config; its path is right for your environment.',
      });
    }
    if (!http && grpc) {
      problems.push({
        code: 'proxy.tracer-grpc',
        message: 'The tracer exports over gRPC; Dynatrace takes OTLP over HTTP.',
        fix: 'Apply the generated mesh config (it has an http block).',
      });
    }
    const detectors = field(config, 'resourceDetectors');
    const detectorNames = Array.isArray(detectors) ? detectors.map((d) => textOf(asObject(d)?.name)) : [];
    if (model.provider.resourceDetector && !detectorNames.includes(DYNATRACE_RESOURCE_DETECTOR)) {
      problems.push({
        code: 'proxy.no-resource-detector',
        message: `The tracer has no ${DYNATRACE_RESOURCE_DETECTOR}.`,
        fix: 'Add resource_detectors: {dynatrace: {}} to the provider (apply the generated mesh config).',
      });
    }
    if (model.mode === 'standalone' && http) problems.push(...headerProblems(http, 'tracer', model));
    const sampler = asObject(field(config, 'sampler'));
    if (model.provider.sampler) {
      if (textOf(sampler?.name) !== DYNATRACE_SAMPLER) {
        problems.push({
          code: 'proxy.no-sampler',
          message: `The tracer has no ${DYNATRACE_SAMPLER}${sampler ? ` (it has ${textOf(sampler.name)})` : ''}.`,
          fix: 'Add dynatrace_sampler to the provider (apply the generated mesh config).',
        });
      } else {
        const samplerConfig = asObject(field(sampler, 'typedConfig'));
        problems.push(...samplerIdentityProblems(samplerConfig, model));
        const samplerHttp = asObject(field(samplerConfig, 'httpService'));
        if (target.samplerCluster && target.samplerCluster !== target.collectorCluster) {
          problems.push(...headerProblems(samplerHttp, 'sampler', model));
        }
        const samplerCluster = uriCluster(samplerHttp).cluster;
        if (target.samplerCluster && samplerCluster !== target.samplerCluster) {
          problems.push({
            code: 'proxy.sampler-wrong-cluster',
            message: `The sampler asks ${samplerCluster || '(no cluster)'}, not ${target.samplerCluster}.`,
            fix: 'Apply the generated mesh config (its sampler http_service).',
          });
        }
      }
    }
  }
  return checked(TRACER, model, target, {
    summary: otel.length
      ? `${otel.length} listener${otel.length === 1 ? '' : 's'} trace with ${OTEL_TRACER}.`
      : `No ${OTEL_TRACER} tracer in ${listeners.length} listeners.`,
    problems,
    notes,
  });
}
