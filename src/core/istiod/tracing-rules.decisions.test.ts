import { describe, expect, it } from 'vitest';
import type { Plain } from '../plain-data';
import { loadMeshConfig, type LoadedProvider } from './mesh-providers';
import {
  entrySides,
  isNamespaceWide,
  providerNamesOf,
  resolveTracing,
  sidesMissing,
  sidesRead,
  telemetryId,
  tracingEntriesOf,
  type ProxyInput,
  type TelemetryInput,
  type TracingRulesInput,
} from './tracing-rules';

/*
 * Which Telemetry decides and how the fields layer, with the sentences that tell the user so (istio/istio
 * pilot/pkg/model/telemetry.go applicableTelemetries and Tracing, pilot/pkg/networking/core/tracing.go
 * configureTracingFromTelemetry, read at the tags listed in tracing-rules.ts; TestTracing in
 * pilot/pkg/model/telemetry_test.go at 1.22.0 and 1.28.0 for "overrides", "client-only override" and
 * "server-only override"). Each behaviour is asserted with what must not happen as well.
 */

const ROOT = 'istio-system';
const mesh = loadMeshConfig({ extensionProviders: [{ name: 'dt' }, { name: 'zipkin' }] });
const sidecar: ProxyInput = { kind: 'sidecar', namespace: 'shop', labels: { app: 'cart' } };
const tel = (namespace: string, name: string, spec: Plain, created?: string): TelemetryInput => ({
  namespace,
  name,
  spec,
  ...(created === undefined ? {} : { creationTimestamp: created }),
});
const dt = (extra: Plain = {}): Plain => ({ tracing: [{ providers: [{ name: 'dt' }], ...extra }] });
const run = (telemetries: TelemetryInput[], over: Partial<TracingRulesInput> = {}) =>
  resolveTracing({ telemetries, rootNamespace: ROOT, proxy: sidecar, istioVersion: '1.28.0', mesh, ...over });
const whyOf = (result: ReturnType<typeof run>) => Object.fromEntries(result.verdicts.map((v) => [v.id, v.why]));
const T1 = '2024-01-01T00:00:00Z';
const T2 = '2024-06-01T00:00:00Z';

describe('small readers', () => {
  it('telemetryId, sidesRead, entrySides', () => {
    expect(telemetryId({ name: 'a', namespace: 'b' })).toBe('b/a');
    expect(sidesRead('sidecar')).toEqual(['client', 'server']);
    expect(sidesRead('gateway')).toEqual(['client']);
    expect(sidesRead('waypoint')).toEqual(['server']);
    expect(entrySides({ match: { mode: 'CLIENT' } })).toEqual(['client']);
    expect(entrySides({ match: { mode: 'SERVER' } })).toEqual(['server']);
    expect(entrySides({ match: { mode: 'CLIENT_AND_SERVER' } })).toEqual(['client', 'server']);
    expect(entrySides({})).toEqual(['client', 'server']);
  });

  it('tracing entries skip null and non-objects; provider names keep a nameless item as ""', () => {
    expect(tracingEntriesOf({ tracing: [null, 'x', { a: 1 }] })).toEqual([{ a: 1 }]);
    expect(tracingEntriesOf({ tracing: { a: 1 } })).toEqual([]);
    expect(providerNamesOf({ providers: [null, { name: 'dt' }, {}] })).toEqual(['', 'dt', '']);
    expect(providerNamesOf({ providers: 'dt' })).toEqual([]);
  });

  it('isNamespaceWide: no matchLabels, and from 1.24 no targetRefs (singular targetRef included)', () => {
    const on = { targetRefsAttach: true };
    const off = { targetRefsAttach: false };
    expect(isNamespaceWide({}, on)).toBe(true);
    expect(isNamespaceWide({ selector: { matchLabels: {} } }, on)).toBe(true);
    expect(isNamespaceWide({ selector: { matchLabels: { a: 'b' } } }, on)).toBe(false);
    expect(isNamespaceWide({ selector: { matchLabels: { a: 'b' } } }, off)).toBe(false);
    expect(isNamespaceWide({ targetRefs: [{ kind: 'Gateway', name: 'g' }] }, on)).toBe(false);
    expect(isNamespaceWide({ targetRef: { kind: 'Gateway', name: 'g' } }, on)).toBe(false);
    expect(isNamespaceWide({ targetRefs: [{ kind: 'Gateway', name: 'g' }] }, off)).toBe(true);
  });
});

