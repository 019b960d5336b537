import { describe, expect, it } from 'vitest';
import {
  BUILTIN_PROVIDERS,
  effectiveEntryIndex,
  loadMeshConfig,
  lookupProvider,
  PILOT_TRACE_SAMPLING_DEFAULT,
} from './mesh-providers';

/*
 * The mesh config as istiod loads it (istio/istio pkg/config/mesh/mesh.go ApplyMeshConfig; restated from
 * TestDeepMerge in pkg/config/mesh/mesh_test.go at 1.22.0 and 1.28.0: "replace builtin provider" keeps the
 * built-in's place with the user's settings, "add provider" appends), the default sampling
 * (pilot/pkg/networking/core/tracing.go proxyConfigSamplingValue at 1.28.0: 0 is unset, above 100 is 1) and the
 * case-insensitive provider lookup (pilot/pkg/model/telemetry.go fetchProvider, strings.EqualFold, first match).
 */

const names = (mesh: ReturnType<typeof loadMeshConfig>) => mesh.providers.map((p) => p.name);

describe('loadMeshConfig: providers', () => {
  it('starts from the built-in providers prometheus, stackdriver and envoy', () => {
    expect(BUILTIN_PROVIDERS).toEqual(['prometheus', 'stackdriver', 'envoy']);
    expect(loadMeshConfig(undefined)).toEqual({
      providers: [
        { name: 'prometheus', entry: undefined, customSampler: false, openTelemetry: false },
        { name: 'stackdriver', entry: undefined, customSampler: false, openTelemetry: false },
        { name: 'envoy', entry: undefined, customSampler: false, openTelemetry: false },
      ],
      defaultTracing: [],
      defaultSampling: undefined,
      duplicates: [],
      caseVariants: [],
    });
  });

  it('TestDeepMerge "replace builtin provider": a user entry of a built-in name takes its place; "add provider" appends', () => {
    const entry = { name: 'stackdriver', opentelemetry: { service: 'c', port: 4317 } };
    const mesh = loadMeshConfig({ extensionProviders: [{ name: 'dt', opentelemetry: { port: 4318 } }, entry] });
    expect(names(mesh)).toEqual(['prometheus', 'stackdriver', 'envoy', 'dt']);
    expect(mesh.providers[1]).toEqual({ name: 'stackdriver', entry, customSampler: false, openTelemetry: true });
    expect(mesh.providers[3]?.openTelemetry).toBe(true);
    expect(mesh.duplicates).toEqual([]);
    // The first built-in too.
    const first = loadMeshConfig({ extensionProviders: [{ name: 'prometheus', opentelemetry: {} }] });
    expect(names(first)).toEqual(['prometheus', 'stackdriver', 'envoy']);
    expect(first.providers[0]?.openTelemetry).toBe(true);
  });

  it('two entries of one name: one provider, at the first one’s place, with the LAST one’s settings, and reported', () => {
    const first = { name: 'dt', zipkin: { service: 'z', port: 9411 } };
    const last = { name: 'dt', opentelemetry: { service: 'o', port: 4318, dynatraceSampler: { tenant: 't' } } };
    const mesh = loadMeshConfig({ extensionProviders: [first, { name: 'other' }, last] });
    expect(names(mesh)).toEqual(['prometheus', 'stackdriver', 'envoy', 'dt', 'other']);
    expect(mesh.providers[3]).toEqual({ name: 'dt', entry: last, customSampler: true, openTelemetry: true });
    expect(mesh.duplicates).toEqual([{ name: 'dt', count: 2 }]);
  });

  it('reads extension_providers in snake_case, and the sampler in snake_case', () => {
    const mesh = loadMeshConfig({
      extension_providers: [{ name: 'dt', opentelemetry: { dynatrace_sampler: {} } }],
    });
    expect(mesh.providers[3]).toMatchObject({ name: 'dt', customSampler: true, openTelemetry: true });
  });

  it('a provider without a sampler, or with `dynatraceSampler: null`, has none; one of another kind is not OpenTelemetry', () => {
    const mesh = loadMeshConfig({
      extensionProviders: [
        { name: 'plain', opentelemetry: { port: 4318 } },
        { name: 'nulled', opentelemetry: { dynatraceSampler: null } },
        { name: 'zipkin', zipkin: { dynatraceSampler: {} } },
      ],
    });
    expect(mesh.providers.slice(3).map((p) => [p.name, p.openTelemetry, p.customSampler])).toEqual([
      ['plain', true, false],
      ['nulled', true, false],
      ['zipkin', false, false],
    ]);
  });

  it('skips list items that are not objects (`providers: [null]`, a string), and a list that is not a list', () => {
    const mesh = loadMeshConfig({ extensionProviders: [null, 'dt', 7, { name: 'dt' }] });
    expect(names(mesh)).toEqual(['prometheus', 'stackdriver', 'envoy', 'dt']);
    expect(mesh.duplicates).toEqual([]);
    expect(names(loadMeshConfig({ extensionProviders: { name: 'dt' } }))).toEqual(BUILTIN_PROVIDERS);
  });

  it('lists names that differ only in case, the built-in ones included; none for distinct names', () => {
    const mesh = loadMeshConfig({ extensionProviders: [{ name: 'DT' }, { name: 'Envoy' }, { name: 'dt' }] });
    expect(mesh.caseVariants).toEqual([
      ['envoy', 'Envoy'],
      ['DT', 'dt'],
    ]);
    expect(loadMeshConfig({ extensionProviders: [{ name: 'dt' }, { name: 'zipkin' }] }).caseVariants).toEqual([]);
    // strings.EqualFold folds case letter by letter: "ß" is not "SS" (only its upper case spelling is).
    expect(loadMeshConfig({ extensionProviders: [{ name: 'straße' }, { name: 'STRASSE' }] }).caseVariants).toEqual([]);
  });
});

