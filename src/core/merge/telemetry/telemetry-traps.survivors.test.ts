import { describe, expect, it } from 'vitest';
import { operatorSaas } from '../../__fixtures__/models';
import type { Finding } from '../../findings';
import { gatewayRef, merged, telemetry, zipkin } from './__fixtures__/telemetries';

/*
 * What the Telemetry merge reports about the user's other Telemetries, in the cases mutation testing found
 * unchecked (issue 27): each finding is compared whole (id, level, wizard step, message, fix, link), and each
 * scenario lists every finding, so one that must not appear fails the test too.
 */

const docs = (finding: Omit<Finding, 'step' | 'link'>): Finding => ({
  ...finding,
  step: 'telemetry',
  link: 'https://istio.io/latest/docs/reference/config/telemetry/',
});
const serverZipkin = '  tracing:\n  - match:\n      mode: SERVER\n    providers:\n    - name: zipkin\n';
const selector = (labels: string) => `  selector:\n    matchLabels:\n${labels}`;
const displaced = (target: string, names = 'zipkin'): Finding =>
  docs({
    id: 'telemetry-provider-displaced',
    level: 'info',
    message: `dynatrace-otel is now the first tracing provider of ${target}. istiod uses only the first provider of a tracing entry, so ${names} stays listed but no longer receives spans from these workloads.`,
    fix: `Remove ${names} from the list if you no longer need it; Istio cannot send the same spans to two tracing providers.`,
  });
const overrides = (name: string, where: string, rest = ''): Finding =>
  docs({
    id: 'telemetry-overridden-by-more-specific',
    level: 'warning',
    message: `${name} overrides the tracing provider for ${where}: they trace with zipkin, not dynatrace-otel${rest}.`,
    fix: 'Add dynatrace-otel as the first provider in its spec.tracing (paste it here alone to have the wizard merge it), or remove its providers to inherit ours.',
  });
const noSampler = (extra = {}) =>
  operatorSaas({ provider: { sampler: false }, telemetry: { samplingPercentage: '5', ...extra } });
const twoLabels = (extra = {}) =>
  operatorSaas({
    ...extra,
    telemetry: {
      namespace: 'shop',
      selector: [
        { key: 'app', value: 'cart' },
        { key: 'tier', value: 'web' },
      ],
    },
  });
const exactTarget = telemetry(
  'exact',
  'shop',
  selector('      app: cart\n      tier: web\n') + zipkin,
  '2024-01-01T00:00:00Z',
);
const waypointsIn = (namespace: string, sampler = true) =>
  operatorSaas({
    provider: { sampler },
    istio: { ambient: true, ambientTracing: 'waypoints' },
    telemetry: { namespace, samplingPercentage: '5' },
  });

describe('two namespace-wide Telemetries in another namespace than ours (mesh-wide)', () => {
  it('IST0160 names the oldest as the one istiod uses, and only that one is reported as overriding ours', () => {
    // shop-b has no creationTimestamp: istiod orders a zero time first, so it is the oldest, and the choice a guess.
    const input = [
      telemetry('mesh', 'istio-system', zipkin),
      telemetry('shop-a', 'shop', zipkin, '2024-01-01T00:00:00Z'),
      telemetry('shop-b', 'shop', zipkin),
    ].join('---\n');
    expect(merged(input).findings).toEqual([
      docs({
        id: 'telemetry-several-without-selector',
        level: 'warning',
        message:
          'shop-b, shop-a in namespace shop are namespace-wide (istioctl analyze: IST0160). istiod uses only the oldest by creationTimestamp (ties: by name, then namespace); some have no creationTimestamp in what you pasted, so which one is a guess: shop-b. The others are ignored.',
        fix: 'Keep one namespace-wide Telemetry in shop: move what the others set into shop-b and delete them.',
      }),
      // shop-a is ignored by istiod: not reported as overriding; shop-b is.
      overrides('shop/shop-b', 'workloads in namespace shop'),
      displaced('istio-system/mesh'),
    ]);
  });

  it('all dated: no "guess" remark', () => {
    const input = [
      telemetry('mesh', 'istio-system', zipkin),
      telemetry('shop-a', 'shop', zipkin, '2024-01-01T00:00:00Z'),
      telemetry('shop-b', 'shop', zipkin, '2023-01-01T00:00:00Z'),
    ].join('---\n');
    expect(merged(input).findings[0]!.message).toBe(
      'shop-b, shop-a in namespace shop are namespace-wide (istioctl analyze: IST0160). istiod uses only the oldest by creationTimestamp (ties: by name, then namespace): shop-b. The others are ignored.',
    );
  });
});

