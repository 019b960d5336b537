import { describe, expect, it } from 'vitest';
import { operatorSaas, standalone } from '../__fixtures__/models';
import { fixture } from './__fixtures__/read-fixture';
import { diagnose } from './diagnose';
import { describeTracePath, tracePathOf } from './trace-path';

const paste = (...names: string[]) => names.map((name) => ({ name, text: fixture(name) }));

describe('the path spans take', () => {
  it('goes sidecar → telemetry-ingest service → Dynatrace in Operator mode, the sampler beside it', () => {
    const path = tracePathOf(operatorSaas());
    expect(path.spans.map((hop) => hop.id)).toEqual(['sidecar', 'collector', 'tenant']);
    expect(path.spans[1]?.details).toEqual([
      'dynakube-telemetry-ingest.dynatrace.svc.cluster.local:4318',
      '/v1/traces',
      'namespace dynatrace',
    ]);
    expect(path.sampler?.id).toBe('sampler');
    expect(path.spans.every((hop) => hop.status === 'unknown')).toBe(true);
  });

  it('goes through the ServiceEntry and DestinationRule to the tenant in standalone mode', () => {
    const path = tracePathOf(standalone('managed'));
    expect(path.spans.map((hop) => hop.id)).toEqual(['sidecar', 'egress', 'tenant']);
    expect(path.spans[1]?.details[0]).toBe('dynatrace.example.com:80 → TLS to :443');
    expect(path.spans[2]?.details).toContain('/e/abc12345/api/v2/otlp/v1/traces');
    expect(path.sampler?.details).toContain('/e/abc12345/api/v2/samplingConfiguration');
  });

  it('starts at the waypoint when an ambient mesh traces at waypoints, and at the sidecar when it traces sidecars', () => {
    const ambient = (ambientTracing: 'sidecar' | 'waypoints', name: string) =>
      tracePathOf(
        operatorSaas({
          istio: { ambient: true, ambientTracing },
          telemetry: { namespace: 'shop', waypoint: { name, namespace: name === '' ? '' : 'shop' } },
        }),
      ).spans[0];
    expect(ambient('waypoints', 'shop-waypoint')?.title).toBe('Waypoint proxy');
    expect(ambient('waypoints', 'shop-waypoint')?.details).toEqual([
      'waypoint shop-waypoint in shop',
      'provider dynatrace-otel',
      'Telemetry in shop',
      "reads the Telemetry's SERVER side",
      // The default Istio is 1.29 or later: waypoint spans carry the peers' workload tags (spans-by-version.ts).
      'its spans name source and destination workloads',
    ]);
    expect(
      tracePathOf(
        operatorSaas({
          istio: { version: '1.28.2', ambient: true, ambientTracing: 'waypoints' },
          telemetry: { namespace: 'shop', waypoint: { name: 'w', namespace: 'shop' } },
        }),
      ).spans[0]?.details,
    ).toContain('its spans do not name the workloads (before 1.29)');
    expect(ambient('waypoints', '')?.details).toContain('waypoints read the SERVER side, gateways the CLIENT side');
    expect(ambient('sidecar', '')?.details.join(' ')).not.toMatch(/side/);
    expect(ambient('waypoints', '')?.title).toBe('Waypoints and gateways');
    expect(ambient('waypoints', '')?.details[0]).toBe('namespace shop');
    expect(ambient('sidecar', '')?.title).toBe('Workload sidecar');
  });

  it('has no sampler hop without the sampler', () => {
    expect(tracePathOf(operatorSaas({ provider: { sampler: false } })).sampler).toBeUndefined();
  });

  it('marks where it breaks from the diagnosis', () => {
    const model = operatorSaas();
    const broken = tracePathOf(model, diagnose(paste('proxy-clusters.operator.missing.json'), model));
    expect(broken.spans.find((hop) => hop.id === 'collector')?.status).toBe('broken');
    const working = tracePathOf(
      model,
      diagnose(paste('proxy-clusters.operator.pass.json', 'proxy-listeners.operator.pass.json'), model),
    );
    expect(working.spans.map((hop) => hop.status)).toEqual(['ok', 'ok', 'unknown']);
  });

  it('says the same in sentences for screen readers', () => {
    const lines = describeTracePath(tracePathOf(operatorSaas()));
    expect(lines[0]).toMatch(/^1\. Workload sidecar .*: not checked yet\.$/);
    expect(lines.at(-1)).toMatch(/^Beside it, Dynatrace sampler/);
  });
});
