import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { detectIndentStyle, upsertListItem } from './upsert-list-item';

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
      { numRuns: 100 },
    );
  });
});
