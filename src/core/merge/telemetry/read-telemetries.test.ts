import { describe, expect, it } from 'vitest';
import { readExistingTelemetries, type ExistingTelemetry, type TelemetryInput } from './read-telemetries';

/*
 * Reading the user's Telemetries as they paste them: one resource, several documents, or `kubectl get telemetry -A
 * -o yaml` (a List). What counts as a document and a Telemetry, where each one sits (for messages), the fields the
 * merge reads, the text cut out for editing in place, and a clear refusal for everything else.
 */

const telemetry = (name: string, metadata = '', spec = 'spec:\n  tracing:\n  - providers:\n    - name: zipkin\n') =>
  `apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: ${name}\n${metadata}${spec}`;
const inNs = (name: string, extra = '') => telemetry(name, `  namespace: istio-system\n${extra}`);

function read(text: string): TelemetryInput {
  const result = readExistingTelemetries(text);
  if (!result.ok) throw new Error(result.problem.message);
  return result.input;
}
function refusal(text: string) {
  const result = readExistingTelemetries(text);
  if (result.ok) throw new Error('read, expected a refusal');
  return result.problem;
}
const only = (text: string): ExistingTelemetry => {
  const { telemetries } = read(text);
  expect(telemetries).toHaveLength(1);
  return telemetries[0]!;
};
const NOTHING_YET = 'Nothing to read yet: paste your Telemetry, or kubectl get telemetry -A -o yaml.';
const ONLY_COMMENTS = 'Nothing to read: the text holds only comments or separators.';
const NO_TELEMETRY =
  'No Telemetry found here. Paste Telemetry resources (apiVersion telemetry.istio.io/v1), e.g. the output of kubectl get telemetry -A -o yaml.';

describe('what is a document', () => {
  it('a --- before, between or after the resources opens no document: nothing skipped, nothing renumbered', () => {
    for (const text of [
      `${inNs('a')}---\n`,
      `---\n${inNs('a')}---\n`,
      `---\n---\n${inNs('a')}`,
      `---\n# old config\n---\n${inNs('a')}\n---\n\n`,
    ]) {
      const input = read(text);
      expect(input.notes, JSON.stringify(text)).toEqual([]);
      expect(input.telemetries.map((t) => t.where)).toEqual(['the input']);
      expect(input.telemetries[0]!.text).toBe(inNs('a'));
    }
    const two = read(`---\n${inNs('a')}---\n---\n${inNs('b')}---\n`);
    expect(two.telemetries.map((t) => t.where)).toEqual(['document 1', 'document 2']);
    expect(two.notes).toEqual([]);
  });

  it('only separators and comments: says so, not that the text holds no Telemetry', () => {
    for (const text of ['# nothing here\n', '---\n', '---\n---\n', '# x\n---\n# y\n'])
      expect(refusal(text), JSON.stringify(text)).toEqual({ code: 'NOT_A_TELEMETRY', message: ONLY_COMMENTS });
  });

  it('nothing at all, or blanks: asks for the paste', () => {
    for (const text of ['', '  \n\n\t\n', '\uFEFF', '\r\n'])
      expect(refusal(text), JSON.stringify(text)).toEqual({ code: 'NOT_A_TELEMETRY', message: NOTHING_YET });
    expect(refusal('# a comment\n').message).not.toBe(NOTHING_YET);
  });

  it('names every document that is not a Telemetry, by its number and kind, and numbers the Telemetries the same way', () => {
    const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\n';
    const input = read(
      [configMap, inNs('a'), 'just a sentence\n', '- a\n- list\n', 'kind: 3\n', inNs('b')].join('---\n'),
    );
    expect(input.telemetries.map((t) => [t.name, t.where])).toEqual([
      ['a', 'document 2'],
      ['b', 'document 6'],
    ]);
    expect(input.notes).toEqual([
      'Skipped what is not a Telemetry: document 1 (a ConfigMap), document 3, document 4, document 5.',
    ]);
    // A written null is a document, and not a Telemetry.
    expect(read(`null\n---\n${inNs('a')}`).notes).toEqual(['Skipped what is not a Telemetry: document 1.']);
    // Without other documents: no note at all.
    expect(read(inNs('a')).notes).toEqual([]);
  });

  it('refuses a text without a Telemetry, naming what to paste', () => {
    for (const text of [
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\n',
      'plain text\n',
      // Not a Telemetry: another API group, no apiVersion, a look-alike group, the kind in lower case.
      telemetry('x').replace('telemetry.istio.io/v1', 'networking.istio.io/v1'),
      telemetry('x').replace('apiVersion: telemetry.istio.io/v1\n', ''),
      telemetry('x').replace('telemetry.istio.io/v1', 'my.telemetry.istio.io/v1'),
      telemetry('x').replace('kind: Telemetry', 'kind: telemetry'),
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n',
    ])
      expect(refusal(text), text).toEqual({ code: 'NOT_A_TELEMETRY', message: NO_TELEMETRY });
  });

  it('reads every version of the Telemetry API (v1, v1alpha1)', () => {
    expect(only(telemetry('x').replace('telemetry.istio.io/v1', 'telemetry.istio.io/v1alpha1')).name).toBe('x');
  });
});

