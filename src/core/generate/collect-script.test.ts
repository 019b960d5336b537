import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { model, operatorSaas, standalone } from '../__fixtures__/models';
import type { Model } from '../model';
import { recognise } from '../verify/recognise';
import { fixture } from '../verify/__fixtures__/read-fixture';
import { generateBundle, type BundleFile } from './bundle';
import { COLLECT_OUTPUT_FILE_NAME, collectSectionHeader, splitCollected } from './collect-script';
import { runWithStubs } from './__fixtures__/stub-cluster';

function filesOf(m: Model): BundleFile[] {
  const bundle = generateBundle(m);
  if (bundle.blocked) throw new Error('unexpected blocker');
  return bundle.files;
}

// What a cluster where everything works prints, command by command (captured outputs, src/core/verify/__fixtures__).
const CLUSTER = {
  'kubectl -n istio-system get configmap istio -o yaml': fixture('mesh-configmap.pass.yaml'),
  'kubectl get telemetry -A -o yaml': fixture('telemetry-list.pass.yaml'),
  'kubectl -n istio-system logs deploy/istiod --since=30m': fixture('istiod.pass.log'),
  'istioctl analyze -A -i istio-system': fixture('analyze.pass.txt'),
  'kubectl -n dynatrace get dynakube dynakube -o yaml': fixture('dynakube.pass.yaml'),
  'kubectl get pods -A -l security.istio.io/tlsMode=istio': 'bookinfo productpage-v1-6f9d6b8c7-4xk2p',
  'istioctl proxy-config cluster productpage-v1-6f9d6b8c7-4xk2p -n bookinfo -o json': fixture(
    'proxy-clusters.operator.pass.json',
  ),
  'istioctl proxy-config listener productpage-v1-6f9d6b8c7-4xk2p -n bookinfo -o json': fixture(
    'proxy-listeners.operator.pass.json',
  ),
  'kubectl -n bookinfo logs productpage-v1-6f9d6b8c7-4xk2p -c istio-proxy --since=30m':
    fixture('proxy-log.operator.pass.log'),
};

// Only reads: kubectl get and logs, istioctl analyze and proxy-config.
const READ_ONLY = /^(kubectl (-n \S+ )?(get|logs)\b|istioctl (analyze|proxy-config)\b)/;

/** The collected file, split as the Verify step's reader will split it: on the section lines, exactly. */
function sections(text: string): { command: string; body: string }[] {
  const parts: { command: string; body: string }[] = [];
  for (const line of text.replace(/\n$/, '').split('\n')) {
    const header = /^# ----- dt-istio-collect: (.*) -----$/.exec(line);
    if (header) parts.push({ command: header[1]!, body: '' });
    else if (parts.length > 0) parts.at(-1)!.body += `${line}\n`;
  }
  return parts;
}

