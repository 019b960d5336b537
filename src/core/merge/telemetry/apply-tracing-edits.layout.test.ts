import { describe, expect, it } from 'vitest';
import { applyTracingEdits } from './apply-tracing-edits';
import type { TracingEdit } from './tracing-edit';

/*
 * The plan applied to the user's text: in place, a `- name: …` line above the first provider at its column and
 * nothing else touched; where the layout cannot be edited in place, through the yaml Document API, and said so.
 */

const OURS = 'dynatrace-otel';
const HEAD = 'kind: Telemetry\nspec:\n';
const putFirst = (entry: number, removeIndex?: number): TracingEdit => ({
  kind: 'put-first',
  entry,
  ...(removeIndex === undefined ? {} : { removeIndex }),
  displaced: [],
});
const apply = (text: string, edits: TracingEdit[], inPlace = true) => applyTracingEdits(text, OURS, edits, inPlace);

describe('editing the providers list in place', () => {
  it('inserts ours above the first provider, at its column, with the list’s own indentation', () => {
    expect(apply(`${HEAD}  tracing:\n  - providers:\n    - name: zipkin\n`, [putFirst(0)])).toEqual({
      text: `${HEAD}  tracing:\n  - providers:\n    - name: ${OURS}\n    - name: zipkin\n`,
      normalized: false,
    });
    expect(apply(`${HEAD}  tracing:\n    - providers:\n        - name: zipkin\n`, [putFirst(0)])).toEqual({
      text: `${HEAD}  tracing:\n    - providers:\n        - name: ${OURS}\n        - name: zipkin\n`,
      normalized: false,
    });
  });

  it('keeps a flow map item and trailing spaces after a key as they are', () => {
    expect(apply(`${HEAD}  tracing:\n  - providers:\n    - {name: zipkin}\n`, [putFirst(0)]).text).toBe(
      `${HEAD}  tracing:\n  - providers:\n    - name: ${OURS}\n    - {name: zipkin}\n`,
    );
    const text = `${HEAD}  tracing:\n  - providers: \n    - name: zipkin\n  - providers:\n    - - name: q\n`;
    expect(apply(text, [putFirst(0)])).toEqual({
      text: `${HEAD}  tracing:\n  - providers: \n    - name: ${OURS}\n    - name: zipkin\n  - providers:\n    - - name: q\n`,
      normalized: false,
    });
  });

  it('finds the item’s dash when it stands alone on its line, or when the item’s first key has a dash in it', () => {
    expect(apply(`${HEAD}  tracing:\n  - providers:\n    -\n      name: zipkin\n`, [putFirst(0)])).toEqual({
      text: `${HEAD}  tracing:\n  - providers:\n    - name: ${OURS}\n    -\n      name: zipkin\n`,
      normalized: false,
    });
    expect(apply(`${HEAD}  tracing:\n  - providers:\n    - x-y: 1\n      name: zipkin\n`, [putFirst(0)])).toEqual({
      text: `${HEAD}  tracing:\n  - providers:\n    - name: ${OURS}\n    - x-y: 1\n      name: zipkin\n`,
      normalized: false,
    });
  });

  it('removes ours from further down, whole lines only, also as the last line without a newline', () => {
    const last = `${HEAD}  tracing:\n  - providers:\n    - name: zipkin\n    - name: ${OURS}`;
    expect(apply(last, [putFirst(0, 1)])).toEqual({
      text: `${HEAD}  tracing:\n  - providers:\n    - name: ${OURS}\n    - name: zipkin\n`,
      normalized: false,
    });
    const multiLine = `${HEAD}  tracing:\n  - providers:\n    - name: zipkin\n    - name: ${OURS}\n      extra: 1\n  - providers:\n    - name: x\n`;
    expect(apply(multiLine, [putFirst(0, 1)]).text).toBe(
      `${HEAD}  tracing:\n  - providers:\n    - name: ${OURS}\n    - name: zipkin\n  - providers:\n    - name: x\n`,
    );
  });

  it('edits each planned entry and skips the ones already first', () => {
    const text = `${HEAD}  tracing:\n  - providers:\n    - name: a\n  - match: {mode: SERVER}\n  - providers:\n    - name: b\n    - name: ${OURS}\n`;
    expect(apply(text, [putFirst(0), { kind: 'already-first', entry: 1 }, putFirst(2, 1)])).toEqual({
      text: `${HEAD}  tracing:\n  - providers:\n    - name: ${OURS}\n    - name: a\n  - match: {mode: SERVER}\n  - providers:\n    - name: ${OURS}\n    - name: b\n`,
      normalized: false,
    });
    const first = `${HEAD}  tracing:\n  - providers:\n    - name: ${OURS}\n`;
    expect(apply(first, [{ kind: 'already-first', entry: 0 }])).toEqual({ text: first, normalized: false });
  });

  it('appends an entry in place to a block map', () => {
    expect(
      apply(`${HEAD}  metrics: []\n`, [{ kind: 'append-entry', tracing: { providers: [{ name: OURS }] } }]),
    ).toEqual({
      text: `${HEAD}  metrics: []\n  tracing:\n    - providers:\n        - name: ${OURS}\n`,
      normalized: false,
    });
  });
});

