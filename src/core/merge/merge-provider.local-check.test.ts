import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { operatorSaas } from '../__fixtures__/models';
import { buildExtensionProvider } from '../generate/mesh-config';
import { mergeIntoExistingMeshConfig, type MergeSuccess } from './merge-provider';
import type * as Upsert from './upsert-list-item';

/*
 * The safety net on inputs beyond 256 KiB: instead of re-reading the whole file, the merge checks the single in-place
 * edit (it sits on line boundaries, reads back as exactly the provider, and nothing after it is indented deeper). These
 * tests make the text editor's in-place result go wrong on purpose and check that such a result is never returned:
 * the merge falls back to the yaml Document API (`normalized`, and said so), whose result is re-read in full.
 */

type Reshape = (result: Upsert.UpsertResult) => Upsert.UpsertResult;
const editor = vi.hoisted(() => ({ reshape: undefined as Reshape | undefined }));

vi.mock('./upsert-list-item', async (importOriginal) => {
  const actual = await importOriginal<typeof Upsert>();
  return {
    ...actual,
    upsertListItem: (...args: Parameters<typeof actual.upsertListItem>) => {
      const result = actual.upsertListItem(...args);
      // Only the in-place attempt (the one with an edit to check) goes wrong.
      return editor.reshape && result.edit ? editor.reshape(result) : result;
    },
  };
});

function withEditor<T>(reshape: Reshape | undefined, run: () => T): T {
  editor.reshape = reshape;
  try {
    return run();
  } finally {
    editor.reshape = undefined;
  }
}

/** Rewrites the inserted block (the text and the edit together, as an editor bug would). */
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

const ENTRY = (i: number) =>
  `    # team ${i}\n    - name: zipkin-${i}\n      zipkin:\n        service: zipkin-${i}.tracing.svc.cluster.local\n        port: 9411\n`;
/** Helm values over 256 KiB (a long comment makes the size, 20 providers the list); `tail` follows the list. */
const large = (tail: string) =>
  `# ${'notes '.repeat(44_000)}\nmeshConfig:\n  accessLogFile: /dev/stdout\n  extensionProviders:\n${Array.from({ length: 20 }, (_, i) => ENTRY(i)).join('')}${tail}`;
const TAIL = '      # about the last team\n  # end\nenvVarFrom: []\n';
const ours = buildExtensionProvider(operatorSaas());

function merged(input: string, reshape?: Reshape): MergeSuccess {
  const result = withEditor(reshape, () => mergeIntoExistingMeshConfig(input, operatorSaas()));
  if (!result.ok) throw new Error(`${result.problem.code}: ${result.problem.message}`);
  return result;
}

/** The merge came out of the Document API fallback, with the right data and the note that says so. */
function expectFallback(input: string, result: MergeSuccess): void {
  expect(result.normalized).toBe(true);
  expect(result.notes).toEqual([expect.stringMatching(/could not be edited in place/)]);
  const values = parse(result.merged, { version: '1.1' });
  const before = parse(input, { version: '1.1' });
  expect(values.meshConfig.extensionProviders).toEqual([...before.meshConfig.extensionProviders, ours]);
  expect(values.meshConfig.accessLogFile).toBe('/dev/stdout');
  expect(values.envVarFrom).toEqual([]);
}