describe('fields layer: a later Telemetry overrides only the fields it sets', () => {
  it('an earlier sampling 0 stays when the later entry has no percentage, a provider only, or a null one', () => {
    for (const later of [
      { providers: [{ name: 'zipkin' }] },
      { randomSamplingPercentage: null },
      { randomSamplingPercentage: ' ' },
    ]) {
      const result = run([
        tel(ROOT, 'root', dt({ randomSamplingPercentage: 0 })),
        tel('shop', 'ns', { tracing: [later] }),
      ]);
      expect(result.client.sampling, JSON.stringify(later)).toEqual({
        percent: 0,
        source: 'telemetry',
        from: 'istio-system/root',
      });
      expect(result.applied[0]?.overridden.filter((o) => o.field === 'randomSamplingPercentage')).toEqual([]);
    }
  });

  it('a later percentage given as text counts ("25"), and the override names who overrode it', () => {
    const result = run([
      tel(ROOT, 'root', dt({ randomSamplingPercentage: 0 })),
      tel('shop', 'ns', { tracing: [{ randomSamplingPercentage: '25' }] }),
    ]);
    expect(result.server.sampling).toEqual({ percent: 25, source: 'telemetry', from: 'shop/ns' });
  });

  it('an earlier disableSpanReporting: true stays when the later entry omits it or gives something else', () => {
    for (const later of [
      {},
      { disableSpanReporting: null },
      { disableSpanReporting: 'yes' },
      { providers: [{ name: 'dt' }] },
    ]) {
      const result = run([
        tel(ROOT, 'root', dt({ disableSpanReporting: true })),
        tel('shop', 'ns', { tracing: [later] }),
      ]);
      expect(result.client, JSON.stringify(later)).toMatchObject({
        status: 'disabled',
        reason: 'disableSpanReporting: true in istio-system/root',
        disableSpanReporting: { value: true, from: 'istio-system/root' },
      });
    }
  });

  it('"false" and "true" as text are read as booleans', () => {
    const off = run([tel(ROOT, 'root', dt({ disableSpanReporting: 'true' }))]);
    expect(off.client.status).toBe('disabled');
    const back = run([
      tel(ROOT, 'root', dt({ disableSpanReporting: true })),
      tel('shop', 'ns', { tracing: [{ disableSpanReporting: 'false' }] }),
    ]);
    expect(back.client).toMatchObject({ status: 'traces', disableSpanReporting: { value: false, from: 'shop/ns' } });
    expect(back.applied[0]?.overridden).toEqual([
      { side: 'client', field: 'disableSpanReporting', by: 'shop/ns' },
      { side: 'server', field: 'disableSpanReporting', by: 'shop/ns' },
    ]);
  });

  it('customTags: null does not replace earlier tags; {} does (replaced whole)', () => {
    const tags = { a: { literal: { value: '1' } } };
    const keep = run([
      tel(ROOT, 'root', dt({ customTags: tags })),
      tel('shop', 'ns', { tracing: [{ customTags: null }] }),
    ]);
    expect(keep.client.customTags).toMatchObject({ value: tags, from: 'istio-system/root' });
    expect(keep.applied[0]?.overridden).toEqual([]);
    const cleared = run([
      tel(ROOT, 'root', dt({ customTags: tags })),
      tel('shop', 'ns', { tracing: [{ customTags: {} }] }),
    ]);
    expect(cleared.client.customTags).toMatchObject({ value: {}, from: 'shop/ns' });
    const odd = run([tel(ROOT, 'root', dt({ customTags: 'x' }))]);
    expect(odd.client.customTags?.value).toEqual({});
  });

  it('the same Telemetry setting a field twice does not override itself', () => {
    const result = run([
      tel(ROOT, 'root', { tracing: [{ providers: [{ name: 'zipkin' }] }, { providers: [{ name: 'dt' }] }] }),
    ]);
    expect(result.client.provider).toEqual({ value: 'dt', from: 'istio-system/root' });
    expect(result.applied[0]?.overridden).toEqual([]);
    expect(result.client.history).toEqual([
      { field: 'provider', from: 'istio-system/root' },
      { field: 'provider', from: 'istio-system/root' },
    ]);
  });
});

