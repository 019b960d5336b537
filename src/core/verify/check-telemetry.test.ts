import { describe, expect, it } from 'vitest';
import { model as baseModel } from '../__fixtures__/models';
import { checkTelemetry } from './check-telemetry';
import type { TelemetryResource } from './recognise';
import { verifyTargetOf } from './target';
import { resolveTracing } from './telemetry-resolution';

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
    expect([resolution.client.provider, resolution.server.provider]).toEqual(['zipkin', 'dynatrace-otel']);
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
    expect(resolution.client.provider).toBe('dynatrace-otel');
  });

  it('targetRefs do not apply to sidecars', () => {
    const ref = telemetry('shop', 'gw', {
      targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'wp' }],
      ...tracing('dynatrace-otel'),
    });
    expect(resolveTracing([ref], 'istio-system', { namespace: 'shop', labels: { app: 'cart' } }).applied).toEqual([]);
  });
});