describe('what is a Telemetry List', () => {
  it('only kind: List is read as a list: another resource’s items field is not', () => {
    const stray = inNs('a').replace('kind: Telemetry\n', 'kind: Telemetry\nitems: []\n');
    expect(only(stray).name).toBe('a');
  });

  it('reads items given as an alias (no text of their own: re-rendered), and flow-style items without stray comments', () => {
    const aliased =
      'apiVersion: v1\nkind: List\nx: &tels\n- apiVersion: telemetry.istio.io/v1\n  kind: Telemetry\n  metadata:\n    name: a\n' +
      'items: *tels\n';
    const a = only(aliased);
    expect(a).toMatchObject({ name: 'a', where: 'items[0]', verbatim: false });
    expect(a.text).toBe('apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: a\n');
    // The dash found before a flow item is not its own (it is in x-y): the comment above that line is not the item's.
    const flow =
      'apiVersion: v1\nkind: List\n# generated\nmetadata: {name: x-y}\n' +
      'items: [\n  {apiVersion: telemetry.istio.io/v1, kind: Telemetry, metadata: {name: a}}\n]\n';
    const f = only(flow);
    expect(f).toMatchObject({ name: 'a', where: 'items[0]', verbatim: true });
    expect(f.text).toBe('{apiVersion: telemetry.istio.io/v1, kind: Telemetry, metadata: {name: a}}\n');
  });

  it('takes the comments above an indented item’s dash, and above a dash alone on its line', () => {
    const indented =
      'apiVersion: v1\nkind: List\nitems:\n  # the shop tracing\n  - apiVersion: telemetry.istio.io/v1\n    kind: Telemetry\n' +
      '    metadata:\n      name: shop\n';
    expect(only(indented).text).toBe(
      '# the shop tracing\napiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: shop\n',
    );
    const lone =
      'apiVersion: v1\nkind: List\nitems:\n# the shop tracing\n-\n  apiVersion: telemetry.istio.io/v1\n  kind: Telemetry\n' +
      '  metadata:\n    name: shop\n';
    expect(only(lone).text).toBe(
      '# the shop tracing\napiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: shop\n',
    );
  });

  it('cuts the last item of a text without a final newline, and a comment less indented than the item', () => {
    const last =
      'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: telemetry.istio.io/v1\n    kind: Telemetry\n' +
      ' # less indented\n    metadata:\n      name: shop';
    const shop = only(last);
    expect(shop.verbatim).toBe(true);
    expect(shop.text).toBe(
      'apiVersion: telemetry.istio.io/v1\nkind: Telemetry\n# less indented\nmetadata:\n  name: shop\n',
    );
  });
});