describe('sides: SERVER-only and CLIENT-only entries', () => {
  it('a SERVER-only disable and sampling leave the client side as it was', () => {
    const result = run([
      tel(ROOT, 'root', dt({ randomSamplingPercentage: 5 })),
      tel('shop', 'ns', {
        tracing: [{ match: { mode: 'SERVER' }, disableSpanReporting: true, randomSamplingPercentage: 50 }],
      }),
    ]);
    expect(result.server).toMatchObject({ status: 'disabled', sampling: { percent: 50, from: 'shop/ns' } });
    expect(result.client).toMatchObject({ status: 'traces', sampling: { percent: 5, from: 'istio-system/root' } });
    expect(result.client.disableSpanReporting).toBeUndefined();
    expect(result.applied[0]?.overridden).toEqual([
      { side: 'server', field: 'randomSamplingPercentage', by: 'shop/ns' },
    ]);
  });

  it('a CLIENT-only provider leaves the server side without one; a gateway reads only the client side', () => {
    const result = run([tel('shop', 'ns', { tracing: [{ match: { mode: 'CLIENT' }, providers: [{ name: 'dt' }] }] })]);
    expect(result.client.status).toBe('traces');
    expect(result.server).toMatchObject({
      status: 'no-provider',
      reason:
        'no Telemetry that applies here names a tracing provider on this side, and defaultProviders.tracing is empty',
    });
    expect(sidesMissing(result, 'dt').map((s) => s.side)).toEqual(['server']);
    expect(sidesMissing(result, 'DT').map((s) => s.side)).toEqual(['server']);
    expect(sidesMissing(result, 'zipkin').map((s) => s.side)).toEqual(['client', 'server']);
    const gateway = run(
      [tel('shop', 'ns', { tracing: [{ match: { mode: 'CLIENT' }, providers: [{ name: 'dt' }] }] })],
      {
        proxy: { kind: 'gateway', namespace: 'shop', labels: {} },
      },
    );
    expect(gateway.reads).toEqual(['client']);
    expect(sidesMissing(gateway, 'dt')).toEqual([]);
  });
});

