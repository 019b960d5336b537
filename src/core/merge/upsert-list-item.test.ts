import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { detectIndentStyle, readSingleDocument, renderListItem, upsertListItem } from './upsert-list-item';
import { runs } from '../../test-setup/runs';

/*
 * upsertListItem puts one named item into a list inside the user's YAML, editing their text in place. These tests
 * drive it through its exported functions only, with the path the merge uses (meshConfig.extensionProviders).
 */

const PATH = [['meshConfig'], ['extensionProviders', 'extension_providers']] as const;
const PROVIDER = {
  name: 'dynatrace-otel',
  opentelemetry: { port: 4318, service: 'ingest.dynatrace.svc.cluster.local' },
};
const read = (text: string) => parse(text, { version: '1.1' }) as { meshConfig: { extensionProviders: unknown[] } };
const style = (text: string) => detectIndentStyle(parseDocument(text, { version: '1.1' }), text);

describe('detectIndentStyle', () => {
  it('reads the step between a key and its nested keys, and where list dashes sit', () => {
    expect(style('a:\n    b:\n        c: 1\n    list:\n        - x\n')).toEqual({ indent: 4, seqOffset: 4 });
    expect(style('a:\n  b: 1\n  list:\n  - x\n')).toEqual({ indent: 2, seqOffset: 0 });
    expect(style('a:\n   b: 1\n   list:\n     - x\n')).toEqual({ indent: 3, seqOffset: 2 });
  });

  it('falls back to two spaces, lists indented, when the text shows neither', () => {
    expect(style('a: 1\nb: two\n')).toEqual({ indent: 2, seqOffset: 2 });
    expect(style('a: {b: 1}\nlist: [x, y]\n')).toEqual({ indent: 2, seqOffset: 2 });
  });

  it('learns the list offset even where the map indent is unknown, and the other way round', () => {
    expect(style('list:\n- x\n')).toEqual({ indent: 2, seqOffset: 0 });
    expect(style('a:\n    b: 1\n')).toEqual({ indent: 4, seqOffset: 4 });
  });
});