describe('collect.sh', () => {
  it.each([
    ['operator', operatorSaas()],
    ['standalone', standalone('saas')],
    ['ambient waypoint', model({ istio: { ambient: true, ambientTracing: 'waypoints' } })],
  ])('is valid bash (%s)', (_name, m) => {
    const files = filesOf(m);
    const script = files.find((file) => file.name === 'collect.sh');
    expect(script?.executable).toBe(true);
    expect(spawnSync('bash', ['-n'], { input: script!.content }).status).toBe(0);
  });

  it('runs every command the checks read, only reads, and writes one file with a section per command', () => {
    const run = runWithStubs(filesOf(operatorSaas()), 'collect.sh', [], {}, CLUSTER);
    expect(run.status).toBe(0);
    for (const call of run.calls) expect(call).toMatch(READ_ONLY);
    const collected = readFileSync(join(run.dir, COLLECT_OUTPUT_FILE_NAME), 'utf8');
    const found = sections(collected);
    const expected = Object.entries(CLUSTER).filter(([command]) => !command.startsWith('kubectl get pods'));
    expect(found.map((section) => section.command)).toEqual(expected.map(([command]) => command));
    found.forEach((section, index) => expect(section.body).toBe(expected[index]![1]));
    expect(collected.split('\n')[0]).toBe(collectSectionHeader('kubectl -n istio-system get configmap istio -o yaml'));
  });

  it('is split back into its sections, each exactly the output of its command', () => {
    const run = runWithStubs(filesOf(operatorSaas()), 'collect.sh', [], {}, CLUSTER);
    const split = splitCollected(readFileSync(join(run.dir, COLLECT_OUTPUT_FILE_NAME), 'utf8'));
    const expected = Object.entries(CLUSTER).filter(([command]) => !command.startsWith('kubectl get pods'));
    expect(split).toEqual(expected.map(([command, output]) => ({ command, output: output.replace(/\n$/, '') })));
  });

  it('finds no sections in a plain output, and no section line inside one is invented', () => {
    expect(splitCollected(fixture('istiod.pass.log'))).toBeUndefined();
    expect(splitCollected('# ----- dt-istio-collect: x ----- trailing\n')).toBeUndefined();
    expect(splitCollected('#  ----- dt-istio-collect: x -----')).toBeUndefined();
    expect(splitCollected('noise\r\n# ----- dt-istio-collect: a -----\r\none\r\n')).toEqual([
      { command: 'a', output: 'one' },
    ]);
  });

  it('gives sections the current reader accepts, each on its own, as the kind of output it is', () => {
    const run = runWithStubs(filesOf(operatorSaas()), 'collect.sh', [], {}, CLUSTER);
    const kinds = sections(readFileSync(join(run.dir, COLLECT_OUTPUT_FILE_NAME), 'utf8')).map((section) =>
      recognise(section.body).map((recognised) => recognised.kind),
    );
    expect(kinds).toEqual([
      ['mesh-config'],
      ['telemetry'],
      ['istiod-log'],
      ['analyze'],
      ['dynakube'],
      ['proxy-clusters'],
      ['proxy-listeners'],
      ['proxy-log'],
    ]);
  });

  it('checks the proxy the user names, quoted as one argument each', () => {
    const run = runWithStubs(filesOf(standalone('saas')), 'collect.sh', ['deploy/my app', 'shop']);
    expect(run.calls).toContain('istioctl proxy-config cluster deploy/my app -n shop -o json');
    expect(run.calls.some((call) => call.startsWith('kubectl get pods'))).toBe(false);
    // Standalone mode has no DynaKube to read.
    expect(run.calls.some((call) => call.includes('dynakube'))).toBe(false);
    const collected = readFileSync(join(run.dir, COLLECT_OUTPUT_FILE_NAME), 'utf8');
    expect(collected).toContain(collectSectionHeader('istioctl proxy-config cluster deploy/my\\ app -n shop -o json'));
  });

  it('starts each section on a line of its own, also after an output without a final newline', () => {
    const run = runWithStubs(filesOf(standalone('saas')), 'collect.sh', [], {}, { 'istioctl analyze': 'no newline' });
    const lines = readFileSync(join(run.dir, COLLECT_OUTPUT_FILE_NAME), 'utf8').split('\n');
    expect(lines.slice(-2)).toEqual(['no newline', '']);
    expect(lines.filter((line) => line.startsWith('# ----- dt-istio-collect: '))).toHaveLength(4);
  });

  it('without a proxy to check, says how to name one and still collects the rest', () => {
    const run = runWithStubs(filesOf(standalone('saas')), 'collect.sh');
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('No proxy found to check: run ./collect.sh <proxy> <namespace>');
    expect(run.calls.some((call) => call.startsWith('istioctl proxy-config'))).toBe(false);
    expect(sections(readFileSync(join(run.dir, COLLECT_OUTPUT_FILE_NAME), 'utf8'))).toHaveLength(4);
  });

  it('reads the waypoint that a waypoint-targeted Telemetry names, with its Envoy logs', () => {
    const m = model({
      istio: { ambient: true, ambientTracing: 'waypoints' },
      telemetry: { namespace: 'shop', waypoint: { name: 'shop-waypoint', namespace: 'shop' } },
    });
    const run = runWithStubs(filesOf(m), 'collect.sh');
    expect(run.calls.some((call) => call.startsWith('kubectl get pods'))).toBe(false);
    expect(run.calls).toContain('istioctl proxy-config listener deploy/shop-waypoint -n shop -o json');
  });
});