describe('providers: the statuses and their sentences', () => {
  it('traces: names the provider and the Telemetry that set it', () => {
    expect(run([tel(ROOT, 'root', dt())]).client.reason).toBe('traces go to dt (from istio-system/root)');
  });

  it('a name not in the mesh config turns tracing off and names the Telemetry; `providers: [null]` too', () => {
    expect(run([tel(ROOT, 'root', { tracing: [{ providers: [{ name: 'jaeger' }] }] })]).client).toMatchObject({
      status: 'unknown-provider',
      reason: 'istio-system/root names jaeger, which is not in the mesh config, so istiod turns tracing off',
      providerChecked: true,
    });
    const nameless = run([tel(ROOT, 'root', dt()), tel('shop', 'ns', { tracing: [{ providers: [null] }] })]);
    expect(nameless.client).toMatchObject({
      status: 'unknown-provider',
      reason: 'shop/ns names (a provider without a name), which is not in the mesh config, so istiod turns tracing off',
    });
    expect(nameless.client.resolved).toBeUndefined();
  });

  it('an unknown provider wins over a disable: the sentence says the provider is the problem', () => {
    const result = run([
      tel(ROOT, 'root', { tracing: [{ providers: [{ name: 'jaeger' }], disableSpanReporting: true }] }),
    ]);
    expect(result.client.status).toBe('unknown-provider');
  });

  it('no tracing at all without entries and without defaultProviders, and says so', () => {
    const result = run([tel(ROOT, 'root', { accessLogging: [{}] })]);
    expect(result.client).toMatchObject({
      status: 'no-tracing',
      reason:
        'no Telemetry that applies here has a tracing entry and the mesh config has no defaultProviders.tracing, so istiod configures no Telemetry tracing',
    });
    // An entry without a provider is tracing all the same: no provider, not "no tracing".
    expect(run([tel(ROOT, 'root', { tracing: [{}] })]).client.status).toBe('no-provider');
  });

  it('defaultProviders.tracing starts both sides (its first name only); an entry overrides it', () => {
    const withDefault = loadMeshConfig({
      extensionProviders: [{ name: 'dt' }, { name: 'zipkin' }],
      defaultProviders: { tracing: ['zipkin', 'dt'] },
    });
    const none = run([], { mesh: withDefault });
    expect(none.client).toMatchObject({
      status: 'traces',
      provider: { value: 'zipkin', from: 'defaultProviders.tracing' },
    });
    expect(none.server.reason).toBe('traces go to zipkin (from defaultProviders.tracing)');
    const over = run([tel('shop', 'ns', dt())], { mesh: withDefault });
    expect(over.client.provider).toEqual({ value: 'dt', from: 'shop/ns' });
  });

  it('without the mesh config: assumed providers count but are unchecked; other names are not refused', () => {
    const assumed: LoadedProvider = { name: 'dt', entry: undefined, customSampler: true, openTelemetry: true };
    const result = resolveTracing({
      telemetries: [tel(ROOT, 'root', { tracing: [{ providers: [{ name: 'DT' }] }] })],
      rootNamespace: ROOT,
      proxy: sidecar,
      istioVersion: '1.28.0',
      assumedProviders: [assumed],
    });
    expect(result.client).toMatchObject({ status: 'traces', providerChecked: false, resolved: assumed });
    expect(result.client.sampling).toEqual({ percent: 100, source: 'sampler' });
    expect(result.caveats).toContain(
      'Without the live mesh config, provider names and defaultProviders could not be checked.',
    );
    const unknown = resolveTracing({
      telemetries: [tel(ROOT, 'root', { tracing: [{ providers: [{ name: 'jaeger' }] }] })],
      rootNamespace: ROOT,
      proxy: sidecar,
      istioVersion: '1.28.0',
    });
    expect(unknown.client).toMatchObject({ status: 'traces', providerChecked: false });
    expect(unknown.client.resolved).toBeUndefined();
  });

  it('a later unknown name drops the earlier resolved provider; a later known one restores it', () => {
    const bad = run([tel(ROOT, 'root', dt()), tel('shop', 'ns', { tracing: [{ providers: [{ name: 'jaeger' }] }] })]);
    expect(bad.client.resolved).toBeUndefined();
    const good = run([tel(ROOT, 'root', { tracing: [{ providers: [{ name: 'jaeger' }] }] }), tel('shop', 'ns', dt())]);
    expect(good.client.resolved?.name).toBe('dt');
    expect(good.client.status).toBe('traces');
  });
});

