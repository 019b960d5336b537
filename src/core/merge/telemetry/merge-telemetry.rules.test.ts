import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { operatorSaas } from '../../__fixtures__/models';
import { resolveTracing } from '../../istiod/tracing-rules';
import type { TelemetryMergeSuccess } from './merge-telemetry';
import { merged, telemetry, zipkin } from './__fixtures__/telemetries';

/* The merge's decisions, checked against istiod's rules (facts §12): each of these failed on the old merge. */

const read = (text: string) => parse(text, { version: '1.1' }) as Record<string, any>;
const ids = (result: TelemetryMergeSuccess) => result.findings.map((finding) => finding.id);

const cartSelector = '  selector:\n    matchLabels:\n      app: cart\n';
const cartModel = operatorSaas({ telemetry: { namespace: 'shop', selector: [{ key: 'app', value: 'cart' }] } });

describe('which Telemetry the merge edits: where it takes effect', () => {
  it('with two Telemetries of our selector, the NEWEST (istiod applies them oldest first), and reports the older one', () => {
    const input = [
      telemetry('cart-old', 'shop', cartSelector + zipkin, '2024-01-01T00:00:00Z'),
      telemetry('cart-new', 'shop', cartSelector + zipkin, '2025-01-01T00:00:00Z'),
    ].join('---\n');
    const result = merged(input, cartModel);
    expect(result.target?.name).toBe('cart-new');
    expect(result.target?.name).not.toBe('cart-old');
    const same = result.findings.find((finding) => finding.id === 'telemetry-same-attachment');
    expect(same?.message).toContain('shop/cart-old');
    expect(same?.message).toContain('shop/cart-new overrides');
    // And after the merge, istiod gives the cart pods our provider on both sides.
    expect(ids(result)).not.toContain('telemetry-scope-not-ours');
  });

  it('with two Telemetries targeting our waypoint (1.24+), the newest', () => {
    const refs = '  targetRefs:\n  - group: gateway.networking.k8s.io\n    kind: Gateway\n    name: shop-waypoint\n';
    const model = operatorSaas({
      istio: { ambient: true, ambientTracing: 'waypoints', version: '1.26' },
      telemetry: { waypoint: { name: 'shop-waypoint', namespace: 'shop' } },
    });
    const input = [
      telemetry('b-newer', 'shop', refs + zipkin, '2025-06-01T00:00:00Z'),
      telemetry('a-older', 'shop', refs + zipkin, '2025-01-01T00:00:00Z'),
    ].join('---\n');
    expect(merged(input, model).target?.name).toBe('b-newer');
  });

  it('on 1.22–1.23 a waypoint Telemetry is namespace-wide: the merge edits the oldest namespace-wide one, targetRefs or not', () => {
    const refs = '  targetRefs:\n  - group: gateway.networking.k8s.io\n    kind: Gateway\n    name: other\n';
    const input = [
      telemetry('refs-only', 'shop', refs + zipkin, '2024-01-01T00:00:00Z'),
      telemetry('plain', 'shop', zipkin, '2025-01-01T00:00:00Z'),
    ].join('---\n');
    const nsWide = operatorSaas({ telemetry: { namespace: 'shop' } });
    // 1.23: refs-only counts as namespace-wide and is the oldest, so it is the one istiod uses.
    const old = merged(input, operatorSaas({ istio: { version: '1.23' }, telemetry: { namespace: 'shop' } }));
    expect(old.target?.name).toBe('refs-only');
    expect(ids(old)).toContain('telemetry-targetrefs-not-attached');
    // 1.24: it attaches to Gateway `other` only; the namespace-wide one is `plain`.
    const now = merged(input, nsWide);
    expect(now.target?.name).toBe('plain');
    expect(ids(now)).not.toContain('telemetry-targetrefs-not-attached');
  });
});

