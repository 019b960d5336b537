import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { operatorSaas, standalone } from '../__fixtures__/models';
import { buildExtensionProvider } from '../generate/mesh-config';
import { mergeIntoExistingMeshConfig, type MergeSuccess } from './merge-provider';
import type * as Upsert from './upsert-list-item';

/*
 * Behaviour of the merge that mutation testing (issue 27) found unpinned: where refusals point and what they name,
 * snake_case and odd list entries in the re-read check, the `data.mesh` block of a ConfigMap, the normalising note
 * when only one of two lists is re-rendered, and the local check of files beyond 256 KiB (which judges the text
 * editor's own account of its edit; the editor is wrapped below so a test can make that account wrong).
 */

type Reshape = (result: Upsert.UpsertResult) => Upsert.UpsertResult;
const editor = vi.hoisted(() => ({ reshape: undefined as Reshape | undefined }));

vi.mock('./upsert-list-item', async (importOriginal) => {
  const actual = await importOriginal<typeof Upsert>();
  return {
    ...actual,
    upsertListItem: (...args: Parameters<typeof actual.upsertListItem>) => {
      const result = actual.upsertListItem(...args);
      return editor.reshape && result.edit ? editor.reshape(result) : result;
    },
  };
});

const NOTE =
  'Your layout could not be edited in place, so spacing in the merged file was normalised; keys, order and comments are kept.';
const HEAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\ndata:\n';
const IOP = 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n';
const ours = buildExtensionProvider(operatorSaas());
const inSecret = standalone('saas', { token: { storage: 'istiod-env' } });

function merge(input: string, model = operatorSaas(), reshape?: Reshape) {
  editor.reshape = reshape;
  try {
    return mergeIntoExistingMeshConfig(input, model);
  } finally {
    editor.reshape = undefined;
  }
}

function merged(input: string, model = operatorSaas(), reshape?: Reshape): MergeSuccess {
  const result = merge(input, model, reshape);
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

describe('the local check of an in-place edit in a file beyond 256 KiB', () => {
  const ENTRY = (i: number) =>
    `    # team ${i}\n    - name: zipkin-${i}\n      zipkin:\n        service: zipkin-${i}.tracing.svc.cluster.local\n        port: 9411\n`;
  const LIST = `meshConfig:\n  accessLogFile: /dev/stdout\n  extensionProviders:\n${Array.from({ length: 20 }, (_, i) => ENTRY(i)).join('')}`;
  const TAIL = '  # end\nenvVarFrom: []\n';
  /** Helm values of exactly `size` characters: a long comment makes the size, 20 providers the list. */
  const sized = (size: number, tail = TAIL) => {
    const rest = `\n${LIST}${tail}`;
    return `# ${'n'.repeat(size - 2 - rest.length)}${rest}`;
  };
  const LIMIT = 256 * 1024;

  /** The editor's text is right, but its account of what it inserted names another provider. */
  const wrongAccount: Reshape = ({ edit, ...rest }) => ({
    ...rest,
    edit: { ...edit!, expected: [{ ...ours, name: 'someone-else' }] },
  });
  const rewriteBlock =
    (change: (inserted: string) => string): Reshape =>
    ({ text, edit, ...rest }) => {
      const inserted = change(edit!.inserted);
      return {
        ...rest,
        text: text.slice(0, edit!.start) + inserted + text.slice(edit!.start + edit!.inserted.length),
        edit: { ...edit!, inserted },
      };
    };

  /** The merge came out of the Document API fallback, with the right data and the note that says so. */
  function expectFallback(input: string, result: MergeSuccess): void {
    expect(result.normalized).toBe(true);
    expect(result.notes).toEqual([NOTE]);
    const values = parse(result.merged, { version: '1.1' });
    expect(values.meshConfig.extensionProviders).toEqual([
      ...parse(input, { version: '1.1' }).meshConfig.extensionProviders,
      ours,
    ]);
    expect(values.envVarFrom).toEqual([]);
  }

  it('judges the edit by the editor’s account, not a re-read: an account that does not check out is thrown away', () => {
    const input = sized(LIMIT + 1);
    expectFallback(input, merged(input, operatorSaas(), wrongAccount));
  });

  it('re-reads a file of exactly 256 KiB in full instead: the text is right, so the in-place edit is kept', () => {
    const input = sized(LIMIT);
    expect(input.length).toBe(LIMIT);
    const result = merged(input, operatorSaas(), wrongAccount);
    expect(result.normalized).toBe(false);
    expect(result.notes).toEqual([]);
    expect(result.merged.startsWith(input.slice(0, input.indexOf(TAIL)))).toBe(true);
  });

  it('keeps a block holding a line of only spaces, fewer than its column: that line is blank, not left of the block', () => {
    const input = sized(LIMIT + 100);
    const result = merged(
      input,
      operatorSaas(),
      rewriteBlock((block) => block.replace('\n', '\n  \n')),
    );
    expect(result.normalized).toBe(false);
    expect(result.merged).toContain('    - name: dynatrace-otel\n  \n      opentelemetry:\n');
    expect(parse(result.merged, { version: '1.1' }).meshConfig.extensionProviders.at(-1)).toEqual(ours);
  });

  it('throws away a block that is not valid YAML, and never returns it', () => {
    const input = sized(LIMIT + 100);
    const result = merged(
      input,
      operatorSaas(),
      rewriteBlock((block) => block.replace('timeout: 10s', 'timeout: [10s')),
    );
    expectFallback(input, result);
    expect(result.merged).not.toContain('[10s');
  });

  it('throws away a block put inside the last provider, even with a line of only spaces between it and the deeper line', () => {
    const input = sized(LIMIT + 100);
    const inside: Reshape = ({ edit, ...rest }) => {
      const at = input.lastIndexOf('      zipkin:\n');
      return {
        ...rest,
        text: `${input.slice(0, at)}${edit!.inserted}  \n${input.slice(at)}`,
        edit: { ...edit!, start: at, end: at },
      };
    };
    expectFallback(input, merged(input, operatorSaas(), inside));
  });
});
