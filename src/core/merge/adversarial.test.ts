import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parseAllDocuments, visit, type Node } from 'yaml';
import { model } from '../__fixtures__/models';
import type { Model } from '../model';
import { ADVERSARIAL_CORPUS } from './__corpus__/adversarial';
import { mergeIntoExistingMeshConfig, type MergeSuccess } from './merge-provider';
import { runs } from '../../test-setup/runs';

/*
 * Issue 11's adversarial corpus and paste fuzzing, with the same checks for every input that merges:
 * one document, its data = the input's data + the provider, comments kept, no line outside the edit
 * changed unless announced, and merging again changes nothing. Refusals carry their code.
 */

const operator = model();
const secret = model({ mode: 'standalone', token: { storage: 'istiod-env' }, istio: { version: '1.28' } });
const OURS = new Set(['dynatrace-otel', 'DYNATRACE_API_TOKEN']);

/** The data of the only non-empty document; a ConfigMap's data.mesh is read as the mesh it holds. */
function dataOf(text: string): unknown {
  const docs = parseAllDocuments(text.replace(/^\uFEFF/, ''), { version: '1.1', uniqueKeys: false, logLevel: 'error' });
  // No alias limit here: the reader has already bounded the expansion of anything it accepted (bounds.ts), and
  // yaml's default limit (100) is lower than the reader's, so it would reject inputs the app rightly merges.
  const nonEmpty = (Array.isArray(docs) ? docs : []).filter(
    (doc) => doc.contents !== null && doc.toJS({ maxAliasCount: -1 }) !== null,
  );
  expect(nonEmpty).toHaveLength(1);
  const data = nonEmpty[0]!.toJS({ maxAliasCount: -1 }) as Record<string, any>;
  if (data?.kind === 'ConfigMap' && typeof data.data?.mesh === 'string') {
    data.data.mesh = dataOf(data.data.mesh.trim() === '' ? '{}' : data.data.mesh);
  }
  return data;
}

/**
 * The data without our provider and env var (the first of that name in a list: the one a merge
 * replaces) and, given the data before, without the containers the merge created for them.
 */
function withoutOurs(value: unknown, before?: unknown, compareTo = before !== undefined): unknown {
  if (Array.isArray(value)) {
    // Every item of our name: a merge leaves exactly one (istiod keeps one per name, facts §12).
    const rest = value.filter(
      (item) => !(item && typeof item === 'object' && OURS.has((item as { name?: unknown }).name as string)),
    );
    // `extensionProviders:` with no value becomes a list holding only the provider.
    if (compareTo && before === null && rest.length === 0) return null;
    return rest.map((item) => withoutOurs(item, undefined, false));
  }
  if (value && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    const old = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
    for (const [key, child] of Object.entries(value)) {
      const stripped = withoutOurs(child, old[key], compareTo);
      const empty = (Array.isArray(stripped) && stripped.length === 0) || isEmptyObject(stripped);
      if (compareTo && empty && !(key in old)) continue;
      result[key] = stripped;
    }
    // `meshConfig:` with no value becomes a map holding only the provider.
    if (compareTo && before === null && isEmptyObject(result)) return null;
    return result;
  }
  return value;
}

const isEmptyObject = (value: unknown) =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;

function countOurProvider(value: unknown): number {
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + countOurProvider(item), 0);
  if (value && typeof value === 'object') {
    const own = (value as { name?: unknown }).name === 'dynatrace-otel' && 'opentelemetry' in value ? 1 : 0;
    return own + Object.values(value).reduce<number>((sum, item) => sum + countOurProvider(item), 0);
  }
  return 0;
}

/**
 * The comments inside the provider a merge replaces: the first list item named dynatrace-otel under an
 * `extensionProviders` key, also inside a ConfigMap's data.mesh text. The merge announces that they go with it
 * (finding provider-replaced), so they are the only comments of the input the merged text may lack.
 */
