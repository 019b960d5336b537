import type { IstiodRules } from './istiod-version';

/*
 * The order istiod keeps Telemetries in: by creationTimestamp, oldest first (pilot/pkg/model/telemetry.go
 * getTelemetries → sortConfigByCreationTime, pilot/pkg/model/config.go). Ties, which are common because the
 * API server stores seconds: on 1.22 the string `name.namespace`, from 1.23.0 the name, then the namespace.
 *
 * A Telemetry without a creationTimestamp (a pasted manifest, not `kubectl get` output) is ordered as istiod
 * orders a config whose timestamp is Go's zero time: before every dated one, then by the tie rule. That is
 * what istiod would do with it, but in the cluster it has a real time we do not know, so every answer that
 * depends on it says so (`undated` below).
 */

export interface OrderedTelemetry {
  name: string;
  namespace: string;
  creationTimestamp?: string | undefined;
}

/** Milliseconds since the epoch; undefined without a readable timestamp (sorted as the zero time). */
export function creationTime(telemetry: OrderedTelemetry): number | undefined {
  const text = telemetry.creationTimestamp?.trim() ?? '';
  if (text === '') return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}

export function compareTelemetries(
  a: OrderedTelemetry,
  b: OrderedTelemetry,
  rules: Pick<IstiodRules, 'tieBreak'>,
): number {
  const ta = creationTime(a) ?? Number.NEGATIVE_INFINITY;
  const tb = creationTime(b) ?? Number.NEGATIVE_INFINITY;
  if (ta !== tb) return ta < tb ? -1 : 1;
  if (rules.tieBreak === 'name.namespace') return byCodeUnits(`${a.name}.${a.namespace}`, `${b.name}.${b.namespace}`);
  return byCodeUnits(a.name, b.name) || byCodeUnits(a.namespace, b.namespace);
}

export function sortTelemetries<T extends OrderedTelemetry>(
  telemetries: readonly T[],
  rules: Pick<IstiodRules, 'tieBreak'>,
): T[] {
  return [...telemetries].sort((a, b) => compareTelemetries(a, b, rules));
}

/** True when two Telemetries' order was decided without a timestamp for at least one of them. */
export function orderIsGuessed(a: OrderedTelemetry, b: OrderedTelemetry): boolean {
  return creationTime(a) === undefined || creationTime(b) === undefined;
}

// Go compares strings byte by byte; names are ASCII (DNS labels), so UTF-16 code units give the same order.
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