describe('upsertListItem', () => {
  it('appends a new item in the document’s own indentation, keeping every byte before and after it', () => {
    const text = [
      '# the mesh',
      'meshConfig:',
      '    accessLogFile: /dev/stdout   # keep me',
      '    extensionProviders:',
      '        -   name: zipkin',
      '            zipkin: {service: "zipkin.istio-system", port: 9411}',
      '    enableTracing: true',
      '',
    ].join('\n');
    const result = upsertListItem(text, PATH, PROVIDER.name, PROVIDER);
    expect(result.normalized).toBe(false);
    expect(result.replaced).toBeUndefined();
    const cut = text.indexOf('    enableTracing');
    expect(result.text.startsWith(text.slice(0, cut))).toBe(true);
    expect(result.text.endsWith(text.slice(cut))).toBe(true);
    expect(result.text.slice(cut, result.text.length - (text.length - cut))).toBe(
      [
        '        - name: dynatrace-otel',
        '          opentelemetry:',
        '              port: 4318',
        '              service: ingest.dynatrace.svc.cluster.local',
        '',
      ].join('\n'),
    );
    expect(read(result.text).meshConfig.extensionProviders).toEqual([
      { name: 'zipkin', zipkin: { service: 'zipkin.istio-system', port: 9411 } },
      PROVIDER,
    ]);
  });

  it('replaces the item with the same name where it stands, and says what it was', () => {
    const text = [
      'meshConfig:',
      '  extensionProviders:',
      '  - name: first',
      '    zipkin: {service: a.b, port: 1}',
      '  - name: dynatrace-otel   # old',
      '    opentelemetry: {service: old.example, port: 80}',
      '  - name: last',
      '    zipkin: {service: c.d, port: 2}',
      '',
    ].join('\n');
    const result = upsertListItem(text, PATH, PROVIDER.name, PROVIDER);
    expect(result.normalized).toBe(false);
    expect(result.replaced).toEqual({ name: 'dynatrace-otel', opentelemetry: { service: 'old.example', port: 80 } });
    expect(result.text).toContain('  - name: first\n    zipkin: {service: a.b, port: 1}\n  - name: dynatrace-otel\n');
    expect(result.text.endsWith('  - name: last\n    zipkin: {service: c.d, port: 2}\n')).toBe(true);
    expect(read(result.text).meshConfig.extensionProviders.map((item) => (item as { name: string }).name)).toEqual([
      'first',
      'dynatrace-otel',
      'last',
    ]);
  });

  it('adds the keys that are missing, at the end of the map, without touching the rest', () => {
    const text = 'meshConfig:\n  accessLogFile: /dev/stdout\n  # trailing comment stays\n';
    const result = upsertListItem(text, PATH, PROVIDER.name, PROVIDER);
    expect(result.normalized).toBe(false);
    expect(result.text.startsWith('meshConfig:\n  accessLogFile: /dev/stdout\n')).toBe(true);
    expect(result.text).toContain('# trailing comment stays');
    expect(read(result.text).meshConfig).toEqual({ accessLogFile: '/dev/stdout', extensionProviders: [PROVIDER] });
  });

  it('re-renders flow-style lists with the Document API, says so, and still keeps the other items', () => {
    const text = 'meshConfig:\n  extensionProviders: [{name: zipkin, zipkin: {service: a.b, port: 1}}]\n';
    const result = upsertListItem(text, PATH, PROVIDER.name, PROVIDER);
    expect(result.normalized).toBe(true);
    expect(read(result.text).meshConfig.extensionProviders).toEqual([
      { name: 'zipkin', zipkin: { service: 'a.b', port: 1 } },
      PROVIDER,
    ]);
  });

  it('falls back for an empty list value and for a document that is not a map', () => {
    const empty = upsertListItem('meshConfig:\n  extensionProviders:\n', PATH, PROVIDER.name, PROVIDER);
    expect(empty.normalized).toBe(true);
    expect(read(empty.text).meshConfig.extensionProviders).toEqual([PROVIDER]);
    const scalar = upsertListItem('just text\n', PATH, PROVIDER.name, PROVIDER);
    expect(scalar.normalized).toBe(true);
    expect(read(scalar.text).meshConfig.extensionProviders).toEqual([PROVIDER]);
  });

  it('finds the list under its snake_case name too', () => {
    const text = 'meshConfig:\n  extension_providers:\n  - name: zipkin\n    zipkin: {service: a.b, port: 1}\n';
    const result = upsertListItem(text, PATH, PROVIDER.name, PROVIDER);
    expect(result.normalized).toBe(false);
    expect(
      (parse(result.text) as { meshConfig: Record<string, unknown[]> }).meshConfig.extension_providers,
    ).toHaveLength(2);
  });

  it('edits in place in any indentation, keeping that indentation and every other item', () => {
    const names = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        names,
        fc.boolean(),
        (indent, indentSeq, existing, reuse) => {
          const pad = ' '.repeat(indent);
          const dash = indentSeq ? pad + pad : pad;
          const items = existing.map((name) => `${dash}- name: "${name}"\n${dash}  zipkin: {service: a.b, port: 1}\n`);
          const text = `meshConfig:\n${pad}trustDomain: cluster.local\n${pad}extensionProviders:\n${items.join('')}`;
          const name = reuse ? existing[0]! : 'dynatrace-otel';
          const result = upsertListItem(text, PATH, name, { ...PROVIDER, name });
          expect(result.normalized).toBe(false);
          expect(style(result.text)).toEqual(style(text));
          const after = read(result.text).meshConfig.extensionProviders as { name: string }[];
          expect(after.map((item) => item.name)).toEqual(reuse ? existing : [...existing, name]);
          expect(after.find((item) => item.name === name)).toEqual({ ...PROVIDER, name });
        },
      ),
      { numRuns: runs(100) },
    );
  });
});

