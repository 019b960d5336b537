import { describe, expect, it } from 'vitest';
import { operatorSaas } from '../../__fixtures__/models';
import type { Finding } from '../../findings';
import { label, webhookWarnings } from './telemetry-traps';
import type { ExistingTelemetry } from './read-telemetries';
import { gatewayRef, merged, telemetry, zipkin } from './__fixtures__/telemetries';

/*
 * What the Telemetry merge reports about the user's other Telemetries once ours is in place, each finding with its
 * full text: which resource decides, for which workloads and side, and what to do. Each scenario lists every
 * finding, so a finding that must not appear fails the test as well.
 */

const DOCS = 'https://istio.io/latest/docs/reference/config/telemetry/';
const view = (findings: readonly Finding[]) =>
  findings.map(({ id, level, message, fix }) => ({ id, level, message, fix }));
const displaced = (target: string): Finding => ({
  id: 'telemetry-provider-displaced',
  level: 'info',
  step: 'telemetry',
  message: `dynatrace-otel is now the first tracing provider of ${target}. istiod uses only the first provider of a tracing entry, so zipkin stays listed but no longer receives spans from these workloads.`,
  fix: 'Remove zipkin from the list if you no longer need it; Istio cannot send the same spans to two tracing providers.',
  link: DOCS,
});
const OVERRIDE_FIX =
  'Add dynatrace-otel as the first provider in its spec.tracing (paste it here alone to have the wizard merge it), or remove its providers to inherit ours.';

describe('namespace-wide Telemetries that istiod ignores (IST0160)', () => {
  it('on 1.22 names them all, the targetRefs one too, the tie-break and the oldest; and does not call them "attached like" the target', () => {
    const input = [
      telemetry('b', 'istio-system', zipkin, '2024-01-01T00:00:00Z'),
      telemetry('a', 'istio-system', zipkin, '2024-01-01T00:00:00Z'),
      telemetry('r', 'istio-system', gatewayRef('gw') + zipkin, '2025-01-01T00:00:00Z'),
    ].join('---\n');
    const result = merged(input, operatorSaas({ istio: { version: '1.22' } }));
    expect(result.target?.name).toBe('a');
    expect(result.findings).toEqual([
      {
        id: 'telemetry-several-without-selector',
        level: 'warning',
        step: 'telemetry',
        message:
          'a, b, r in namespace istio-system are namespace-wide (istioctl analyze: IST0160); on Istio 1.22 istiod does not attach Telemetries by targetRefs, so r counts as namespace-wide too. istiod uses only the oldest by creationTimestamp (ties: by name.namespace on 1.22): a. The others are ignored.',
        fix: 'Keep one namespace-wide Telemetry in istio-system: move what the others set into a and delete them.',
        link: DOCS,
      },
      {
        id: 'telemetry-targetrefs-not-attached',
        level: 'warning',
        step: 'telemetry',
        message:
          'istio-system/r attaches by targetRefs, which istiod 1.22 does not do for Telemetry (from 1.24.0): it counts as a namespace-wide Telemetry of istio-system, so an older namespace-wide one wins and it is ignored.',
        fix: 'Upgrade istiod to 1.24 or later, or use a workload selector instead.',
        link: DOCS,
      },
      // b and r are ignored by istiod, not applied before a: no "attached like … overrides" for them.
      displaced('istio-system/a'),
    ]);
  });

  it('from 1.23 breaks ties by name, then namespace; undated ones make the choice a guess; two targetRefs ones are named in the plural', () => {
    const input = [
      telemetry('b', 'istio-system', zipkin),
      telemetry('a', 'istio-system', zipkin),
      telemetry('r1', 'istio-system', gatewayRef('gw') + zipkin),
      telemetry('r2', 'istio-system', gatewayRef('gw2') + zipkin),
    ].join('---\n');
    const ist0160 = merged(input, operatorSaas({ istio: { version: '1.23' } })).findings[0]!;
    expect(ist0160.message).toBe(
      'a, b, r1, r2 in namespace istio-system are namespace-wide (istioctl analyze: IST0160); on Istio 1.23 istiod does not attach Telemetries by targetRefs, so r1, r2 count as namespace-wide too. istiod uses only the oldest by creationTimestamp (ties: by name, then namespace); some have no creationTimestamp in what you pasted, so which one is a guess: a. The others are ignored.',
    );
    // From 1.24 the targetRefs ones attach to their Gateways: only a and b are namespace-wide, and no targetRefs remark.
    const now = merged(input, operatorSaas({ istio: { version: '1.26' } }));
    expect(now.findings.filter((f) => f.id === 'telemetry-several-without-selector').map((f) => f.message)).toEqual([
      'a, b in namespace istio-system are namespace-wide (istioctl analyze: IST0160). istiod uses only the oldest by creationTimestamp (ties: by name, then namespace); some have no creationTimestamp in what you pasted, so which one is a guess: a. The others are ignored.',
    ]);
    expect(now.findings.map((f) => f.id)).not.toContain('telemetry-targetrefs-not-attached');
  });

  it('one namespace-wide Telemetry per namespace: no IST0160', () => {
    const input = [telemetry('a', 'istio-system', zipkin), telemetry('b', 'shop', zipkin)].join('---\n');
    expect(merged(input).findings.map((f) => f.id)).not.toContain('telemetry-several-without-selector');
  });
});