describe('both sides end with our provider, or the merge says why not', () => {
  it('completes the CLIENT side when the Telemetry names a provider only for SERVER (gateways read CLIENT)', () => {
    const serverOnly = '  tracing:\n  - match:\n      mode: SERVER\n    providers:\n    - name: zipkin\n';
    const input = telemetry('mesh-default', 'istio-system', serverOnly);
    const result = merged(input);
    const spec = read(result.merged).spec;
    expect(spec.tracing[0]).toEqual({
      match: { mode: 'SERVER' },
      providers: [{ name: 'dynatrace-otel' }, { name: 'zipkin' }],
    });
    expect(spec.tracing[1]).toEqual({ match: { mode: 'CLIENT' }, providers: [{ name: 'dynatrace-otel' }] });
    expect(result.changes.join(' ')).toMatch(/for the CLIENT side/);
    for (const kind of ['sidecar', 'gateway'] as const) {
      const resolution = resolveTracing({
        telemetries: [{ name: 'mesh-default', namespace: 'istio-system', spec }],
        rootNamespace: 'istio-system',
        proxy: { kind, namespace: 'apps', labels: {} },
        istioVersion: '1.26',
      });
      for (const side of resolution.reads) expect(resolution[side].provider?.value).toBe('dynatrace-otel');
    }
    // It now has two tracing entries: kubectl apply prints Istio's warning, and the note says so.
    expect(result.notes.join(' ')).toContain('multiple tracing is not currently supported');
  });

  it('does not add an entry when one entry already covers both sides; the apply warning named is the one that comes', () => {
    const result = merged(telemetry('mesh-default', 'istio-system', zipkin));
    expect(read(result.merged).spec.tracing).toHaveLength(1);
    // Ours above zipkin: two providers in one entry.
    expect(result.notes.join(' ')).toContain('multiple providers is not currently supported');
    expect(result.notes.join(' ')).not.toContain('multiple tracing');
    const alone = merged(telemetry('mesh-default', 'istio-system', zipkin.replace('zipkin', 'dynatrace-otel')));
    expect(alone.notes.join(' ')).not.toContain('not currently supported');
  });

  it('says why a side still does not trace when the Telemetry disables span reporting there', () => {
    const disabled =
      '  tracing:\n  - providers:\n    - name: zipkin\n  - match:\n      mode: CLIENT\n    disableSpanReporting: true\n';
    const result = merged(telemetry('mesh-default', 'istio-system', disabled));
    const finding = result.findings.find((f) => f.id === 'telemetry-span-reporting-disabled');
    expect(finding?.message).toMatch(/client side/);
    expect(finding?.message).toContain('istio-system/mesh-default');
  });

  // The mesh-wide Telemetry names zipkin for both sides; the namespace's Telemetry (the one merged into, for a
  // namespace scope) names a provider only for SERVER, so the CLIENT side keeps the older, mesh-wide zipkin.
  const meshZipkin = telemetry('mesh-default', 'istio-system', zipkin, '2024-01-01T00:00:00Z');
  const shopModel = operatorSaas({ telemetry: { namespace: 'shop' } });
  const serverZipkin = '  tracing:\n  - match:\n      mode: SERVER\n    providers:\n    - name: zipkin\n';

  it('completes a side that an OLDER Telemetry’s provider reaches (the mesh-wide zipkin), not only a side without any', () => {
    const input = [meshZipkin, telemetry('shop-tracing', 'shop', serverZipkin, '2025-01-01T00:00:00Z')].join('---\n');
    const result = merged(input, shopModel);
    expect(result.target?.name).toBe('shop-tracing');
    expect(read(result.merged).spec.tracing).toEqual([
      { match: { mode: 'SERVER' }, providers: [{ name: 'dynatrace-otel' }, { name: 'zipkin' }] },
      { match: { mode: 'CLIENT' }, providers: [{ name: 'dynatrace-otel' }] },
    ]);
    expect(result.changes).toEqual([
      'Added dynatrace-otel as the first provider of spec.tracing[0] of shop/shop-tracing, above zipkin.',
      'Added a tracing entry naming dynatrace-otel for the CLIENT side to shop/shop-tracing: its other entries name a provider only for the SERVER side, and gateways and sidecars’ outbound (client) spans read the CLIENT side.',
    ]);
    expect(ids(result)).not.toContain('telemetry-scope-not-ours');
    // An older Telemetry that already gives the CLIENT side ours: nothing to complete.
    const meshOurs = meshZipkin.replace('name: zipkin', 'name: dynatrace-otel');
    const done = merged([meshOurs, telemetry('shop-tracing', 'shop', serverZipkin)].join('---\n'), shopModel);
    expect(read(done.merged).spec.tracing).toHaveLength(1);
    expect(done.changes.join(' ')).not.toContain('tracing entry');
  });

  it('completes the side of a Telemetry without metadata.namespace, read as in our namespace', () => {
    const input = 'apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: m\nspec:\n' + serverZipkin;
    const result = merged(input);
    expect(result.target).toMatchObject({ name: 'm', namespace: 'istio-system' });
    expect(read(result.merged).spec.tracing[1]).toEqual({
      providers: [{ name: 'dynatrace-otel' }],
      match: { mode: 'CLIENT' },
    });
    expect(result.changes[1]).toMatch(
      /^Added a tracing entry naming dynatrace-otel for the CLIENT side to \(no namespace\)\/m:/,
    );
  });

  it('adds no entry for a side the Telemetry disables, and tells to remove disableSpanReporting there, not to rename a provider', () => {
    const disabledClient = serverZipkin + '  - match:\n      mode: CLIENT\n    disableSpanReporting: true\n';
    const input = [meshZipkin, telemetry('shop-tracing', 'shop', disabledClient, '2025-01-01T00:00:00Z')].join('---\n');
    const result = merged(input, shopModel);
    // An entry naming ours would not trace there either: disableSpanReporting stays true on that side.
    expect(read(result.merged).spec.tracing).toEqual([
      { match: { mode: 'SERVER' }, providers: [{ name: 'dynatrace-otel' }, { name: 'zipkin' }] },
      { match: { mode: 'CLIENT' }, disableSpanReporting: true },
    ]);
    expect(result.changes).toHaveLength(1);
    // What decides is shop/shop-tracing's disableSpanReporting; naming ours in the mesh-wide Telemetry would not help.
    expect(ids(result)).not.toContain('telemetry-scope-not-ours');
    const disabled = result.findings.filter((f) => f.id === 'telemetry-span-reporting-disabled');
    expect(disabled).toEqual([
      expect.objectContaining({
        level: 'warning',
        message:
          'After the merge, namespace shop still report no spans (on the client side: outbound spans and gateways): disableSpanReporting: true in shop/shop-tracing. Without it they would trace to zipkin (from istio-system/mesh-default), not dynatrace-otel.',
        fix: 'Remove disableSpanReporting (or set it to false) in shop/shop-tracing, then merge again: the merge then completes that side with dynatrace-otel, or names what decides it.',
      }),
    ]);
  });

  it('says a newer Telemetry with our selector’s pods decides, when the merge cannot change it', () => {
    const input = [
      telemetry('cart', 'shop', cartSelector + zipkin, '2024-01-01T00:00:00Z'),
      telemetry(
        'all-apps',
        'shop',
        '  selector:\n    matchLabels:\n      tier: web\n' + zipkin,
        '2025-01-01T00:00:00Z',
      ),
    ].join('---\n');
    // Our pods carry app=cart only: all-apps does not select them, so nothing to report.
    expect(ids(merged(input, cartModel))).not.toContain('telemetry-scope-not-ours');
    // With pods labelled app=cart,tier=web, a newer Telemetry selecting app=cart also applies, after ours.
    const twoLabels = operatorSaas({
      telemetry: {
        namespace: 'shop',
        selector: [
          { key: 'app', value: 'cart' },
          { key: 'tier', value: 'web' },
        ],
      },
    });
    const broad = [
      telemetry(
        'exact',
        'shop',
        '  selector:\n    matchLabels:\n      app: cart\n      tier: web\n' + zipkin,
        '2024-01-01T00:00:00Z',
      ),
      telemetry('broad', 'shop', cartSelector + zipkin, '2025-01-01T00:00:00Z'),
    ].join('---\n');
    const result = merged(broad, twoLabels);
    expect(result.target?.name).toBe('exact');
    const notOurs = result.findings.filter((f) => f.id === 'telemetry-scope-not-ours');
    expect(notOurs).toHaveLength(1);
    expect(notOurs[0]!.message).toContain('traces go to zipkin (from shop/broad)');
    expect(notOurs[0]!.fix).toContain('shop/broad');
  });
});

