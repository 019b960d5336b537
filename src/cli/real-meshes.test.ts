import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SAMPLE_TOKEN } from '../core/__fixtures__/models';
import { defaultModel, encodeShareFragment, withDefaults } from '../core';
import { parseCommand } from './args';
import { EXIT_INVALID, runCli } from './run';

const standaloneInput = (patch: Record<string, unknown>) =>
  withDefaults(
    patch,
    withDefaults({ mode: 'standalone', dynatrace: { environmentId: 'abc12345', clusterId: '1' } }, defaultModel),
  );

const context = { env: {}, readFile: (path: string) => readFileSync(path, 'utf8') };
const outDir = () => join(mkdtempSync(join(tmpdir(), 'dt-meshes-')), 'out');
const base = ['--tenant', 'abc12345', '--cluster-id', '5'];

describe('the generator on real meshes', () => {
  it('follows --istiod-namespace, --revision and --cluster-domain', () => {
    const out = outDir();
    const result = runCli(
      [
        ...base,
        '--istiod-namespace',
        'istio-cp',
        '--revision',
        '1-24-3',
        '--cluster-domain',
        'corp.example',
        '--format',
        'configmap',
        '--out',
        out,
      ],
      context,
    );
    expect(result.exitCode).toBe(0);
    const mesh = parse(readFileSync(join(out, 'meshconfig.yaml'), 'utf8'));
    expect(mesh.metadata).toEqual({ name: 'istio-1-24-3', namespace: 'istio-cp' });
    expect(parse(mesh.data.mesh).extensionProviders[0].opentelemetry.service).toBe(
      'dynakube-telemetry-ingest.dynatrace.svc.corp.example',
    );
    expect(readFileSync(join(out, 'apply.sh'), 'utf8')).toContain('kubectl apply -f meshconfig.yaml');
  });

  it('exits 2 for a selector in the root namespace, naming --telemetry-namespace', () => {
    const out = outDir();
    const result = runCli([...base, '--selector', 'app=checkout', '--out', out], context);
    expect(result.exitCode).toBe(EXIT_INVALID);
    expect(result.stderr).toContain('--telemetry-namespace');
    expect(result.stderr).toMatch(/only to pods in its own namespace/);
    const ok = runCli([...base, '--selector', 'app=checkout', '--telemetry-namespace', 'shop', '--out', out], context);
    expect(ok.exitCode).toBe(0);
  });

  it('names a bad revision or cluster domain by its flag', () => {
    const result = runCli([...base, '--revision', 'Blue', '--cluster-domain', 'a..b', '--out', outDir()], context);
    expect(result.exitCode).toBe(EXIT_INVALID);
    expect(result.stderr).toContain('--revision');
    expect(result.stderr).toContain('--cluster-domain');
  });

  it('the CLI keeps its rule: a given token means inline, otherwise the recommendation, and a link’s choice wins', () => {
    const context = { env: { T: SAMPLE_TOKEN }, readFile: () => '' };
    const base = ['--mode', 'standalone', '--tenant', 'abc12345', '--cluster-id', '1', '--out', 'x'];
    const withToken = parseCommand([...base, '--token-env', 'T'], context);
    expect(withToken.kind === 'generate' && withToken.input.token.storage).toBe('inline');
    const without = parseCommand(base, context);
    expect(without.kind === 'generate' && without.input.token.storage).toBe('auto');
    const link = encodeShareFragment(
      standaloneInput({ istio: { version: '1.28' }, token: { storage: 'inline' } }),
      'verify',
    );
    const fromLink = parseCommand(['--link', `https://x/#${link}`, '--token-env', 'T', '--out', 'x'], context);
    expect(fromLink.kind === 'generate' && fromLink.input.token.storage).toBe('inline');
  });
});