describe('sampling', () => {
  const sampled = loadMeshConfig({
    extensionProviders: [{ name: 'dt', opentelemetry: { dynatraceSampler: {} } }, { name: 'zipkin' }],
    defaultConfig: { tracing: { sampling: 7 } },
  });

  it('the Dynatrace sampler forces 100 % and reports the Telemetry percentage it ignores', () => {
    const result = run([tel(ROOT, 'root', dt({ randomSamplingPercentage: 3 }))], { mesh: sampled });
    expect(result.client.sampling).toEqual({
      percent: 100,
      source: 'sampler',
      ignored: { value: 3, from: 'istio-system/root' },
    });
  });

  it('else the Telemetry, else defaultConfig.tracing.sampling, else PILOT_TRACE_SAMPLING (1)', () => {
    expect(
      run([tel(ROOT, 'root', { tracing: [{ providers: [{ name: 'zipkin' }] }] })], { mesh: sampled }).client.sampling,
    ).toEqual({
      percent: 7,
      source: 'default-config',
      from: 'defaultConfig.tracing.sampling',
    });
    expect(run([tel(ROOT, 'root', dt())]).client.sampling).toEqual({ percent: 1, source: 'pilot-default' });
  });
});

describe('formatter custom tags on proxies older than 1.29', () => {
  const tags = { a: { formatter: { value: '%REQ(x)%' } }, b: { literal: { value: '1' } } };

  it('are listed as skipped for a 1.28 proxy, not for a 1.29 one', () => {
    expect(
      run([tel(ROOT, 'root', dt({ customTags: tags }))], { proxy: { ...sidecar, version: '1.28.3' } }).client.customTags
        ?.skipped,
    ).toEqual(['a']);
    expect(
      run([tel(ROOT, 'root', dt({ customTags: tags }))], { istioVersion: '1.29.0' }).client.customTags?.skipped,
    ).toEqual([]);
    expect(
      run([tel(ROOT, 'root', dt({ customTags: tags }))], { istioVersion: '1.28.0' }).client.customTags?.skipped,
    ).toEqual(['a']);
    expect(
      run([tel(ROOT, 'root', dt({ customTags: tags }))], { proxy: { ...sidecar, version: 'dev' } }).client.customTags
        ?.skipped,
    ).toEqual([]);
  });
});

