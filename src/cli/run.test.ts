import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SAMPLE_TOKEN } from '../core/__fixtures__/models';
import { encodeShareFragment, withDefaults } from '../core';
import { EXIT_BLOCKED, EXIT_INVALID, runCli } from './run';

const context = (env: Record<string, string> = {}) => ({ env, readFile: (path: string) => readFileSync(path, 'utf8') });
const outDir = () => join(mkdtempSync(join(tmpdir(), 'dt-otel-')), 'out');

describe('the headless generator', () => {
  it('writes the Operator-mode files for the guide’s example', () => {
    const out = outDir();
    const result = runCli(
      [
        '--mode',
        'operator',
        '--tenant',
        'abc12345',
        '--cluster-id',
        '-1743916452',
        '--dynakube',
        'dk',
        '--operator-namespace',
        'dt',
        '--out',
        out,
      ],
      context(),
    );
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('no ServiceEntry');
    const mesh = parse(readFileSync(join(out, 'meshconfig.yaml'), 'utf8'));
    const otel = mesh.spec.meshConfig.extensionProviders[0].opentelemetry;
    expect(otel.service).toBe('dk-telemetry-ingest.dt.svc.cluster.local');
    expect(otel.dynatrace_sampler).toEqual({ tenant: 'abc12345', cluster_id: -1743916452 });
    expect(existsSync(join(out, 'dt-serviceentry.yaml'))).toBe(false);
    expect(statSync(join(out, 'apply.sh')).mode & 0o111).not.toBe(0);
  });

  it('reads the token from an environment variable and an environment URL for Managed', () => {
    const out = outDir();
    const result = runCli(
      [
        '--mode',
        'standalone',
        '--environment-url',
        'https://dt.example.com/e/abc12345/',
        '--cluster-id',
        '7',
        '--token-env',
        'DT_TOKEN',
        '--istio-version',
        '1.24',
        '--format',
        'helm',
        '--out',
        out,
      ],
      context({ DT_TOKEN: SAMPLE_TOKEN }),
    );
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('contains your API token');
    const values = parse(readFileSync(join(out, 'meshconfig.yaml'), 'utf8'));
    const otel = values.meshConfig.extensionProviders[0].opentelemetry;
    expect(otel.service).toBe('istio-system/dt.example.com');
    expect(otel.http.path).toBe('/e/abc12345/api/v2/otlp/v1/traces');
    expect(otel.http.headers).toEqual([{ name: 'Authorization', value: `Api-Token ${SAMPLE_TOKEN}` }]);
    expect(existsSync(join(out, 'dt-serviceentry.yaml'))).toBe(true);
  });

  it('keeps the token out of every file on Istio 1.26+ unless told otherwise', () => {
    const out = outDir();
    const result = runCli(
      ['--mode', 'standalone', '--tenant', 'abc12345', '--cluster-id', '1', '--istio-version', '1.27', '--out', out],
      context(),
    );
    expect(result.exitCode).toBe(0);
    const mesh = readFileSync(join(out, 'meshconfig.yaml'), 'utf8');
    expect(mesh).toContain('env_name: DYNATRACE_API_TOKEN');
  });

  it('exits 2 naming each bad field by its flag, and writes nothing', () => {
    const out = outDir();
    const result = runCli(
      [
        '--tenant',
        'https://abc.live.dynatrace.com',
        '--cluster-id',
        '99999999999',
        '--timeout',
        '5 minutes',
        '--format',
        'kustomize',
        '--out',
        out,
      ],
      context(),
    );
    expect(result.exitCode).toBe(EXIT_INVALID);
    expect(result.stderr).toContain('--tenant (dynatrace.environmentId)');
    expect(result.stderr).toContain('--cluster-id (dynatrace.clusterId)');
    expect(result.stderr).toContain('--timeout (provider.timeout)');
    expect(result.stderr).toContain('--format (output.meshConfigFormat)');
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 on unknown flags, a missing --out, or a token variable that is not set', () => {
    expect(runCli(['--tennant', 'x'], context()).exitCode).toBe(EXIT_INVALID);
    expect(runCli(['--tenant', 'abc', '--cluster-id', '1'], context()).stderr).toContain('--out');
    expect(runCli(['--token-env', 'NOPE', '--out', outDir()], context()).stderr).toContain('NOPE is not set');
  });

  it('exits 3 with the guide’s advice when a requirement blocks (ambient mode)', () => {
    const out = outDir();
    const result = runCli(['--tenant', 'abc12345', '--cluster-id', '1', '--ambient', '--out', out], context());
    expect(result.exitCode).toBe(EXIT_BLOCKED);
    expect(result.stderr).toMatch(/ambient/);
    expect(existsSync(out)).toBe(false);
  });

  it('takes a JSON model with --config, flags overriding it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dt-otel-'));
    const config = join(dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({ dynatrace: { environmentId: 'abc12345', clusterId: 3 }, provider: { name: 'from-json' } }),
    );
    const out = join(dir, 'out');
    expect(runCli(['--config', config, '--provider-name', 'from-flag', '--out', out], context()).exitCode).toBe(0);
    expect(readFileSync(join(out, 'dt-telemetry.yaml'), 'utf8')).toContain('name: from-flag');
    expect(runCli(['--config', join(dir, 'missing.json'), '--out', out], context()).stderr).toContain('cannot read');
  });

  it('merges into an existing config with --merge, using its format for apply.sh', () => {
    const out = outDir();
    const existing = join(__dirname, '../core/merge/__fixtures__/helm-values.yaml');
    const result = runCli(['--tenant', 'abc12345', '--cluster-id', '1', '--merge', existing, '--out', out], context());
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('istiod Helm values');
    const merged = readFileSync(join(out, 'meshconfig.yaml'), 'utf8');
    expect(merged.startsWith(readFileSync(existing, 'utf8').split('  outboundTrafficPolicy')[0]!)).toBe(true);
    expect(parse(merged).meshConfig.extensionProviders.map((p: { name: string }) => p.name)).toEqual([
      'zipkin',
      'dynatrace-otel',
    ]);
    expect(readFileSync(join(out, 'apply.sh'), 'utf8')).toContain('helm upgrade istiod');
    expect(result.stderr).toContain('defaultProviders.tracing names zipkin');
  });

  it('exits 2 with line and column when the file to merge is broken, writing nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dt-otel-'));
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'meshConfig:\n  a: [\n');
    const out = join(dir, 'out');
    const result = runCli(['--tenant', 'abc12345', '--cluster-id', '1', '--merge', broken, '--out', out], context());
    expect(result.exitCode).toBe(EXIT_INVALID);
    expect(result.stderr).toMatch(/--merge .*broken\.yaml: line \d+, column \d+/);
    expect(existsSync(out)).toBe(false);
  });

  it('generates from a share link, with the token from the environment', () => {
    const values = withDefaults({
      mode: 'standalone',
      istio: { version: '1.24' },
      dynatrace: { environmentId: 'abc12345', clusterId: '-9' },
      token: { storage: 'inline' },
    });
    const link = `https://wizard.example.com/tools/#${encodeShareFragment(values, 'verify')}`;
    const out = outDir();
    const missing = runCli(['--link', link, '--out', out], context());
    expect(missing.exitCode).toBe(EXIT_INVALID);
    expect(missing.stderr).toContain('--token / --token-env (token.value)');
    const result = runCli(['--link', link, '--token-env', 'DT', '--out', out], context({ DT: SAMPLE_TOKEN }));
    expect(result.exitCode).toBe(0);
    const otel = parse(readFileSync(join(out, 'meshconfig.yaml'), 'utf8')).spec.meshConfig.extensionProviders[0]
      .opentelemetry;
    expect(otel.dynatrace_sampler).toEqual({ tenant: 'abc12345', cluster_id: -9 });
    expect(otel.http.headers[0].value).toBe(`Api-Token ${SAMPLE_TOKEN}`);
    expect(runCli(['--link', 'https://x/#s=1.broken', '--out', outDir()], context()).stderr).toContain(
      '--link: This link is damaged',
    );
  });

  it('runs as `npm run generate`, with --help', () => {
    const help = execFileSync('npm', ['run', '--silent', 'generate', '--', '--help'], { encoding: 'utf8' });
    expect(help).toContain('Usage: npm run generate');
    const bad = spawnSync('npm', ['run', '--silent', 'generate', '--', '--tenant', 'X', '--out', outDir()], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(EXIT_INVALID);
  });
});
