import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildTracingMap, readCluster } from '../core/runtime';
import { model } from '../core/__fixtures__/models';
import { EXIT_BAD_INPUT, EXIT_CHECK_FAILED, runVerify } from './verify-run';

const FIXTURES = 'src/core/map/__fixtures__/';
const FILES = ['namespaces.yaml', 'pods.txt', 'telemetry.yaml', 'mesh-configmaps.yaml', 'gateways.yaml'].map(
  (name) => FIXTURES + name,
);
const context = { env: {}, readFile: (path: string) => readFileSync(path, 'utf8') };
const flags = ['--tenant', 'abc12345', '--cluster-id', '-1743916452', '--istio-version', '1.30.3'];

describe('npm run verify -- --map', () => {
  it('prints the summary and the table, and exits 1 while a targeted workload sends nothing', () => {
    const result = runVerify([...flags, '--map', ...FILES], context);
    expect(result.exitCode).toBe(EXIT_CHECK_FAILED);
    expect(result.stderr).toBe('');
    const expected = buildTracingMap(
      readCluster(FILES.map((file) => ({ name: file, text: readFileSync(file, 'utf8') }))),
      model({ istio: { version: '1.30.3' } }),
    );
    // The same numbers as the map the page shows.
    expect(result.stdout.split('\n')[0]).toBe(expected.summary.sentences[0]);
    expect(result.stdout).toContain('✗ Deployment/orders (1 pod): no provider');
  });

  it('gives the same map to a pipeline as JSON', () => {
    const result = runVerify([...flags, '--map', '--json', ...FILES], context);
    const json = JSON.parse(result.stdout);
    expect(json.summary).toMatchObject({ workloads: 14, sending: 7, allTargetedSend: false });
  });

  it('exits 0 when every workload the configuration targets sends spans', () => {
    const result = runVerify([...flags, '--telemetry-namespace', 'default', '--map', ...FILES], context);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('This configuration targets 1; 1 of them send spans.');
  });

  it('exits 2 for a file the map cannot read, naming it, and for --json without --map', () => {
    const result = runVerify([...flags, '--map', FILES[1]!, 'package.json'], context);
    expect(result.exitCode).toBe(EXIT_BAD_INPUT);
    expect(result.stderr).toContain('package.json:');
    expect(runVerify([...flags, '--json', FILES[1]!], context).exitCode).toBe(EXIT_BAD_INPUT);
  });
});
