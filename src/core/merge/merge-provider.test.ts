import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { model, operatorSaas, standalone } from '../__fixtures__/models';
import { buildExtensionProvider } from '../generate/mesh-config';
import { mergeIntoExistingMeshConfig, type MergeSuccess } from './merge-provider';

const fixture = (name: string) => readFileSync(join(__dirname, '__fixtures__', name), 'utf8');
const read = (text: string) => parse(text, { version: '1.1', merge: true });

function merged(input: string, m = operatorSaas()): MergeSuccess {
  const result = mergeIntoExistingMeshConfig(input, m);
  if (!result.ok) throw new Error(result.problem.message);
  return result;
}

/** Every comment line and trailing comment of the input, as text. */
function comments(text: string): string[] {
  return text.split('\n').flatMap((line) => {
    const match = /(^|\s)(#.*)$/.exec(line);
    return match?.[2] ? [match[2]] : [];
  });
}

describe('merging into an IstioOperator', () => {
  const input = fixture('istio-operator.yaml');
  // Merged inside each test, not when the file is collected (the mutation runner cannot tie that to a test).
  const result = () => merged(input);

  it('names the format it found', () => {
    expect(result().format).toBe('istio-operator');
    expect(result().formatLabel).toContain('IstioOperator');
  });

  it('only adds lines: every original line is still there, in order, byte for byte', () => {
    const before = input.split('\n');
    const after = result().merged.split('\n');
    let cursor = 0;
    for (const line of after) if (line === before[cursor]) cursor++;
    expect(cursor).toBe(before.length);
    expect(result().normalized).toBe(false);
  });

  it('appends the provider after the others, in the file’s 4-space style', async () => {
    const mesh = read(result().merged).spec.meshConfig;
    expect(mesh.extensionProviders.map((p: { name: string }) => p.name)).toEqual([
      'jaeger',
      'otel-als',
      'dynatrace-otel',
    ]);
    expect(mesh.extensionProviders[2]).toEqual(buildExtensionProvider(operatorSaas()));
    expect(result().merged).toContain(
      '            - name: dynatrace-otel\n              opentelemetry:\n                  port: 4318',
    );
    await expect(result().merged).toMatchFileSnapshot('__golden__/istio-operator.merged.yaml');
  });

  it('keeps every comment, anchor and YAML 1.1 boolean', () => {
    expect(comments(result().merged)).toEqual(expect.arrayContaining(comments(input)));
    expect(result().merged).toContain('hub: &hub registry.example.com/istio');
    expect(result().merged).toContain('enablePrometheusMerge: yes');
  });

  it('adds istiod’s token variable under components.pilot.k8s.env when the token lives in a Secret', () => {
    const m = standalone('saas', { token: { storage: 'istiod-env' } });
    const doc = read(merged(input, m).merged);
    expect(doc.spec.components.pilot.k8s.env).toEqual([
      {
        name: 'DYNATRACE_API_TOKEN',
        valueFrom: { secretKeyRef: { name: 'dynatrace-otel-token', key: 'DYNATRACE_API_TOKEN' } },
      },
    ]);
    expect(doc.spec.components.pilot.k8s.resources).toEqual({ requests: { cpu: '500m' } });
  });

  it('warns that jaeger stops receiving traces where the Telemetry applies', () => {
    expect(result().findings.map((f) => f.id)).toContain('other-tracing-jaeger');
    expect(result().findings.map((f) => f.id)).not.toContain('other-tracing-otel-als');
  });
});

describe('merging into istiod Helm values', () => {
  const input = fixture('helm-values.yaml');
  // Merged inside each test, not when the file is collected (the mutation runner cannot tie that to a test).
  const result = () => merged(input, standalone('saas', { token: { storage: 'istiod-env' } }));

  it('keeps lists at the key’s column as the file does, and adds to envVarFrom', async () => {
    expect(result().format).toBe('helm');
    expect(result().merged).toContain('  extensionProviders:\n  - name: zipkin');
    expect(result().merged).toContain('\n  - name: dynatrace-otel\n    opentelemetry:\n      port: 80\n');
    const values = read(result().merged);
    expect(values.envVarFrom.map((e: { name: string }) => e.name)).toEqual(['SOME_OTHER', 'DYNATRACE_API_TOKEN']);
    await expect(result().merged).toMatchFileSnapshot('__golden__/helm-values.merged.yaml');
  });

  it('reports the default tracing provider and REGISTRY_ONLY', () => {
    const ids = result().findings.map((f) => f.id);
    expect(ids).toContain('default-tracing-provider');
    expect(ids).toContain('registry-only');
    expect(result().findings.find((f) => f.id === 'registry-only')?.message).toMatch(
      /ServiceEntry \(dt-serviceentry\.yaml\) is mandatory/,
    );
  });
});

describe('merging into the istio ConfigMap', () => {
  const input = fixture('configmap.yaml');
  // Merged inside each test, not when the file is collected (the mutation runner cannot tie that to a test).
  const result = () => merged(input, standalone('saas'));

  it('replaces the same-named provider inside data.mesh and says what changes', async () => {
    expect(result().format).toBe('configmap');
    const mesh = read(read(result().merged).data.mesh);
    expect(mesh.extensionProviders).toEqual([buildExtensionProvider(standalone('saas'))]);
    expect(mesh.trustDomain).toBe('cluster.local');
    expect(result().replaced).toMatchObject({ name: 'dynatrace-otel', opentelemetry: { port: 443 } });
    const replaced = result().findings.find((f) => f.id === 'provider-replaced');
    expect(replaced?.message).toContain('port 443 → 80');
    expect(replaced?.message).toContain(
      'service abc12345.live.dynatrace.com → istio-system/abc12345.live.dynatrace.com',
    );
    expect(result().merged).toContain('  mesh: |-\n    accessLogFile: /dev/stdout\n');
    expect(result().merged).toContain("  meshNetworks: 'networks: {}'");
    await expect(result().merged).toMatchFileSnapshot('__golden__/configmap.merged.yaml');
  });

  it('reports the legacy zipkin tracer and enableTracing: false', () => {
    const ids = result().findings.map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(['legacy-default-config-tracing', 'enable-tracing-false']));
  });
});

