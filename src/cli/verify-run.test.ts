import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeShareFragment, withDefaults } from '../core';
import { EXIT_BAD_INPUT, EXIT_CHECK_FAILED, runVerify, splitArguments } from './verify-run';

const FIXTURES = 'src/core/verify/__fixtures__';
const context = { env: {}, readFile: (path: string) => readFileSync(path, 'utf8') };
const operator = ['--tenant', 'abc12345', '--cluster-id', '-1743916452'];

describe('npm run verify', () => {
  it('exits 0 when every checked item passes, and says which are not checked yet', () => {
    const result = runVerify(
      [...operator, `${FIXTURES}/mesh-configmap.pass.yaml`, `${FIXTURES}/telemetry-list.pass.yaml`],
      context,
    );
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('✓ The provider is in the live mesh config');
    expect(result.stdout).toContain('not checked yet — paste the output of istioctl analyze -A');
  });

  it('exits 1 with cause and fix when a check fails', () => {
    const result = runVerify([...operator, `${FIXTURES}/istiod.cluster-missing.log`], context);
    expect(result.exitCode).toBe(EXIT_CHECK_FAILED);
    expect(result.stdout).toMatch(/✗ istiod configured the tracer/);
    expect(result.stdout).toContain('Fix: Check that kubectl -n dynatrace get service dynakube-telemetry-ingest');
  });

  it('exits 2 for a file it does not recognise, naming what it expected', () => {
    const result = runVerify([...operator, 'package.json'], context);
    expect(result.exitCode).toBe(EXIT_BAD_INPUT);
    expect(result.stdout).toMatch(/package\.json: Not recognised.*Expected one of/);
  });

  it('exits 2 for bad flags, a missing file or no file at all', () => {
    expect(runVerify(['--tenant', 'ABC', `${FIXTURES}/analyze.pass.txt`], context)).toMatchObject({ exitCode: 2 });
    expect(runVerify([...operator, 'no-such-file.yaml'], context).stderr).toContain(
      'no-such-file.yaml: cannot read it',
    );
    expect(runVerify(operator, context).stderr).toContain('at least one FILE');
    expect(runVerify([...operator, '--out', 'x', `${FIXTURES}/analyze.pass.txt`], context).exitCode).toBe(2);
  });

  it('takes the configuration from a share link, like generate', () => {
    const values = withDefaults({ dynatrace: { environmentId: 'abc12345', clusterId: '-1743916452' } });
    const link = `https://example.com/#${encodeShareFragment(values, 'verify')}`;
    const result = runVerify(['--link', link, `${FIXTURES}/proxy-clusters.operator.pass.json`], context);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(
      'Cluster outbound|4318||dynakube-telemetry-ingest.dynatrace.svc.cluster.local is there',
    );
  });

  it('tells flags from files, negative numbers and -- included', () => {
    expect(splitArguments(['--cluster-id', '-5', 'a.yaml', '--no-sampler', '--', '--odd-name'])).toEqual({
      flags: ['--cluster-id', '-5', '--no-sampler'],
      files: ['a.yaml', '--odd-name'],
    });
  });

  it('prints --help', () => {
    expect(runVerify(['--help'], context)).toMatchObject({
      exitCode: 0,
      stdout: expect.stringContaining('Usage: npm run verify'),
    });
  });
});