describe('loadMeshConfig: defaults', () => {
  it('reads defaultProviders.tracing in camelCase only, as text', () => {
    expect(loadMeshConfig({ defaultProviders: { tracing: ['dt', 7] } }).defaultTracing).toEqual(['dt', '7']);
    expect(loadMeshConfig({ default_providers: { tracing: ['dt'] } }).defaultTracing).toEqual([]);
    expect(loadMeshConfig({ defaultProviders: { tracing: 'dt' } }).defaultTracing).toEqual([]);
  });

  it('defaultConfig.tracing.sampling: 0 is unset, above 100 becomes 1, a numeric string counts', () => {
    const sampling = (value: unknown) =>
      loadMeshConfig({ defaultConfig: { tracing: { sampling: value } } }).defaultSampling;
    expect(sampling(0)).toBeUndefined();
    expect(sampling(100)).toBe(100);
    expect(sampling(100.5)).toBe(1);
    expect(sampling(250)).toBe(1);
    expect(sampling(2.5)).toBe(2.5);
    expect(sampling('5')).toBe(5);
    expect(sampling('lots')).toBeUndefined();
    expect(sampling(true)).toBeUndefined();
    expect(sampling(undefined)).toBeUndefined();
    expect(loadMeshConfig({ default_config: { tracing: { sampling: 5 } } }).defaultSampling).toBeUndefined();
    expect(PILOT_TRACE_SAMPLING_DEFAULT).toBe(1);
  });
});

describe('lookupProvider', () => {
  it('finds a name in any capitalisation, the first in istiod’s order; nothing for an unknown name', () => {
    const mesh = loadMeshConfig({
      extensionProviders: [
        { name: 'Dt', zipkin: {} },
        { name: 'dt', opentelemetry: {} },
      ],
    });
    expect(lookupProvider(mesh, 'DT')?.name).toBe('Dt');
    expect(lookupProvider(mesh, 'dt')?.name).toBe('Dt');
    expect(lookupProvider(mesh, 'ENVOY')?.name).toBe('envoy');
    expect(lookupProvider(mesh, 'zipkin')).toBeUndefined();
  });
});

describe('effectiveEntryIndex', () => {
  it('is the LAST entry of that exact name, -1 without one', () => {
    // First: a walk that runs past either end of the list fails here instead of looping. An empty name is no
    // entry's when every entry has a name.
    expect(effectiveEntryIndex([{ name: 'dt' }], '')).toBe(-1);
    expect(effectiveEntryIndex([{ name: 'dt' }, {}], '')).toBe(1);
    const list = [{ name: 'dt' }, null, { name: 'DT' }, { name: 'dt' }, 'dt'];
    expect(effectiveEntryIndex(list, 'dt')).toBe(3);
    expect(effectiveEntryIndex(list, 'DT')).toBe(2);
    expect(effectiveEntryIndex([{ name: 'dt' }], 'dt')).toBe(0);
    expect(effectiveEntryIndex(list, 'zipkin')).toBe(-1);
    expect(effectiveEntryIndex([], 'dt')).toBe(-1);
  });
});
