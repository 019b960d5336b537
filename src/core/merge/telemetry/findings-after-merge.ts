import type { Finding } from '../../findings';

/*
 * Findings of the generated setup that a successful Telemetry merge answers: the advice to add our tracing
 * section to an existing namespace-wide Telemetry instead of applying a second one is exactly what the merge
 * did (or found unnecessary: none of the pasted Telemetries collides with ours). Light on purpose: the first
 * screen imports it.
 */

export const ANSWERED_BY_TELEMETRY_MERGE: readonly string[] = ['one-telemetry-per-namespace'];

export function findingsAfterTelemetryMerge(
  findings: readonly Finding[],
  merge: { ok: boolean } | undefined,
): Finding[] {
  if (!merge?.ok) return [...findings];
  return findings.filter((finding) => !ANSWERED_BY_TELEMETRY_MERGE.includes(finding.id));
}
