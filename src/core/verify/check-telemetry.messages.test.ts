import { describe, expect, it } from 'vitest';
import { model as baseModel } from '../__fixtures__/models';
import { generateTelemetry } from '../generate/telemetry';
import { meshFactsOf } from './check-telemetry';
import { cart, check, DAY1, DAY2, inShop, meshWide, noteCodes, T, tracing } from './__fixtures__/telemetry-check';

/*
 * The Telemetry items' texts: which Telemetry decides, which one is ignored and why, and what must not be said.
 * Telemetries as `kubectl get telemetry -A -o yaml` lists them (metadata.name, namespace, creationTimestamp, spec of
 * telemetry.istio.io/v1 Telemetry, istio/api telemetry/v1alpha1/telemetry.proto); istiod's rules from
 * pilot/pkg/model/telemetry.go (1.22.0–1.30.3) as the rules module models them.
 */

const selector = (app: string) => ({ selector: { matchLabels: { app } } });

const codes = (item: { problems: { code: string }[] }) => item.problems.map((problem) => problem.code);

describe('telemetry.references-provider', () => {
  it('no Telemetry at all: fails with the file to apply, in the scope’s namespace', () => {
    const { references, applies, conflicts } = check([]);
    expect(references.status).toBe('fail');
    expect(references.summary).toBe('No Telemetry names dynatrace-otel.');
    expect(references.problems[0]).toMatchObject({
      code: 'telemetry.no-reference',
      message: 'There is no Telemetry resource in the cluster.',
      fix: 'Apply dt-telemetry.yaml (kubectl apply -n istio-system -f dt-telemetry.yaml):',
      fixText: generateTelemetry(meshWide).text,
    });
    expect(applies.summary).toBe('For the whole mesh: no tracing provider.');
    expect(applies.problems).toEqual([
      {
        code: 'telemetry.not-applied',
        message: 'no Telemetry that applies here names a tracing provider.',
        cause: 'The Telemetry is missing, in the wrong namespace, or attached to other proxies.',
        fix: 'Apply dt-telemetry.yaml (kubectl apply -n istio-system -f dt-telemetry.yaml):',
        fixText: generateTelemetry(meshWide).text,
      },
    ]);
    expect(conflicts.summary).toBe('0 Telemetries, no conflicts.');
    expect(check([], inShop).references.problems[0]?.fix).toBe(
      'Apply dt-telemetry.yaml (kubectl apply -n shop -f dt-telemetry.yaml):',
    );
  });

  it('Telemetries naming only other providers: fails listing the names they use, once each', () => {
    const { references } = check([
      T('istio-system', 'a', tracing('zipkin'), DAY1),
      T('shop', 'b', tracing('zipkin'), DAY1),
      T('web', 'c', tracing('jaeger'), DAY1),
    ]);
    expect(references.problems[0]?.message).toBe('No Telemetry names dynatrace-otel; they name zipkin, jaeger.');
    const unnamed = check([T('istio-system', 'a', { tracing: [{ randomSamplingPercentage: 10 }] }, DAY1)]);
    expect(unnamed.references.problems[0]?.message).toBe('No Telemetry names dynatrace-otel.');
  });

  it('names the Telemetries that name the provider, in the singular and the plural', () => {
    expect(check([T('istio-system', 'dt', tracing('dynatrace-otel'), DAY1)]).references.summary).toBe(
      'istio-system/dt names dynatrace-otel.',
    );
    const two = check([
      T('istio-system', 'dt', tracing('dynatrace-otel'), DAY1),
      T('shop', 'dt', tracing('dynatrace-otel'), DAY1),
    ]);
    expect(two.references.summary).toBe('istio-system/dt, shop/dt name dynatrace-otel.');
    expect(two.references.notes).toEqual([]);
  });

  it('a name in other capitalisation passes with a note naming the Telemetry; nothing is noted when the case matches', () => {
    const { references, applies } = check([T('istio-system', 'dt', tracing('Dynatrace-OTEL'), DAY1)]);
    expect(references.status).toBe('pass');
    expect(references.summary).toBe('istio-system/dt name the provider.');
    expect(references.notes).toEqual([
      {
        code: 'telemetry.reference-case',
        message:
          'istio-system/dt name the provider with other capitalisation; istiod matches names case-insensitively.',
      },
    ]);
    expect(applies.status).toBe('pass');
  });

  it('a provider the live mesh config lacks is noted for the Telemetry that names it; a known one is not', () => {
    const list = [T('istio-system', 'dt', tracing('dynatrace-otel'), DAY1), T('shop', 'z', tracing('zipkin'), DAY1)];
    const { references } = check(list, meshWide, { providerNames: ['dynatrace-otel'] });
    expect(references.notes).toEqual([
      {
        code: 'telemetry.unknown-provider',
        message: 'shop/z names zipkin, which is not in the live mesh config: tracing is off wherever it applies.',
        fix: 'Fix the name, or remove the Telemetry.',
      },
    ]);
    expect(check(list, meshWide, { providerNames: ['dynatrace-otel', 'zipkin'] }).references.notes).toEqual([]);
    // Without the mesh config nothing is called unknown.
    expect(check(list).references.notes).toEqual([]);
  });

  it('a nameless provider first in an entry is noted; a named one first is not', () => {
    const first = check([
      T('istio-system', 'dt', { tracing: [{ providers: [{ name: '' }, { name: 'dynatrace-otel' }] }] }, DAY1),
    ]);
    expect(first.references.notes).toEqual([
      {
        code: 'telemetry.empty-providers',
        message:
          'istio-system/dt has a provider without a name first in a tracing entry: istiod finds no provider for it and turns tracing off where it applies.',
      },
    ]);
    expect(first.applies.status).toBe('fail');
    const second = check([
      T('istio-system', 'dt', { tracing: [{ providers: [{ name: 'dynatrace-otel' }, { name: '' }] }] }, DAY1),
    ]);
    expect(noteCodes(second.references)).toEqual([]);
    expect(noteCodes(check([T('istio-system', 'dt', { tracing: [{ providers: [] }] }, DAY1)]).references)).toEqual([]);
  });

  it('defaultProviders.tracing naming the provider needs no Telemetry that names it (istiod uses the first default)', () => {
    const mesh = meshFactsOf(
      {
        extensionProviders: [{ name: 'dynatrace-otel', opentelemetry: { service: 'x', port: 4318 } }],
        defaultProviders: { tracing: ['dynatrace-otel'] },
      },
      undefined,
    );
    const none = check([], meshWide, mesh);
    expect(none.references.status).toBe('pass');
    expect(none.references.problems).toEqual([]);
    expect(none.references.notes).toEqual([
      {
        code: 'telemetry.default-provider',
        message:
          'No Telemetry names dynatrace-otel, and none needs to: defaultProviders.tracing names it, so istiod uses it wherever no Telemetry names another provider.',
      },
    ]);
    expect(none.applies.status).toBe('pass');
    const sampling = check(
      [T('istio-system', 'mesh-default', { tracing: [{ randomSamplingPercentage: 10 }] }, DAY1)],
      meshWide,
      mesh,
    );
    expect(sampling.references.status).toBe('pass');
    expect(sampling.applies.status).toBe('pass');
  });

  it('defaultProviders.tracing naming another provider first does not count', () => {
    const providers = [
      { name: 'dynatrace-otel', opentelemetry: { service: 'x', port: 4318 } },
      { name: 'zipkin', zipkin: { service: 'z', port: 9411 } },
    ];
    for (const tracingDefaults of [['zipkin'], ['zipkin', 'dynatrace-otel'], []]) {
      const mesh = meshFactsOf(
        { extensionProviders: providers, defaultProviders: { tracing: tracingDefaults } },
        undefined,
      );
      const { references } = check([], meshWide, mesh);
      expect(references.status, tracingDefaults.join()).toBe('fail');
      expect(codes(references)).toEqual(['telemetry.no-reference']);
    }
  });
});