describe('a Telemetry with a selector and targetRefs on 1.22–1.23', () => {
  it('is not called namespace-wide: its selector keeps it from being one', () => {
    // Istio's validation refuses selector together with targetRefs (istio/istio pkg/config/validation/validation.go
    // validateOneOfSelectorType, 1.23.0), so this only comes from a pasted manifest; a selector is never namespace-wide.
    const both = telemetry('cart', 'shop', selector('      app: cart\n') + gatewayRef('gw') + zipkin);
    const input = [telemetry('mesh', 'istio-system', zipkin), both].join('---\n');
    const ids = merged(input, operatorSaas({ istio: { version: '1.23' } })).findings.map((f) => f.id);
    expect(ids).not.toContain('telemetry-targetrefs-not-attached');
    expect(ids).not.toContain('telemetry-several-without-selector');
    // The same Telemetry without its selector is namespace-wide there, and said to be.
    const refsOnly = telemetry('cart', 'shop', gatewayRef('gw') + zipkin);
    const without = merged(
      [telemetry('mesh', 'istio-system', zipkin), refsOnly].join('---\n'),
      operatorSaas({ istio: { version: '1.23' } }),
    );
    expect(without.findings.map((f) => f.id)).toContain('telemetry-targetrefs-not-attached');
  });
});

describe('a Telemetry attached like the target', () => {
  it('is reported in full: an info on the Telemetry step with the docs link', () => {
    const cart = operatorSaas({ telemetry: { namespace: 'shop', selector: [{ key: 'app', value: 'cart' }] } });
    const input = [
      telemetry('a', 'shop', selector('      app: cart\n') + zipkin, '2024-01-01T00:00:00Z'),
      telemetry('b', 'shop', selector('      app: cart\n') + zipkin, '2025-01-01T00:00:00Z'),
    ].join('---\n');
    expect(merged(input, cart).findings).toEqual([
      docs({
        id: 'telemetry-same-attachment',
        level: 'info',
        message:
          'shop/a is attached like shop/b (same selector) and is older: istiod applies it first and shop/b overrides every tracing field both set (istioctl analyze reports IST0159 for two Telemetries selecting one pod).',
        fix: 'Fold what shop/a sets into shop/b and delete it, so one Telemetry decides.',
      }),
      displaced('shop/b'),
    ]);
  });
});

describe('a newer, broader selector Telemetry that decides for our selector scope', () => {
  it('is named once, as what decides for our workloads, and not again as overriding "the workloads it selects"', () => {
    const input = [
      exactTarget,
      telemetry('broad', 'shop', selector('      app: cart\n') + zipkin, '2025-01-01T00:00:00Z'),
    ].join('---\n');
    expect(merged(input, twoLabels()).findings).toEqual([
      docs({
        id: 'telemetry-scope-not-ours',
        level: 'warning',
        message:
          'After the merge, workloads labelled app=cart,tier=web in shop would still not trace to dynatrace-otel: traces go to zipkin (from shop/broad).',
        fix: 'Name dynatrace-otel first in the tracing of shop/broad, or remove its providers.',
      }),
      displaced('shop/exact'),
    ]);
  });

  it('that disables span reporting with an unnamed provider: says so, and names the provider as unnamed', () => {
    const input = [
      exactTarget,
      telemetry(
        'broad',
        'shop',
        selector('      app: cart\n') + '  tracing:\n  - providers:\n    - {}\n    disableSpanReporting: true\n',
        '2025-01-01T00:00:00Z',
      ),
    ].join('---\n');
    expect(merged(input, twoLabels()).findings).toEqual([
      docs({
        id: 'telemetry-span-reporting-disabled',
        level: 'warning',
        message:
          'After the merge, workloads labelled app=cart,tier=web in shop still report no spans: disableSpanReporting: true in shop/broad. Without it they would trace to (a provider without a name) (from shop/broad), not dynatrace-otel.',
        fix: 'Remove disableSpanReporting (or set it to false) in shop/broad, then merge again: the merge then completes that side with dynatrace-otel, or names what decides it.',
      }),
      displaced('shop/exact'),
    ]);
  });
});

