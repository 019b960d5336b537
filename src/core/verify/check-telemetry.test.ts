import { describe, expect, it } from 'vitest';
import { model as baseModel } from '../__fixtures__/models';
import { checkTelemetry, meshFactsOf } from './check-telemetry';
import type { TelemetryResource } from './recognise';
import { verifyTargetOf } from './target';
import { loadMeshConfig } from '../istiod/mesh-providers';
import { resolveTracing as resolveWithRules } from '../istiod/tracing-rules';

/*
 * Istio's rules (istio/istio pilot/pkg/model/telemetry.go), one behaviour per test; each case has a passing
 * and a failing side.
 */

let clock = 0;
function telemetry(
  namespace: string,
  name: string,
  spec: Record<string, unknown>,
  created?: string,
): TelemetryResource {
  clock++;
  return {
    namespace,
    name,
    creationTimestamp: created ?? `2026-11-${String(10 + clock).padStart(2, '0')}T00:00:00Z`,
    spec,
  };
}
const tracing = (provider: string, extra: Record<string, unknown> = {}) => ({
  tracing: [{ providers: [{ name: provider }], ...extra }],
});

const meshWide = baseModel();
const inNamespace = baseModel({ telemetry: { namespace: 'shop' } });
const forWorkload = baseModel({ telemetry: { namespace: 'shop', selector: [{ key: 'app', value: 'cart' }] } });
const withoutSampler = baseModel({ provider: { sampler: false } });

const resolveTracing = (
  list: TelemetryResource[],
  root: string,
  proxy: { namespace: string; labels?: Record<string, string> },
  defaults: string[] = [],
) =>
  resolveWithRules({
    telemetries: list,
    rootNamespace: root,
    proxy: { kind: 'sidecar', ...proxy },
    istioVersion: '1.28.0',
    mesh: loadMeshConfig({
      extensionProviders: [{ name: 'dynatrace-otel' }, { name: 'zipkin' }],
      defaultProviders: { tracing: defaults },
    }),
  });

function check(telemetries: TelemetryResource[], model = meshWide, providerNames?: string[]) {
  const items = checkTelemetry(telemetries, model, verifyTargetOf(model), providerNames ? { providerNames } : {});
  return Object.fromEntries(
    items.map((item) => [
      item.id,
      { status: item.status, codes: item.problems.map((p) => p.code), notes: item.notes.map((n) => n.code) },
    ]),
  );
}

