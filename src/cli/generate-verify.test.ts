import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { USAGE } from './args';
import { runCli } from './run';
import { EXIT_BAD_INPUT, EXIT_CHECK_FAILED, runVerify } from './verify-run';
import { takeVerifyFiles } from './verify-flag';

const FIXTURES = 'src/core/verify/__fixtures__';
const context = { env: {}, readFile: (path: string) => readFileSync(path, 'utf8') };
const operator = ['--tenant', 'abc12345', '--cluster-id', '-1743916452'];
const file = (name: string) => `${FIXTURES}/${name}`;

describe('npm run generate -- --verify', () => {
  it('exits 0 when every checked item passes, with the report npm run verify prints', () => {
    const files = [file('mesh-configmap.pass.yaml'), file('telemetry-list.pass.yaml')];
    const result = runCli([...operator, '--verify', ...files], context);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('✓ The provider is in the live mesh config');
    expect(result).toEqual(runVerify([...operator, ...files], context));
  });

  it('exits 1 with cause and fix when a check fails, --verify repeated or with =', () => {
    const result = runCli(
      [`--verify=${file('mesh-configmap.pass.yaml')}`, ...operator, '--verify', file('istiod.cluster-missing.log')],
      context,
    );
    expect(result.exitCode).toBe(EXIT_CHECK_FAILED);
    expect(result.stdout).toMatch(/✗ istiod configured the tracer/);
    expect(result.stdout).toContain('Fix: Check that kubectl -n dynatrace get service dynakube-telemetry-ingest');
  });

  it('checks against the configuration its flags describe', () => {
    const clusters = file('proxy-clusters.operator.pass.json');
    expect(runCli([...operator, '--verify', clusters], context).exitCode).toBe(0);
    const other = runCli([...operator, '--operator-namespace', 'observability', '--verify', clusters], context);
    expect(other.exitCode).toBe(EXIT_CHECK_FAILED);
    expect(other.stdout).toContain('dynakube-telemetry-ingest.observability.svc.cluster.local');
  });

  it('exits 2 for an unrecognised or unreadable file, no file, bad flags, or flags that write', () => {
    const unrecognised = runCli([...operator, '--verify', 'package.json'], context);
    expect(unrecognised.exitCode).toBe(EXIT_BAD_INPUT);
    expect(unrecognised.stdout).toMatch(/package\.json: Not recognised.*Expected one of/);
    expect(runCli([...operator, '--verify', 'no-such-file.yaml'], context).stderr).toContain(
      'no-such-file.yaml: cannot read it',
    );
    expect(runCli([...operator, '--verify'], context)).toMatchObject({
      exitCode: EXIT_BAD_INPUT,
      stderr: expect.stringContaining('at least one FILE'),
    });
    expect(runCli(['--tenant', 'ABC', '--verify', file('analyze.pass.txt')], context).exitCode).toBe(EXIT_BAD_INPUT);
    const writing = runCli([...operator, '--out', 'out', '--verify', file('analyze.pass.txt')], context);
    expect(writing).toMatchObject({ exitCode: EXIT_BAD_INPUT, stderr: expect.stringContaining('leave them out') });
  });

  it('takes the files after --verify up to the next flag, never a flag’s value', () => {
    expect(takeVerifyFiles(['--verify', 'a.yaml', 'b.log', '--cluster-id', '-5', '--config', 'c.json'])).toEqual({
      files: ['a.yaml', 'b.log'],
      rest: ['--cluster-id', '-5', '--config', 'c.json'],
    });
    expect(takeVerifyFiles(['--provider-name', 'x', '--verify', 'a', '--', '--odd'])).toEqual({
      files: ['a', '--odd'],
      rest: ['--provider-name', 'x'],
    });
    expect(takeVerifyFiles(['--tenant', 'abc12345', '--out', 'dir']).files).toBeUndefined();
  });

  it('is documented in --help with its exit codes', () => {
    const help = runCli(['--help'], context);
    expect(help.stdout).toBe(`${USAGE}\n`);
    expect(help.stdout).toContain('--verify FILE…');
    expect(help.stdout).toContain('With --verify: 0 every checked item passes, 1 a check fails, 2 invalid input');
  });
});
