import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_INVALID, runCli } from './run';
import { runVerify } from './verify-run';

const context = { env: {}, readFile: (path: string) => readFileSync(path, 'utf8') };
const outDir = () => join(mkdtempSync(join(tmpdir(), 'dt-otel-')), 'out');
const FIXTURES = 'src/core/verify/__fixtures__';

describe('--cluster-id is needed only with the Dynatrace sampler', () => {
  it('generate writes every file without it when --no-sampler is given, none saying undefined', () => {
    const out = outDir();
    const result = runCli(['--tenant', 'abc12345', '--no-sampler', '--out', out], context);
    expect(result.stderr).not.toMatch(/cluster/i);
    expect(result.exitCode).toBe(0);
    for (const name of readdirSync(out)) {
      const text = readFileSync(join(out, name), 'utf8');
      expect(text, name).not.toMatch(/undefined|cluster_id/);
    }
  });

  it('generate refuses a missing --cluster-id with the sampler on, naming the flag and the sampler', () => {
    const result = runCli(['--tenant', 'abc12345', '--out', outDir()], context);
    expect(result.exitCode).toBe(EXIT_INVALID);
    expect(result.stderr).toContain('--cluster-id (dynatrace.clusterId)');
    expect(result.stderr).toContain('the Dynatrace sampler needs it');
  });

  it('verify checks a setup without the sampler and without a cluster ID', () => {
    const result = runVerify(['--tenant', 'abc12345', '--no-sampler', `${FIXTURES}/istiod.pass.log`], context);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).not.toMatch(/undefined|cluster ID/);
  });
});