describe('which Telemetry applies (Istio’s rules)', () => {
  it('a selector-less Telemetry in the root namespace applies mesh-wide', () => {
    const result = check([telemetry('istio-system', 'dt', tracing('dynatrace-otel'))]);
    expect(result['telemetry.applies']?.status).toBe('pass');
  });

  it('a Telemetry in another namespace does not apply mesh-wide', () => {
    const result = check([telemetry('shop', 'dt', tracing('dynatrace-otel'))]);
    expect(result['telemetry.applies']?.codes).toEqual(['telemetry.not-applied']);
    expect(check([telemetry('shop', 'dt', tracing('dynatrace-otel'))], inNamespace)['telemetry.applies']?.status).toBe(
      'pass',
    );
  });

  it('a namespace-level selector-less Telemetry overrides the root one for its namespace', () => {
    const list = [
      telemetry('istio-system', 'dt', tracing('dynatrace-otel')),
      telemetry('shop', 'zipkin', tracing('zipkin')),
    ];
    expect(check(list, inNamespace)['telemetry.applies']?.codes).toEqual(['telemetry.overridden']);
    // Mesh-wide it still applies, and the overriding namespace is named.
    expect(check(list)['telemetry.applies']).toMatchObject({ status: 'pass', notes: ['telemetry.namespace-override'] });
  });

  it('a Telemetry with a selector applies only in its own namespace', () => {
    const inRoot = telemetry('istio-system', 'dt', {
      selector: { matchLabels: { app: 'cart' } },
      ...tracing('dynatrace-otel'),
    });
    expect(check([inRoot], forWorkload)['telemetry.applies']?.codes).toEqual(['telemetry.not-applied']);
    const inShop = telemetry('shop', 'dt', {
      selector: { matchLabels: { app: 'cart' } },
      ...tracing('dynatrace-otel'),
    });
    expect(check([inShop], forWorkload)['telemetry.applies']?.status).toBe('pass');
  });

  it('a selector that does not match the workload does not apply', () => {
    const other = telemetry('shop', 'dt', {
      selector: { matchLabels: { app: 'billing' } },
      ...tracing('dynatrace-otel'),
    });
    expect(check([other], forWorkload)['telemetry.applies']?.codes).toEqual(['telemetry.not-applied']);
  });

  it('among several selector-less Telemetries in one namespace the oldest wins (IST0160)', () => {
    const older = telemetry('istio-system', 'old', tracing('zipkin'), '2025-01-01T00:00:00Z');
    const ours = telemetry('istio-system', 'dt', tracing('dynatrace-otel'), '2026-01-01T00:00:00Z');
    const result = check([ours, older]);
    expect(result['telemetry.applies']?.codes).toEqual(['telemetry.overridden']);
    expect(result['telemetry.conflicts']?.codes).toEqual(['telemetry.multiple-selectorless']);
    const oursOlder = check([
      telemetry('istio-system', 'dt', tracing('dynatrace-otel'), '2025-01-01T00:00:00Z'),
      telemetry('istio-system', 'old', tracing('zipkin'), '2026-01-01T00:00:00Z'),
    ]);
    expect(oursOlder['telemetry.applies']?.status).toBe('pass');
    expect(oursOlder['telemetry.conflicts']?.status).toBe('fail');
  });

  it('with equal creation times the name decides, as istiod sorts', () => {
    const same = '2026-01-01T00:00:00Z';
    const result = check([
      telemetry('istio-system', 'b-dt', tracing('dynatrace-otel'), same),
      telemetry('istio-system', 'a-other', tracing('zipkin'), same),
    ]);
    expect(result['telemetry.applies']?.codes).toEqual(['telemetry.overridden']);
  });

  it('overlapping selectors in the workload’s namespace conflict (IST0159)', () => {
    const a = telemetry('shop', 'a', { selector: { matchLabels: { app: 'cart' } }, ...tracing('dynatrace-otel') });
    const b = telemetry('shop', 'b', {
      selector: { matchLabels: { app: 'cart', tier: 'web' } },
      ...tracing('dynatrace-otel'),
    });
    expect(check([a, b], forWorkload)['telemetry.conflicts']?.status).toBe('pass'); // b needs tier=web, the workload lacks it
    const c = telemetry('shop', 'c', { selector: { matchLabels: { app: 'cart' } }, ...tracing('dynatrace-otel') });
    expect(check([a, c], forWorkload)['telemetry.conflicts']?.codes).toEqual(['telemetry.overlapping-selectors']);
  });

  it('disableSpanReporting in a later Telemetry turns tracing off', () => {
    const list = [
      telemetry('istio-system', 'dt', tracing('dynatrace-otel')),
      telemetry('shop', 'off', { tracing: [{ disableSpanReporting: true }] }),
    ];
    expect(check(list, inNamespace)['telemetry.applies']?.codes).toEqual(['telemetry.disabled']);
    const back = [
      ...list,
      telemetry('shop', 'on', {
        selector: { matchLabels: { app: 'cart' } },
        tracing: [{ disableSpanReporting: false }],
      }),
    ];
    expect(check(back, forWorkload)['telemetry.applies']?.status).toBe('pass');
  });

  it('a sampling percentage of 0 stops tracing, unless the Dynatrace sampler decides', () => {
    const list = [telemetry('istio-system', 'dt', tracing('dynatrace-otel', { randomSamplingPercentage: 0 }))];
    expect(check(list, withoutSampler)['telemetry.applies']?.codes).toEqual(['telemetry.sampling-zero']);
    expect(check(list)['telemetry.applies']).toMatchObject({ status: 'pass', notes: ['telemetry.sampling-ignored'] });
  });

  it('customTags of a later Telemetry replace the earlier ones', () => {
    const list = [
      telemetry('istio-system', 'dt', tracing('dynatrace-otel', { customTags: { team: { literal: { value: 'a' } } } })),
      telemetry('shop', 'tags', { tracing: [{ customTags: { cost: { literal: { value: 'b' } } } }] }),
    ];
    expect(check(list, inNamespace)['telemetry.applies']?.notes).toContain('telemetry.custom-tags-replaced');
  });

  it('a CLIENT-only override leaves the server side tracing to the provider', () => {
    const list = [
      telemetry('istio-system', 'dt', tracing('dynatrace-otel')),
      telemetry('shop', 'client', { tracing: [{ match: { mode: 'CLIENT' }, providers: [{ name: 'zipkin' }] }] }),
    ];
    const resolution = resolveTracing(list, 'istio-system', { namespace: 'shop' });
    expect([resolution.client.provider?.value, resolution.server.provider?.value]).toEqual([
      'zipkin',
      'dynatrace-otel',
    ]);
  });

  it('needs a Telemetry that names the provider; a name with other capitalisation works (EqualFold)', () => {
    expect(check([])['telemetry.references-provider']?.codes).toEqual(['telemetry.no-reference']);
    expect(
      check([telemetry('istio-system', 'dt', tracing('Dynatrace-OTel'))])['telemetry.references-provider'],
    ).toMatchObject({
      status: 'pass',
      notes: ['telemetry.reference-case'],
    });
  });

  it('a provider the live mesh config does not have disables tracing silently', () => {
    const list = [telemetry('istio-system', 'dt', tracing('dynatrace-otel'))];
    expect(check(list, meshWide, ['otel-collector'])['telemetry.applies']?.codes).toEqual([
      'telemetry.provider-unknown',
    ]);
    expect(check(list, meshWide, ['dynatrace-otel'])['telemetry.applies']?.status).toBe('pass');
  });

  it('defaultProviders.tracing applies where no Telemetry names a provider', () => {
    const resolution = resolveTracing([], 'istio-system', { namespace: 'shop' }, ['dynatrace-otel']);
    expect(resolution.client.provider?.value).toBe('dynatrace-otel');
  });

  it('targetRefs do not apply to sidecars', () => {
    const ref = telemetry('shop', 'gw', {
      targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'wp' }],
      ...tracing('dynatrace-otel'),
    });
    expect(resolveTracing([ref], 'istio-system', { namespace: 'shop', labels: { app: 'cart' } }).applied).toEqual([]);
  });
});