describe('disableSpanReporting', () => {
  it('in the target itself: our scope reports no spans, and a Telemetry that only names another provider is not said to disable anything', () => {
    const input = [
      telemetry('mesh', 'istio-system', `${zipkin}    disableSpanReporting: true\n`),
      telemetry('shop', 'shop', zipkin),
    ].join('---\n');
    expect(merged(input).findings).toEqual([
      // The provider there is ours now: no "without it they would trace to …".
      docs({
        id: 'telemetry-span-reporting-disabled',
        level: 'warning',
        message:
          'After the merge, the whole mesh still report no spans: disableSpanReporting: true in istio-system/mesh.',
        fix: 'Remove disableSpanReporting (or set it to false) in istio-system/mesh.',
      }),
      overrides('shop/shop', 'workloads in namespace shop'),
      displaced('istio-system/mesh'),
    ]);
  });

  it('set to false in a namespace Telemetry: nothing reported about it', () => {
    const input = [
      telemetry('mesh', 'istio-system', zipkin),
      telemetry('shop', 'shop', '  tracing:\n  - disableSpanReporting: false\n'),
    ].join('---\n');
    expect(merged(input).findings).toEqual([displaced('istio-system/mesh')]);
  });

  it('set to true in a namespace Telemetry: reported in full for that namespace', () => {
    const input = [
      telemetry('mesh', 'istio-system', zipkin),
      telemetry('quiet', 'batch', '  tracing:\n  - disableSpanReporting: true\n'),
    ].join('---\n');
    expect(merged(input).findings).toEqual([
      docs({
        id: 'telemetry-span-reporting-disabled',
        level: 'warning',
        message:
          'batch/quiet sets disableSpanReporting: true, so workloads in namespace batch report no spans, to Dynatrace or anywhere else.',
        fix: 'Remove disableSpanReporting (or set it to false) where you want traces.',
      }),
      displaced('istio-system/mesh'),
    ]);
  });
});

describe('Telemetries whose workloads read a side our (waypoint) scope leaves without a provider', () => {
  it('a SERVER-only selector Telemetry beside a SERVER-only target: reported for its server side, no error for the empty client side', () => {
    const input = [
      telemetry('shop', 'shop', serverZipkin),
      telemetry('cart', 'shop', selector('      app: cart\n') + serverZipkin),
    ].join('---\n');
    expect(merged(input, waypointsIn('shop')).findings).toEqual([
      overrides('shop/cart', 'the workloads shop/cart selects', ' (on the server side: inbound spans and waypoints)'),
      displaced('shop/shop'),
    ]);
  });
});