describe('what goes through the Document API, and is said to be normalised', () => {
  it('a scalar item, an item whose dash is followed by a comment, a flow or empty list', () => {
    expect(apply(`${HEAD}  tracing:\n  - providers:\n    - zipkin\n`, [putFirst(0)])).toEqual({
      text: `${HEAD}  tracing:\n  - providers:\n    - name: ${OURS}\n    - zipkin\n`,
      normalized: true,
    });
    expect(apply(`${HEAD}  tracing:\n  - providers:\n    -  # c\n      name: zipkin\n`, [putFirst(0)])).toEqual({
      text: `${HEAD}  tracing:\n  - providers:\n    - name: ${OURS}\n    # c\n    - name: zipkin\n`,
      normalized: true,
    });
    expect(apply(`${HEAD}  tracing:\n  - providers: [{name: zipkin}, {name: ${OURS}}]\n`, [putFirst(0, 1)])).toEqual({
      text: `${HEAD}  tracing:\n  - providers: [ { name: ${OURS} }, { name: zipkin } ]\n`,
      normalized: true,
    });
    expect(apply(`${HEAD}  tracing:\n  - providers: []\n`, [putFirst(0)]).normalized).toBe(true);
  });

  it('a removal of ours where its dash is followed by a comment (the item’s lines cannot be told apart)', () => {
    const text = `${HEAD}  tracing:\n  - providers:\n    - name: zipkin\n    -  # ours\n      name: ${OURS}\n`;
    expect(apply(text, [putFirst(0, 1)])).toEqual({
      text: `${HEAD}  tracing:\n  - providers:\n    - name: ${OURS}\n    - name: zipkin\n`,
      normalized: true,
    });
  });

  it('everything when not editing in place, keeping the list’s indentation (indented or not)', () => {
    expect(apply(`${HEAD}  tracing:\n  - providers:\n    - name: zipkin\n`, [putFirst(0)], false)).toEqual({
      text: `${HEAD}  tracing:\n  - providers:\n    - name: ${OURS}\n    - name: zipkin\n`,
      normalized: true,
    });
    expect(apply(`${HEAD}  tracing:\n    - providers:\n        - name: zipkin\n`, [putFirst(0)], false)).toEqual({
      text: `${HEAD}  tracing:\n    - providers:\n        - name: ${OURS}\n        - name: zipkin\n`,
      normalized: true,
    });
    expect(
      apply(`${HEAD}  tracing: []\n`, [{ kind: 'append-entry', tracing: { providers: [{ name: OURS }] } }]),
    ).toEqual({ text: `${HEAD}  tracing: [ { providers: [ { name: ${OURS} } ] } ]\n`, normalized: true });
  });

  it('appends through the Document API when not editing in place, and says so', () => {
    const text = `${HEAD}  tracing:\n  - randomSamplingPercentage: 1\n`;
    const entry: TracingEdit = { kind: 'append-entry', tracing: { providers: [{ name: OURS }] } };
    const appended = `${HEAD}  tracing:\n  - randomSamplingPercentage: 1\n  - providers:\n    - name: ${OURS}\n`;
    expect(apply(text, [entry], false)).toEqual({ text: appended, normalized: true });
    expect(apply(text, [entry], true)).toEqual({ text: appended, normalized: false });
  });

  it('leaves an entry without a providers list as it is (the plan never asks for it)', () => {
    expect(apply(`${HEAD}  tracing:\n  - match: {}\n`, [putFirst(0)])).toEqual({
      text: `${HEAD}  tracing:\n  - match: {}\n`,
      normalized: true,
    });
  });

  it('stays normalised once one edit was, whatever the later edits do', () => {
    const text = `${HEAD}  tracing:\n  - providers: [{name: zipkin}]\n  - providers:\n    - name: b\n`;
    const result = apply(text, [putFirst(0), putFirst(1)]);
    expect(result.normalized).toBe(true);
    expect(result.text).toBe(
      `${HEAD}  tracing:\n  - providers: [ { name: ${OURS} }, { name: zipkin } ]\n  - providers:\n    - name: ${OURS}\n    - name: b\n`,
    );
    const appended = apply(`${HEAD}  tracing: []\n`, [
      { kind: 'append-entry', tracing: { providers: [{ name: OURS }] } },
      { kind: 'already-first', entry: 0 },
    ]);
    expect(appended.normalized).toBe(true);
  });
});