describe('a targetRefs Telemetry on 1.22–1.23 that is the only namespace-wide one', () => {
  it('says it applies to every proxy of its namespace, and that it overrides ours there', () => {
    const result = merged(
      telemetry('r', 'shop', gatewayRef('gw') + zipkin),
      operatorSaas({ istio: { version: '1.23' } }),
    );
    expect(result.target).toBeUndefined();
    expect(view(result.findings)).toEqual([
      {
        id: 'telemetry-targetrefs-not-attached',
        level: 'warning',
        message:
          'shop/r attaches by targetRefs, which istiod 1.23 does not do for Telemetry (from 1.24.0): it counts as a namespace-wide Telemetry of shop, so it applies to every proxy in that namespace, not only the Gateway or Service it names.',
        fix: 'Upgrade istiod to 1.24 or later, or use a workload selector instead.',
      },
      {
        id: 'telemetry-overridden-by-more-specific',
        level: 'warning',
        message:
          'shop/r overrides the tracing provider for workloads in namespace shop: they trace with zipkin, not dynatrace-otel.',
        fix: OVERRIDE_FIX,
      },
    ]);
  });
});

describe('Telemetries that decide for some of the workloads a mesh-wide Telemetry reaches', () => {
  const serverZipkin = '  tracing:\n  - match:\n      mode: SERVER\n    providers:\n    - name: zipkin\n';
  const input = [
    telemetry('mesh', 'istio-system', zipkin),
    telemetry('shop', 'shop', zipkin),
    telemetry('cart', 'shop', '  selector:\n    matchLabels:\n      app: cart\n' + serverZipkin),
    telemetry('gw', 'shop', gatewayRef('gw') + zipkin),
    telemetry(
      'svc',
      'shop',
      '  targetRefs:\n  - group: ""\n    kind: Service\n    name: reviews\n  tracing:\n  - providers:\n    - name: dynatrace-otel\n',
    ),
    telemetry('quiet', 'batch', '  tracing:\n  - disableSpanReporting: true\n'),
    telemetry('metrics-only', 'ops', '  metrics:\n  - providers:\n    - name: prometheus\n'),
  ].join('---\n');

  it('names each one, whose workloads (namespace, selected, targeted) and side, and what they trace with', () => {
    const result = merged(input);
    expect(result.target?.name).toBe('mesh');
    expect(view(result.findings)).toEqual([
      {
        id: 'telemetry-overridden-by-more-specific',
        level: 'warning',
        message:
          'shop/shop overrides the tracing provider for workloads in namespace shop: they trace with zipkin, not dynatrace-otel.',
        fix: OVERRIDE_FIX,
      },
      {
        id: 'telemetry-overridden-by-more-specific',
        level: 'warning',
        message:
          'shop/cart overrides the tracing provider for the workloads shop/cart selects: they trace with zipkin, not dynatrace-otel (on the server side: inbound spans and waypoints).',
        fix: OVERRIDE_FIX,
      },
      {
        id: 'telemetry-overridden-by-more-specific',
        level: 'warning',
        message:
          'shop/gw overrides the tracing provider for the proxies shop/gw targets: they trace with zipkin, not dynatrace-otel.',
        fix: OVERRIDE_FIX,
      },
      {
        id: 'telemetry-more-specific-names-ours',
        level: 'info',
        message:
          'shop/svc also sets the tracing provider for the proxies shop/svc targets, and names dynatrace-otel: fine.',
        fix: 'Nothing to do; its other tracing settings apply to those workloads.',
      },
      {
        id: 'telemetry-span-reporting-disabled',
        level: 'warning',
        message:
          'batch/quiet sets disableSpanReporting: true, so workloads in namespace batch report no spans, to Dynatrace or anywhere else.',
        fix: 'Remove disableSpanReporting (or set it to false) where you want traces.',
      },
      {
        id: 'telemetry-provider-displaced',
        level: 'info',
        message:
          'dynatrace-otel is now the first tracing provider of istio-system/mesh. istiod uses only the first provider of a tracing entry, so zipkin stays listed but no longer receives spans from these workloads.',
        fix: 'Remove zipkin from the list if you no longer need it; Istio cannot send the same spans to two tracing providers.',
      },
    ]);
  });

  it('names a ServiceEntry’s waypoint Telemetry, and a selector Telemetry in the root namespace (its workloads, not the mesh)', () => {
    const serviceEntry = telemetry(
      'se',
      'shop',
      '  targetRefs:\n  - group: networking.istio.io\n    kind: ServiceEntry\n    name: ext\n' + zipkin,
    );
    expect(view(merged(serviceEntry).findings)).toEqual([
      {
        id: 'telemetry-overridden-by-more-specific',
        level: 'warning',
        message:
          'shop/se overrides the tracing provider for the proxies shop/se targets: they trace with zipkin, not dynatrace-otel.',
        fix: OVERRIDE_FIX,
      },
    ]);
    const ingress = telemetry(
      'ingress',
      'istio-system',
      '  selector:\n    matchLabels:\n      istio: ingressgateway\n' + zipkin,
    );
    const root = merged([telemetry('mesh', 'istio-system', zipkin), ingress].join('---\n'));
    expect(root.findings.map((f) => f.message)[0]).toBe(
      'istio-system/ingress overrides the tracing provider for the workloads istio-system/ingress selects: they trace with zipkin, not dynatrace-otel.',
    );
    // A Telemetry that only tunes sampling names no provider: it overrides none.
    expect(merged(telemetry('s', 'shop', '  tracing:\n  - randomSamplingPercentage: 20\n')).findings).toEqual([]);
  });

  it('reports none of them when ours is for one namespace only, except what decides in that namespace', () => {
    const shopOnly = merged(input, operatorSaas({ telemetry: { namespace: 'shop' } }));
    expect(shopOnly.target?.name).toBe('shop');
    const about = shopOnly.findings.map((f) => f.message).join('\n');
    expect(about).not.toMatch(/batch\/quiet|istio-system\/mesh /);
    expect(about).toMatch(/shop\/cart overrides/);
  });

  it('reports nothing about other Telemetries when ours selects workloads: they cannot override it there', () => {
    const cart = operatorSaas({ telemetry: { namespace: 'shop', selector: [{ key: 'app', value: 'cart' }] } });
    const ids = merged(input, cart).findings.map((f) => f.id);
    expect(ids).not.toContain('telemetry-overridden-by-more-specific');
    expect(ids).not.toContain('telemetry-more-specific-names-ours');
  });
});

