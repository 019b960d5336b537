import { describe, expect, it } from 'vitest';
import { model as baseModel } from '../__fixtures__/models';
import { meshFactsOf, type MeshFacts } from './check-telemetry';
import { cart, check, DAY1, DAY2, inShop, meshWide, noteCodes, T, tracing } from './__fixtures__/telemetry-check';

/*
 * The decisions of check-telemetry.ts that its other tests left open (the survivors of a full mutation run at
 * 360fbfe): which mesh facts count, what a nameless provider is not called, when a side is judged on its own, which
 * namespace is said to override the mesh-wide Telemetry, and the lists in the notes. Each test says what must be
 * reported and what must not. Telemetries as `kubectl get telemetry -A -o yaml` lists them; istiod's rules are the
 * rules module's (pilot/pkg/model/telemetry.go, 1.22.0–1.30.3).
 */

const DAY3 = '2026-11-03T00:00:00Z';

const noSampler = baseModel({ provider: { sampler: false } });

const problemCodes = (item: { problems: { code: string }[] }) => item.problems.map((problem) => problem.code);
const noteOf = (item: { notes: { code: string; message: string }[] }, code: string) =>
  item.notes.filter((note) => note.code === code).map((note) => note.message);

const DEFAULT_NOTE =
  'No Telemetry names dynatrace-otel, and none needs to: defaultProviders.tracing names it, so istiod uses it wherever no Telemetry names another provider.';

describe('the mesh facts the check is given', () => {
  it('provider names with defaultProviders.tracing (no loaded mesh): the default counts, and a name not listed is unknown', () => {
    const mesh: MeshFacts = { providerNames: ['dynatrace-otel'], defaultTracing: ['dynatrace-otel'] };
    const none = check([], meshWide, mesh);
    expect(none.references.status).toBe('pass');
    expect(none.references.notes).toEqual([{ code: 'telemetry.default-provider', message: DEFAULT_NOTE }]);
    expect(none.applies.status).toBe('pass');
    // The same names without the default: nothing names the provider, so it fails.
    const without = check([], meshWide, { providerNames: ['dynatrace-otel'] });
    expect(without.references.status).toBe('fail');
    expect(noteCodes(without.references)).toEqual([]);
  });

  it('defaultProviders.tracing without provider names is no mesh config: no default is assumed, nothing crashes', () => {
    const { references, applies } = check([], meshWide, { defaultTracing: ['dynatrace-otel'] });
    expect(references.status).toBe('fail');
    expect(problemCodes(references)).toEqual(['telemetry.no-reference']);
    expect(noteCodes(references)).toEqual([]);
    expect(applies.status).toBe('fail');
  });

  it('meshFactsOf keeps the provider names given without a mesh config, so an unlisted name is noted', () => {
    expect(meshFactsOf(undefined, ['dynatrace-otel'])).toEqual({ providerNames: ['dynatrace-otel'] });
    expect(meshFactsOf(undefined, undefined)).toEqual({});
    const list = [T('istio-system', 'dt', tracing('dynatrace-otel'), DAY1), T('shop', 'z', tracing('zipkin'), DAY1)];
    const { references } = check(list, meshWide, meshFactsOf(undefined, ['dynatrace-otel']));
    expect(noteOf(references, 'telemetry.unknown-provider')).toEqual([
      'shop/z names zipkin, which is not in the live mesh config: tracing is off wherever it applies.',
    ]);
  });
});