describe('which Telemetries apply, and the sentences for each', () => {
  it('the oldest namespace-wide Telemetry of a namespace applies; a later one is named as ignored', () => {
    const result = run([tel('shop', 'later', dt(), T2), tel('shop', 'first', dt(), T1), tel(ROOT, 'root', dt(), T1)]);
    expect(result.applied.map((v) => v.id)).toEqual(['istio-system/root', 'shop/first']);
    const why = whyOf(result);
    expect(why['istio-system/root']).toBe('the namespace-wide Telemetry of the root namespace istio-system');
    expect(why['shop/first']).toBe(
      "the namespace-wide Telemetry of the proxy's namespace shop, and the oldest of its namespace-wide Telemetries",
    );
    expect(why['shop/later']).toBe('istiod uses only the oldest namespace-wide Telemetry of shop, shop/first');
    expect(result.verdicts.every((v) => v.unsure === undefined)).toBe(true);
  });

  it('without creationTimestamps the choice among namespace-wide ones is marked unsure, both ways', () => {
    const result = run([tel('shop', 'b', dt(), T1), tel('shop', 'a', dt())]);
    expect(result.verdicts.map((v) => [v.id, v.applies, v.unsure])).toEqual([
      ['shop/a', true, true],
      ['shop/b', false, true],
    ]);
    // One namespace-wide Telemetry without a date is no guess.
    expect(run([tel('shop', 'a', dt())]).verdicts[0]?.unsure).toBeUndefined();
  });

  it('on 1.22–1.23 a targetRefs Telemetry counts as namespace-wide, and the sentences say why', () => {
    const refs = { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw' }] };
    const result = run(
      [
        tel('shop', 'refs', { ...refs, ...dt() }, T1),
        tel('shop', 'refs2', { ...refs, ...dt() }, T2),
        tel('shop', 'plain', dt(), T2),
      ],
      {
        istioVersion: '1.23.0',
      },
    );
    const why = whyOf(result);
    expect(why['shop/refs']).toBe(
      "the namespace-wide Telemetry of the proxy's namespace shop, and the oldest of its namespace-wide Telemetries; on Istio 1.23.0 its targetRefs are not used, so it counts as namespace-wide",
    );
    expect(why['shop/refs2']).toBe(
      'istiod uses only the oldest namespace-wide Telemetry of shop, shop/refs; on Istio 1.23.0 targetRefs do not attach, so this one counts as namespace-wide too',
    );
    expect(why['shop/plain']).toBe('istiod uses only the oldest namespace-wide Telemetry of shop, shop/refs');
    // From 1.24 the same Telemetries: the plain one is namespace-wide, the targetRefs ones do not reach a sidecar.
    const later = run([tel('shop', 'refs', { ...refs, ...dt() }, T1), tel('shop', 'plain', dt(), T2)], {
      istioVersion: '1.24.0',
    });
    expect(later.applied.map((v) => v.id)).toEqual(['shop/plain']);
    expect(whyOf(later)['shop/plain']).toBe("the namespace-wide Telemetry of the proxy's namespace shop");
  });

  it('attached Telemetries apply oldest first, so the newest wins; several undated ones make a caveat', () => {
    const cart = { selector: { matchLabels: { app: 'cart' } } };
    const dated = run([
      tel('shop', 'new', { ...cart, tracing: [{ providers: [{ name: 'zipkin' }] }] }, T2),
      tel('shop', 'old', { ...cart, ...dt() }, T1),
    ]);
    expect(dated.applied.map((v) => [v.id, v.step])).toEqual([
      ['shop/old', 'attached'],
      ['shop/new', 'attached'],
    ]);
    expect(dated.client.provider).toEqual({ value: 'zipkin', from: 'shop/new' });
    expect(dated.applied[0]?.overridden).toEqual([
      { side: 'client', field: 'provider', by: 'shop/new' },
      { side: 'server', field: 'provider', by: 'shop/new' },
    ]);
    expect(dated.caveats).toEqual([]);
    const undated = run([tel('shop', 'b', { ...cart, ...dt() }), tel('shop', 'a', { ...cart, ...dt() }, T1)]);
    expect(undated.caveats).toEqual([
      'shop/b, shop/a all attach here and some have no creationTimestamp: the newest wins, so which one decides is a guess (undated ones are ordered first, as istiod orders a zero time).',
    ]);
    // One attached undated Telemetry is no guess.
    expect(run([tel('shop', 'b', { ...cart, ...dt() })]).caveats).toEqual([]);
  });

  it('a proxy in the root namespace reads the root namespace once, and its attached Telemetries', () => {
    const result = run(
      [
        tel(ROOT, 'root', dt(), T1),
        tel(ROOT, 'sel', { selector: { matchLabels: { app: 'cart' } }, tracing: [{}] }, T2),
      ],
      {
        proxy: { kind: 'sidecar', namespace: ROOT, labels: { app: 'cart' } },
      },
    );
    expect(result.applied.map((v) => [v.id, v.step])).toEqual([
      ['istio-system/root', 'root'],
      ['istio-system/sel', 'attached'],
    ]);
  });

  it('without a root namespace, no root step', () => {
    const result = run([tel(ROOT, 'root', dt())], { rootNamespace: '' });
    expect(result.applied).toEqual([]);
    expect(whyOf(result)['istio-system/root']).toBe('it is in namespace istio-system; this proxy runs in shop');
  });

  it('an unreadable version: the newest rules, and a caveat saying so', () => {
    expect(run([], { istioVersion: 'main' }).caveats).toContain(
      'Istio version "main" is not readable; the newest rules known (1.30.3+) were used.',
    );
    expect(run([]).caveats).toEqual([]);
  });
});

describe('waypoints serving a Service of another namespace', () => {
  const waypoint: ProxyInput = {
    kind: 'waypoint',
    namespace: 'wp',
    gatewayName: 'waypoint',
    service: { namespace: 'shop', name: 'cart' },
  };
  const refs = { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'waypoint' }] };

  it('1.30.3: the Service namespace’s namespace-wide Telemetry applies; attached ones of the waypoint’s namespace do not', () => {
    const result = run([tel('shop', 'default', dt()), tel('wp', 'attached', { ...refs, ...dt() })], {
      proxy: waypoint,
      istioVersion: '1.30.3',
    });
    expect(result.applied.map((v) => [v.id, v.step])).toEqual([['shop/default', 'service-namespace']]);
    const why = whyOf(result);
    expect(why['shop/default']).toBe(
      'the namespace-wide Telemetry of shop, the namespace of the Service this waypoint serves (Istio 1.30.3+)',
    );
    expect(why['wp/attached']).toBe(
      'on Istio 1.30.3 a waypoint serving shop/cart takes attached Telemetries only from shop, not from its own namespace wp (istio#61538)',
    );
    expect(result.caveats).toEqual([]);
  });

  it('1.30.2: the Service namespace is not read, and the sentence says from when it is', () => {
    const result = run([tel('shop', 'default', dt()), tel('wp', 'attached', { ...refs, ...dt() })], {
      proxy: waypoint,
      istioVersion: '1.30.2',
    });
    expect(result.applied.map((v) => v.id)).toEqual(['wp/attached']);
    expect(whyOf(result)['shop/default']).toBe(
      "on Istio 1.30.2 a waypoint in wp does not read Telemetries of shop, the Service's namespace (from 1.30.3 it reads the namespace-wide one)",
    );
  });

  it('a waypoint serving a Service of its own namespace: no Service-namespace step and no caveat, even on "1.30"', () => {
    const local = run([tel('wp', 'default', dt())], {
      proxy: { ...waypoint, service: { namespace: 'wp', name: 'cart' } },
      istioVersion: '1.30',
    });
    expect(local.applied.map((v) => v.step)).toEqual(['namespace']);
    expect(local.caveats).toEqual([]);
  });

  it('a sidecar’s service is not a waypoint’s: no Service-namespace step', () => {
    const result = run([tel('shop', 'default', dt())], {
      proxy: { kind: 'sidecar', namespace: 'wp', labels: {}, service: { namespace: 'shop', name: 'cart' } },
      istioVersion: '1.30.3',
    });
    expect(result.applied).toEqual([]);
    expect(whyOf(result)['shop/default']).toBe('it is in namespace shop; this proxy runs in wp');
  });
});

