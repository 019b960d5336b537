import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SAMPLE_TOKEN } from '../core/__fixtures__/models';
import { runCli } from './run';

const context = (env: Record<string, string> = {}) => ({ env, readFile: (path: string) => readFileSync(path, 'utf8') });
const outDir = () => join(mkdtempSync(join(tmpdir(), 'dt-install-')), 'out');
const base = ['--mode', 'standalone', '--cluster-id', '-1743916452', '--token-env', 'DT_TOKEN'];

describe('install paths in the CLI', () => {
  it('tells the user to mount the CA into istio-proxy before the DestinationRule, and apply.sh does it in that order', () => {
    const out = outDir();
    const result = runCli(
      [
        ...base,
        '--environment-url',
        'https://dynatrace.example.com/e/abc12345',
        '--tls',
        'ca-certificates',
        '--ca-namespaces',
        'shop,payments',
        '--out',
        out,
      ],
      context({ DT_TOKEN: SAMPLE_TOKEN }),
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /Before the DestinationRules: store your CA as Secret dynatrace-ca in shop, payments/,
    );
    expect(result.stdout).toContain('sidecar.istio.io/userVolumeMount');
    expect(result.stdout).toMatch(/Sidecars in other namespaces \(now: all but shop, payments\) send nothing there/);
    expect(result.stderr).toMatch(/Ingress gateways and waypoints take no sidecar annotations/);
    // The part that applies (after the plan, which lists every step first).
    const whole = readFileSync(join(out, 'apply.sh'), 'utf8');
    const script = whole.slice(whole.indexOf('\nfi\n', whole.indexOf('if [ "$APPLY" != "1" ]')));
    const mount = script.indexOf('CA_MOUNTED');
    expect(mount).toBeGreaterThan(script.indexOf('create secret generic dynatrace-ca'));
    expect(mount).toBeLessThan(script.indexOf('dt-serviceentry.yaml'));
  });

  it('--sail-name names the patched resource; the Sail 1.26.0–1.26.2 envVarFrom warning is in stderr and apply.sh', () => {
    const out = outDir();
    const result = runCli(
      [
        ...base,
        '--tenant',
        'abc12345',
        '--istio-version',
        '1.28.1',
        '--token-storage',
        'istiod-env',
        '--format',
        'sail',
        '--sail-name',
        'mesh-a',
        '--revision',
        'canary',
        '--out',
        out,
      ],
      context({ DT_TOKEN: SAMPLE_TOKEN }),
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain('kubectl patch istio mesh-a --type merge --patch-file meshconfig.yaml');
    expect(result.stderr).toMatch(/Sail operator 1\.26\.0–1\.26\.2 drop spec\.values\.pilot\.envVarFrom/);
    expect(result.stderr).toContain('kubectl get istio mesh-a');
    const script = readFileSync(join(out, 'apply.sh'), 'utf8');
    expect(script).toContain('kubectl patch istio mesh-a --type merge --patch-file meshconfig.yaml');
    expect(script).toMatch(/Sail operator 1\.26\.0–1\.26\.2 drops pilot\.envVarFrom/);
    const patch = parse(readFileSync(join(out, 'meshconfig.yaml'), 'utf8'));
    expect(Object.keys(patch)).toEqual(['spec']);
  });

  it('wraps a bare meshConfig block for Sail in the Istio resource the user named', () => {
    const out = outDir();
    const dir = mkdtempSync(join(tmpdir(), 'dt-install-merge-'));
    const file = join(dir, 'mesh.yaml');
    writeFileSync(file, 'accessLogFile: /dev/stdout\n');
    const result = runCli(
      [...base, '--tenant', 'abc12345', '--format', 'sail', '--sail-name', 'mesh-a', '--merge', file, '--out', out],
      context({ DT_TOKEN: SAMPLE_TOKEN }),
    );
    expect(result.exitCode, result.stderr).toBe(0);
    const doc = parse(readFileSync(join(out, 'meshconfig.yaml'), 'utf8'));
    expect(doc.metadata).toEqual({ name: 'mesh-a' });
    expect(doc.spec).not.toHaveProperty('version');
    expect(doc.spec.values.meshConfig.accessLogFile).toBe('/dev/stdout');
  });

  it('warns about native sidecars from the Kubernetes version, and --native-sidecars off-istiod writes the istiod env', () => {
    const out = outDir();
    const args = ['--tenant', 'abc12345', '--cluster-id', '1', '--istio-version', '1.28.1', '--out', out];
    const warned = runCli([...args, '--kubernetes-version', 'v1.33.2'], context());
    expect(warned.exitCode, warned.stderr).toBe(0);
    expect(warned.stderr).toMatch(/native sidecar/);
    const off = runCli([...args, '--kubernetes-version', '1.33', '--native-sidecars', 'off-istiod'], context());
    expect(off.stderr).not.toMatch(/injects istio-proxy as a native sidecar/);
    const doc = parse(readFileSync(join(out, 'meshconfig.yaml'), 'utf8'));
    expect(doc.spec.components.pilot.k8s.env).toContainEqual({ name: 'ENABLE_NATIVE_SIDECARS', value: 'false' });
    const older = runCli([...args, '--kubernetes-version', '1.32'], context());
    expect(older.stderr).not.toMatch(/native sidecar/);
  });
});
