import { resolveSetup } from '../setup/resolved-setup';
import { describe, expect, it } from 'vitest';
import { operatorSaas, standalone } from '../__fixtures__/models';
import { generateBundle } from './bundle';
import { generateVerification } from './verification';
import { waypointTroubleshooting } from './waypoint-verification';

const waypoints = { ambient: true, ambientTracing: 'waypoints' } as const;
const targeted = operatorSaas({
  istio: { version: '1.30.3', ...waypoints },
  operator: { dynakubeName: 'dk', namespace: 'dt' },
  telemetry: { waypoint: { name: 'waypoint', namespace: 'shop' } },
});
const command = (steps: { id: string; command?: string }[], id: string) =>
  steps.find((step) => step.id === id)?.command;

describe('verification when tracing at waypoints', () => {
  it('reads the waypoint’s Envoy: the OpenTelemetry tracer on its listeners, the collector in its clusters', () => {
    const { checks } = generateVerification(targeted);
    expect(command(checks, 'proxy-tracer')).toBe(
      'istioctl proxy-config listener deploy/waypoint -n shop -o json | grep -c envoy.tracers.opentelemetry',
    );
    expect(command(checks, 'proxy-cluster')).toBe(
      'istioctl proxy-config cluster deploy/waypoint -n shop --fqdn dk-telemetry-ingest.dt.svc.cluster.local',
    );
    expect(command(checks, 'waypoints-exist')).toBe('istioctl waypoint list -A');
  });

  it('asks for a waypoint from the list when none is named, and keeps the sidecar checks for sidecar users', () => {
    expect(command(generateVerification(operatorSaas({ istio: waypoints })).checks, 'proxy-tracer')).toContain(
      'deploy/<waypoint> -n <namespace>',
    );
    const sidecar = generateVerification(standalone('managed')).checks;
    expect(command(sidecar, 'proxy-tracer')).toContain('deploy/<your-app> -n <namespace>');
    expect(command(sidecar, 'waypoints-exist')).toBeUndefined();
  });

  it('applies the Telemetry in the waypoint’s namespace', () => {
    expect(command(generateVerification(targeted).apply, 'telemetry')).toBe(
      'kubectl apply -n shop -f dt-telemetry.yaml',
    );
  });

  it('names the known waypoint bugs by Istio version in the troubleshooting table', () => {
    const rows = generateVerification(targeted).troubleshooting.map((row) => `${row.symptom} ${row.cause}`);
    for (const issue of ['istio#61154', 'istio#61538', 'istio#57261', 'istio#60780']) {
      expect(rows.some((row) => row.includes(issue))).toBe(true);
    }
    expect(generateVerification(operatorSaas()).troubleshooting.some((row) => row.cause.includes('61154'))).toBe(false);
  });

  it('is exactly the reviewed waypoint checks and troubleshooting rows (golden)', async () => {
    const verification = generateVerification(targeted);
    const ours = new Set(['telemetry', 'waypoints-exist', 'waypoints-enrolled', 'proxy-cluster', 'proxy-tracer']);
    const golden = {
      apply: verification.apply.filter((step) => ours.has(step.id)),
      checks: verification.checks.filter((step) => ours.has(step.id)),
      troubleshooting: waypointTroubleshooting(resolveSetup(targeted)),
    };
    await expect(`${JSON.stringify(golden, null, 2)}\n`).toMatchFileSnapshot(
      '__golden__/verification.ambient-waypoint.json',
    );
  });

  it('produces a bundle (no blocker) whose Telemetry and apply.sh target the waypoint', () => {
    const bundle = generateBundle(targeted);
    if (bundle.blocked) throw new Error('blocked');
    expect(bundle.telemetry.text).toContain('kind: Gateway');
    expect(bundle.files.find((file) => file.name === 'apply.sh')?.content).toContain(
      'kubectl apply -n shop -f dt-telemetry.yaml',
    );
    expect(generateBundle(operatorSaas({ istio: { ambient: true } })).blocked).toBe(true);
  });
});
