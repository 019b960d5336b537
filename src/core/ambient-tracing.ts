/*
 * Ambient mode: what the user chose to do about it, and what that means for the Telemetry.
 * In ambient mode ztunnel handles L4 only and emits no spans; the Envoy proxies istiod configures there are
 * waypoints and gateways, and the same Telemetry API and extension provider make them trace
 * (istio/istio pilot/pkg/networking/core/listener_waypoint.go builds the waypoint's HTTP connection manager
 * with the service as policy target; pilot/pkg/networking/core/tracing.go configureTracing reads the
 * Telemetry for it). No zod here: the first screen uses these.
 */

/** `sidecar`: trace only workloads in sidecar mode (the guide's advice); `waypoints`: trace at waypoints and gateways. */
export const AMBIENT_TRACING_CHOICES = ['sidecar', 'waypoints'] as const;
export type AmbientTracing = (typeof AMBIENT_TRACING_CHOICES)[number];

/** The Gateway API group a waypoint Gateway belongs to (istio/api type/v1beta1/selector.proto PolicyTargetReference). */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

export interface WaypointRef {
  name: string;
  namespace: string;
}

interface AmbientAnswers {
  istio: { ambient: boolean; ambientTracing?: AmbientTracing | undefined };
}

interface TelemetryPlacement extends AmbientAnswers {
  telemetry: { namespace: string; waypoint?: Partial<WaypointRef> | undefined };
}

/** True when the user runs ambient mode and chose to trace at waypoints and gateways. */
export function tracesAtWaypoints(model: AmbientAnswers): boolean {
  return model.istio.ambient && model.istio.ambientTracing === 'waypoints';
}

/** The waypoint Gateway the Telemetry targets, when the user named one (and traces at waypoints). */
export function waypointTarget(model: TelemetryPlacement): WaypointRef | undefined {
  if (!tracesAtWaypoints(model)) return undefined;
  const name = model.telemetry.waypoint?.name?.trim() ?? '';
  const namespace = model.telemetry.waypoint?.namespace?.trim() ?? '';
  return name === '' ? undefined : { name, namespace };
}

/** Where the Telemetry lives: a Gateway-targeted policy must sit in the Gateway's own namespace. */
export function telemetryNamespace(model: TelemetryPlacement): string {
  return waypointTarget(model)?.namespace ?? model.telemetry.namespace;
}

/**
 * The Telemetry's targetRefs for a waypoint. Only group/kind/name: PolicyTargetReference has no apiVersion
 * field (istiod's webhook rejects the `apiVersion: gateway.networking.k8s.io/v1` form, istio#57261), and its
 * namespace must stay empty ("cross namespace referencing is not currently supported", istio/api
 * type/v1beta1/selector.proto).
 */
export function waypointTargetRefs(waypoint: WaypointRef): { group: string; kind: 'Gateway'; name: string }[] {
  return [{ group: GATEWAY_API_GROUP, kind: 'Gateway', name: waypoint.name }];
}

// A waypoint's Service is named after its Gateway (istio/istio manifests/charts/istio-control/istio-discovery/
// files/waypoint.yaml, DeploymentName; the waypoint class sets DisableNameSuffix in
// pilot/pkg/config/kube/gatewaycommon/classinfo.go), so the name follows Service rules: RFC 1035 label.
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export interface WaypointIssue {
  path: (string | number)[];
  message: string;
}

/** Problems with the waypoint target, checked only when it is used (so a hidden field never blocks). */
export function waypointIssues(
  model: TelemetryPlacement & { telemetry: { selector: readonly unknown[] } },
): WaypointIssue[] {
  if (!tracesAtWaypoints(model)) return [];
  const issues: WaypointIssue[] = [];
  const name = model.telemetry.waypoint?.name?.trim() ?? '';
  const namespace = model.telemetry.waypoint?.namespace?.trim() ?? '';
  if (name !== '' && (name.length > 63 || !DNS1035_LABEL.test(name))) {
    issues.push({
      path: ['telemetry', 'waypoint', 'name'],
      message:
        "A waypoint name starts with a lowercase letter and has only lowercase letters, digits and '-' (at most 63), e.g. waypoint.",
    });
  }
  if (name === '' && namespace !== '') {
    issues.push({
      path: ['telemetry', 'waypoint', 'name'],
      message:
        'Enter the waypoint’s name (istioctl waypoint list -A shows it), or clear its namespace to use a namespace-wide Telemetry.',
    });
  }
  if (name !== '' && namespace === '') {
    issues.push({ path: ['telemetry', 'waypoint', 'namespace'], message: 'Enter the namespace the waypoint runs in.' });
  } else if (namespace !== '' && (namespace.length > 63 || !DNS1123_LABEL.test(namespace))) {
    issues.push({
      path: ['telemetry', 'waypoint', 'namespace'],
      message:
        "A namespace has only lowercase letters, digits and '-', and starts and ends with a letter or digit (at most 63).",
    });
  }
  // The CRD allows one of selector or targetRefs (istio/api telemetry/v1alpha1/telemetry.proto XValidation).
  if (name !== '' && model.telemetry.selector.length > 0) {
    issues.push({
      path: ['telemetry', 'waypoint', 'name'],
      message:
        'A Telemetry targets either a waypoint or labelled workloads, not both. Remove the workload labels below to target the waypoint, or clear the waypoint.',
    });
  }
  return issues;
}