describe('custom tags that replace the wider Telemetry’s', () => {
  const tagged = '  tracing:\n  - customTags:\n      team:\n        literal:\n          value: shop\n';
  const replaced = {
    id: 'telemetry-custom-tags-replaced',
    level: 'info',
    message:
      'shop/shop sets customTags for workloads in namespace shop. istiod replaces custom tags, it does not merge them: those workloads get only its tags, none from the wider Telemetry.',
    fix: 'Repeat the tags you need everywhere in its customTags.',
  };

  it('are reported when the wizard chooses tags, or when the mesh-wide Telemetry sets some', () => {
    const input = [telemetry('mesh', 'istio-system', zipkin), telemetry('shop', 'shop', tagged)].join('---\n');
    expect(merged(input).findings.map((f) => f.id)).not.toContain('telemetry-custom-tags-replaced');
    const withTags = operatorSaas({
      telemetry: { customTags: [{ name: 'cost', type: 'literal', value: 'a', defaultValue: '' }] },
    });
    expect(view(merged(input, withTags).findings).filter((f) => f.id === replaced.id)).toEqual([replaced]);
    const meshTags = [
      telemetry('mesh', 'istio-system', zipkin + tagged.slice('  tracing:\n'.length)),
      telemetry('shop', 'shop', tagged),
    ];
    expect(view(merged(meshTags.join('---\n')).findings).filter((f) => f.id === replaced.id)).toEqual([replaced]);
  });
});