describe('telemetry.references-provider: default provider, capitalisation, nameless items', () => {
  const mesh = meshFactsOf(
    {
      extensionProviders: [{ name: 'dynatrace-otel', opentelemetry: { service: 'x', port: 4318 } }],
      defaultProviders: { tracing: ['dynatrace-otel'] },
    },
    undefined,
  );

  it('a Telemetry naming the provider is named; the default-provider note is not added beside it', () => {
    const { references } = check([T('istio-system', 'dt', tracing('dynatrace-otel'), DAY1)], meshWide, mesh);
    expect(references.status).toBe('pass');
    expect(references.summary).toBe('istio-system/dt names dynatrace-otel.');
    expect(references.notes).toEqual([]);
  });

  it('a name in other capitalisation with the default: the capitalisation note, not the default note', () => {
    const { references } = check([T('istio-system', 'dt', tracing('Dynatrace-OTEL'), DAY1)], meshWide, mesh);
    expect(references.status).toBe('pass');
    expect(noteCodes(references)).toEqual(['telemetry.reference-case']);
  });

  it('several Telemetries in other capitalisation are each named, comma-separated, in summary and note', () => {
    const { references } = check([
      T('istio-system', 'a', tracing('Dynatrace-OTEL'), DAY1),
      T('shop', 'b', tracing('DYNATRACE-OTEL'), DAY1),
    ]);
    expect(references.summary).toBe('istio-system/a, shop/b name the provider.');
    expect(noteOf(references, 'telemetry.reference-case')).toEqual([
      'istio-system/a, shop/b name the provider with other capitalisation; istiod matches names case-insensitively.',
    ]);
  });

  it('no Telemetry naming the provider: the cause says a name must match and nothing else reports it', () => {
    const { references } = check([T('istio-system', 'z', tracing('zipkin'), DAY1)]);
    expect(references.problems[0]?.cause).toBe(
      'Without a Telemetry that names the provider (exactly as in the mesh config), no proxy traces to it: no spans, and no error.',
    );
  });

  it('a nameless provider item is not listed as a name a Telemetry uses, nor as an unknown provider', () => {
    const list = [T('istio-system', 'a', { tracing: [{ providers: [{ name: '' }] }] }, DAY1)];
    const { references } = check(list, meshWide, { providerNames: ['dynatrace-otel'] });
    expect(references.problems[0]?.message).toBe('No Telemetry names dynatrace-otel.');
    expect(noteCodes(references)).toEqual(['telemetry.empty-providers']);
    const mixed = check([...list, T('shop', 'z', tracing('zipkin'), DAY1)]);
    expect(mixed.references.problems[0]?.message).toBe('No Telemetry names dynatrace-otel; they name zipkin.');
  });

  it('an entry with `providers:` left empty (null) or an empty list is read without a note and without failing to read', () => {
    for (const providers of [null, []]) {
      const spec = { tracing: [{ providers: [{ name: 'dynatrace-otel' }] }, { providers }] };
      const { references } = check([T('istio-system', 'dt', spec, DAY1)]);
      expect(references.status, JSON.stringify(providers)).toBe('pass');
      expect(noteCodes(references), JSON.stringify(providers)).toEqual([]);
    }
  });

  it('a nameless provider first in any tracing entry is noted, not only in the first entry', () => {
    const spec = {
      tracing: [{ providers: [{ name: 'dynatrace-otel' }] }, { match: { mode: 'SERVER' }, providers: [{ name: '' }] }],
    };
    const { references } = check([T('istio-system', 'dt', spec, DAY1)]);
    expect(noteOf(references, 'telemetry.empty-providers')).toEqual([
      'istio-system/dt has a provider without a name first in a tracing entry: istiod finds no provider for it and turns tracing off where it applies.',
    ]);
  });
});

describe('telemetry.applies: each side judged on its own', () => {
  it('sampling 0 on the server side only fails for the server side, though both sides trace to the same provider', () => {
    const spec = {
      tracing: [
        { providers: [{ name: 'dynatrace-otel' }] },
        { match: { mode: 'SERVER' }, randomSamplingPercentage: 0 },
      ],
    };
    const { applies } = check([T('istio-system', 'dt', spec, DAY1)], noSampler);
    expect(applies.status).toBe('fail');
    expect(applies.problems.map((problem) => problem.message)).toEqual([
      'server side: randomSamplingPercentage is 0 (from istio-system/dt): no request is traced.',
    ]);
  });

  it('both sides disabled by different Telemetries: each side names its own', () => {
    const list = [
      T('istio-system', 'dt', { tracing: [{ providers: [{ name: 'dynatrace-otel' }] }] }, DAY1),
      T('shop', 'client-off', { tracing: [{ match: { mode: 'CLIENT' }, disableSpanReporting: true }] }, DAY1),
      T(
        'shop',
        'server-off',
        {
          selector: { matchLabels: { app: 'cart' } },
          tracing: [{ match: { mode: 'SERVER' }, disableSpanReporting: true }],
        },
        DAY2,
      ),
    ];
    const { applies } = check(list, cart);
    expect(applies.problems.map((problem) => problem.message)).toEqual([
      'client side: disableSpanReporting: true in shop/client-off.',
      'server side: disableSpanReporting: true in shop/server-off.',
    ]);
  });

  it('a percentage the sampler ignores on the server side only is noted', () => {
    const spec = {
      tracing: [
        { providers: [{ name: 'dynatrace-otel' }] },
        { match: { mode: 'SERVER' }, randomSamplingPercentage: 5 },
      ],
    };
    const { applies } = check([T('istio-system', 'dt', spec, DAY1)]);
    expect(applies.status).toBe('pass');
    expect(noteOf(applies, 'telemetry.sampling-ignored')).toEqual([
      'randomSamplingPercentage 5 (from istio-system/dt) is ignored: with the Dynatrace sampler istiod sends every request to the sampler.',
    ]);
  });
});