function commentsInsideReplaced(text: string): string[] {
  for (const doc of parseAllDocuments(text, { version: '1.1', uniqueKeys: false, logLevel: 'silent' })) {
    if (!('contents' in doc)) continue;
    let found: string[] | undefined;
    visit(doc, {
      Pair(_, pair) {
        if (found || !isScalar(pair.key)) return;
        if (pair.key.value === 'mesh' && isScalar(pair.value) && typeof pair.value.value === 'string') {
          found = commentsInsideReplaced(pair.value.value);
          if (found.length === 0) found = undefined;
          return;
        }
        if (pair.key.value !== 'extensionProviders' || !isSeq(pair.value)) return;
        const item = pair.value.items.find(
          (entry): entry is Node => isMap(entry) && entry.get('name') === 'dynatrace-otel',
        );
        if (item?.range) found = text.slice(item.range[0], item.range[2]).match(/(?:^|\s)#.*$/gm) ?? [];
        if (found) return visit.BREAK;
      },
    });
    if (found) return found.map((comment) => comment.trim());
  }
  return [];
}

function checkMerge(input: string, result: MergeSuccess, m: Model, idempotence = true) {
  const before = dataOf(input.replace(/\r\n?/g, '\n'));
  const after = dataOf(result.merged);
  // The input's data plus the provider: nothing of the user's lost or changed.
  expect(withoutOurs(after, before)).toEqual(withoutOurs(before));
  expect(countOurProvider(after)).toBeGreaterThanOrEqual(1);
  const normalizedInput = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const mergedLines = result.merged
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  if (!result.normalized && !result.notes.some((note) => /JSON/.test(note))) {
    // Comments kept, and every line outside the edit unchanged, in order.
    const changed = result.replaced !== undefined;
    let cursor = 0;
    const lines = normalizedInput.split('\n');
    for (const line of mergedLines) if (line === lines[cursor]) cursor++;
    if (!changed) expect(cursor).toBe(lines.length);
    const replacedComments = new Set(changed ? commentsInsideReplaced(normalizedInput) : []);
    for (const comment of normalizedInput.match(/(?:^|\s)#.*$/gm) ?? [])
      if (!replacedComments.has(comment.trim())) expect(result.merged).toContain(comment.trim());
  }
  if (!idempotence) return;
  const again = mergeIntoExistingMeshConfig(result.merged, m);
  if (!again.ok) throw new Error(`second merge refused: ${again.problem.code} ${again.problem.message}`);
  expect(again.merged).toBe(result.merged);
}

describe('the adversarial corpus (issue 11)', () => {
  it.each(ADVERSARIAL_CORPUS.map((entry) => [entry.name, entry] as const))('%s', (_, entry) => {
    const m = entry.model === 'standalone-secret' ? secret : operator;
    const input = entry.text();
    const result = mergeIntoExistingMeshConfig(input, m);
    if ('refused' in entry.expect) {
      if (result.ok) throw new Error(`expected ${entry.expect.refused}, but it merged`);
      expect(result.problem.code).toBe(entry.expect.refused);
      expect(result.problem.message.length).toBeGreaterThan(20);
      return;
    }
    if (!result.ok) throw new Error(`${result.problem.code}: ${result.problem.message}`);
    if (entry.expect.note) expect(result.notes.join('\n')).toMatch(entry.expect.note);
    if (entry.expect.finding)
      expect(result.findings.map((finding) => finding.id).join(' ')).toMatch(entry.expect.finding);
    if (entry.expect.normalized !== undefined) expect(result.normalized).toBe(entry.expect.normalized);
    if (input.length < 200_000) checkMerge(input, result, m);
  });
});

describe('1,000 random pastes (issue 11)', () => {
  const fixtures = ['istio-operator.yaml', 'helm-values.yaml', 'configmap.yaml', 'bare-mesh-config.yaml'].map((name) =>
    readFileSync(join(__dirname, '__fixtures__', name), 'utf8'),
  );
  const small = ADVERSARIAL_CORPUS.map((entry) => entry.text()).filter((text) => text.length < 4000);
  const seeds = [...fixtures, ...small];
  const yamlish = fc.constantFrom(
    ...'\n\r\t -:#&*!|>[]{},"\'?<%@`~\\\uFEFF\uFFFD0123456789abcxyz'.split(''),
    '---\n',
    '<<: *a\n',
    '  - ',
    '{{ x }}',
  );
  const edit = fc.tuple(fc.nat(), fc.nat(6), fc.array(yamlish, { minLength: 0, maxLength: 4 }));
  const paste = fc
    .tuple(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 4 }))
    .map(([seed, edits]) =>
      edits.reduce((text, [at, removed, inserted]) => {
        const index = at % (text.length + 1);
        return text.slice(0, index) + inserted.join('') + text.slice(index + removed);
      }, seed),
    );

  it('every paste is merged (passing every check) or refused with a code; nothing throws', () => {
    const codes = new Map<string, number>();
    fc.assert(
      fc.property(paste, fc.nat(3), (text, variant) => {
        const useSecret = variant % 2 === 1;
        const m = useSecret ? secret : operator;
        const result = mergeIntoExistingMeshConfig(text, m);
        const key = result.ok ? 'merged' : result.problem.code;
        codes.set(key, (codes.get(key) ?? 0) + 1);
        if (!result.ok) {
          expect(result.problem.message.length).toBeGreaterThan(10);
          expect(result.problem.code).not.toBe('MERGE_UNSAFE');
          return;
        }
        // Merging twice costs a second merge: every fourth paste is checked for it (250 per run).
        checkMerge(text, result, m, variant === 3);
      }),
      { numRuns: runs(1_000) },
    );
    // The fuzzing reaches both outcomes, not only refusals: one in ten merged (100 of 1,000; of the capped count
    // under `npm run mutate`).
    expect(codes.get('merged') ?? 0).toBeGreaterThan(runs(1_000) / 10);
  });

  it('merges a paste whose replaced provider held a comment (it goes with the provider, as announced)', () => {
    // Found by the fuzzing above (seed 378453331): a comment line inside the same-named provider it replaces.
    const text =
      'meshConfig:\n  extensionProviders:\n  - yname: dynatrace-otel\n    zipkin:\n      service: a.b.svc\n      port: 9411\n' +
      '  - name: dynatrace-otel\n    zipkin:\n#- \n\n\n      service: a.b.svc\n      port: 9411\n';
    const result = mergeIntoExistingMeshConfig(text, operator);
    if (!result.ok) throw new Error(`refused: ${result.problem.code}`);
    expect(result.replaced).toBeDefined();
    expect(commentsInsideReplaced(text)).toEqual(['#-']);
    checkMerge(text, result, operator, true);
  });

  it('merges a paste whose aliases expand to more than yaml’s default limit but less than the reader’s', () => {
    // Found by the fuzzing above (as it was shrunk): nine levels of aliases, cut short by two plain scalars, expand
    // to about 50,000 items, under the reader's bound but over yaml's default alias limit.
    const text =
      'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n' +
      'd: &d 4[*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n' +
      'f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n' +
      'h: &h [*g,z`>*g, *g, *g, *g, *g, *g, *g, *g]\ni: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\nmeshConfig: {x: *i}\n';
    const result = mergeIntoExistingMeshConfig(text, operator);
    if (!result.ok) throw new Error(`refused: ${result.problem.code}`);
    checkMerge(text, result, operator, true);
  });
});
