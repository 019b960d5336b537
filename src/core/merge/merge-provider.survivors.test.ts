import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { operatorSaas, standalone } from '../__fixtures__/models';
import { buildExtensionProvider } from '../generate/mesh-config';
import { mergeIntoExistingMeshConfig, type MergeSuccess } from './merge-provider';

/*
 * Behaviour of the merge that mutation testing (issue 27) found unpinned: where refusals point and what they name,
 * snake_case and odd list entries in the re-read check, the `data.mesh` block of a ConfigMap, the normalising note
 * when only one of two lists is re-rendered. (The local check of files beyond 256 KiB is stated in
 * merge-provider.local-check.test.ts, which wraps the text editor.)
 */

const NOTE =
  'Your layout could not be edited in place, so spacing in the merged file was normalised; keys, order and comments are kept.';
const HEAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\ndata:\n';
const IOP = 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n';
const ours = buildExtensionProvider(operatorSaas());
const inSecret = standalone('saas', { token: { storage: 'istiod-env' } });

function merge(input: string, model = operatorSaas()) {
  return mergeIntoExistingMeshConfig(input, model);
}

function merged(input: string, model = operatorSaas()): MergeSuccess {
  const result = merge(input, model);
  if (!result.ok) throw new Error(`${result.problem.code}: ${result.problem.message}`);
  return result;
}

function refusal(input: string, model = operatorSaas()) {
  const result = merge(input, model);
  if (result.ok) throw new Error('merged, but should have been refused');
  return result.problem;
}

describe('a refused target names the key the way the user finds it', () => {
  it('inside a ConfigMap: the key is said to be in data.mesh, at its line in the whole file', () => {
    const problem = refusal(`${HEAD}  mesh: |\n    extensionProviders: {a: 1}\n`);
    expect(problem.code).toBe('NOT_A_LIST');
    expect(problem.message).toMatch(/^extensionProviders \(in data\.mesh\) must be a list/);
    expect(problem.line).toBe(7);
  });

  it('in an IstioOperator: the full path, with no "(in …)" after it', () => {
    const problem = refusal(`${IOP}  meshConfig:\n    extensionProviders: 3\n`);
    expect(problem.code).toBe('NOT_A_LIST');
    expect(problem.message).toMatch(
      /^spec\.meshConfig\.extensionProviders must be a list \(- name: …\), but it is a single value\./,
    );
    expect(problem.message).not.toContain('(in ');
    expect(problem.line).toBe(5);
  });

  it('the env list of istiod likewise, when the token goes into istiod’s env', () => {
    const problem = refusal(`${IOP}  components:\n    pilot:\n      k8s:\n        env: {A: b}\n`, inSecret);
    expect(problem.code).toBe('NOT_A_LIST');
    expect(problem.message).toMatch(/^spec\.components\.pilot\.k8s\.env must be a list .*but it is a map\./);
    expect(problem.message).not.toContain('(in ');
    expect(problem.line).toBe(7);
  });

  it('in Helm values, a `data.mesh` block elsewhere in the file does not shift the reported line', () => {
    const problem = refusal('meshConfig:\n  extensionProviders: 3\ndata:\n  mesh: |\n    a: 1\n');
    expect(problem.code).toBe('NOT_A_LIST');
    expect(problem.line).toBe(2);
  });
});

describe('the re-read check follows the file’s own list', () => {
  it('merges into `extension_providers` (snake_case) in place, without adding an `extensionProviders` list', () => {
    const input = `${IOP}  meshConfig:\n    extension_providers:\n    - name: z\n      zipkin:\n        service: z\n        port: 9411\n`;
    const result = merged(input);
    expect(result.normalized).toBe(false);
    expect(result.merged.startsWith(input)).toBe(true);
    const meshConfig = parse(result.merged).spec.meshConfig;
    expect(Object.keys(meshConfig)).toEqual(['extension_providers']);
    expect(meshConfig.extension_providers).toEqual([{ name: 'z', zipkin: { service: 'z', port: 9411 } }, ours]);
  });

  it('replaces ours in a list that also holds entries that are not maps, keeping those as they were', () => {
    const input =
      'meshConfig:\n  extensionProviders:\n  - just-a-string\n  - name: dynatrace-otel\n    opentelemetry: {service: old, port: 1}\n  - 42\n';
    const result = merged(input);
    expect(result.normalized).toBe(false);
    expect(result.replaced).toEqual({ name: 'dynatrace-otel', opentelemetry: { service: 'old', port: 1 } });
    expect(parse(result.merged).meshConfig.extensionProviders).toEqual(['just-a-string', ours, 42]);
  });
});

describe('data.mesh of a ConfigMap is edited in place under a plain `|` header', () => {
  const body = '    # the mesh\n    trustDomain: x\n';

  it('also when the block starts with an empty line', () => {
    const result = merged(`${HEAD}  mesh: |\n\n${body}`);
    expect(result.normalized).toBe(false);
    expect(result.notes).toEqual([]);
    expect(
      result.merged.startsWith(`${HEAD}  mesh: |\n\n${body}    extensionProviders:\n      - name: dynatrace-otel\n`),
    ).toBe(true);
  });

  it('also when the first line holds only spaces, fewer than the content: the indentation comes from the content', () => {
    const result = merged(`${HEAD}  mesh: |\n  \n${body}`);
    expect(result.normalized).toBe(false);
    expect(result.notes).toEqual([]);
    expect(result.merged).toContain(`${body}    extensionProviders:\n      - name: dynatrace-otel\n`);
    expect(parse(parse(result.merged).data.mesh).extensionProviders).toEqual([ours]);
  });

  it('but not under `|2` even when its comment ends in a `|`: that header is re-rendered, and said so', () => {
    const result = merged(`${HEAD}  mesh: |2 # see a|\n${body}`);
    expect(result.normalized).toBe(true);
    expect(result.notes).toEqual([NOTE]);
    expect(result.merged).not.toContain('|2');
    expect(result.merged.startsWith(`${HEAD}  mesh: |\n${body}    extensionProviders:\n`)).toBe(true);
  });
});

describe('the normalising note when the token goes into istiod’s env as well', () => {
  it('is given when only the provider list had to be re-rendered (a flow list), the env list being edited in place', () => {
    const result = merged('meshConfig:\n  extensionProviders: []\nenvVarFrom:\n  - name: X\n    value: y\n', inSecret);
    expect(result.normalized).toBe(true);
    expect(result.notes).toEqual([NOTE]);
    expect(result.merged).toContain('envVarFrom:\n  - name: X\n    value: y\n  - name: DYNATRACE_API_TOKEN\n');
  });

  it('is given when only the env list had to be re-rendered, the provider list being edited in place', () => {
    const input =
      'meshConfig:\n  extensionProviders:\n  - name: z\n    zipkin:\n      service: z\n      port: 9411\nenvVarFrom: []\n';
    const result = merged(input, inSecret);
    expect(result.normalized).toBe(true);
    expect(result.notes).toEqual([NOTE]);
  });
});
