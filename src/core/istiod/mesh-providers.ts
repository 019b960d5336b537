import { asObject, meshField, textOf, type Plain } from '../plain-data';

/*
 * The mesh config's tracing-relevant parts as istiod loads them (istio/istio pkg/config/mesh/mesh.go
 * DefaultMeshConfig and ApplyMeshConfig, same at 1.22.0 and 1.30.3; tests TestDeepMerge and
 * TestApplyMeshConfigDefaults in pkg/config/mesh/mesh_test.go):
 * - istiod starts from built-in providers prometheus, stackdriver and envoy;
 * - each user provider replaces the one with the same exact name (keeping its place) or is appended, so of
 *   two entries with one name the LAST one's settings count, at the FIRST one's place (istioctl's validation,
 *   which sees the raw list, rejects the duplicate: pkg/config/validation/agent/extensionprovider.go);
 * - `defaultProviders` is read only under its camelCase key (snake_case is reset before it is applied);
 *   `extensionProviders` also in snake_case (jsonpb reads both);
 * - `defaultConfig` (camelCase only) supplies tracing.sampling: 0 means unset, above 100 becomes 1
 *   (pilot/pkg/networking/core/tracing.go proxyConfigSamplingValue); unset: PILOT_TRACE_SAMPLING, default 1.
 * Telemetry provider references are then looked up case-insensitively, first match (telemetry.go fetchProvider).
 */

export const BUILTIN_PROVIDERS = ['prometheus', 'stackdriver', 'envoy'] as const;
/** PILOT_TRACE_SAMPLING's default (pilot/pkg/features/telemetry.go). */
export const PILOT_TRACE_SAMPLING_DEFAULT = 1;

export interface LoadedProvider {
  name: string;
  /** The entry whose settings istiod keeps (the last of its name); undefined for a built-in one. */
  entry: Plain | undefined;
  /** An OpenTelemetry provider with a sampler (dynatraceSampler): istiod then samples 100 %. */
  customSampler: boolean;
  /** True for an OpenTelemetry provider. */
  openTelemetry: boolean;
}

export interface LoadedMesh {
  /** In istiod's order, after the merge by name. */
  providers: LoadedProvider[];
  /** defaultProviders.tracing; only the first is used (telemetry.go Tracing). */
  defaultTracing: string[];
  /** defaultConfig.tracing.sampling as istiod uses it; undefined when unset (then PILOT_TRACE_SAMPLING). */
  defaultSampling: number | undefined;
  /** Names given more than once in the user's list (exact spelling), with how often. */
  duplicates: { name: string; count: number }[];
  /** Names that differ only in case: istiod keeps both, a Telemetry reaches the first. */
  caseVariants: string[][];
}

export function loadMeshConfig(mesh: Plain | undefined): LoadedMesh {
  const providers: LoadedProvider[] = BUILTIN_PROVIDERS.map((name) => ({
    name,
    entry: undefined,
    customSampler: false,
    openTelemetry: false,
  }));
  const list = meshField(mesh, 'extension_providers');
  const counts = new Map<string, number>();
  for (const raw of Array.isArray(list) ? list : []) {
    const entry = asObject(raw);
    if (!entry) continue;
    const name = textOf(entry.name);
    counts.set(name, (counts.get(name) ?? 0) + 1);
    const loaded = describe(name, entry);
    const index = providers.findIndex((provider) => provider.name === name);
    if (index >= 0) providers[index] = loaded;
    else providers.push(loaded);
  }
  const defaults = asObject(mesh?.defaultProviders);
  const tracing = defaults?.tracing;
  const sampling = asObject(asObject(mesh?.defaultConfig)?.tracing)?.sampling;
  const numeric = typeof sampling === 'number' ? sampling : typeof sampling === 'string' ? Number(sampling) : NaN;
  const byLower = new Map<string, string[]>();
  for (const provider of providers) {
    const key = provider.name.toLowerCase();
    byLower.set(key, [...(byLower.get(key) ?? []), provider.name]);
  }
  return {
    providers,
    defaultTracing: Array.isArray(tracing) ? tracing.map(textOf) : [],
    defaultSampling: Number.isFinite(numeric) && numeric !== 0 ? (numeric > 100 ? 1 : numeric) : undefined,
    duplicates: [...counts].filter(([, count]) => count > 1).map(([name, count]) => ({ name, count })),
    caseVariants: [...byLower.values()].filter((names) => names.length > 1),
  };
}

/** The provider a Telemetry's name reaches: case-insensitive, the first in istiod's list. */
export function lookupProvider(mesh: LoadedMesh, name: string): LoadedProvider | undefined {
  return mesh.providers.find((provider) => provider.name.toLowerCase() === name.toLowerCase());
}

/** The entry istiod keeps for `name` among the user's entries: the last with that exact name. */
export function effectiveEntryIndex(list: readonly unknown[], name: string): number {
  for (let index = list.length - 1; index >= 0; index--) {
    if (textOf(asObject(list[index])?.name) === name) return index;
  }
  return -1;
}

function describe(name: string, entry: Plain): LoadedProvider {
  const otel = asObject(meshField(entry, 'opentelemetry'));
  const sampler = otel ? meshField(otel, 'dynatrace_sampler') : undefined;
  return {
    name,
    entry,
    openTelemetry: otel !== undefined,
    customSampler: sampler !== undefined && sampler !== null,
  };
}
