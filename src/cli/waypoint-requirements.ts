import { WAYPOINT_REQUIREMENTS, type Model } from '../core';
import { resolveSetup } from '../core/runtime';

/** For users who trace at waypoints: what to check on the cluster first, one command per requirement. */
export function waypointRequirementLines(model: Model): string[] {
  if (resolveSetup(model).dataPlane.kind !== 'waypoints') return [];
  return [
    'tracing at waypoints and gateways (not supported by Dynatrace); check these first:',
    ...WAYPOINT_REQUIREMENTS.map((requirement) => `  ${requirement.title}: ${requirement.command}`),
  ];
}
