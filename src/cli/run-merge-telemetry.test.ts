import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EXIT_INVALID, runCli } from './run';

const context = () => ({ env: {}, readFile: (path: string) => readFileSync(path, 'utf8') });
const outDir = () => join(mkdtempSync(join(tmpdir(), 'dt-otel-')), 'out');
const fixture = (name: string) => join(__dirname, '../core/merge/telemetry/__fixtures__', name);

describe('the headless generator with --merge-telemetry', () => {
  it('writes the user’s conflicting Telemetry with our provider as dt-telemetry.yaml, and warns what else applies', () => {
    const out = outDir();
    const input = fixture('kubectl-list.yaml');
    const result = runCli(
      ['--tenant', 'abc12345', '--cluster-id', '1', '--merge-telemetry', input, '--out', out],
      context(),
    );
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('merged into istio-system/mesh-default');
    const telemetry = parse(readFileSync(join(out, 'dt-telemetry.yaml'), 'utf8'), { version: '1.1' });
    expect(telemetry.metadata.name).toBe('mesh-default');
    expect(telemetry.spec.tracing).toEqual([{ providers: [{ name: 'dynatrace-otel' }] }]);
    expect(telemetry.spec.accessLogging).toEqual([{ providers: [{ name: 'envoy' }] }]);
    expect(result.stderr).toContain('payments/payments-tracing overrides the tracing provider');
    expect(result.stderr).toContain('disableSpanReporting');
    // The merge did what the generic advice says to do by hand: it is not repeated.
    expect(result.stderr).not.toContain('add this tracing section to it instead');
    const plain = runCli(['--tenant', 'abc12345', '--cluster-id', '1', '--out', outDir()], context());
    expect(plain.stderr).toContain('add this tracing section to it instead');
  });

  it('exits 2 naming the file when it holds no Telemetry, writing nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dt-otel-'));
    const wrong = join(dir, 'wrong.yaml');
    writeFileSync(wrong, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\n');
    const out = join(dir, 'out');
    const result = runCli(
      ['--tenant', 'abc12345', '--cluster-id', '1', '--merge-telemetry', wrong, '--out', out],
      context(),
    );
    expect(result.exitCode).toBe(EXIT_INVALID);
    expect(result.stderr).toMatch(/--merge-telemetry .*wrong\.yaml: No Telemetry found/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('the headless generator with --format sail', () => {
  it('writes a merge patch of the Sail Istio resource’s values and applies it with kubectl patch', () => {
    const out = outDir();
    const result = runCli(['--tenant', 'abc12345', '--cluster-id', '1', '--format', 'sail', '--out', out], context());
    expect(result.exitCode).toBe(0);
    const istio = parse(readFileSync(join(out, 'meshconfig.yaml'), 'utf8'), { version: '1.1' });
    expect(istio).not.toHaveProperty('apiVersion');
    expect(istio.spec.values.meshConfig.extensionProviders[0].name).toBe('dynatrace-otel');
    expect(readFileSync(join(out, 'apply.sh'), 'utf8')).toContain(
      'kubectl patch istio default --type merge --patch-file meshconfig.yaml',
    );
  });
});

describe('the headless generator with --tag', () => {
  it('writes custom tags into the Telemetry', () => {
    const out = outDir();
    const result = runCli(
      [
        '--tenant',
        'abc12345',
        '--cluster-id',
        '1',
        '--tag',
        'cluster=literal:prod',
        '--tag',
        'pod=env:POD_NAME:none',
        '--out',
        out,
      ],
      context(),
    );
    expect(result.exitCode).toBe(0);
    const telemetry = parse(readFileSync(join(out, 'dt-telemetry.yaml'), 'utf8'), { version: '1.1' });
    expect(telemetry.spec.tracing[0].customTags).toEqual({
      cluster: { literal: { value: 'prod' } },
      pod: { environment: { name: 'POD_NAME', defaultValue: 'none' } },
    });
  });

  it('refuses a formatter tag before Istio 1.29, naming --tag and the version needed', () => {
    const result = runCli(
      [
        '--tenant',
        'abc12345',
        '--cluster-id',
        '1',
        '--istio-version',
        '1.28',
        '--tag',
        'sni=formatter:%REQUESTED_SERVER_NAME%',
        '--out',
        outDir(),
      ],
      context(),
    );
    expect(result.exitCode).toBe(EXIT_INVALID);
    expect(result.stderr).toContain('--tag (telemetry.customTags.0.type): A custom tag from an access-log formatter');
    expect(result.stderr).toContain('needs Istio 1.29 or later');
  });
});