describe('sampling without the Dynatrace sampler', () => {
  const noSampler = (extra = {}) =>
    operatorSaas({ provider: { sampler: false }, telemetry: { samplingPercentage: '5', ...extra } });

  it('names istiod’s default when no Telemetry sets a percentage, and the Telemetry to set it in', () => {
    const result = merged(telemetry('mesh', 'istio-system', zipkin), noSampler());
    expect(view(result.findings)[0]).toEqual({
      id: 'telemetry-sampling-not-written',
      level: 'warning',
      message:
        "The 5 % chosen in the wizard is not written into istio-system/mesh: the whole mesh sample at istiod's default of 1 % (PILOT_TRACE_SAMPLING), as no Telemetry that applies sets randomSamplingPercentage.",
      fix: "Set randomSamplingPercentage: 5 in istio-system/mesh if you want the wizard's value.",
    });
  });

  it('says the target’s own percentage is kept (info), and names an older Telemetry’s percentage as what decides (warning)', () => {
    const own = merged(
      telemetry(
        'mesh',
        'istio-system',
        '  tracing:\n  - providers:\n    - name: zipkin\n    randomSamplingPercentage: 20\n',
      ),
      noSampler(),
    );
    expect(view(own.findings)[0]).toEqual({
      id: 'telemetry-sampling-kept',
      level: 'info',
      message:
        'The 5 % chosen in the wizard is not written into istio-system/mesh: the whole mesh sample at randomSamplingPercentage: 20 from istio-system/mesh.',
      fix: "Set randomSamplingPercentage: 5 in istio-system/mesh if you want the wizard's value.",
    });
    const older = [
      telemetry('mesh', 'istio-system', '  tracing:\n  - randomSamplingPercentage: 20\n'),
      telemetry('shop', 'shop', zipkin),
    ].join('---\n');
    const shop = merged(older, noSampler({ namespace: 'shop' }));
    expect(shop.target?.name).toBe('shop');
    expect(view(shop.findings)[0]).toEqual({
      id: 'telemetry-sampling-not-written',
      level: 'warning',
      message:
        'The 5 % chosen in the wizard is not written into shop/shop: namespace shop sample at randomSamplingPercentage: 20 from istio-system/mesh.',
      // Not in the mesh-wide Telemetry, which would change it for every namespace: shop/shop overrides it for shop.
      fix: "Set randomSamplingPercentage: 5 in shop/shop if you want the wizard's value.",
    });
    // A Telemetry applied after the target decides: it is the one to change.
    const twoLabels = noSampler({
      namespace: 'shop',
      selector: [
        { key: 'app', value: 'cart' },
        { key: 'tier', value: 'web' },
      ],
    });
    const newer = [
      telemetry(
        'exact',
        'shop',
        '  selector:\n    matchLabels:\n      app: cart\n      tier: web\n' + zipkin,
        '2024-01-01T00:00:00Z',
      ),
      telemetry(
        'broad',
        'shop',
        '  selector:\n    matchLabels:\n      app: cart\n  tracing:\n  - randomSamplingPercentage: 20\n',
        '2025-01-01T00:00:00Z',
      ),
    ].join('---\n');
    const exact = merged(newer, twoLabels);
    expect(exact.target?.name).toBe('exact');
    expect(view(exact.findings).find((f) => f.id === 'telemetry-sampling-not-written')).toEqual({
      id: 'telemetry-sampling-not-written',
      level: 'warning',
      message:
        'The 5 % chosen in the wizard is not written into shop/exact: workloads labelled app=cart,tier=web in shop sample at randomSamplingPercentage: 20 from shop/broad.',
      fix: "Set randomSamplingPercentage: 5 in shop/broad if you want the wizard's value.",
    });
  });

  it('says nothing when the chosen percentage is what applies, and nothing about sampling with the sampler unless a percentage is ignored', () => {
    const five = telemetry(
      'mesh',
      'istio-system',
      '  tracing:\n  - providers:\n    - name: zipkin\n    randomSamplingPercentage: 5\n',
    );
    expect(merged(five, noSampler()).findings.map((f) => f.id)).toEqual(['telemetry-provider-displaced']);
    expect(merged(telemetry('mesh', 'istio-system', zipkin)).findings.map((f) => f.id)).toEqual([
      'telemetry-provider-displaced',
    ]);
    const ignored = merged(five).findings.find((f) => f.id === 'telemetry-sampling-overridden-by-sampler');
    expect(ignored).toMatchObject({
      level: 'info',
      message:
        'istio-system/mesh sets randomSamplingPercentage: 5. With the Dynatrace sampler on the provider, istiod sets 100 % and the sampler decides, so this value has no effect (istio/istio pilot/pkg/networking/core/tracing.go).',
      fix: 'Leave it or remove it; to limit spans, tune the sampler (root spans per minute) instead.',
      link: 'https://github.com/istio/istio/issues/53012',
    });
  });
});

