import { SERVICE_ENTRY_FILE_NAME } from '../generate/service-entry';
import type { Model } from '../model';
import { asObject, textOf, type Plain } from '../plain-data';
import { checked } from './check-item';
import { slotOf } from './checklist';
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
    const socket = asObject(field(cluster, 'transportSocket'));
    const typeUrl = textOf(asObject(field(socket, 'typedConfig'))?.['@type']);
    const matches = field(cluster, 'transportSocketMatches');
    const hasTls =
      typeUrl.endsWith(UPSTREAM_TLS) ||
      (Array.isArray(matches) &&
        JSON.stringify(matches).includes(UPSTREAM_TLS) &&
        !JSON.stringify(matches).includes('istio_mtls'));
    if (!hasTls) {
      problems.push({
        code: 'proxy.cluster-no-tls',
        message: `Cluster ${name} has no TLS origination: the sidecar would send plain HTTP to the tenant's HTTPS port.`,
        cause: 'The DestinationRule that originates TLS on port 80 is missing or in another namespace.',
        fix: `Apply ${SERVICE_ENTRY_FILE_NAME} (ServiceEntry and DestinationRule) in ${target.rootNamespace}.`,
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
    out.push({ name: provider.name, config: asObject(field(provider, 'typedConfig')) });
  }
  for (const item of Object.values(object))
    if (typeof item === 'object' && item !== null) findTracers(item, out, depth + 1);
}

function uriCluster(service: Plain | undefined): { cluster: string; uri: string } {
  const uri = asObject(field(service, 'httpUri'));
  return { cluster: textOf(uri?.cluster), uri: textOf(uri?.uri) };
}

export function checkListeners(listeners: readonly Plain[], model: Model, target: VerifyTarget): ChecklistItem {
  const tracers: FoundTracer[] = [];
  findTracers(listeners, tracers);
  const otel = tracers.filter((tracer) => tracer.name === OTEL_TRACER);
  const problems: Problem[] = [];
  const notes: Problem[] = [];
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
    const sampler = asObject(field(config, 'sampler'));
    if (model.provider.sampler) {
      if (textOf(sampler?.name) !== DYNATRACE_SAMPLER) {
        problems.push({
          code: 'proxy.no-sampler',
          message: `The tracer has no ${DYNATRACE_SAMPLER}${sampler ? ` (it has ${textOf(sampler.name)})` : ''}.`,
          fix: 'Add dynatrace_sampler to the provider (apply the generated mesh config).',
        });
      } else {
        const samplerHttp = asObject(field(asObject(field(sampler, 'typedConfig')), 'httpService'));
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