describe('verify decides with istiod’s rules, per version (facts §12)', () => {
  const atWaypoint = (version = '1.26') =>
    baseModel({
      istio: { ambient: true, ambientTracing: 'waypoints', version },
      telemetry: { waypoint: { name: 'shop-waypoint', namespace: 'shop' } },
    });
  const waypointTelemetry = telemetry('shop', 'dynatrace-telemetry-otel', {
    targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'shop-waypoint' }],
    ...tracing('dynatrace-otel'),
  });

  it('passes the project’s own waypoint Telemetry (targetRefs), and advises applying it in the waypoint’s namespace', () => {
    const items = checkTelemetry([waypointTelemetry], atWaypoint(), verifyTargetOf(atWaypoint()), {});
    const applies = items.find((item) => item.id === 'telemetry.applies')!;
    expect(applies.status).toBe('pass');
    expect(applies.summary).toContain('the waypoint shop-waypoint in shop');
    const missing = checkTelemetry([], atWaypoint(), verifyTargetOf(atWaypoint()), {});
    const fix = missing.flatMap((item) => item.problems).find((p) => p.code === 'telemetry.not-applied')?.fix;
    expect(fix).toContain('kubectl apply -n shop');
    expect(fix).not.toContain('-n istio-system');
  });

  it('fails a waypoint Telemetry that targets another Gateway, naming why it does not apply', () => {
    const other = telemetry('shop', 'dt', {
      targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'cart-waypoint' }],
      ...tracing('dynatrace-otel'),
    });
    const items = checkTelemetry([other], atWaypoint(), verifyTargetOf(atWaypoint()), {});
    const problem = items.flatMap((item) => item.problems).find((p) => p.code === 'telemetry.not-applied');
    expect(problem?.message).toContain('do not name this waypoint');
  });

  it('on 1.22–1.23 counts a targetRefs-only Telemetry as namespace-wide (IST0160 with the namespace-wide one), not from 1.24', () => {
    const nsWide = telemetry('istio-system', 'mesh', tracing('dynatrace-otel'), '2025-01-01T00:00:00Z');
    const gw = telemetry(
      'istio-system',
      'gw',
      { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'ingress' }], ...tracing('zipkin') },
      '2026-01-01T00:00:00Z',
    );
    const old = check([nsWide, gw], baseModel({ istio: { version: '1.23' } }));
    expect(old['telemetry.conflicts']?.codes).toEqual(['telemetry.multiple-selectorless']);
    const now = check([nsWide, gw], baseModel({ istio: { version: '1.24' } }));
    expect(now['telemetry.conflicts']).toMatchObject({
      status: 'pass',
      codes: [],
      notes: ['telemetry.ist0160-targetrefs'],
    });
    expect(now['telemetry.applies']?.status).toBe('pass');
    // On 1.23 an OLDER targetRefs-only Telemetry is the namespace-wide one istiod uses: it decides for the whole mesh.
    const gwOlder = { ...gw, creationTimestamp: '2024-01-01T00:00:00Z' };
    expect(check([nsWide, gwOlder], baseModel({ istio: { version: '1.23' } }))['telemetry.applies']?.codes).toEqual([
      'telemetry.overridden',
    ]);
    expect(check([nsWide, gwOlder], baseModel({ istio: { version: '1.24' } }))['telemetry.applies']?.status).toBe(
      'pass',
    );
  });

  it('IST0159: says the newer of two overlapping selector Telemetries wins, not that it is undefined', () => {
    const a = telemetry(
      'shop',
      'a',
      { selector: { matchLabels: { app: 'cart' } }, ...tracing('zipkin') },
      '2025-01-01T00:00:00Z',
    );
    const b = telemetry(
      'shop',
      'b',
      { selector: { matchLabels: { app: 'cart' } }, ...tracing('dynatrace-otel') },
      '2026-01-01T00:00:00Z',
    );
    const items = checkTelemetry([a, b], forWorkload, verifyTargetOf(forWorkload), {});
    const conflict = items.flatMap((item) => item.problems).find((p) => p.code === 'telemetry.overlapping-selectors');
    expect(conflict?.message).toContain('shop/b (the newer) wins');
    expect(conflict?.message).not.toMatch(/undefined/);
    // And the newer one decides: ours is in effect.
    expect(items.find((item) => item.id === 'telemetry.applies')?.status).toBe('pass');
    const swapped = [
      { ...a, creationTimestamp: '2026-01-01T00:00:00Z' },
      { ...b, creationTimestamp: '2025-01-01T00:00:00Z' },
    ];
    expect(check(swapped, forWorkload)['telemetry.applies']?.codes).toEqual(['telemetry.overridden']);
  });

  it('with two providers of one name in the live mesh config, uses the last one’s settings (istiod’s merge by name)', () => {
    const list = [telemetry('istio-system', 'dt', tracing('dynatrace-otel', { randomSamplingPercentage: 0 }))];
    const mesh = {
      extensionProviders: [
        { name: 'dynatrace-otel', opentelemetry: { service: 'a', port: 1 } },
        {
          name: 'dynatrace-otel',
          opentelemetry: { service: 'b', port: 1, dynatrace_sampler: { tenant: 't', cluster_id: 1 } },
        },
      ],
    };
    const lastHasSampler = checkTelemetry(
      list,
      withoutSampler,
      verifyTargetOf(withoutSampler),
      meshFactsOf(mesh, undefined),
    );
    // The last entry has the sampler: istiod samples 100 %, the 0 is ignored.
    expect(lastHasSampler.find((i) => i.id === 'telemetry.applies')?.notes.map((n) => n.code)).toContain(
      'telemetry.sampling-ignored',
    );
    const reversed = { extensionProviders: [...mesh.extensionProviders].reverse() };
    const lastPlain = checkTelemetry(
      list,
      withoutSampler,
      verifyTargetOf(withoutSampler),
      meshFactsOf(reversed, undefined),
    );
    expect(lastPlain.find((i) => i.id === 'telemetry.applies')?.problems.map((p) => p.code)).toEqual([
      'telemetry.sampling-zero',
    ]);
  });

  it('ignores defaultProviders written in snake_case, as istiod does', () => {
    const mesh = {
      default_providers: { tracing: ['dynatrace-otel'] },
      extensionProviders: [{ name: 'dynatrace-otel' }],
    };
    const items = checkTelemetry([], meshWide, verifyTargetOf(meshWide), meshFactsOf(mesh, undefined));
    expect(items.find((i) => i.id === 'telemetry.applies')?.problems.map((p) => p.code)).toEqual([
      'telemetry.not-applied',
    ]);
    const camel = {
      defaultProviders: { tracing: ['dynatrace-otel'] },
      extensionProviders: [{ name: 'dynatrace-otel' }],
    };
    expect(
      checkTelemetry([], meshWide, verifyTargetOf(meshWide), meshFactsOf(camel, undefined)).find(
        (i) => i.id === 'telemetry.applies',
      )?.status,
    ).toBe('pass');
  });

  it('does not note replaced custom tags or overlapping selectors where there are none', () => {
    const list = [
      telemetry('istio-system', 'dt', tracing('dynatrace-otel', { customTags: { team: { literal: { value: 'a' } } } })),
      telemetry('shop', 'a', { selector: { matchLabels: { app: 'cart' } }, ...tracing('dynatrace-otel') }),
      telemetry('shop', 'b', { selector: { matchLabels: { app: 'web' } }, ...tracing('dynatrace-otel') }),
    ];
    const result = check(list, forWorkload);
    expect(result['telemetry.applies']?.notes).not.toContain('telemetry.custom-tags-replaced');
    expect(result['telemetry.conflicts']?.notes).not.toContain('telemetry.overlapping-selectors');
    expect(result['telemetry.conflicts']?.codes).toEqual([]);
  });
});

describe('pasted Telemetries against the user’s Istio version', () => {
  const fieldNotes = (istioVersion: string, spec: Record<string, unknown>) => {
    const m = baseModel({ istio: { version: istioVersion } });
    const items = checkTelemetry([telemetry('istio-system', 'mesh', spec)], m, verifyTargetOf(m), {});
    return items.flatMap((item) => item.notes).filter((note) => note.code === 'telemetry.field-version');
  };

  it('names a field the version lacks, with the version that has it, and nothing when it has it', () => {
    const spec = tracing('dynatrace-otel', { disableContextPropagation: true });
    const notes = fieldNotes('1.28.1', spec);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.message).toMatch(/^istio-system\/mesh: .*disableContextPropagation needs Istio 1\.30/);
    expect(fieldNotes('1.30.3', spec)).toEqual([]);
  });

  it('names a field no Istio has (a typo), on every version', () => {
    const notes = fieldNotes('1.30.3', tracing('dynatrace-otel', { randomSamplingPercent: 5 }));
    expect(notes.map((note) => note.message).join(' ')).toContain('randomSamplingPercent');
  });
});