describe('telemetry.applies: the notes list every Telemetry and tag', () => {
  it('customTags set by three Telemetries: the first two are replaced by the last', () => {
    const tags = (tag: string) => ({ customTags: { [tag]: { literal: { value: tag } } } });
    const list = [
      T('istio-system', 'dt', tracing('dynatrace-otel', tags('a')), DAY1),
      T('shop', 'ns', { tracing: [tags('b')] }, DAY1),
      T('shop', 'c', { selector: { matchLabels: { app: 'cart' } }, tracing: [tags('c')] }, DAY1),
    ];
    const { applies } = check(list, cart);
    expect(noteOf(applies, 'telemetry.custom-tags-replaced')).toEqual([
      'customTags from istio-system/dt, shop/ns are replaced, not merged, by those of shop/c.',
    ]);
  });

  it('two formatter tags left out before 1.29 are both named', () => {
    const formatter = { formatter: { value: '%REQ(x-id)%' } };
    const list = [
      T('istio-system', 'dt', tracing('dynatrace-otel', { customTags: { one: formatter, two: formatter } }), DAY1),
    ];
    const { applies } = check(list, baseModel({ istio: { version: '1.28.0' } }));
    expect(noteOf(applies, 'telemetry.formatter-tags-skipped')).toEqual([
      'The formatter tags one, two are left out for proxies older than 1.29 (pilot/pkg/networking/core/tracing.go).',
    ]);
  });

  it('what the rules could not know is noted; the missing mesh config is not (another item says so)', () => {
    const list = [
      T('istio-system', 'dt', tracing('dynatrace-otel'), DAY1),
      T('shop', 'a', { selector: { matchLabels: { app: 'cart' } }, ...tracing('dynatrace-otel') }),
      T('shop', 'b', { selector: { matchLabels: { app: 'cart' } }, ...tracing('dynatrace-otel') }),
    ];
    const { applies } = check(list, cart);
    expect(noteOf(applies, 'telemetry.caveat')).toEqual([
      'shop/a, shop/b all attach here and some have no creationTimestamp: the newest wins, so which one decides is a guess (undated ones are ordered first, as istiod orders a zero time).',
    ]);
    expect(JSON.stringify(applies)).not.toContain('Without the live mesh config');
  });
});