describe('a Telemetry naming ours, and one setting custom tags', () => {
  it('names-ours is an info without a link; custom tags replaced is reported only for a Telemetry that sets tags', () => {
    const withTags = operatorSaas({
      telemetry: { customTags: [{ name: 'cost', type: 'literal', value: 'a', defaultValue: '' }] },
    });
    const input = [
      telemetry('mesh', 'istio-system', zipkin),
      // Names another provider, sets no tags: the wizard's tags still reach its workloads.
      telemetry('shop', 'shop', zipkin),
      telemetry(
        'tagged',
        'batch',
        '  tracing:\n  - providers:\n    - name: dynatrace-otel\n    customTags:\n      team:\n        literal:\n          value: batch\n',
      ),
    ].join('---\n');
    expect(merged(input, withTags).findings).toEqual([
      overrides('shop/shop', 'workloads in namespace shop'),
      {
        id: 'telemetry-more-specific-names-ours',
        level: 'info',
        step: 'telemetry',
        message:
          'batch/tagged also sets the tracing provider for workloads in namespace batch, and names dynatrace-otel: fine.',
        fix: 'Nothing to do; its other tracing settings apply to those workloads.',
      },
      docs({
        id: 'telemetry-custom-tags-replaced',
        level: 'info',
        message:
          'batch/tagged sets customTags for workloads in namespace batch. istiod replaces custom tags, it does not merge them: those workloads get only its tags, none from the wider Telemetry.',
        fix: 'Repeat the tags you need everywhere in its customTags.',
      }),
      displaced('istio-system/mesh'),
    ]);
  });
});

describe('a targetRefs Telemetry whose first ref is a GatewayClass', () => {
  it('is resolved for the waypoint of the Service it names next (a GatewayClass ref outside the root namespace reaches nothing)', () => {
    const input = [
      telemetry('mesh', 'istio-system', zipkin),
      telemetry(
        'svc',
        'shop',
        '  targetRefs:\n  - group: gateway.networking.k8s.io\n    kind: GatewayClass\n    name: istio-waypoint\n  - group: ""\n    kind: Service\n    name: reviews\n' +
          zipkin,
      ),
    ].join('---\n');
    expect(merged(input).findings).toEqual([
      overrides('shop/svc', 'the proxies shop/svc targets'),
      displaced('istio-system/mesh'),
    ]);
  });
});

describe('a provider displaced from the target', () => {
  it('two displaced providers are named as a list, in the plural', () => {
    const result = merged(telemetry('mesh', 'istio-system', `${zipkin}    - name: jaeger\n`));
    expect(result.findings).toEqual([
      docs({
        id: 'telemetry-provider-displaced',
        level: 'info',
        message:
          'dynatrace-otel is now the first tracing provider of istio-system/mesh. istiod uses only the first provider of a tracing entry, so zipkin, jaeger stay listed but no longer receive spans from these workloads.',
        fix: 'Remove zipkin, jaeger from the list if you no longer need them; Istio cannot send the same spans to two tracing providers.',
      }),
    ]);
  });
});

describe('sampling', () => {
  it('with the sampler: a percentage set for the SERVER side only is named as having no effect', () => {
    const result = merged(
      telemetry('mesh', 'istio-system', `${zipkin}  - match:\n      mode: SERVER\n    randomSamplingPercentage: 10\n`),
    );
    expect(result.findings).toEqual([
      {
        id: 'telemetry-sampling-overridden-by-sampler',
        level: 'info',
        step: 'telemetry',
        message:
          'istio-system/mesh sets randomSamplingPercentage: 10. With the Dynatrace sampler on the provider, istiod sets 100 % and the sampler decides, so this value has no effect (istio/istio pilot/pkg/networking/core/tracing.go).',
        fix: 'Leave it or remove it; to limit spans, tune the sampler (root spans per minute) instead.',
        link: 'https://github.com/istio/istio/issues/53012',
      },
      displaced('istio-system/mesh'),
    ]);
  });

  it('a target without metadata.namespace that sets its own percentage: kept (info), to be changed in that Telemetry', () => {
    const result = merged(telemetry('mesh', undefined, `${zipkin}    randomSamplingPercentage: 20\n`), noSampler());
    expect(result.findings).toEqual([
      {
        id: 'telemetry-sampling-kept',
        level: 'info',
        step: 'telemetry',
        message:
          'The 5 % chosen in the wizard is not written into (no namespace)/mesh: the whole mesh sample at randomSamplingPercentage: 20 from istio-system/mesh.',
        fix: "Set randomSamplingPercentage: 5 in istio-system/mesh if you want the wizard's value.",
      },
      displaced('(no namespace)/mesh'),
    ]);
  });

  it('without a target: a waypoint Telemetry applied after the generated one decides, and is the one to change', () => {
    // Ambient tracing at the waypoints of shop; "waypoint" is the name istioctl gives a namespace's waypoint.
    const input = telemetry(
      'wp',
      'shop',
      '  targetRefs:\n  - group: gateway.networking.k8s.io\n    kind: Gateway\n    name: waypoint\n  tracing:\n  - randomSamplingPercentage: 20\n',
    );
    const result = merged(input, waypointsIn('shop', false));
    expect(result.target).toBeUndefined();
    expect(result.findings).toEqual([
      {
        id: 'telemetry-sampling-not-written',
        level: 'warning',
        step: 'telemetry',
        // No "into …": there is no target, the generated file is applied as it is.
        message:
          'The 5 % chosen in the wizard is not written: namespace shop sample at randomSamplingPercentage: 20 from shop/wp.',
        fix: "Set randomSamplingPercentage: 5 in shop/wp if you want the wizard's value.",
      },
    ]);
  });
});

