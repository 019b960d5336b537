import { resolveSetup } from '../setup/resolved-setup';
import type { Model } from '../model';
import type { ProxyInput, TelemetryInput } from './tracing-rules';

/*
 * The proxy that stands for "where the user wants traces": the wizard's Telemetry scope turned into one proxy
 * the rules module can resolve for. A namespace-wide scope stands for a pod without labels (no selector
 * Telemetry matches it); the mesh-wide scope for a pod in a namespace that has no Telemetry of its own; a
 * waypoint scope for the waypoint serving a Service of its own namespace.
 */

export interface TracingScope {
  /** The namespace the Telemetry lives in. */
  namespace: string;
  rootNamespace: string;
  /** The workload selector; empty for namespace-wide. */
  matchLabels: Record<string, string>;
  /** The waypoint Gateway targeted (in `namespace`). */
  waypoint?: string | undefined;
  /** Ambient mode tracing at waypoints, without a named waypoint: namespace-wide for the waypoints there. */
  atWaypoints?: boolean | undefined;
}

/** The wizard's scope: where its Telemetry lives and what it attaches to. */
export function tracingScopeOf(model: Model): TracingScope {
  const { telemetry, controlPlane, dataPlane } = resolveSetup(model);
  return {
    namespace: telemetry.namespace,
    rootNamespace: controlPlane.rootNamespace,
    matchLabels: { ...telemetry.matchLabels },
    waypoint: telemetry.waypoint?.name,
    atWaypoints: dataPlane.kind === 'waypoints',
  };
}

export function isMeshWide(scope: TracingScope): boolean {
  return scope.namespace === scope.rootNamespace && Object.keys(scope.matchLabels).length === 0 && !scope.waypoint;
}

/** A namespace name no given Telemetry uses, for "any namespace without its own Telemetry". */
export function unusedNamespace(telemetries: readonly Pick<TelemetryInput, 'namespace'>[]): string {
  const used = new Set(telemetries.map((t) => t.namespace));
  let name = 'a-namespace-without-telemetry';
  for (let i = 2; used.has(name); i++) name = `a-namespace-without-telemetry-${i}`;
  return name;
}

export function scopeProxy(scope: TracingScope, telemetries: readonly Pick<TelemetryInput, 'namespace'>[]): ProxyInput {
  if (scope.waypoint)
    return {
      kind: 'waypoint',
      namespace: scope.namespace,
      labels: {},
      gatewayName: scope.waypoint,
      service: { namespace: scope.namespace, name: 'a-service-it-serves', kind: 'Service' },
    };
  const namespace = isMeshWide(scope) ? unusedNamespace(telemetries) : scope.namespace;
  if (scope.atWaypoints)
    return {
      kind: 'waypoint',
      namespace,
      labels: {},
      gatewayName: 'waypoint',
      service: { namespace, name: 'a-service-it-serves', kind: 'Service' },
    };
  return { kind: 'sidecar', namespace, labels: { ...scope.matchLabels } };
}

export function describeScope(scope: TracingScope): string {
  if (scope.waypoint) return `the waypoint ${scope.waypoint} in ${scope.namespace}`;
  const labels = Object.entries(scope.matchLabels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  if (labels) return `workloads labelled ${labels} in ${scope.namespace}`;
  return isMeshWide(scope) ? 'the whole mesh' : `namespace ${scope.namespace}`;
}