const ITEM = { name: 'dt', opentelemetry: { port: 4318 } };
const ITEM_LINES = (pad: string) => `${pad}- name: dt\n${pad}  opentelemetry:\n${pad}    port: 4318\n`;

describe('upsertListItem: in place, byte for byte', () => {
  it('appends after the last item also when the text has no final newline, and only adds', () => {
    const text = 'meshConfig:\n  extensionProviders:\n  - name: a';
    const result = upsertListItem(text, PATH, 'dt', ITEM);
    expect(result).toMatchObject({ normalized: false, text: `${text}\n${ITEM_LINES('  ')}` });
    expect(result.replaced).toBeUndefined();
    expect(result.edit).toEqual({
      start: text.length,
      end: text.length,
      inserted: `\n${ITEM_LINES('  ')}`,
      column: 2,
      expected: [ITEM],
    });
  });

  it('replaces exactly the lines of the same-named item, the last one too, and returns it', () => {
    const text = 'meshConfig:\n  extensionProviders:\n  - name: dt\n    x: 1';
    const result = upsertListItem(text, PATH, 'dt', ITEM);
    expect(result).toMatchObject({ normalized: false, replaced: { name: 'dt', x: 1 } });
    expect(result.text).toBe(`meshConfig:\n  extensionProviders:\n${ITEM_LINES('  ')}`);
    expect(result.edit).toMatchObject({ start: 34, end: text.length, column: 2, expected: [ITEM] });
  });

  it('skips list items that are not maps when looking for the name, and keeps them', () => {
    const text = 'meshConfig:\n  extensionProviders:\n  - dt\n  - name: b\n';
    const result = upsertListItem(text, PATH, 'dt', ITEM);
    expect(result.text).toBe(`${text}${ITEM_LINES('  ')}`);
    expect(result.replaced).toBeUndefined();
  });

  it('reads the one document of a text with empty ones around it, and keeps the separators', () => {
    const trailing = 'meshConfig:\n  extensionProviders:\n  - name: a\n---\n';
    expect(upsertListItem(trailing, PATH, 'dt', ITEM)).toMatchObject({
      normalized: false,
      text: `meshConfig:\n  extensionProviders:\n  - name: a\n${ITEM_LINES('  ')}---\n`,
    });
    const leading = '---\n---\nmeshConfig:\n  extensionProviders:\n  - name: a\n';
    expect(upsertListItem(leading, PATH, 'dt', ITEM)).toMatchObject({
      normalized: false,
      text: `${leading}${ITEM_LINES('  ')}`,
    });
  });

  it('adds every missing level, each one indent deeper, after the map’s last key and its nested lines', () => {
    const text = 'spec:\n  profile: default\n';
    const result = upsertListItem(text, [['spec'], ['meshConfig'], ['extensionProviders']], 'dt', ITEM);
    expect(result.normalized).toBe(false);
    expect(result.text).toBe(`${text}  meshConfig:\n    extensionProviders:\n${ITEM_LINES('      ')}`);
    expect(result.edit).toMatchObject({
      start: text.length,
      column: 2,
      expected: { meshConfig: { extensionProviders: [ITEM] } },
    });
    const nested = 'meshConfig:\n  a:\n    b: 1\nother: 2\n';
    expect(upsertListItem(nested, PATH, 'dt', ITEM).text).toBe(
      `meshConfig:\n  a:\n    b: 1\n  extensionProviders:\n${ITEM_LINES('    ')}other: 2\n`,
    );
    const unterminated = 'meshConfig:\n  a: 1';
    expect(upsertListItem(unterminated, PATH, 'dt', ITEM).text).toBe(
      `${unterminated}\n  extensionProviders:\n${ITEM_LINES('    ')}`,
    );
  });

  it('quotes strings YAML 1.1 would read as something else, in the item it writes', () => {
    const text = 'meshConfig:\n  extensionProviders:\n  - name: a\n';
    const item = { name: 'yes', v: '0755', w: 'on' };
    const result = upsertListItem(text, PATH, 'yes', item);
    expect(result.text).toBe(`${text}  - name: "yes"\n    v: "0755"\n    w: "on"\n`);
    expect(read(result.text).meshConfig.extensionProviders[1]).toEqual(item);
    const fallback = upsertListItem('meshConfig: {}\n', PATH, 'yes', item);
    expect(fallback.normalized).toBe(true);
    expect(read(fallback.text).meshConfig.extensionProviders).toEqual([item]);
  });
});