describe('Telemetries attached like the target (same selector, same waypoint)', () => {
  it('names the older one that the target overrides, with the waypoint, and IST0159 only for selectors', () => {
    const atWaypoint = operatorSaas({
      istio: { ambient: true, ambientTracing: 'waypoints' },
      telemetry: { waypoint: { name: 'wp', namespace: 'shop' } },
    });
    const waypoint = [
      telemetry('a', 'shop', gatewayRef('wp') + zipkin, '2024-01-01T00:00:00Z'),
      telemetry('b', 'shop', gatewayRef('wp') + zipkin, '2025-01-01T00:00:00Z'),
    ].join('---\n');
    expect(view(merged(waypoint, atWaypoint).findings)).toEqual([
      {
        id: 'telemetry-same-attachment',
        level: 'info',
        message:
          'shop/a is attached like shop/b (targets the waypoint wp) and is older: istiod applies it first and shop/b overrides every tracing field both set.',
        fix: 'Fold what shop/a sets into shop/b and delete it, so one Telemetry decides.',
      },
      view([displaced('shop/b')])[0],
    ]);
    const cart = operatorSaas({ telemetry: { namespace: 'shop', selector: [{ key: 'app', value: 'cart' }] } });
    const selector = '  selector:\n    matchLabels:\n      app: cart\n';
    const selected = [
      telemetry('a', 'shop', selector + zipkin, '2024-01-01T00:00:00Z'),
      telemetry('b', 'shop', selector + zipkin, '2025-01-01T00:00:00Z'),
    ].join('---\n');
    expect(merged(selected, cart).findings[0]!.message).toBe(
      'shop/a is attached like shop/b (same selector) and is older: istiod applies it first and shop/b overrides every tracing field both set (istioctl analyze reports IST0159 for two Telemetries selecting one pod).',
    );
  });
});