describe('telemetry.applies: which Telemetry decides', () => {
  it('passing: the summary names the scope, the provider, the rate and the Telemetries in the order istiod applies them', () => {
    const { applies } = check([T('istio-system', 'dt', tracing('dynatrace-otel'), DAY1)]);
    expect(applies.status).toBe('pass');
    expect(applies.summary).toBe(
      'For the whole mesh: traces go to dynatrace-otel at 100 % (the sampler decides) (from istio-system/dt).',
    );
    expect(applies.notes).toEqual([]);
    const without = baseModel({ provider: { sampler: false } });
    expect(
      check([T('istio-system', 'dt', tracing('dynatrace-otel', { randomSamplingPercentage: 10 }), DAY1)], without)
        .applies.summary,
    ).toBe('For the whole mesh: traces go to dynatrace-otel at 10 % (from istio-system/dt).');
  });

  it('an older namespace-wide Telemetry decides over ours: the message names it, what it names, and why ours does not decide', () => {
    const { applies, conflicts } = check([
      T('istio-system', 'dt', tracing('dynatrace-otel'), DAY2),
      T('istio-system', 'mesh-default', tracing('zipkin'), DAY1),
    ]);
    expect(applies.status).toBe('fail');
    expect(applies.problems).toEqual([
      expect.objectContaining({
        code: 'telemetry.overridden',
        message:
          'istio-system/mesh-default decides here and names zipkin, not dynatrace-otel. istio-system/dt names dynatrace-otel but does not decide here: istiod uses only the oldest namespace-wide Telemetry of istio-system, istio-system/mesh-default.',
        fix: 'Name dynatrace-otel in istio-system/mesh-default, or remove it.',
      }),
    ]);
    expect(applies.problems[0]?.cause).toBe(
      'Another Telemetry overrides yours: istiod applies the root namespace’s namespace-wide one, then the namespace’s own, then every attached one (selector or targetRefs) oldest first, so the newest wins.',
    );
    expect(conflicts.problems[0]?.cause).toBe(
      'Two namespace-wide Telemetries in one namespace: the newer one is silently ignored.',
    );
    expect(conflicts.problems[0]?.message).toBe(
      'IST0160: istio-system/mesh-default, istio-system/dt are namespace-wide. istiod uses only the oldest, istio-system/mesh-default, and ignores the others.',
    );
    expect(conflicts.problems[0]?.fix).toBe('Merge them into one Telemetry per namespace, naming dynatrace-otel.');
  });

  it('ours as the older one decides; the newer is an IST0160 conflict but not an override', () => {
    const { applies, conflicts } = check([
      T('istio-system', 'dt', tracing('dynatrace-otel'), DAY1),
      T('istio-system', 'mesh-default', tracing('zipkin'), DAY2),
    ]);
    expect(applies.status).toBe('pass');
    expect(conflicts.status).toBe('fail');
    expect(conflicts.summary).toBe('1 conflict found.');
  });

  it('a Telemetry without creationTimestamp: the IST0160 message says the oldest is a guess', () => {
    const { conflicts } = check([
      T('istio-system', 'dt', tracing('dynatrace-otel'), DAY1),
      T('istio-system', 'x', tracing('zipkin')),
    ]);
    expect(conflicts.problems[0]?.message).toMatch(
      /istiod uses only the oldest, istio-system\/x \(a guess: some have no creationTimestamp\), and ignores the others\.$/,
    );
  });

  it('IST0160 in a namespace outside the scope is a note; in the scope’s namespace a problem, with no "naming" advice when none names ours', () => {
    const { conflicts } = check(
      [
        T('shop', 'dt', tracing('dynatrace-otel'), DAY1),
        T('web', 'a', tracing('zipkin'), DAY1),
        T('web', 'b', tracing('zipkin'), DAY2),
      ],
      inShop,
    );
    expect(conflicts.status).toBe('pass');
    expect(conflicts.notes).toEqual([
      expect.objectContaining({
        code: 'telemetry.multiple-selectorless',
        message:
          'IST0160: web/a, web/b are namespace-wide. istiod uses only the oldest, web/a, and ignores the others.',
        fix: 'Merge them into one Telemetry per namespace.',
      }),
    ]);
  });

  it('a namespace with its own Telemetry that sends elsewhere is noted under a mesh-wide scope; one that names ours is not', () => {
    const other = check([
      T('istio-system', 'dt', tracing('dynatrace-otel'), DAY1),
      T('shop', 'local', tracing('zipkin'), DAY2),
    ]);
    expect(other.applies.status).toBe('pass');
    expect(other.applies.notes).toEqual([
      {
        code: 'telemetry.namespace-override',
        message: 'In namespace shop, shop/local overrides the mesh-wide one: traces go to zipkin (from shop/local).',
        fix: 'If shop should send traces to Dynatrace, make that Telemetry name dynatrace-otel (or remove it).',
      },
    ]);
    const same = check([
      T('istio-system', 'dt', tracing('dynatrace-otel'), DAY1),
      T('shop', 'local', tracing('dynatrace-otel', { randomSamplingPercentage: 5 }), DAY2),
    ]);
    expect(noteCodes(same.applies)).not.toContain('telemetry.namespace-override');
    // A namespace whose only Telemetry selects workloads does not override the namespace as a whole.
    const selected = check([
      T('istio-system', 'dt', tracing('dynatrace-otel'), DAY1),
      T('shop', 'local', { ...selector('cart'), ...tracing('zipkin') }, DAY2),
    ]);
    expect(noteCodes(selected.applies)).not.toContain('telemetry.namespace-override');
    // Scoped to one namespace, other namespaces are not looked at.
    const scoped = check(
      [T('shop', 'dt', tracing('dynatrace-otel'), DAY1), T('web', 'local', tracing('zipkin'), DAY2)],
      inShop,
    );
    expect(scoped.applies.notes).toEqual([]);
  });

  it('disabled span reporting and sampling 0 fail, naming the Telemetry that sets them', () => {
    const without = baseModel({ provider: { sampler: false }, telemetry: { samplingPercentage: 25 } });
    const { applies } = check(
      [
        T(
          'istio-system',
          'dt',
          tracing('dynatrace-otel', { disableSpanReporting: true, randomSamplingPercentage: 0 }),
          DAY1,
        ),
      ],
      without,
    );
    expect(applies.summary).toBe(
      'For the whole mesh: dynatrace-otel, but span reporting is disabled (from istio-system/dt).',
    );
    expect(applies.problems).toEqual([
      {
        code: 'telemetry.disabled',
        message: 'disableSpanReporting: true in istio-system/dt.',
        cause: 'Span reporting is switched off for these workloads.',
        fix: 'Remove disableSpanReporting from istio-system/dt.',
      },
      {
        code: 'telemetry.sampling-zero',
        message: 'randomSamplingPercentage is 0 (from istio-system/dt): no request is traced.',
        fix: 'Set randomSamplingPercentage to 25 (step 5), or enable the Dynatrace sampler.',
      },
    ]);
  });

  it('sampling 0 without any provider is not reported as sampling: the missing provider is the problem', () => {
    const without = baseModel({ provider: { sampler: false } });
    const { applies } = check([T('istio-system', 'dt', { tracing: [{ randomSamplingPercentage: 0 }] }, DAY1)], without);
    expect(codes(applies)).toEqual(['telemetry.not-applied']);
  });

  it('a provider the live mesh config lacks fails as unknown, naming it', () => {
    const { applies } = check([T('istio-system', 'dt', tracing('dynatrace-otel'), DAY1)], meshWide, {
      providerNames: ['zipkin'],
    });
    expect(applies.problems).toEqual([
      {
        code: 'telemetry.provider-unknown',
        message: 'the provider dynatrace-otel is not in the live mesh config, so istiod turns tracing off.',
        fix: 'Apply the mesh config first (step 3).',
      },
    ]);
  });

  it('a CLIENT-only override fails for the client side only, and says which side', () => {
    const { applies } = check(
      [
        T('istio-system', 'dt', tracing('dynatrace-otel'), DAY1),
        T(
          'shop',
          'c',
          { ...selector('cart'), tracing: [{ match: { mode: 'CLIENT' }, providers: [{ name: 'zipkin' }] }] },
          DAY2,
        ),
      ],
      cart,
    );
    expect(applies.summary).toBe(
      'For workloads labelled app=cart in shop: client: traces go to zipkin at 1 %; server: traces go to dynatrace-otel at 100 % (the sampler decides) (from istio-system/dt → shop/c).',
    );
    expect(applies.problems.map((problem) => problem.message)).toEqual([
      'client side: shop/c decides here and names zipkin, not dynatrace-otel.',
    ]);
  });

  it('a SERVER-only disable fails for the server side only, and says which side', () => {
    const { applies } = check(
      [
        T('istio-system', 'dt', tracing('dynatrace-otel'), DAY1),
        T(
          'shop',
          'c',
          { ...selector('cart'), tracing: [{ match: { mode: 'SERVER' }, disableSpanReporting: true }] },
          DAY2,
        ),
      ],
      cart,
    );
    expect(applies.problems.map((problem) => problem.message)).toEqual([
      'server side: disableSpanReporting: true in shop/c.',
    ]);
  });

  it('notes an ignored sampling percentage and replaced custom tags, naming the Telemetries', () => {
    const { applies } = check(
      [
        T(
          'istio-system',
          'dt',
          tracing('dynatrace-otel', { randomSamplingPercentage: 5, customTags: { a: { literal: { value: 'x' } } } }),
          DAY1,
        ),
        T('shop', 'w', { ...selector('cart'), tracing: [{ customTags: { b: { literal: { value: 'y' } } } }] }, DAY2),
      ],
      cart,
    );
    expect(applies.status).toBe('pass');
    expect(applies.notes).toEqual([
      {
        code: 'telemetry.sampling-ignored',
        message:
          'randomSamplingPercentage 5 (from istio-system/dt) is ignored: with the Dynatrace sampler istiod sends every request to the sampler.',
      },
      {
        code: 'telemetry.custom-tags-replaced',
        message: 'customTags from istio-system/dt are replaced, not merged, by those of shop/w.',
        fix: 'Repeat every tag you need in the Telemetry that applies last.',
      },
    ]);
  });

  it('notes formatter tags left out for proxies before 1.29', () => {
    const { applies } = check(
      [
        T(
          'istio-system',
          'dt',
          tracing('dynatrace-otel', { customTags: { f: { formatter: { value: '%REQ(x)%' } } } }),
          DAY1,
        ),
      ],
      baseModel({ istio: { version: '1.28.0' } }),
    );
    expect(applies.notes).toEqual([
      {
        code: 'telemetry.formatter-tags-skipped',
        message:
          'The formatter tags f are left out for proxies older than 1.29 (pilot/pkg/networking/core/tracing.go).',
      },
    ]);
  });

  it('a root-namespace Telemetry with a selector does not reach a namespace: fails, saying why, and notes it', () => {
    const { applies } = check(
      [T('istio-system', 'dt', { ...selector('cart'), ...tracing('dynatrace-otel') }, DAY1)],
      inShop,
    );
    expect(applies.problems[0]?.message).toBe(
      'no Telemetry that applies here names a tracing provider. istio-system/dt names dynatrace-otel but does not decide here: it is not namespace-wide: from the root namespace istiod takes only the namespace-wide Telemetry, and attached ones only for proxies in istio-system.',
    );
    expect(applies.notes).toEqual([
      {
        code: 'telemetry.root-selector',
        message:
          'istio-system/dt is not namespace-wide: in the root namespace it reaches only proxies of istio-system, not the whole mesh.',
      },
    ]);
  });
});

