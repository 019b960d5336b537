import { describe, expect, it } from 'vitest';
import { istiodRulesFor } from './istiod-version';
import { loadMeshConfig } from './mesh-providers';
import { sortTelemetries } from './telemetry-order';
import { resolveTracing, sidesMissing, type ProxyInput, type TelemetryInput } from './tracing-rules';

/* Behaviours the upstream tables do not spell out, each with what must and must not happen (issue 27's list). */

const mesh = loadMeshConfig({ extensionProviders: [{ name: 'dt' }, { name: 'zipkin' }] });
const sidecar: ProxyInput = { kind: 'sidecar', namespace: 'shop', labels: { app: 'cart' } };
const tel = (namespace: string, name: string, spec: Record<string, unknown>, created?: string): TelemetryInput => ({
  namespace,
  name,
  spec,
  ...(created ? { creationTimestamp: created } : {}),
});
const run = (telemetries: TelemetryInput[], proxy = sidecar, istioVersion = '1.28.0') =>
  resolveTracing({ telemetries, rootNamespace: 'istio-system', proxy, istioVersion, mesh });

describe('istiod tracing rules', () => {
  it('keep an earlier sampling 0 when a later entry sets no percentage (override only when set)', () => {
    const result = run([
      tel('istio-system', 'root', { tracing: [{ providers: [{ name: 'dt' }], randomSamplingPercentage: 0 }] }),
      tel('shop', 'ns', { tracing: [{ providers: [{ name: 'dt' }] }] }),
    ]);
    expect(result.client.sampling).toMatchObject({ percent: 0, source: 'telemetry', from: 'istio-system/root' });
    // And a later one that sets it does override.
    const later = run([
      tel('istio-system', 'root', { tracing: [{ providers: [{ name: 'dt' }], randomSamplingPercentage: 0 }] }),
      tel('shop', 'ns', { tracing: [{ randomSamplingPercentage: 10 }] }),
    ]);
    expect(later.client.sampling.percent).toBe(10);
    expect(later.applied[0]?.overridden).toEqual([
      { side: 'client', field: 'randomSamplingPercentage', by: 'shop/ns' },
      { side: 'server', field: 'randomSamplingPercentage', by: 'shop/ns' },
    ]);
  });

  it('a later disableSpanReporting: false turns reporting back on; an entry without it does not', () => {
    const off = tel('istio-system', 'root', { tracing: [{ providers: [{ name: 'dt' }], disableSpanReporting: true }] });
    expect(run([off, tel('shop', 'ns', { tracing: [{ disableSpanReporting: false }] })]).client.status).toBe('traces');
    expect(run([off, tel('shop', 'ns', { tracing: [{ customTags: {} }] })]).client.status).toBe('disabled');
  });

  it('a SERVER-only entry changes only the server side; a CLIENT-only entry only the client side', () => {
    const root = tel('istio-system', 'root', { tracing: [{ providers: [{ name: 'dt' }] }] });
    const server = run([
      root,
      tel('shop', 'ns', { tracing: [{ match: { mode: 'SERVER' }, providers: [{ name: 'zipkin' }] }] }),
    ]);
    expect([server.client.provider?.value, server.server.provider?.value]).toEqual(['dt', 'zipkin']);
    const client = run([
      root,
      tel('shop', 'ns', { tracing: [{ match: { mode: 'CLIENT' }, providers: [{ name: 'zipkin' }] }] }),
    ]);
    expect([client.client.provider?.value, client.server.provider?.value]).toEqual(['zipkin', 'dt']);
    // Which sides a proxy reads: a gateway only CLIENT, a waypoint only SERVER.
    expect(
      sidesMissing(
        run([root, tel('shop', 'ns', { tracing: [{ match: { mode: 'SERVER' }, providers: [{ name: 'zipkin' }] }] })], {
          kind: 'gateway',
          namespace: 'shop',
          labels: {},
        }),
        'dt',
      ),
    ).toEqual([]);
    expect(sidesMissing(server, 'dt').map((s) => s.side)).toEqual(['server']);
  });

  it('skips null tracing entries and provider-less entries without changing the provider', () => {
    const result = run([
      tel('istio-system', 'root', { tracing: [null, { providers: [{ name: 'dt' }] }, { providers: [] }] }),
    ]);
    expect(result.client).toMatchObject({ status: 'traces', provider: { value: 'dt' } });
  });

  it('customTags replace whole, and the earlier ones are reported as overridden', () => {
    const result = run([
      tel('istio-system', 'root', {
        tracing: [{ providers: [{ name: 'dt' }], customTags: { a: { literal: { value: '1' } } } }],
      }),
      tel('shop', 'ns', { tracing: [{ customTags: { b: { literal: { value: '2' } } } }] }),
    ]);
    expect(Object.keys(result.client.customTags?.value ?? {})).toEqual(['b']);
    expect(result.applied[0]?.overridden.some((o) => o.field === 'customTags' && o.by === 'shop/ns')).toBe(true);
    // No override noted where nothing overrides.
    expect(
      run([tel('istio-system', 'root', { tracing: [{ providers: [{ name: 'dt' }] }] })]).applied[0]?.overridden,
    ).toEqual([]);
  });

  it('says why each Telemetry does not apply', () => {
    const result = run([
      tel('other', 'elsewhere', { tracing: [{ providers: [{ name: 'dt' }] }] }),
      tel('shop', 'web', { selector: { matchLabels: { app: 'web' } }, tracing: [{ providers: [{ name: 'dt' }] }] }),
      tel('shop', 'gw', {
        targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw' }],
        tracing: [{}],
      }),
      tel('istio-system', 'root-sel', { selector: { matchLabels: { app: 'cart' } }, tracing: [{}] }),
    ]);
    const why = Object.fromEntries(result.verdicts.map((v) => [v.id, v.why]));
    expect(why['other/elsewhere']).toMatch(/in namespace other/);
    expect(why['shop/web']).toMatch(/does not match/);
    expect(why['shop/gw']).toMatch(/sidecars .* ignore/);
    expect(why['istio-system/root-sel']).toMatch(/only for proxies in istio-system/);
    expect(result.verdicts.every((v) => !v.applies)).toBe(true);
  });

  it('with unknown pod labels, a selector Telemetry is unsure, not applied', () => {
    const result = run(
      [tel('shop', 'web', { selector: { matchLabels: { app: 'web' } }, tracing: [{ providers: [{ name: 'dt' }] }] })],
      { kind: 'sidecar', namespace: 'shop' },
    );
    expect(result.verdicts[0]).toMatchObject({ applies: false, unsure: true });
  });

  it('1.30 without a patch: assumes 1.30.3+ for a cross-namespace waypoint and says so', () => {
    const waypoint: ProxyInput = {
      kind: 'waypoint',
      namespace: 'wp',
      gatewayName: 'waypoint',
      service: { namespace: 'shop', name: 'cart' },
    };
    const result = run([tel('shop', 'default', { tracing: [{ providers: [{ name: 'dt' }] }] })], waypoint, '1.30');
    expect(result.server.status).toBe('traces');
    expect(result.caveats.join(' ')).toMatch(/without a patch/);
    expect(run([], waypoint, '1.30.2').caveats.join(' ')).not.toMatch(/without a patch/);
  });

  it('orders ties by name.namespace on 1.22 and by name, then namespace from 1.23', () => {
    const a = { name: 'a', namespace: 'y' };
    const ab = { name: 'a-b', namespace: 'x' };
    expect(sortTelemetries([a, ab], istiodRulesFor('1.22.5')).map((t) => t.name)).toEqual(['a-b', 'a']);
    expect(sortTelemetries([a, ab], istiodRulesFor('1.23.0')).map((t) => t.name)).toEqual(['a', 'a-b']);
  });

  it('a provider reached by another capitalisation counts; the side reports the name as written', () => {
    const result = run([tel('istio-system', 'root', { tracing: [{ providers: [{ name: 'DT' }] }] })]);
    expect(result.client).toMatchObject({ status: 'traces', provider: { value: 'DT' } });
    expect(result.client.resolved?.name).toBe('dt');
  });
});