describe('sampling without the Dynatrace sampler is written or reported', () => {
  const noSampler = (extra = {}) =>
    operatorSaas({ provider: { sampler: false }, telemetry: { samplingPercentage: '5', ...extra } });

  it('reports that istiod samples at its 1 % default when the edited entry sets no percentage', () => {
    const result = merged(telemetry('mesh-default', 'istio-system', zipkin), noSampler());
    const finding = result.findings.find((f) => f.id === 'telemetry-sampling-not-written');
    expect(finding?.message).toContain('5 %');
    expect(finding?.message).toContain('1 %');
    expect(finding?.level).toBe('warning');
  });

  it('writes the percentage into an appended entry when no entry of the Telemetry sets one', () => {
    const tuning = '  tracing:\n  - customTags:\n      team:\n        literal:\n          value: a\n';
    const result = merged(telemetry('mesh-default', 'istio-system', tuning), noSampler());
    expect(read(result.merged).spec.tracing[1]).toEqual({
      providers: [{ name: 'dynatrace-otel' }],
      randomSamplingPercentage: 5,
    });
    expect(ids(result)).not.toContain('telemetry-sampling-not-written');
  });

  it('writes nothing and reports nothing about sampling when the Telemetry already sets the chosen value', () => {
    const five = '  tracing:\n  - randomSamplingPercentage: 5\n';
    const result = merged(telemetry('mesh-default', 'istio-system', five), noSampler());
    expect(read(result.merged).spec.tracing[1]).toEqual({ providers: [{ name: 'dynatrace-otel' }] });
    expect(ids(result).filter((id) => id.startsWith('telemetry-sampling'))).toEqual([]);
  });

  it('with the sampler, never writes a percentage and says an existing one is ignored', () => {
    const ten = '  tracing:\n  - randomSamplingPercentage: 10\n';
    const result = merged(telemetry('mesh-default', 'istio-system', ten));
    expect(read(result.merged).spec.tracing[1]).toEqual({ providers: [{ name: 'dynatrace-otel' }] });
    expect(ids(result)).toContain('telemetry-sampling-overridden-by-sampler');
  });
});