describe('fields and custom tags the user’s Istio does not have', () => {
  const v129 = operatorSaas({ istio: { version: '1.29' } });
  const formatterNote = (name: string): Finding => ({
    id: 'telemetry-formatter-needs-new-proxies',
    level: 'info',
    step: 'telemetry',
    message: `${name} has formatter custom tags: istiod leaves them out for proxies older than 1.29 (pilot/pkg/networking/core/tracing.go buildCustomTagsFromProvider), without an error.`,
    fix: 'Check the data-plane versions (istioctl version): proxies still on 1.28 or older get the other tags only.',
  });

  it('an unknown field and formatter tags on 1.29: both reported in full', () => {
    const spec =
      '  tracing:\n  - customTags:\n      sni:\n        formatter:\n          value: "%REQUESTED_SERVER_NAME%"\n';
    expect(merged(telemetry('mesh', 'istio-system', `${spec}    bogus: 1\n`), v129).findings).toEqual([
      {
        id: 'telemetry-field-unknown',
        level: 'warning',
        step: 'telemetry',
        message:
          "istio-system/mesh: spec.tracing[0].bogus: no Istio release's Telemetry has this field; the API server drops it. Check the spelling.",
        fix: 'Remove the field, or check the Istio version given on the Requirements step.',
      },
      formatterNote('istio-system/mesh'),
    ]);
  });

  it('no formatter note for literal tags, for tags that are not maps (a string, empty) or for empty customTags, and no crash', () => {
    const odd =
      '  tracing:\n  - customTags:\n      team: shop\n      env:\n      owner:\n        literal:\n          value: a\n';
    expect(merged(telemetry('mesh', 'istio-system', odd), v129).findings).toEqual([]);
    expect(merged(telemetry('mesh', 'istio-system', '  tracing:\n  - customTags:\n'), v129).findings).toEqual([]);
  });

  it('no formatter note for a Telemetry istiod refuses (a targetRefs kind it does not take)', () => {
    const refused =
      '  targetRefs:\n  - group: apps\n    kind: Deployment\n    name: cart\n  tracing:\n  - customTags:\n      sni:\n        formatter:\n          value: "%REQUESTED_SERVER_NAME%"\n';
    expect(merged(telemetry('cart', 'istio-system', refused), v129).findings).toEqual([
      {
        id: 'telemetry-field-too-new',
        level: 'warning',
        step: 'telemetry',
        message:
          'istio-system/cart: spec.targetRefs[0]: istiod refuses targetRefs to apps/Deployment; it takes Service, gateway.networking.k8s.io/Gateway, gateway.networking.k8s.io/GatewayClass, networking.istio.io/ServiceEntry.',
        fix: 'Remove the field, or check the Istio version given on the Requirements step.',
      },
    ]);
  });
});