describe('upsertListItem: the Document API where the text cannot be edited in place', () => {
  it('is used when asked for, even where an in-place edit would work, and says so', () => {
    const text = 'meshConfig:\n  extensionProviders:\n  - name: a\n';
    const result = upsertListItem(text, PATH, 'dt', ITEM, { inPlace: false });
    expect(result).toMatchObject({ normalized: true, text: `${text}${ITEM_LINES('  ')}` });
    expect(result.edit).toBeUndefined();
  });

  it('replaces a scalar, a null or a map where a map or the list belongs, and keeps the other keys', () => {
    for (const text of [
      'meshConfig: text\n',
      'meshConfig:\n  extensionProviders: ~\n',
      'meshConfig:\n  extensionProviders: {a: 1}\n',
      '',
    ]) {
      const result = upsertListItem(text, PATH, 'dt', ITEM);
      expect(result.normalized, text).toBe(true);
      expect(read(result.text), text).toEqual({ meshConfig: { extensionProviders: [ITEM] } });
    }
    const flow = upsertListItem('meshConfig: {a: 1}\n', PATH, 'dt', ITEM);
    expect(read(flow.text)).toEqual({ meshConfig: { a: 1, extensionProviders: [ITEM] } });
  });

  it('replaces the same-named item of a flow list in its place and returns it', () => {
    const result = upsertListItem(
      'meshConfig:\n  extensionProviders: [{name: dt, x: 1}, {name: b}]\n',
      PATH,
      'dt',
      ITEM,
    );
    expect(result.replaced).toEqual({ name: 'dt', x: 1 });
    expect(read(result.text).meshConfig.extensionProviders).toEqual([ITEM, { name: 'b' }]);
  });

  it('keeps the document’s indentation: list dashes at the key’s column stay there', () => {
    const text = 'meshConfig:\n  list:\n  - x\n  extensionProviders:\n  - name: a\n';
    expect(upsertListItem(text, PATH, 'dt', ITEM, { inPlace: false }).text).toBe(`${text}${ITEM_LINES('  ')}`);
    const indented = 'meshConfig:\n  list:\n    - x\n  extensionProviders:\n    - name: a\n';
    expect(upsertListItem(indented, PATH, 'dt', ITEM, { inPlace: false }).text).toBe(
      `${indented}${ITEM_LINES('    ')}`,
    );
  });
});

describe('readSingleDocument and renderListItem', () => {
  it('reads the one document with aliases expanded, and throws on a broken one', () => {
    expect(readSingleDocument('---\n---\na: &x 1\nb: *x\n---\n')).toEqual({ a: 1, b: 1 });
    expect(() => readSingleDocument('a: [\n')).toThrow(/Flow sequence/);
  });

  it('renders `- item` at the column, in the given indentation, ending in one newline', () => {
    expect(renderListItem({ name: 'a', m: { k: 'v' } }, { indent: 4, seqOffset: 0 }, 3)).toBe(
      '   - name: a\n     m:\n         k: v\n',
    );
    expect(renderListItem({ name: 'a', l: ['x'] }, { indent: 2, seqOffset: 2 }, 0)).toBe('- name: a\n  l:\n    - x\n');
    expect(renderListItem({ name: 'a', l: ['x'] }, { indent: 2, seqOffset: 0 }, 0)).toBe('- name: a\n  l:\n  - x\n');
  });
});

