import { operatorSaas } from '../../../__fixtures__/models';
import { mergeIntoExistingTelemetry, type TelemetryMergeSuccess } from '../merge-telemetry';

/* Small Telemetry texts and the merge's success, for the Telemetry merge's tests. */

/** Merges into `input` for the model (the wizard's Operator/SaaS defaults unless given); throws on a refusal. */
export function merged(input: string, m = operatorSaas()): TelemetryMergeSuccess {
  const result = mergeIntoExistingTelemetry(input, m);
  if (!result.ok) throw new Error(result.problem.message);
  return result;
}

/** A Telemetry as kubectl shows it; without a namespace (a manifest), or a creationTimestamp, when not given. */
export function telemetry(name: string, namespace: string | undefined, spec: string, created?: string): string {
  return (
    `apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: ${name}\n` +
    (namespace === undefined ? '' : `  namespace: ${namespace}\n`) +
    (created ? `  creationTimestamp: "${created}"\n` : '') +
    `spec:\n${spec}`
  );
}

/** A tracing entry for both sides naming zipkin. */
export const zipkin = '  tracing:\n  - providers:\n    - name: zipkin\n';

/** targetRefs naming a Gateway API Gateway. */
export const gatewayRef = (name: string) =>
  `  targetRefs:\n  - group: gateway.networking.k8s.io\n    kind: Gateway\n    name: ${name}\n`;