describe('what the survivors of the first round showed', () => {
  const cart = { selector: { matchLabels: { app: 'cart' } } };

  it('a Gateway API gateway keeps its pod labels beside the gateway-name label', () => {
    const result = run([tel('shop', 'gw', { selector: { matchLabels: { app: 'gw' } }, ...dt() })], {
      proxy: { kind: 'gateway', namespace: 'shop', labels: { app: 'gw' }, gatewayName: 'ingress' },
    });
    expect(result.applied.map((v) => [v.id, v.applies, v.step])).toEqual([['shop/gw', true, 'attached']]);
  });

  it('on 1.23 a plain namespace-wide Telemetry is not said to have unused targetRefs', () => {
    const refs = { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw' }] };
    const result = run([tel('shop', 'plain', dt(), T1), tel('shop', 'refs', { ...refs, ...dt() }, T2)], {
      istioVersion: '1.23.0',
    });
    expect(whyOf(result)['shop/plain']).toBe(
      "the namespace-wide Telemetry of the proxy's namespace shop, and the oldest of its namespace-wide Telemetries",
    );
  });

  it('without a root namespace, a Telemetry without a namespace is not taken as the root’s', () => {
    const result = run([tel('', 'nameless', dt())], { rootNamespace: '' });
    expect(result.applied).toEqual([]);
    expect(result.client.status).toBe('no-tracing');
  });

  it('an undated namespace-wide Telemetry and one dated attached one: no caveat about the attached order', () => {
    const result = run([tel(ROOT, 'root', dt()), tel('shop', 'sel', { ...cart, ...dt() }, T1)]);
    expect(result.applied.map((v) => v.id)).toEqual(['istio-system/root', 'shop/sel']);
    expect(result.caveats).toEqual([]);
  });

  it('without the mesh config and without any tracing entry: no tracing, no assumed default', () => {
    const result = resolveTracing({ telemetries: [], rootNamespace: ROOT, proxy: sidecar, istioVersion: '1.28.0' });
    expect(result.client.status).toBe('no-tracing');
    expect(result.client.provider).toBeUndefined();
  });

  it('overrides are recorded on the Telemetry that was overridden, never on a later one or on the first one', () => {
    const result = run([
      tel(ROOT, 'root', dt(), T1),
      tel('shop', 'ns', { tracing: [{ randomSamplingPercentage: 5 }] }, T1),
      tel('shop', 'sel', { ...cart, tracing: [{ randomSamplingPercentage: 50 }] }, T2),
    ]);
    expect(result.applied.map((v) => [v.id, v.overridden])).toEqual([
      ['istio-system/root', []],
      [
        'shop/ns',
        [
          { side: 'client', field: 'randomSamplingPercentage', by: 'shop/sel' },
          { side: 'server', field: 'randomSamplingPercentage', by: 'shop/sel' },
        ],
      ],
      ['shop/sel', []],
    ]);
  });

  it('a Telemetry that overrides defaultProviders.tracing is not itself marked as overridden', () => {
    const withDefault = loadMeshConfig({ extensionProviders: [{ name: 'dt' }], defaultProviders: { tracing: ['dt'] } });
    const result = run([tel(ROOT, 'root', dt())], { mesh: withDefault });
    expect(result.applied[0]?.overridden).toEqual([]);
  });

  it('a provider found in the mesh config is checked; with a mesh config and no provider, too', () => {
    const result = run([tel(ROOT, 'root', dt())]);
    expect(result.client).toMatchObject({ status: 'traces', providerChecked: true });
    expect(run([tel(ROOT, 'root', { tracing: [{}] })]).client).toMatchObject({
      status: 'no-provider',
      providerChecked: true,
    });
  });

  it('an assumed provider reaches only its own name', () => {
    const assumed: LoadedProvider = { name: 'dt', entry: undefined, customSampler: true, openTelemetry: true };
    const result = resolveTracing({
      telemetries: [tel(ROOT, 'root', { tracing: [{ providers: [{ name: 'jaeger' }] }] })],
      rootNamespace: ROOT,
      proxy: sidecar,
      istioVersion: '1.28.0',
      assumedProviders: [assumed],
    });
    expect(result.client.resolved).toBeUndefined();
    expect(result.client.sampling.source).toBe('pilot-default');
  });

  it('custom tags that are not objects are not formatter tags (and break nothing)', () => {
    const result = run(
      [tel(ROOT, 'root', dt({ customTags: { a: null, b: 'x', c: { formatter: { value: '%X%' } } } }))],
      {
        istioVersion: '1.28.0',
      },
    );
    expect(result.client.customTags?.skipped).toEqual(['c']);
  });

  it('a waypoint serving another namespace: a Telemetry of a third namespace is just elsewhere, on 1.30.3 and 1.30.2', () => {
    const waypoint: ProxyInput = {
      kind: 'waypoint',
      namespace: 'wp',
      gatewayName: 'waypoint',
      service: { namespace: 'shop', name: 'cart' },
    };
    for (const istioVersion of ['1.30.3', '1.30.2']) {
      const result = run([tel('elsewhere', 'third', dt())], { proxy: waypoint, istioVersion });
      expect(whyOf(result)['elsewhere/third'], istioVersion).toBe(
        'it is in namespace elsewhere; this proxy runs in wp',
      );
    }
  });

  it('sidesMissing counts a side that names the provider but does not trace (disabled)', () => {
    const result = run([tel(ROOT, 'root', dt({ disableSpanReporting: true }))]);
    expect(sidesMissing(result, 'dt').map((s) => [s.side, s.status])).toEqual([
      ['client', 'disabled'],
      ['server', 'disabled'],
    ]);
  });
});