describe('telemetry.applies under a mesh-wide scope: namespaces that decide for themselves', () => {
  it('the root namespace is never said to override the mesh-wide Telemetry', () => {
    const { applies } = check([T('istio-system', 'z', tracing('zipkin'), DAY1)]);
    expect(applies.status).toBe('fail');
    expect(noteCodes(applies)).not.toContain('telemetry.namespace-override');
  });

  it('a namespace with only a selector Telemetry does not override for the namespace', () => {
    const list = [
      T('istio-system', 'z', tracing('zipkin'), DAY1),
      T('shop', 'c', { selector: { matchLabels: { app: 'cart' } }, ...tracing('dynatrace-otel') }, DAY1),
    ];
    expect(noteCodes(check(list).applies)).not.toContain('telemetry.namespace-override');
  });

  it('a namespace-wide Telemetry that disables span reporting overrides the mesh-wide one, said so', () => {
    const list = [
      T('istio-system', 'dt', tracing('dynatrace-otel'), DAY1),
      T('shop', 'off', { tracing: [{ disableSpanReporting: true }] }, DAY1),
    ];
    const { applies } = check(list);
    expect(applies.notes).toContainEqual({
      code: 'telemetry.namespace-override',
      message: 'In namespace shop, shop/off overrides the mesh-wide one: disableSpanReporting: true in shop/off.',
      fix: 'If shop should send traces to Dynatrace, make that Telemetry name dynatrace-otel (or remove it).',
    });
  });

  it('a namespace-wide Telemetry that sends only the client side elsewhere overrides for sidecars there', () => {
    const list = [
      T('istio-system', 'dt', tracing('dynatrace-otel'), DAY1),
      T('shop', 'zc', { tracing: [{ match: { mode: 'CLIENT' }, providers: [{ name: 'zipkin' }] }] }, DAY1),
    ];
    expect(noteOf(check(list).applies, 'telemetry.namespace-override')).toEqual([
      'In namespace shop, shop/zc overrides the mesh-wide one: traces go to zipkin (from shop/zc).',
    ]);
  });

  it('at waypoints: a namespace-wide and a waypoint-targeted Telemetry both override, named together', () => {
    const waypoints = baseModel({ istio: { ambient: true, ambientTracing: 'waypoints' } });
    const list = [
      T('istio-system', 'dt', tracing('dynatrace-otel'), DAY1),
      T('shop', 'ns', tracing('zipkin'), DAY1),
      T(
        'shop',
        'wp',
        {
          targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'waypoint' }],
          ...tracing('zipkin'),
        },
        DAY2,
      ),
    ];
    expect(noteOf(check(list, waypoints).applies, 'telemetry.namespace-override')).toEqual([
      'In namespace shop, shop/ns, shop/wp override the mesh-wide one: traces go to zipkin (from shop/wp).',
    ]);
  });
});

describe('telemetry.applies at waypoints: what a waypoint ignores', () => {
  it('a selector Telemetry that matches the waypoint pod’s labels does not override: waypoints ignore selectors', () => {
    const waypoints = baseModel({ istio: { ambient: true, ambientTracing: 'waypoints' } });
    const list = [
      T('istio-system', 'dt', tracing('dynatrace-otel'), DAY1),
      T(
        'shop',
        'by-label',
        { selector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'waypoint' } }, ...tracing('zipkin') },
        DAY2,
      ),
    ];
    const { applies } = check(list, waypoints);
    expect(applies.status).toBe('pass');
    expect(noteCodes(applies)).not.toContain('telemetry.namespace-override');
  });
});

describe('telemetry.root-selector', () => {
  const rootSelector = (provider: string) =>
    T('istio-system', 'sel', { selector: { matchLabels: { app: 'cart' } }, ...tracing(provider) }, DAY1);

  it('is noted for a root selector Telemetry naming the provider when the scope is another namespace', () => {
    expect(noteCodes(check([rootSelector('dynatrace-otel')], inShop).applies)).toContain('telemetry.root-selector');
  });

  it('is not noted when it names another provider, or when the scope is the root namespace', () => {
    expect(noteCodes(check([rootSelector('zipkin')], inShop).applies)).not.toContain('telemetry.root-selector');
    expect(noteCodes(check([rootSelector('dynatrace-otel')]).applies)).not.toContain('telemetry.root-selector');
  });

  it('is not noted for a selector Telemetry in the scope’s own namespace', () => {
    const list = [T('shop', 'sel', { selector: { matchLabels: { app: 'cart' } }, ...tracing('dynatrace-otel') }, DAY1)];
    expect(noteCodes(check(list, inShop).applies)).not.toContain('telemetry.root-selector');
  });
});

describe('the order of Telemetries from their creationTimestamp', () => {
  it('an empty creationTimestamp is undated, like a missing one: IST0160 says the oldest is a guess', () => {
    const list = [
      T('istio-system', 'b', tracing('dynatrace-otel'), DAY3),
      T('istio-system', 'a', tracing('zipkin'), ''),
    ];
    const { conflicts } = check(list);
    expect(conflicts.problems[0]?.message).toContain(
      'istiod uses only the oldest, istio-system/a (a guess: some have no creationTimestamp)',
    );
  });
});