describe('telemetry.conflicts: counts and boundaries', () => {
  it('counts one Telemetry in the singular and several conflicts in the plural', () => {
    expect(check([T('istio-system', 'dt', tracing('dynatrace-otel'), DAY1)]).conflicts.summary).toBe(
      '1 Telemetry, no conflicts.',
    );
    const two = check(
      [
        T('shop', 'dt', tracing('dynatrace-otel'), DAY1),
        T('shop', 'x', tracing('zipkin'), DAY2),
        T('web', 'a', tracing('zipkin'), DAY1),
        T('web', 'b', tracing('zipkin'), DAY2),
      ],
      inShop,
    );
    expect(two.conflicts.summary).toBe('2 conflicts found.');
  });

  it('on 1.22–1.23 two namespace-wide Telemetries without targetRefs get no targetRefs remark', () => {
    const { conflicts } = check(
      [T('shop', 'dt', tracing('dynatrace-otel'), DAY1), T('shop', 'x', tracing('zipkin'), DAY2)],
      baseModel({ telemetry: { namespace: 'shop' }, istio: { version: '1.23.2' } }),
    );
    expect(conflicts.problems[0]?.message).toBe(
      'IST0160: shop/dt, shop/x are namespace-wide. istiod uses only the oldest, shop/dt, and ignores the others.',
    );
  });

  it('one targetRefs Telemetry alone in its namespace is no IST0160 at all', () => {
    const gateway = {
      targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'gw' }],
      ...tracing('zipkin'),
    };
    const { conflicts } = check(
      [T('shop', 'dt', { ...selector('cart'), ...tracing('dynatrace-otel') }, DAY1), T('shop', 'gw', gateway, DAY2)],
      cart,
    );
    expect(conflicts.notes).toEqual([]);
    expect(conflicts.problems).toEqual([]);
  });

  it('selectors that differ in one of their labels cannot select the same pod: no IST0159', () => {
    const { conflicts } = check(
      [
        T(
          'shop',
          'a',
          { selector: { matchLabels: { app: 'cart', version: 'v1' } }, ...tracing('dynatrace-otel') },
          DAY1,
        ),
        T('shop', 'b', { selector: { matchLabels: { app: 'cart', version: 'v2' } }, ...tracing('zipkin') }, DAY2),
      ],
      cart,
    );
    expect(conflicts.notes).toEqual([]);
    expect(conflicts.problems).toEqual([]);
  });

  it('every Telemetry that names the provider but does not decide is named, one sentence each', () => {
    const { applies } = check([
      T('istio-system', 'mesh-default', tracing('zipkin'), DAY1),
      T('istio-system', 'dt', tracing('dynatrace-otel'), DAY2),
      T('istio-system', 'dt2', tracing('dynatrace-otel'), '2026-11-03T00:00:00Z'),
    ]);
    expect(applies.problems[0]?.message).toBe(
      'istio-system/mesh-default decides here and names zipkin, not dynatrace-otel. istio-system/dt names dynatrace-otel but does not decide here: istiod uses only the oldest namespace-wide Telemetry of istio-system, istio-system/mesh-default. istio-system/dt2 names dynatrace-otel but does not decide here: istiod uses only the oldest namespace-wide Telemetry of istio-system, istio-system/mesh-default.',
    );
  });
});