describe('YAML that cannot be read', () => {
  it('names the line and column of a syntax error, with only the parser’s first line', () => {
    const problem = refusal('kind: Telemetry\nspec:\n  tracing: [\n');
    expect(problem).toMatchObject({ code: 'NOT_A_TELEMETRY', line: 4, col: 1 });
    // The position is in line and col, not repeated in the text (shown as "Line 4, column 1: …").
    expect(problem.message).toBe('Flow sequence in block collection must be sufficiently indented and end with a ]');
    expect(refusal('kind: Telemetry\nkind: Telemetry\n')).toMatchObject({
      message: 'Map keys must be unique',
      line: 2,
      col: 1,
    });
  });

  it('keeps the position out of the text for lines and columns of more than one digit too', () => {
    // A duplicate key on line 13, column 11: the parser's text ends "at line 13, column 11:", cut as for line 4.
    const padding = Array.from({ length: 9 }, (_, i) => `# comment ${i + 1}`).join('\n');
    const text = `${padding}\nkind: Telemetry\nmetadata:\n          name: a\n          name: b\n`;
    const problem = refusal(text);
    expect(problem).toMatchObject({ line: 13, col: 11, message: 'Map keys must be unique' });
    expect(problem.message).not.toMatch(/at line|column/);
  });

  it('says tabs are not YAML indentation when the line with the error starts with a tab', () => {
    const problem = refusal('kind: Telemetry\nspec:\n\ttracing: []\n');
    expect(problem).toMatchObject({ line: 3, col: 1 });
    expect(problem.message).toBe(
      'Tabs are not allowed as indentation. YAML does not allow tabs for indentation: replace them with spaces.',
    );
    // A tab after spaces is indentation too; a tab inside a line's text is not.
    expect(refusal('kind: Telemetry\nspec:\n  \ttracing: []\n').message).toMatch(/YAML does not allow tabs/);
    const inText = refusal('kind: Telemetry\nmetadata:\n  name: a\tb: c\n');
    expect(inText.line).toBe(3);
    expect(inText.message).not.toMatch(/tabs/);
  });

  it('refuses an alias bomb without expanding it, and an alias without its anchor as unreadable, not as a bomb', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) {
      const [name, previous] = [String.fromCharCode(98 + i), String.fromCharCode(97 + i)];
      bomb.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    expect(refusal(bomb.join('\n')).message).toBe(
      'This YAML expands its aliases (*name) into far more data than it contains, which is how “alias bombs” work. Paste the resources without them.',
    );
    const unresolved = refusal(`${inNs('a')}---\nkind: *x\n`);
    expect(unresolved.message).toBe(
      'This YAML cannot be read (document 2): Unresolved alias (the anchor must be set before the alias): x',
    );
    expect(unresolved.message).not.toMatch(/bomb/);
  });

  it('reads a Telemetry that uses one anchor many times (150 aliases: far from a bomb)', () => {
    const overrides = Array.from(
      { length: 150 },
      (_, i) => `    - match:\n        metric: M${i}\n      tagOverrides: *tags\n`,
    );
    const text = inNs('a', '').replace(
      'spec:\n',
      `spec:\n  x: &tags\n    team:\n      value: shop\n  metrics:\n  - overrides:\n${overrides.join('')}`,
    );
    const a = only(text);
    expect((a.spec.metrics as { overrides: unknown[] }[])[0]!.overrides).toHaveLength(150);
  });

  it('refuses more than 2 MB before reading it, with its size', () => {
    const huge = `${inNs('a')}${'# padding padding padding padding padding padding padding padding\n'.repeat(33_000)}`;
    expect(refusal(huge)).toEqual({
      code: 'NOT_A_TELEMETRY',
      message:
        'This is 2.1 MB; at most 2 MB is read. Paste only your Telemetry resources (kubectl get telemetry -A -o yaml).',
    });
  });
});

describe('line endings and byte-order mark', () => {
  it('notes Windows line endings (the merged file keeps them) and reads the text with plain newlines', () => {
    const input = read(inNs('a').replace(/\n/g, '\r\n'));
    expect(input.crlf).toBe(true);
    expect(input.notes).toEqual(['Windows line endings (CRLF) found; the merged file keeps them.']);
    expect(input.telemetries[0]!.text).toBe(inNs('a'));
    const plain = read(inNs('a'));
    expect(plain.crlf).toBe(false);
    expect(plain.notes).toEqual([]);
  });

  it('reads old Mac line endings (CR alone) as newlines, without calling them Windows line endings', () => {
    const input = read(inNs('a').replace(/\n/g, '\r'));
    expect(input.crlf).toBe(false);
    expect(input.telemetries[0]!.text).toBe(inNs('a'));
  });

  it('drops a byte-order mark at the start, and only there', () => {
    const a = only(`\uFEFF${inNs('a')}`);
    expect(a.text).toBe(inNs('a'));
    expect(a.where).toBe('the input');
    const inside = `${inNs('a')}# a\uFEFFb\n`;
    expect(only(inside).text).toBe(inside);
  });
});

