import { DEFAULT_ISTIO_VERSION } from './istio-releases';
import { isAtLeast, parseIstioVersion, type IstioVersion } from './istio-version';

/*
 * Which spans a request through an ingress gateway or a waypoint produces, per Istio version, as istiod configures
 * Envoy (istio/istio pilot/pkg/networking/core/tracing.go configureFromProviderConfig and configureCustomTags):
 * - Gateways (proxy type Router): Envoy's `spawn_upstream_span` adds a client span for the upstream request under
 *   the gateway's own span. 1.22.0–1.25.x: never set for OpenTelemetry; 1.26.0: istiod flag
 *   PILOT_SPAWN_UPSTREAM_SPAN_FOR_GATEWAY, default false (pilot/pkg/features/telemetry.go); 1.28.0: default true;
 *   1.31.0-rc.0: the flag is gone and gateways always spawn it (`startChildSpan := proxy.Type == model.Router`).
 * - Waypoints (proxy type Waypoint, not Router): one span per request, never an upstream span. From 1.29.0 their spans
 *   carry the peers' workload tags (buildWaypointSourceTags, added whatever enableIstioTags says).
 * Data only: the span path text (verify/trace-path.ts) is meant to read it.
 */

export type GatewayUpstreamSpan = 'never' | 'opt-in' | 'on-by-default' | 'always';

/** The flag istiod 1.26–1.30 reads; 1.31 no longer has it. */
export const GATEWAY_UPSTREAM_SPAN_FLAG = 'PILOT_SPAWN_UPSTREAM_SPAN_FOR_GATEWAY';

/** The span tags a waypoint adds from 1.29.0 (tag names as in tracing.go at 1.29.0 … 1.31.0-rc.0). */
export const WAYPOINT_PEER_TAGS = [
  'istio.source_workload',
  'istio.source_namespace',
  'istio.source_cluster_id',
  'istio.source_canonical_service',
  'istio.source_canonical_revision',
  'istio.source_app',
  'istio.source_app_version',
  'istio.source_workload_type',
  'istio.source_instance_name',
  'istio.destination_workload',
  'istio.destination_namespace',
  'istio.destination_cluster_id',
  'istio.destination_canonical_service',
  'istio.destination_canonical_revision',
  'istio.destination_app',
  'istio.destination_app_version',
  'istio.destination_workload_type',
  'istio.destination_instance_name',
] as const;

/** An unreadable version is read as the wizard's default, the newest release it knows. */
function versionOf(istioVersion: string): IstioVersion {
  return parseIstioVersion(istioVersion) ?? parseIstioVersion(DEFAULT_ISTIO_VERSION)!;
}

export function gatewayUpstreamSpan(istioVersion: string): GatewayUpstreamSpan {
  const version = versionOf(istioVersion);
  if (isAtLeast(version, 1, 31)) return 'always';
  if (isAtLeast(version, 1, 28)) return 'on-by-default';
  if (isAtLeast(version, 1, 26)) return 'opt-in';
  return 'never';
}

export interface ProxySpan {
  /** `proxy`: the span of the request as the proxy received it; `upstream`: the extra span for its upstream call. */
  role: 'proxy' | 'upstream';
  /** Only with the istiod flag set this way (1.26–1.30); undefined when the version decides alone. */
  needsFlag?: { name: typeof GATEWAY_UPSTREAM_SPAN_FLAG; value: boolean };
  text: string;
}

export interface SpansThroughProxy {
  spans: ProxySpan[];
  /** Span tags the proxy adds on this version beyond the Telemetry's custom tags. */
  extraTags: readonly string[];
  notes: string[];
}

/**
 * The spans one request through an ingress gateway or a waypoint produces on this Istio version.
 * `gatewayFlag` is the value of PILOT_SPAWN_UPSTREAM_SPAN_FOR_GATEWAY on istiod when the user knows it.
 */
export function spansThroughProxy(
  proxy: 'gateway' | 'waypoint',
  istioVersion: string,
  gatewayFlag?: boolean,
): SpansThroughProxy {
  const version = versionOf(istioVersion);
  if (proxy === 'waypoint') {
    const tagged = isAtLeast(version, 1, 29);
    return {
      spans: [{ role: 'proxy', text: 'One span per request, from the waypoint; waypoints add no upstream span.' }],
      extraTags: tagged ? WAYPOINT_PEER_TAGS : [],
      notes: tagged
        ? ['The waypoint’s spans name the source and destination workloads (istio.source_workload, …; Istio 1.29+).']
        : ['The waypoint’s spans do not name the source and destination workloads before Istio 1.29.'],
    };
  }
  const own: ProxySpan = { role: 'proxy', text: 'The gateway’s span for the request it received.' };
  const upstream = (needsFlag?: boolean): ProxySpan => ({
    role: 'upstream',
    ...(needsFlag === undefined ? {} : { needsFlag: { name: GATEWAY_UPSTREAM_SPAN_FLAG, value: needsFlag } }),
    text: 'A client span for the gateway’s call to the backend, a child of the gateway’s span.',
  });
  switch (gatewayUpstreamSpan(istioVersion)) {
    case 'never':
      return {
        spans: [own],
        extraTags: [],
        notes: [
          'Before Istio 1.26 a gateway makes one span per request; its call to the backend gets no span of its own.',
        ],
      };
    case 'opt-in':
      return {
        spans: gatewayFlag === true ? [own, upstream(true)] : [own],
        extraTags: [],
        notes: [
          `On Istio 1.26 and 1.27 the gateway adds a span for its call to the backend only when istiod runs with ${GATEWAY_UPSTREAM_SPAN_FLAG}=true.`,
        ],
      };
    case 'on-by-default':
      return {
        spans: gatewayFlag === false ? [own] : [own, upstream(true)],
        extraTags: [],
        notes: [
          `From Istio 1.28 the gateway adds a span for its call to the backend unless istiod runs with ${GATEWAY_UPSTREAM_SPAN_FLAG}=false.`,
        ],
      };
    case 'always':
      return {
        spans: [own, upstream()],
        extraTags: [],
        notes: [
          `From Istio 1.31 the gateway always adds a span for its call to the backend (${GATEWAY_UPSTREAM_SPAN_FLAG} is gone).`,
        ],
      };
  }
}
