import { renderCustomTags } from '../custom-tag-kinds';
import { waypointTargetRefs } from '../ambient-tracing';
import { resolveSetup } from '../setup/resolved-setup';
import type { Model } from '../model';
import { toYaml } from '../yaml-text';

import { TELEMETRY_FILE_NAME } from '../file-names';

export { TELEMETRY_FILE_NAME };
export const TELEMETRY_NAME = 'dynatrace-telemetry-otel';

export interface TelemetryFile {
  fileName: string;
  document: Record<string, unknown>;
  text: string;
}

/** The spec.tracing entry that turns the provider on; also what a merge adds to a Telemetry without providers. */
export function buildTracingEntry(model: Model): Record<string, unknown> {
  const tracing: Record<string, unknown> = { providers: [{ name: model.provider.name }] };
  // With the Dynatrace sampler istiod forces 100 % and ignores this field (facts §1.4), so leave it out.
  if (!model.provider.sampler) tracing.randomSamplingPercentage = model.telemetry.samplingPercentage;
  const customTags = renderCustomTags(model.telemetry.customTags);
  if (customTags) tracing.customTags = customTags;
  return tracing;
}

/** The Telemetry resource that turns the provider on, mesh-wide, per namespace, per workload or for one waypoint. */
export function generateTelemetry(model: Model): TelemetryFile {
  const tracing = buildTracingEntry(model);
  const spec: Record<string, unknown> = {};
  // Waypoints ignore selectors; they take a policy only through targetRefs (istio/api telemetry/v1alpha1/telemetry.proto).
  const placement = resolveSetup(model).telemetry;
  const waypoint = placement.waypoint;
  if (waypoint) {
    spec.targetRefs = waypointTargetRefs(waypoint);
  } else if (placement.scope === 'selector') {
    spec.selector = { matchLabels: placement.matchLabels };
  }
  spec.tracing = [tracing];
  const document = {
    apiVersion: 'telemetry.istio.io/v1',
    kind: 'Telemetry',
    metadata: { name: TELEMETRY_NAME, namespace: placement.namespace },
    spec,
  };
  return { fileName: TELEMETRY_FILE_NAME, document, text: toYaml(document) };
}
