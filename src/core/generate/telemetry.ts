import { renderCustomTags } from '../custom-tag-kinds';
import type { Model } from '../model';
import { toYaml } from '../yaml-text';

export const TELEMETRY_FILE_NAME = 'dt-telemetry.yaml';
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

/** The Telemetry resource that turns the provider on, mesh-wide, per namespace or per workload. */
export function generateTelemetry(model: Model): TelemetryFile {
  const tracing = buildTracingEntry(model);
  const spec: Record<string, unknown> = {};
  if (model.telemetry.selector.length > 0) {
    spec.selector = {
      matchLabels: Object.fromEntries(model.telemetry.selector.map((label) => [label.key, label.value])),
    };
  }
  spec.tracing = [tracing];
  const document = {
    apiVersion: 'telemetry.istio.io/v1',
    kind: 'Telemetry',
    metadata: { name: TELEMETRY_NAME, namespace: model.telemetry.namespace },
    spec,
  };
  return { fileName: TELEMETRY_FILE_NAME, document, text: toYaml(document) };
}