describe('the generated Telemetry applied beside the user’s (no target)', () => {
  it('is the newest: a wider selector Telemetry that also selects our pods is applied before it and decides nothing', () => {
    const twoLabels = operatorSaas({
      telemetry: {
        namespace: 'shop',
        selector: [
          { key: 'app', value: 'cart' },
          { key: 'tier', value: 'web' },
        ],
      },
    });
    const broad = telemetry(
      'broad',
      'shop',
      '  selector:\n    matchLabels:\n      app: cart\n' + zipkin,
      '2025-01-01T00:00:00Z',
    );
    const result = merged(broad, twoLabels);
    expect(result.target).toBeUndefined();
    expect(result.findings).toEqual([]);
  });
});

describe('fields the user’s Istio does not have', () => {
  const formatter =
    '  tracing:\n  - customTags:\n      sni:\n        formatter:\n          value: "%REQUESTED_SERVER_NAME%"\n';

  it('names an unknown field with its Telemetry and path; and formatter tags need 1.29 proxies (an info from 1.29)', () => {
    const result = merged(
      telemetry('mesh', 'istio-system', `${formatter}    bogus: 1\n`),
      operatorSaas({ istio: { version: '1.29' } }),
    );
    expect(view(result.findings)).toEqual([
      {
        id: 'telemetry-field-unknown',
        level: 'warning',
        message:
          "istio-system/mesh: spec.tracing[0].bogus: no Istio release's Telemetry has this field; the API server drops it. Check the spelling.",
        fix: 'Remove the field, or check the Istio version given on the Requirements step.',
      },
      {
        id: 'telemetry-formatter-needs-new-proxies',
        level: 'info',
        message:
          'istio-system/mesh has formatter custom tags: istiod leaves them out for proxies older than 1.29 (pilot/pkg/networking/core/tracing.go buildCustomTagsFromProvider), without an error.',
        fix: 'Check the data-plane versions (istioctl version): proxies still on 1.28 or older get the other tags only.',
      },
    ]);
  });

  it('before 1.29 the formatter field is too new (a warning), and the 1.29 proxies note is not given', () => {
    const result = merged(telemetry('mesh', 'istio-system', formatter), operatorSaas({ istio: { version: '1.28' } }));
    const ids = result.findings.map((f) => f.id);
    expect(ids).toContain('telemetry-field-too-new');
    expect(ids).not.toContain('telemetry-formatter-needs-new-proxies');
    expect(result.findings.find((f) => f.id === 'telemetry-field-too-new')?.message).toMatch(/^istio-system\/mesh: /);
  });
});

describe('helpers', () => {
  it('label: namespace/name, with placeholders for neither', () => {
    const t = (name: string, namespace: string | undefined) => ({ name, namespace }) as ExistingTelemetry;
    expect(label(t('a', 'ns'))).toBe('ns/a');
    expect(label(t('', undefined))).toBe('(no namespace)/(unnamed)');
  });

  it('webhookWarnings: one per kind of "more than one", none for one entry with one provider', () => {
    expect(webhookWarnings({ tracing: [{ providers: [{ name: 'a' }] }] })).toEqual([]);
    expect(webhookWarnings({ tracing: [{ providers: [{ name: 'a' }, { name: 'b' }] }] })).toEqual([
      'multiple providers is not currently supported',
    ]);
    expect(webhookWarnings({ tracing: [{}, { providers: [{ name: 'a' }] }] })).toEqual([
      'multiple tracing is not currently supported',
    ]);
    expect(webhookWarnings(undefined)).toEqual([]);
    expect(webhookWarnings({ tracing: { providers: [] } })).toEqual([]);
  });
});