describe('the fields the merge reads', () => {
  it('name and namespace: a missing or empty namespace is undefined, and a note says it is read as ours', () => {
    expect(only(inNs('a'))).toMatchObject({ name: 'a', namespace: 'istio-system' });
    const empty = read(telemetry('a', '  namespace: ""\n'));
    expect(empty.telemetries[0]!.namespace).toBeUndefined();
    expect(empty.notes).toEqual([
      "a (the input) has no metadata.namespace; it is read as being in the namespace the wizard's Telemetry targets.",
    ]);
    // A namespace that is not a string is none.
    expect(only(telemetry('a', '  namespace: 123\n')).namespace).toBeUndefined();
    // A name that is not a string is no name.
    const unnamed = read(telemetry('123'));
    expect(unnamed.telemetries[0]!.name).toBe('');
    expect(unnamed.notes).toEqual([
      "A Telemetry (the input) has no metadata.namespace; it is read as being in the namespace the wizard's Telemetry targets.",
    ]);
    expect(read(`${inNs('a')}---\n${telemetry('b')}`).notes).toEqual([
      "b (document 2) has no metadata.namespace; it is read as being in the namespace the wizard's Telemetry targets.",
    ]);
  });

  it('creationTimestamp as kubectl prints it (unquoted, a timestamp in YAML 1.1) or quoted, as the same text', () => {
    const at = (value: string) => only(inNs('a', `  creationTimestamp: ${value}\n`)).creationTimestamp;
    expect(at('2024-05-01T10:00:00Z')).toBe('2024-05-01T10:00:00Z');
    expect(at('"2024-05-01T10:00:00Z"')).toBe('2024-05-01T10:00:00Z');
    expect(at('2024-05-01T10:00:00.250Z')).toBe('2024-05-01T10:00:00.250Z');
    expect(at('12')).toBeUndefined();
    expect(at('null')).toBeUndefined();
    expect(only(inNs('a')).creationTimestamp).toBeUndefined();
  });

  it('spec and data as YAML 1.1 reads them; a spec that is not a map is an empty spec', () => {
    const a = only(telemetry('a', '  namespace: ns\n', 'spec:\n  tracing:\n  - disableSpanReporting: yes\n'));
    expect(a.spec).toEqual({ tracing: [{ disableSpanReporting: true }] });
    expect(a.data).toEqual({
      apiVersion: 'telemetry.istio.io/v1',
      kind: 'Telemetry',
      metadata: { name: 'a', namespace: 'ns' },
      spec: { tracing: [{ disableSpanReporting: true }] },
    });
    expect(only(telemetry('a', '', 'spec: [1]\n')).spec).toEqual({});
    expect(only(telemetry('a', '', '')).spec).toEqual({});
  });
});

describe('the text cut out for editing in place', () => {
  it('is the document without the --- and the comments before it, its end marker or trailing blank lines', () => {
    const body = `${inNs('a')}  # a comment inside stays\n`;
    for (const text of [
      `# header\n---\n${body}`,
      `# header\n\n--- # with a comment\n\n${body}\n\n`,
      `${body}...\n`,
      `${body}...`,
      `  # indented\n---\n  \n\n${body}`,
      `${body}... # end\n---\n${inNs('b')}`,
    ]) {
      const a = read(text).telemetries[0]!;
      expect(a.text, JSON.stringify(text)).toBe(body);
      expect(a.verbatim).toBe(true);
    }
  });

  it('takes a List item’s text shifted to column 0, with the comments above its dash and after it', () => {
    const list =
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n' +
      '# the shop tracing\n- # owned by team shop\n  apiVersion: telemetry.istio.io/v1\n  kind: Telemetry\n' +
      '  metadata:\n    name: shop\n    namespace: shop\n  spec:\n    tracing:\n    - providers:\n      - name: zipkin # for now\n' +
      'metadata:\n  resourceVersion: ""\n';
    const input = read(list);
    expect(input.notes).toEqual(['Skipped what is not a Telemetry: items[0].']);
    const shop = input.telemetries[0]!;
    expect(shop).toMatchObject({ name: 'shop', namespace: 'shop', where: 'items[1]', verbatim: true });
    expect(shop.text).toBe(
      '# the shop tracing\n# owned by team shop\napiVersion: telemetry.istio.io/v1\nkind: Telemetry\n' +
        'metadata:\n  name: shop\n  namespace: shop\nspec:\n  tracing:\n  - providers:\n    - name: zipkin # for now\n',
    );
  });

  it('takes no comment above a List item that belongs to the item before it', () => {
    const list =
      'kind: List\napiVersion: v1\nitems:\n- apiVersion: telemetry.istio.io/v1\n  kind: Telemetry\n  metadata:\n    name: a\n' +
      '- apiVersion: telemetry.istio.io/v1\n  kind: Telemetry\n  metadata:\n    name: b\n';
    const [a, b] = read(list).telemetries;
    expect(a!.text).toBe('apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: a\n');
    expect(b!.text).toBe('apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: b\n');
    expect([a!.where, b!.where]).toEqual(['items[0]', 'items[1]']);
  });

  it('re-renders a List item whose text does not read as its data (an alias of another item’s anchor), and says so by verbatim: false', () => {
    const list =
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: telemetry.istio.io/v1\n  kind: Telemetry\n  metadata:\n    name: a\n' +
      '  spec: &spec\n    tracing:\n    - providers:\n      - name: zipkin\n' +
      '- apiVersion: telemetry.istio.io/v1\n  kind: Telemetry\n  metadata:\n    name: b\n  spec: *spec\n';
    const [a, b] = read(list).telemetries;
    expect(a!.verbatim).toBe(true);
    expect(b!.verbatim).toBe(false);
    expect(b!.text).toBe(
      'apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: b\nspec:\n  tracing:\n    - providers:\n        - name: zipkin\n',
    );
  });
});
