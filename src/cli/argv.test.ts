import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { encodeShareFragment, withDefaults } from '../core';
import { readWaypointFlag } from './args';
import { expandAmbientChoice } from './argv';
import { EXIT_BLOCKED, EXIT_INVALID, runCli } from './run';

const context = () => ({ env: {}, readFile: (path: string) => readFileSync(path, 'utf8') });
const outDir = () => join(mkdtempSync(join(tmpdir(), 'dt-otel-')), 'out');
const base = ['--tenant', 'abc12345', '--cluster-id', '1'];

describe('the ambient flags', () => {
  it('read --ambient waypoints and --ambient=waypoints as the choice, and leave plain --ambient alone', () => {
    expect(expandAmbientChoice(['--ambient', 'waypoints', '--out', 'x'])).toEqual([
      '--ambient',
      '--ambient-tracing=waypoints',
      '--out',
      'x',
    ]);
    expect(expandAmbientChoice(['--ambient=sidecar'])).toEqual(['--ambient', '--ambient-tracing=sidecar']);
    expect(expandAmbientChoice(['--ambient', '--out', 'x'])).toEqual(['--ambient', '--out', 'x']);
  });

  it('read --waypoint NAME[:NAMESPACE], the namespace defaulting to the Telemetry namespace given', () => {
    expect(readWaypointFlag('waypoint:shop', undefined)).toEqual({ ok: true, name: 'waypoint', namespace: 'shop' });
    expect(readWaypointFlag('waypoint', 'infra')).toEqual({ ok: true, name: 'waypoint', namespace: 'infra' });
    expect(readWaypointFlag('waypoint', undefined)).toEqual({ ok: true, name: 'waypoint', namespace: '' });
    expect(readWaypointFlag(':shop', undefined).ok).toBe(false);
    expect(readWaypointFlag('a:b:c', undefined).ok).toBe(false);
  });
});

describe('the headless generator in ambient mode', () => {
  it('keeps refusing plain --ambient (exit 3) and points to the waypoint choice', () => {
    const out = outDir();
    const result = runCli([...base, '--ambient', '--out', out], context());
    expect(result.exitCode).toBe(EXIT_BLOCKED);
    expect(result.stderr).toContain('no end-to-end tracing for ambient mode');
    expect(existsSync(out)).toBe(false);
  });

  it('writes a waypoint-targeted Telemetry and waypoint checks with --ambient waypoints --waypoint', () => {
    const out = outDir();
    const result = runCli([...base, '--ambient', 'waypoints', '--waypoint', 'waypoint:shop', '--out', out], context());
    expect(result.exitCode).toBe(0);
    const telemetry = parse(readFileSync(join(out, 'dt-telemetry.yaml'), 'utf8'));
    expect(telemetry.metadata.namespace).toBe('shop');
    expect(telemetry.spec.targetRefs).toEqual([
      { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'waypoint' },
    ]);
    expect(readFileSync(join(out, 'apply.sh'), 'utf8')).toContain('kubectl apply -n shop -f dt-telemetry.yaml');
    expect(result.stderr).toContain('not support');
    expect(result.stdout).toContain('istioctl waypoint list -A');
  });

  it('stays mesh-wide with --ambient waypoints alone', () => {
    const out = outDir();
    expect(runCli([...base, '--ambient', 'waypoints', '--out', out], context()).exitCode).toBe(0);
    const telemetry = parse(readFileSync(join(out, 'dt-telemetry.yaml'), 'utf8'));
    expect(telemetry.metadata.namespace).toBe('istio-system');
    expect(telemetry.spec).not.toHaveProperty('targetRefs');
  });

  it('exits 3 on the waypoint path before Istio 1.24', () => {
    const result = runCli([...base, '--istio-version', '1.23', '--ambient', 'waypoints', '--out', outDir()], context());
    expect(result.exitCode).toBe(EXIT_BLOCKED);
    expect(result.stderr).toContain('1.24');
  });

  it('names --waypoint in messages about it (exit 2)', () => {
    const noNamespace = runCli(
      [...base, '--ambient', 'waypoints', '--waypoint', 'waypoint', '--out', outDir()],
      context(),
    );
    expect(noNamespace.exitCode).toBe(EXIT_INVALID);
    expect(noNamespace.stderr).toContain('--waypoint (telemetry.waypoint.namespace)');
    const withoutChoice = runCli([...base, '--waypoint', 'waypoint:shop', '--out', outDir()], context());
    expect(withoutChoice.exitCode).toBe(EXIT_INVALID);
    expect(withoutChoice.stderr).toContain('--ambient waypoints');
    const badChoice = runCli([...base, '--ambient-tracing', 'ztunnel', '--out', outDir()], context());
    expect(badChoice.exitCode).toBe(EXIT_INVALID);
    expect(badChoice.stderr).toContain('--ambient-tracing (istio.ambientTracing)');
  });

  it('takes the choice and the waypoint from a share link', () => {
    const link = `https://x.example/#${encodeShareFragment(
      withDefaults({
        dynatrace: { environmentId: 'abc12345', clusterId: '1' },
        istio: { ambient: true, ambientTracing: 'waypoints' },
        telemetry: { waypoint: { name: 'wp', namespace: 'infra' } },
      }),
      'verify',
    )}`;
    const out = outDir();
    expect(runCli(['--link', link, '--out', out], context()).exitCode).toBe(0);
    expect(parse(readFileSync(join(out, 'dt-telemetry.yaml'), 'utf8')).spec.targetRefs[0].name).toBe('wp');
  });
});