describe('ordering without creationTimestamp and the singular targetRef', () => {
  it('orders an undated namespace-wide Telemetry as istiod orders a zero time (before dated ones), and says it is a guess', () => {
    const input = [
      telemetry('a-dated', 'istio-system', zipkin, '2025-01-01T00:00:00Z'),
      telemetry('b-undated', 'istio-system', zipkin),
    ].join('---\n');
    const result = merged(input);
    expect(result.target?.name).toBe('b-undated');
    expect(result.findings.find((f) => f.id === 'telemetry-several-without-selector')?.message).toMatch(/a guess/);
    // Both undated: by name.
    const both = [telemetry('b', 'istio-system', zipkin), telemetry('a', 'istio-system', zipkin)].join('---\n');
    expect(merged(both).target?.name).toBe('a');
  });

  it('treats the singular targetRef like targetRefs (policyattachment.go GetTargetRefs)', () => {
    const ref = '  targetRef:\n    group: gateway.networking.k8s.io\n    kind: Gateway\n    name: gw\n';
    const result = merged(telemetry('gw-tracing', 'istio-system', ref + zipkin));
    // Not namespace-wide from 1.24, so it is not the mesh-wide Telemetry ours would collide with.
    expect(result.target).toBeUndefined();
  });
});

describe('the wizard’s custom tags when the merge appends an entry', () => {
  const tags = [{ name: 'team', type: 'literal' as const, value: 'shop', defaultValue: '' }];
  it('writes them where no entry of the Telemetry sets customTags, and says nothing is dropped', () => {
    const result = merged(
      telemetry('mesh-default', 'istio-system', '  tracing:\n  - randomSamplingPercentage: 10\n'),
      operatorSaas({ telemetry: { customTags: tags } }),
    );
    expect(read(result.merged).spec.tracing[1]).toEqual({
      providers: [{ name: 'dynatrace-otel' }],
      customTags: { team: { literal: { value: 'shop' } } },
    });
    expect(result.notes.join(' ')).not.toMatch(/custom tags chosen in the wizard are not written/);
  });

  it('does not add them over the Telemetry’s own customTags (they would replace its tags), and says so', () => {
    const own = '  tracing:\n  - customTags:\n      cost:\n        literal:\n          value: a\n';
    const result = merged(
      telemetry('mesh-default', 'istio-system', own),
      operatorSaas({ telemetry: { customTags: tags } }),
    );
    expect(read(result.merged).spec.tracing[1]).toEqual({ providers: [{ name: 'dynatrace-otel' }] });
    expect(result.notes.join(' ')).toMatch(/custom tags chosen in the wizard are not written/);
  });
});
