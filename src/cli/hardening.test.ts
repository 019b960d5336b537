import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SAMPLE_TOKEN } from '../core/__fixtures__/models';
import { decodeShareFragment } from '../core';
import { validateModel } from '../core/runtime';
import { parseCommand } from './args';
import { EXIT_INVALID, runCli } from './run';
import { runs } from '../test-setup/runs';

const dir = () => mkdtempSync(join(tmpdir(), 'dt-otel-harden-'));
const withFile = (name: string, content: string) => {
  const path = join(dir(), name);
  writeFileSync(path, content);
  return path;
};
const context = (files: Record<string, string> = {}) => ({
  env: {},
  readFile: (path: string) => files[path] ?? readFileSync(path, 'utf8'),
});

describe('--config of any shape (issue 11 §1)', () => {
  it.each([
    ['null', /expected a JSON object/],
    ['[]', /expected a JSON object/],
    ['5', /expected a JSON object/],
    ['{"istio":"1.28"}', /istio must be an object/],
    ['{"istio":{"version":true}}', /istio\.version must be a string/],
    ['{"token":null}', /token must be an object/],
    ['{"telemetry":{"selector":{"app":"x"}}}', /telemetry\.selector must be a list/],
  ])('%s exits 2 naming the field, writing nothing', (json, message) => {
    const result = runCli(['--config', 'model.json', '--out', join(dir(), 'out')], context({ 'model.json': json }));
    expect(result.exitCode).toBe(EXIT_INVALID);
    expect(result.stderr).toMatch(message);
  });

  it('takes numbers where the model keeps text, as JSON writers produce them', () => {
    const json = '{"istio":{"version":1.24},"dynatrace":{"environmentId":"abc12345","clusterId":-5}}';
    const command = parseCommand(['--config', 'm.json', '--out', 'x'], context({ 'm.json': json }));
    expect(command.kind === 'generate' && command.input.dynatrace.clusterId).toBe('-5');
  });

  // The model's own shape with any part replaced by any JSON value: 10,000 runs through the real --config path.
  it('never throws on 10,000 random models: either a command the schema then checks, or exit 2 naming a field', () => {
    const groups = ['mode', 'istio', 'operator', 'dynatrace', 'token', 'provider', 'telemetry', 'output'] as const;
    const model = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.dictionary(fc.constantFrom(...groups), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
      fc.record({
        istio: fc.dictionary(fc.constantFrom('version', 'ambient', 'rootNamespace'), fc.jsonValue({ maxDepth: 1 })),
        token: fc.dictionary(fc.constantFrom('value', 'storage', 'envName'), fc.jsonValue({ maxDepth: 1 })),
        dynatrace: fc.dictionary(fc.constantFrom('environmentId', 'clusterId', 'host'), fc.jsonValue({ maxDepth: 1 })),
      }),
    );
    fc.assert(
      fc.property(model, (value) => {
        const json = JSON.stringify(value) ?? 'null';
        const command = parseCommand(['--config', 'm.json', '--out', 'x'], context({ 'm.json': json }));
        if (command.kind === 'error') {
          expect(command.messages.every((message) => message.startsWith('--config'))).toBe(true);
          return;
        }
        expect(command.kind).toBe('generate');
        // The schema's own property tests cover validation; a sample here proves the command is usable.
        if (command.kind === 'generate' && json.length % 16 === 0) validateModel(command.input);
      }),
      { numRuns: runs(10_000) },
    );
  });
});

describe('--print-link (issue 11 §12)', () => {
  const flags = ['--mode', 'standalone', '--tenant', 'abc12345', '--cluster-id', '-5', '--token', SAMPLE_TOKEN];

  it('prints a link that opens the wizard on this configuration, never with the token', () => {
    const result = runCli([...flags, '--print-link', 'https://tools.example.com/istio-dynatrace/'], context());
    expect(result.exitCode).toBe(0);
    const link = result.stdout.trim();
    expect(link).toMatch(/^https:\/\/tools\.example\.com\/istio-dynatrace\/#s=2\./);
    expect(link).not.toContain(SAMPLE_TOKEN.slice(7, 20));
    const decoded = decodeShareFragment(link);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.state.values).toMatchObject({ mode: 'standalone', dynatrace: { clusterId: '-5' } });
    expect(decoded.state.values.token.value).toBe('');
  });

  it('prints the fragment alone without a base URL, and the link after the files with --out', () => {
    expect(runCli([...flags, '--print-link'], context()).stdout).toMatch(/^#s=2\.[\w-]+\n$/);
    const out = join(dir(), 'out');
    const result = runCli([...flags, '--print-link', '--out', out], context());
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/wrote .*meshconfig\.yaml[\s\S]*share link \(no token\): #s=2\./);
  });
});

describe('--merge of a bare meshConfig block (issue 11 §3)', () => {
  const bare =
    '# ours\naccessLogFile: /dev/stdout\nextensionProviders:\n  - name: jaeger\n    zipkin: {service: j, port: 9411}\n';
  const base = ['--mode', 'standalone', '--tenant', 'abc12345', '--cluster-id', '1', '--istio-version', '1.28'];

  it.each([
    ['istio-operator', (doc: any) => doc.spec.meshConfig, (doc: any) => doc.spec.components.pilot.k8s.env],
    ['helm', (doc: any) => doc.meshConfig, (doc: any) => doc.envVarFrom],
  ])('wraps it in the chosen form (%s), with istiod’s token variable where that form sets it', (format, mesh, env) => {
    const out = join(dir(), 'out');
    const result = runCli(
      [...base, '--format', format, '--merge', withFile('mesh.yaml', bare), '--out', out],
      context(),
    );
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/wrapped in/);
    const merged = readFileSync(join(out, 'meshconfig.yaml'), 'utf8');
    expect(merged).toContain('# ours');
    const doc = parse(merged, { version: '1.1' });
    expect(mesh(doc).accessLogFile).toBe('/dev/stdout');
    expect(mesh(doc).extensionProviders.map((p: { name: string }) => p.name)).toEqual(['jaeger', 'dynatrace-otel']);
    expect(env(doc)[0].name).toBe('DYNATRACE_API_TOKEN');
    expect(readFileSync(join(out, 'apply.sh'), 'utf8')).toContain('meshconfig.yaml');
  });

  it('wraps it in the istio ConfigMap, and apply.sh gives istiod the token variable', () => {
    const out = join(dir(), 'out');
    const result = runCli(
      [...base, '--format', 'configmap', '--merge', withFile('m.yaml', bare), '--out', out],
      context(),
    );
    expect(result.exitCode).toBe(0);
    const doc = parse(readFileSync(join(out, 'meshconfig.yaml'), 'utf8'), { version: '1.1' });
    expect(doc.kind).toBe('ConfigMap');
    expect(parse(doc.data.mesh, { version: '1.1' }).accessLogFile).toBe('/dev/stdout');
    expect(readFileSync(join(out, 'apply.sh'), 'utf8')).toContain('set env deployment/istiod');
    expect(result.stdout + result.stderr).not.toMatch(/Verify step|step \d/);
  });
});