describe('detectIndentStyle: what it does not take as the indentation', () => {
  it('a step of more than 8 columns, and a list at its key’s column is offset 0 (never negative)', () => {
    expect(style('a:\n          b: 1\n')).toEqual({ indent: 2, seqOffset: 2 });
    expect(style('a:\n  b:\n  - x\n')).toEqual({ indent: 2, seqOffset: 0 });
    expect(style('x: 1\na:\n      - y\n')).toEqual({ indent: 2, seqOffset: 6 });
  });

  it('the first nested map and the first block list decide; later ones do not change it', () => {
    expect(style('a:\n   b: 1\nc:\n     d: 1\nl:\n - x\nm:\n    - y\n')).toEqual({ indent: 3, seqOffset: 1 });
    expect(style('- a:\n    b: 1\n')).toEqual({ indent: 2, seqOffset: 2 });
    expect(style('top:\n  - a:\n      b: 1\n')).toEqual({ indent: 2, seqOffset: 2 });
  });
});

describe('upsertListItem: list items written in unusual ways', () => {
  it('appends after a last item that is empty, a scalar starting with a dash, or a dash alone on its line', () => {
    for (const last of ['  -\n', '  - -5\n', '  -\n    name: b\n    x: 1\n']) {
      const text = `meshConfig:\n  extensionProviders:\n  - name: a\n${last}`;
      const result = upsertListItem(text, PATH, 'dt', ITEM);
      expect(result.normalized, last).toBe(false);
      expect(result.text, last).toBe(`${text}${ITEM_LINES('  ')}`);
    }
  });

  it('falls back where a comment sits between the dash and the item (the comment goes with a replaced item)', () => {
    const append = upsertListItem('meshConfig:\n  extensionProviders:\n  - # c\n    name: a\n', PATH, 'dt', ITEM);
    expect(append.normalized).toBe(true);
    expect(read(append.text).meshConfig.extensionProviders).toEqual([{ name: 'a' }, ITEM]);
    const replace = upsertListItem('meshConfig:\n  extensionProviders:\n  - # c\n    name: dt\n', PATH, 'dt', ITEM);
    expect(replace).toMatchObject({ normalized: true, replaced: { name: 'dt' } });
    expect(read(replace.text).meshConfig.extensionProviders).toEqual([ITEM]);
  });

  it('adds a missing key after all nested lines of the map’s last value, not inside it', () => {
    const text = 'meshConfig:\n  a:\n    b: 1\n    c: 2\n';
    expect(upsertListItem(text, PATH, 'dt', ITEM).text).toBe(`${text}  extensionProviders:\n${ITEM_LINES('    ')}`);
  });

  it('renders an item with a multi-line value, blank lines included, so that it reads back the same', () => {
    const rendered = renderListItem({ name: 'a', note: 'x\n\ny' }, { indent: 2, seqOffset: 2 }, 2);
    expect(rendered).toBe('  - name: a\n    note: |-\n      x\n\n      y\n');
    expect(parse(rendered, { version: '1.1' })).toEqual([{ name: 'a', note: 'x\n\ny' }]);
  });
});

describe('detectIndentStyle: more layouts', () => {
  it('takes a step of exactly 8, not 9', () => {
    expect(style('a:\n        b: 1\n')).toEqual({ indent: 8, seqOffset: 8 });
    expect(style('a:\n         b: 1\n')).toEqual({ indent: 2, seqOffset: 2 });
  });

  it('keeps looking for the map step after finding the list offset first', () => {
    expect(style('list:\n- x\na:\n    b: 1\n')).toEqual({ indent: 4, seqOffset: 0 });
  });

  it('reads maps inside list items too', () => {
    expect(style('top:\n- a:\n     b: 1\n')).toEqual({ indent: 3, seqOffset: 0 });
  });
});
