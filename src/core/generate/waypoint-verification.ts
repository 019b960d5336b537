import { AMBIENT_COMMANDS } from '../ambient-findings';
import type { ResolvedSetup } from '../setup/resolved-setup';
import type { CommandStep, TroubleshootingRow } from './command-step';

/*
 * Verification for users who trace at waypoints: the checks look at the waypoint's Envoy (the resolved setup's
 * proxy under test), and the troubleshooting names the waypoint bugs known by Istio version.
 */

/** Checks that come before the proxy checks: the waypoints exist and the namespaces use them. */
export function waypointChecks(setup: ResolvedSetup): CommandStep[] {
  if (setup.dataPlane.kind !== 'waypoints') return [];
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

export function waypointTroubleshooting(setup: ResolvedSetup): TroubleshootingRow[] {
  if (setup.dataPlane.kind !== 'waypoints') return [];
  const waypoint = setup.dataPlane.waypoint;
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