describe('merging into a bare meshConfig block', () => {
  const input = fixture('bare-mesh-config.yaml');
  // Merged inside each test, not when the file is collected (the mutation runner cannot tie that to a test).
  const result = () => merged(input);

  it('appends after flow-style entries and reports snake_case keys and two-type entries', async () => {
    expect(result().format).toBe('mesh-config');
    const ids = result().findings.map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(['snake-default-providers', 'two-types-jaeger']));
    expect(read(result().merged).extensionProviders.map((p: { name: string }) => p.name)).toEqual([
      'jaeger',
      'prom',
      'dynatrace-otel',
    ]);
    expect(result().merged.startsWith(input)).toBe(true);
    await expect(result().merged).toMatchFileSnapshot('__golden__/bare-mesh-config.merged.yaml');
  });
});

describe('layouts that cannot be edited in place', () => {
  it('adds extensionProviders to a meshConfig without it, at the end of the block', () => {
    const input = 'meshConfig:\n  accessLogFile: /dev/stdout # logs\n  enableTracing: true\n';
    const result = merged(input);
    expect(result.normalized).toBe(false);
    expect(result.merged.startsWith(input)).toBe(true);
    expect(read(result.merged).meshConfig.extensionProviders[0].name).toBe('dynatrace-otel');
  });

  it('creates spec.meshConfig in an IstioOperator that has none', () => {
    const input = 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  profile: minimal\n';
    const doc = read(merged(input).merged);
    expect(doc.spec.profile).toBe('minimal');
    expect(doc.spec.meshConfig.extensionProviders).toHaveLength(1);
  });

  it('merges JSON into JSON, saying so', () => {
    const input = '{"meshConfig": {"extensionProviders": [], "accessLogFile": "/dev/stdout"}}';
    const result = merged(input);
    expect(result.notes.join(' ')).toMatch(/JSON/);
    const values = JSON.parse(result.merged);
    expect(values.meshConfig.accessLogFile).toBe('/dev/stdout');
    expect(values.meshConfig.extensionProviders[0].name).toBe('dynatrace-otel');
  });

  it('keeps Windows line endings', () => {
    const input = 'meshConfig:\r\n  extensionProviders:\r\n  - name: a\r\n    zipkin: {service: a.b, port: 1}\r\n';
    const result = merged(input);
    expect(result.merged).not.toMatch(/[^\r]\n/);
    expect(read(result.merged).meshConfig.extensionProviders).toHaveLength(2);
  });
});

