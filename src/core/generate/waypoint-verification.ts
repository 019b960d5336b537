import { AMBIENT_COMMANDS } from '../ambient-findings';
import { tracesAtWaypoints, waypointTarget } from '../ambient-tracing';
import type { Model } from '../model';
import type { CommandStep, TroubleshootingRow } from './verification';

/*
 * Verification for users who trace at waypoints: the checks look at the waypoint's Envoy (a Deployment
 * named after its Gateway, istio/istio pilot/pkg/config/kube/gatewaycommon/classinfo.go DisableNameSuffix),
 * and the troubleshooting names the waypoint bugs known by Istio version.
 */

export interface ProxyUnderTest {
  /** The istioctl target, e.g. deploy/waypoint. */
  target: string;
  namespace: string;
  /** Who to replace the placeholders with, for the check's description. */
  hint: string;
}

/** The proxy whose config the checks read: a restarted sidecar workload, or the waypoint. */
export function proxyUnderTest(model: Model): ProxyUnderTest {
  if (!tracesAtWaypoints(model)) {
    return {
      target: 'deploy/<your-app>',
      namespace: '<namespace>',
      hint: 'Replace <your-app> and <namespace> with a restarted workload.',
    };
  }
  const waypoint = waypointTarget(model);
  if (waypoint) {
    return {
      target: `deploy/${waypoint.name}`,
      namespace: waypoint.namespace,
      hint: `Reads the waypoint ${waypoint.namespace}/${waypoint.name}.`,
    };
  }
  return {
    target: 'deploy/<waypoint>',
    namespace: '<namespace>',
    hint: `Replace <waypoint> and <namespace> with a waypoint from ${AMBIENT_COMMANDS.listWaypoints}.`,
  };
}

/** Checks that come before the proxy checks: the waypoints exist and the namespaces use them. */
export function waypointChecks(model: Model): CommandStep[] {
  if (!tracesAtWaypoints(model)) return [];
  return [
    {
      id: 'waypoints-exist',
      title: 'The waypoints exist and are programmed',
      description: 'Expect your waypoint with PROGRAMMED True. No waypoint means no L7 traffic handling and no spans.',
      command: AMBIENT_COMMANDS.listWaypoints,
    },
    {
      id: 'waypoints-enrolled',
      title: 'The namespaces to trace use a waypoint',
      description:
        'Expect ambient under DATAPLANE-MODE and the waypoint’s name under USE-WAYPOINT for each namespace to trace (services can carry the label instead).',
      command: AMBIENT_COMMANDS.namespaceModes,
    },
  ];
}

export function waypointTroubleshooting(model: Model): TroubleshootingRow[] {
  if (!tracesAtWaypoints(model)) return [];
  const waypoint = waypointTarget(model);
  const rows: TroubleshootingRow[] = [
    {
      symptom: 'No spans from a waypoint; its listeners have no envoy.tracers.opentelemetry',
      cause:
        'The Telemetry does not reach the waypoint: it has a workload selector (waypoints ignore it), it targets another Gateway, or it sits in a namespace the waypoint does not read.',
      fix: 'Use the root namespace, the waypoint’s own namespace, or targetRefs to the waypoint Gateway in its namespace.',
    },
    {
      symptom: 'Istio 1.30.2: the waypoint handles requests (istio_requests_total grows) but exports no spans',
      cause:
        'istio#61154 (open): tracing is reported as never wired into the waypoint on 1.30.2; the cause is not known.',
      fix: 'No known workaround; try another patch release and follow https://github.com/istio/istio/issues/61154.',
    },
    {
      symptom: 'Istio 1.30.3 or later: spans for services in the waypoint’s namespace only',
      cause:
        'istio#61538 (open): a Telemetry with targetRefs to the waypoint Gateway is not applied to services in other namespaces; targetRefs to a Service apply only from its own namespace.',
      fix: 'Add a namespace-wide Telemetry in each service namespace (read by cross-namespace waypoints from 1.30.3), or use the mesh-wide one.',
    },
    {
      symptom: 'No spans for requests that enter through an ingress gateway and then a waypoint',
      cause:
        'istio#60780 (open): with istio.io/ingress-use-waypoint, spans of both the gateway and the waypoint are reported missing.',
      fix: 'No known workaround; requests that do not take that route are traced.',
    },
    {
      symptom:
        'Applying a Telemetry fails with unknown field "apiVersion", or “targetRef must be to one of … but was /Gateway”',
      cause:
        'A targetRef written with apiVersion: gateway.networking.k8s.io/v1 instead of group and kind (istio#57261).',
      fix: `Use group: gateway.networking.k8s.io, kind: Gateway and the name${waypoint ? ` (${waypoint.name})` : ''}, as in the generated file.`,
    },
  ];
  return rows;
}