describe('the local check of a merge beyond 256 KiB', () => {
  it('keeps a sound in-place edit: comments indented deeper after the block are not content', () => {
    const input = large(TAIL);
    expect(input.length).toBeGreaterThan(256 * 1024);
    const result = merged(input);
    expect(result.normalized).toBe(false);
    expect(result.notes).toEqual([]);
    // Exactly the provider's lines are added, after the last provider and before the comments that follow it.
    const start = result.merged.indexOf('    - name: dynatrace-otel\n');
    const end = result.merged.indexOf(TAIL);
    expect(start).toBe(input.indexOf(TAIL));
    expect(result.merged.slice(0, start) + result.merged.slice(end)).toBe(input);
    expect(parse(result.merged.slice(start, end), { version: '1.1' })).toEqual([ours]);
  });

  it('keeps an edit at the very end of the file, with nothing after it', () => {
    const input = large('');
    const result = merged(input);
    expect(result.normalized).toBe(false);
    expect(result.merged.startsWith(input)).toBe(true);
    expect(parse(result.merged, { version: '1.1' }).meshConfig.extensionProviders.at(-1)).toEqual(ours);
  });

  it('keeps an edit followed by a provider at the same column (replacing one in the middle)', () => {
    const input = large(TAIL).replace('- name: zipkin-10\n', '- name: dynatrace-otel\n');
    const result = merged(input);
    expect(result.normalized).toBe(false);
    const providers = parse(result.merged, { version: '1.1' }).meshConfig.extensionProviders;
    expect(providers).toHaveLength(20);
    expect(providers[10]).toEqual(ours);
    expect(providers[11].name).toBe('zipkin-11');
  });

  it('throws away a block that does not read back as the provider', () => {
    const input = large(TAIL);
    expectFallback(
      input,
      merged(
        input,
        rewriteBlock((block) => block.replace('port: 4318', 'port: 4317')),
      ),
    );
  });

  it('throws away a block with a line left of its column, even one that reads back as nothing', () => {
    const input = large(TAIL);
    // `  ab` is shorter than the block's column: cut at the column it is empty, but in the file it is a key of
    // meshConfig without a value, which breaks the file.
    expectFallback(
      input,
      merged(
        input,
        rewriteBlock((block) => `${block}  ab\n`),
      ),
    );
  });

  it('throws away a block glued to the end of the line before it', () => {
    const input = large(TAIL);
    const glued: Reshape = ({ text, edit, ...rest }) => ({
      ...rest,
      text: text.slice(0, edit!.start - 1) + text.slice(edit!.start),
      edit: { ...edit!, start: edit!.start - 1 },
    });
    expectFallback(input, merged(input, glued));
  });

  it('throws away a block that does not end its last line, so the next line is glued to it', () => {
    // The next line, `envVarFrom: []`, would become `  envVarFrom: []`: a key of meshConfig instead of the top level.
    const input = large('envVarFrom: []\n');
    expectFallback(
      input,
      merged(
        input,
        rewriteBlock((block) => `${block}  `),
      ),
    );
  });

  it('throws away a block put inside the last provider, whose next line is indented deeper', () => {
    const input = large(TAIL);
    const inside: Reshape = ({ edit, ...rest }) => {
      const at = input.lastIndexOf('      zipkin:\n');
      return {
        ...rest,
        text: input.slice(0, at) + edit!.inserted + input.slice(at),
        edit: { ...edit!, start: at, end: at },
      };
    };
    expectFallback(input, merged(input, inside));
  });
});

describe('the local check of an in-place edit in a file beyond 256 KiB', () => {
  const LIST = `meshConfig:\n  accessLogFile: /dev/stdout\n  extensionProviders:\n${Array.from({ length: 20 }, (_, i) => ENTRY(i)).join('')}`;
  const TAIL = '  # end\nenvVarFrom: []\n';
  /** Helm values of exactly `size` characters: a long comment makes the size, 20 providers the list. */
  const sized = (size: number, tail = TAIL) => {
    const rest = `\n${LIST}${tail}`;
    return `# ${'n'.repeat(size - 2 - rest.length)}${rest}`;
  };
  const LIMIT = 256 * 1024;
  const NOTE =
    'Your layout could not be edited in place, so spacing in the merged file was normalised; keys, order and comments are kept.';

  /** The editor's text is right, but its account of what it inserted names another provider. */
  const wrongAccount: Reshape = ({ edit, ...rest }) => ({
    ...rest,
    edit: { ...edit!, expected: [{ ...ours, name: 'someone-else' }] },
  });
  /** The merge came out of the Document API fallback, with the right data and exactly the note that says so. */
  function expectExactFallback(input: string, result: MergeSuccess): void {
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
    expectExactFallback(input, merged(input, wrongAccount));
  });

  it('re-reads a file of exactly 256 KiB in full instead: the text is right, so the in-place edit is kept', () => {
    const input = sized(LIMIT);
    expect(input.length).toBe(LIMIT);
    const result = merged(input, wrongAccount);
    expect(result.normalized).toBe(false);
    expect(result.notes).toEqual([]);
    expect(result.merged.startsWith(input.slice(0, input.indexOf(TAIL)))).toBe(true);
  });

  it('keeps a block holding a line of only spaces, fewer than its column: that line is blank, not left of the block', () => {
    const input = sized(LIMIT + 100);
    const result = merged(
      input,
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
      rewriteBlock((block) => block.replace('timeout: 10s', 'timeout: [10s')),
    );
    expectExactFallback(input, result);
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
    expectExactFallback(input, merged(input, inside));
  });
});