describe('very large configs', () => {
  it('are merged in place and checked around the edit, with the same result a full re-read gives', () => {
    const entries = Array.from(
      { length: 2200 },
      (_, i) =>
        `  # team ${i}\n  - name: zipkin-${i}\n    zipkin:\n      service: zipkin-${i}.tracing.svc.cluster.local\n      port: 9411\n`,
    ).join('');
    const input = `meshConfig:\n  accessLogFile: /dev/stdout\n  extensionProviders:\n${entries.replace(/^/gm, '  ').replace(/^ {2}$/gm, '')}  # end\n`;
    expect(input.length).toBeGreaterThan(256 * 1024);
    const result = merged(input);
    expect(result.normalized).toBe(false);
    const values = read(result.merged);
    expect(values.meshConfig.extensionProviders).toHaveLength(2201);
    expect(values.meshConfig.extensionProviders[2200]).toEqual(buildExtensionProvider(operatorSaas()));
    expect(read(input).meshConfig.extensionProviders).toEqual(values.meshConfig.extensionProviders.slice(0, 2200));
    expect(merged(result.merged).merged).toBe(result.merged);
  });
});

describe('merging is idempotent', () => {
  it.each(['istio-operator.yaml', 'helm-values.yaml', 'configmap.yaml', 'bare-mesh-config.yaml'])(
    '%s: merging twice equals merging once',
    (name) => {
      const m = model({ mode: 'standalone', token: { storage: 'istiod-env' }, istio: { version: '1.28' } });
      const once = merged(fixture(name), m).merged;
      expect(merged(once, m).merged).toBe(once);
    },
  );
});

describe('a provider entry without a name (found by paste fuzzing)', () => {
  const input =
    'meshConfig:\n  extensionProviders:\n  - nmae: zipkin-old\n    zipkin:\n      service: zipkin.tracing\n      port: 9411\n';

  it('is called “(no name)” in the finding, never “undefined”', () => {
    const result = merged(input);
    const messages = result.findings.map((finding) => `${finding.id} ${finding.message}`).join('\n');
    expect(messages).toContain('The provider (no name) has settings istiod would ignore or reject');
    expect(messages).not.toMatch(/undefined/);
  });
});

describe('replacing a same-named provider', () => {
  const input =
    'meshConfig:\n  extensionProviders:\n  # kept: before the list item\n  - name: dynatrace-otel\n    zipkin:\n# inside the old provider\n      service: zipkin.tracing\n      port: 9411\n  - name: other # kept: after\n    zipkin: {service: z, port: 1}\n';

  it('says that the comments inside it go with it, and keeps every other comment', () => {
    const result = merged(input);
    expect(result.replaced).toEqual({ name: 'dynatrace-otel', zipkin: { service: 'zipkin.tracing', port: 9411 } });
    expect(result.findings.find((finding) => finding.id === 'provider-replaced')?.fix).toMatch(
      /comments inside that provider are replaced/,
    );
    expect(result.merged).not.toContain('# inside the old provider');
    expect(comments(result.merged)).toEqual(['# kept: before the list item', '# kept: after']);
  });
});
