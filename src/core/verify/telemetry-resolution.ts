import { asObject, textOf } from '../plain-data';
import type { TelemetryResource } from './recognise';

/*
 * Which Telemetry decides tracing for a workload, by istiod's rules (istio/istio pilot/pkg/model/telemetry.go,
 * getTelemetries / applicableTelemetries / Tracing; same since 1.22):
 * - Telemetries are ordered by creationTimestamp, then name, then namespace (pilot/pkg/model/config.go
 *   sortConfigByCreationTime).
 * - The first (oldest) selector-less Telemetry of the root namespace applies to every proxy; the oldest
 *   selector-less one of the proxy's own namespace comes after it; then every Telemetry with a selector in the
 *   proxy's namespace that matches the pod. Later entries override earlier ones field by field: the first
 *   provider name, disableSpanReporting, customTags (replaced whole), randomSamplingPercentage.
 * - Selector Telemetries in the root namespace apply only to pods in the root namespace.
 * - defaultProviders.tracing is the starting provider; a provider name not in the mesh config disables tracing
 *   silently (fetchProvider returns nil).
 * - targetRefs apply to waypoints and gateways, not to sidecars (pilot/pkg/model/policyattachment.go).
 */

export interface TracingOutcome {
  /** The provider name as the deciding Telemetry wrote it, or undefined. */
  provider?: string;
  providerFrom?: string;
  disabled: boolean;
  disabledBy?: string;
  samplingPercentage?: number;
  samplingFrom?: string;
  /** Every Telemetry that set customTags, in order: each replaces the ones before. */
  customTagsFrom: string[];
}

export interface Resolution {
  /** The Telemetries that apply, in the order istiod merges them. */
  applied: TelemetryResource[];
  client: TracingOutcome;
  server: TracingOutcome;
  /** Selector-less Telemetries that lost to an older one, per namespace (IST0160). */
  ignored: TelemetryResource[];
}

export function qualifiedName(telemetry: TelemetryResource): string {
  return `${telemetry.namespace}/${telemetry.name}`;
}

export function sortByCreation(telemetries: readonly TelemetryResource[]): TelemetryResource[] {
  return [...telemetries].sort(
    (a, b) =>
      compare(a.creationTimestamp, b.creationTimestamp) || compare(a.name, b.name) || compare(a.namespace, b.namespace),
  );
}

function compare(a: string, b: string): number {
  // RFC 3339 times in UTC (as kubectl prints them) sort as text; an unparsable one sorts by its text.
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta < tb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function matchLabelsOf(telemetry: TelemetryResource): Record<string, string> {
  const labels = asObject(asObject(telemetry.spec.selector)?.matchLabels) ?? {};
  return Object.fromEntries(Object.entries(labels).map(([key, value]) => [key, textOf(value)]));
}

export function hasTargetRefs(telemetry: TelemetryResource): boolean {
  const refs = telemetry.spec.targetRefs;
  return (Array.isArray(refs) && refs.length > 0) || asObject(telemetry.spec.targetRef) !== undefined;
}

export function isSelectorless(telemetry: TelemetryResource): boolean {
  return Object.keys(matchLabelsOf(telemetry)).length === 0 && !hasTargetRefs(telemetry);
}

export function selectsLabels(telemetry: TelemetryResource, labels: Record<string, string>): boolean {
  const wanted = matchLabelsOf(telemetry);
  return Object.entries(wanted).every(([key, value]) => labels[key] === value);
}

/** Two label selectors can match one pod unless they require different values for the same key. */
export function selectorsOverlap(a: TelemetryResource, b: TelemetryResource): boolean {
  const la = matchLabelsOf(a);
  const lb = matchLabelsOf(b);
  return Object.entries(la).every(([key, value]) => !(key in lb) || lb[key] === value);
}

export function tracingProviderNames(telemetry: TelemetryResource): string[] {
  const tracing = Array.isArray(telemetry.spec.tracing) ? telemetry.spec.tracing : [];
  return tracing.flatMap((entry) => {
    const providers = asObject(entry)?.providers;
    return Array.isArray(providers) ? providers.map((p) => textOf(asObject(p)?.name)).filter((n) => n !== '') : [];
  });
}

export interface Workload {
  namespace: string;
  /** The pod's labels; undefined when unknown (then only selector-less Telemetries are considered). */
  labels?: Record<string, string>;
}

export function resolveTracing(
  telemetries: readonly TelemetryResource[],
  rootNamespace: string,
  workload: Workload,
  defaultProviders: readonly string[] = [],
): Resolution {
  const sorted = sortByCreation(telemetries);
  const inNamespace = (ns: string) => sorted.filter((t) => t.namespace === ns);
  const applied: TelemetryResource[] = [];
  const ignored: TelemetryResource[] = [];
  const namespaces = workload.namespace === rootNamespace ? [rootNamespace] : [rootNamespace, workload.namespace];
  for (const ns of namespaces) {
    const selectorless = inNamespace(ns).filter(isSelectorless);
    if (selectorless[0]) applied.push(selectorless[0]);
    ignored.push(...selectorless.slice(1));
  }
  if (workload.labels) {
    const labels = workload.labels;
    applied.push(
      ...inNamespace(workload.namespace).filter(
        (t) => !isSelectorless(t) && !hasTargetRefs(t) && selectsLabels(t, labels),
      ),
    );
  }

  const start = (): TracingOutcome => ({
    ...(defaultProviders[0] === undefined
      ? {}
      : { provider: defaultProviders[0], providerFrom: 'defaultProviders.tracing' }),
    disabled: false,
    customTagsFrom: [],
  });
  const client = start();
  const server = start();
  for (const telemetry of applied) {
    const tracing = Array.isArray(telemetry.spec.tracing) ? telemetry.spec.tracing : [];
    for (const raw of tracing) {
      const entry = asObject(raw);
      if (!entry) continue;
      const mode = textOf(asObject(entry.match)?.mode);
      const specs = mode === 'CLIENT' ? [client] : mode === 'SERVER' ? [server] : [client, server];
      const names = Array.isArray(entry.providers)
        ? entry.providers.map((p) => textOf(asObject(p)?.name)).filter((n) => n !== '')
        : [];
      const from = qualifiedName(telemetry);
      for (const spec of specs) {
        if (names[0] !== undefined) {
          spec.provider = names[0];
          spec.providerFrom = from;
        }
        const disable = readBool(entry.disableSpanReporting);
        if (disable !== undefined) {
          spec.disabled = disable;
          spec.disabledBy = from;
        }
        if (entry.customTags !== undefined && entry.customTags !== null) spec.customTagsFrom.push(from);
        const sampling = readNumber(entry.randomSamplingPercentage);
        if (sampling !== undefined) {
          spec.samplingPercentage = sampling;
          spec.samplingFrom = from;
        }
      }
    }
  }
  return { applied, client, server, ignored };
}

function readBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

function readNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}