describe('telemetry.conflicts', () => {
  it('overlapping selectors that both select the scope’s workload fail, naming the newer as the winner', () => {
    const { conflicts } = check(
      [
        T('shop', 'a', { ...selector('cart'), ...tracing('dynatrace-otel') }, DAY1),
        T('shop', 'b', { ...selector('cart'), ...tracing('dynatrace-otel') }, DAY2),
        T('shop', 'c', { ...selector('web'), ...tracing('zipkin') }, DAY2),
      ],
      cart,
    );
    expect(conflicts.status).toBe('fail');
    expect(conflicts.problems).toEqual([
      {
        code: 'telemetry.overlapping-selectors',
        message:
          'IST0159: shop/a and shop/b can select the same pods; for those, istiod applies both, oldest first, so shop/b (the newer) wins for every field it sets.',
        fix: 'Give each workload one Telemetry with a selector.',
      },
    ]);
    expect(conflicts.notes).toEqual([]);
  });

  it('overlapping selectors that do not both select the scope’s workload are a note, hedged without timestamps', () => {
    const { conflicts } = check(
      [
        T('shop', 'a', { ...selector('cart'), ...tracing('dynatrace-otel') }, DAY1),
        T('shop', 'b', { selector: { matchLabels: { app: 'cart', version: 'v2' } }, ...tracing('zipkin') }),
      ],
      cart,
    );
    expect(conflicts.status).toBe('pass');
    expect(conflicts.notes.map((note) => note.code)).toEqual(['telemetry.overlapping-selectors']);
    expect(conflicts.notes[0]?.message).toContain('(the newer, as far as the pasted timestamps tell)');
    // Under a namespace-wide scope (no labels) overlapping selectors are never the scope's problem.
    const wide = check(
      [
        T('shop', 'dt', tracing('dynatrace-otel'), DAY1),
        T('shop', 'a', { ...selector('cart'), ...tracing('zipkin') }, DAY1),
        T('shop', 'b', { ...selector('cart'), ...tracing('zipkin') }, DAY2),
      ],
      inShop,
    );
    expect(codes(wide.conflicts)).toEqual([]);
    expect(noteCodes(wide.conflicts)).toEqual(['telemetry.overlapping-selectors']);
  });

  it('overlapping selectors in another namespace than the scope’s are a note, even with the same labels', () => {
    const { conflicts } = check(
      [
        T('shop', 'dt', { ...selector('cart'), ...tracing('dynatrace-otel') }, DAY1),
        T('web', 'a', { ...selector('cart'), ...tracing('zipkin') }, DAY1),
        T('web', 'b', { ...selector('cart'), ...tracing('zipkin') }, DAY2),
      ],
      cart,
    );
    expect(conflicts.problems).toEqual([]);
    expect(noteCodes(conflicts)).toEqual(['telemetry.overlapping-selectors']);
  });

  it('IST0160 in the root namespace is the scope’s problem too', () => {
    const { conflicts } = check(
      [
        T('shop', 'dt', tracing('dynatrace-otel'), DAY1),
        T('istio-system', 'a', tracing('zipkin'), DAY1),
        T('istio-system', 'b', tracing('zipkin'), DAY2),
      ],
      inShop,
    );
    expect(codes(conflicts)).toEqual(['telemetry.multiple-selectorless']);
    expect(conflicts.problems[0]?.fix).toBe('Merge them into one Telemetry per namespace.');
  });

  it('IST0160 for a targetRefs Telemetry is a false alarm from 1.24, a real conflict on 1.23', () => {
    const gateway = {
      targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'gw' }],
      ...tracing('zipkin'),
    };
    const list = [T('shop', 'dt', tracing('dynatrace-otel'), DAY1), T('shop', 'gw', gateway, DAY2)];
    const current = check(list, baseModel({ telemetry: { namespace: 'shop' }, istio: { version: '1.26.0' } }));
    expect(current.conflicts.status).toBe('pass');
    expect(current.conflicts.notes).toEqual([
      {
        code: 'telemetry.ist0160-targetrefs',
        message:
          'istioctl analyze reports IST0160 for shop/dt, shop/gw, but shop/gw attaches by targetRefs, which istiod 1.26.0 handles on its own: no conflict for it.',
        fix: 'Do not merge a Gateway- or Service-targeted Telemetry into the namespace-wide one: that would make it apply to the whole namespace (or mesh).',
      },
    ]);
    const old = check(list, baseModel({ telemetry: { namespace: 'shop' }, istio: { version: '1.23.2' } }));
    expect(old.conflicts.status).toBe('fail');
    expect(old.conflicts.problems[0]?.message).toBe(
      'IST0160: shop/dt, shop/gw are namespace-wide (on Istio 1.23.2 a Telemetry with only targetRefs counts as namespace-wide: istiod attaches by targetRefs from 1.24). istiod uses only the oldest, shop/dt, and ignores the others.',
    );
    // One namespace-wide Telemetry and one with a selector: no IST0160 at all.
    const one = check(
      [
        T('shop', 'dt', tracing('dynatrace-otel'), DAY1),
        T('shop', 'a', { ...selector('x'), ...tracing('zipkin') }, DAY2),
      ],
      inShop,
    );
    expect(one.conflicts.notes).toEqual([]);
    expect(one.conflicts.summary).toBe('2 Telemetries, no conflicts.');
  });

  it('two targetRefs Telemetries in one namespace name both as attaching on their own', () => {
    const gateway = (name: string) => ({
      targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name }],
      ...tracing('zipkin'),
    });
    const { conflicts } = check([T('shop', 'g1', gateway('g1'), DAY1), T('shop', 'g2', gateway('g2'), DAY2)], inShop);
    expect(conflicts.notes[0]?.message).toMatch(
      /but shop\/g1, shop\/g2 attach by targetRefs, .* no conflict for them\.$/,
    );
    expect(conflicts.summary).toBe('1 conflict found.');
  });
});
