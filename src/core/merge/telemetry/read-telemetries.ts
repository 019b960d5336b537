import { isMap, isSeq, parse, parseAllDocuments, type Node } from 'yaml';
import { toYaml } from '../../yaml-text';
import { inputSizeProblem, utf8ByteLength } from '../input-size';
import { isEmptyDocument, MAX_ALIAS_COUNT, type InputProblem } from '../read-existing';

/*
 * Reading the Telemetry resources a user already has, in the forms they really have them: one
 * Telemetry, several documents separated by ---, or what `kubectl get telemetry -A -o yaml` prints
 * (a `kind: List` with `items`). Each Telemetry is cut out as a document of its own, in the user's
 * text, so the merge can edit it in place. Untrusted input: size and alias expansion are bounded, and
 * every failure is a value with a message, never an exception.
 */

export interface ExistingTelemetry {
  name: string;
  /** metadata.namespace, or undefined when the resource does not say (kubectl applies it to the current namespace). */
  namespace: string | undefined;
  creationTimestamp: string | undefined;
  /** How it attaches (selector, targetRefs) is read from the spec by the istiod rules (istiod/telemetry-attachment). */
  spec: Record<string, unknown>;
  /** The resource as data (YAML 1.1, as the API server's clients read it). */
  data: Record<string, unknown>;
  /** The resource's own text as a standalone YAML document. */
  text: string;
  /** False when it could not be cut out of the input verbatim and was re-rendered (comments inside may be lost). */
  verbatim: boolean;
  /** Where it sits in the input, for messages: `document 2`, `items[3]`. */
  where: string;
}

export interface TelemetryInput {
  telemetries: ExistingTelemetry[];
  /** True when the input used Windows line endings; the merged file keeps them. */
  crlf: boolean;
  notes: string[];
}

export type TelemetryReadResult = { ok: true; input: TelemetryInput } | { ok: false; problem: InputProblem };

const fail = (message: string, line?: number, col?: number): TelemetryReadResult => ({
  ok: false,
  // Telemetry problems share one code for now; the message says which.
  problem: {
    code: 'NOT_A_TELEMETRY',
    message,
    ...(line === undefined ? {} : { line }),
    ...(col === undefined ? {} : { col }),
  },
});

type Plain = Record<string, unknown>;
const YAML_OPTIONS = { version: '1.1', prettyErrors: true, uniqueKeys: true } as const;

export function readExistingTelemetries(raw: string): TelemetryReadResult {
  const tooLarge = inputSizeProblem(utf8ByteLength(raw), 'telemetry');
  if (tooLarge) return fail(tooLarge);
  const crlf = /\r\n/.test(raw);
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '')
    return fail('Nothing to read yet: paste your Telemetry, or kubectl get telemetry -A -o yaml.');
  const notes: string[] = [];
  if (crlf) notes.push('Windows line endings (CRLF) found; the merged file keeps them.');

  const docs = parseAllDocuments(text, YAML_OPTIONS);
  if (!Array.isArray(docs)) return fail('Nothing to read: the text holds no YAML document.');
  const broken = docs.find((doc) => doc.errors.length > 0);
  if (broken) {
    const error = broken.errors[0]!;
    const position = error.linePos?.[0];
    const tabs = position && /^\s*\t/.test(text.split('\n')[position.line - 1] ?? '');
    // The position is given as line and col (shown before the message): not repeated at its end.
    const first = error.message
      .split('\n')[0]!
      .replace(/\s+at line \d+, column \d+:?$/, '')
      .trim();
    return fail(
      `${first}${tabs ? '. YAML does not allow tabs for indentation: replace them with spaces.' : ''}`,
      position?.line,
      position?.col,
    );
  }

  const telemetries: ExistingTelemetry[] = [];
  const others: string[] = [];
  let previousEnd = 0;
  const nonEmpty = docs.filter((doc) => !isEmptyDocument(doc));
  for (const doc of docs) {
    const start = previousEnd;
    previousEnd = doc.range[2];
    if (isEmptyDocument(doc)) continue;
    const where = nonEmpty.length > 1 ? `document ${nonEmpty.indexOf(doc) + 1}` : 'the input';
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      return fail(
        // The yaml library's refusal of an alias bomb (Alias.js); an alias without its anchor is only unreadable.
        /Excessive alias count/.test((error as Error).message)
          ? 'This YAML expands its aliases (*name) into far more data than it contains, which is how “alias bombs” work. Paste the resources without them.'
          : `This YAML cannot be read (${where}): ${(error as Error).message.split('\n')[0]}`,
      );
    }
    if (!isPlain(value)) {
      others.push(where);
      continue;
    }
    if (value.kind === 'List' && Array.isArray(value.items)) {
      const items = doc.contents && isMap(doc.contents) ? doc.contents.get('items', true) : undefined;
      value.items.forEach((item, itemIndex) => {
        if (!isTelemetry(item)) {
          others.push(`items[${itemIndex}]`);
          return;
        }
        const node = isSeq(items) ? (items.items[itemIndex] as Node | undefined) : undefined;
        const cut = node ? cutNode(text, node, item as Plain) : undefined;
        telemetries.push(describe(item as Plain, cut, `items[${itemIndex}]`));
      });
      continue;
    }
    if (!isTelemetry(value)) {
      others.push(typeof value.kind === 'string' ? `${where} (a ${value.kind})` : where);
      continue;
    }
    telemetries.push(describe(value, cutDocument(text.slice(start, doc.range[2]), value), where));
  }

  if (telemetries.length === 0) {
    return fail(
      others.length > 0
        ? 'No Telemetry found here. Paste Telemetry resources (apiVersion telemetry.istio.io/v1), e.g. the output of kubectl get telemetry -A -o yaml.'
        : 'Nothing to read: the text holds only comments or separators.',
    );
  }
  if (others.length > 0) notes.push(`Skipped what is not a Telemetry: ${others.join(', ')}.`);
  for (const telemetry of telemetries) {
    if (telemetry.namespace === undefined) {
      notes.push(
        `${telemetry.name || 'A Telemetry'} (${telemetry.where}) has no metadata.namespace; it is read as being in the namespace the wizard's Telemetry targets.`,
      );
    }
  }
  return { ok: true, input: { telemetries, crlf, notes } };
}

function describe(
  value: Plain,
  cut: { text: string; verbatim: boolean } | undefined,
  where: string,
): ExistingTelemetry {
  const metadata = isPlain(value.metadata) ? value.metadata : {};
  const spec = isPlain(value.spec) ? value.spec : {};
  return {
    name: typeof metadata.name === 'string' ? metadata.name : '',
    namespace: typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined,
    creationTimestamp: stringOrDate(metadata.creationTimestamp),
    spec,
    data: value,
    text: cut?.text ?? render(value),
    verbatim: cut?.verbatim ?? false,
    where,
  };
}

/** YAML 1.1 reads an unquoted timestamp as a Date; kubectl prints them unquoted. */
function stringOrDate(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().replace('.000Z', 'Z');
  return undefined;
}

function isTelemetry(value: unknown): boolean {
  return (
    isPlain(value) &&
    value.kind === 'Telemetry' &&
    typeof value.apiVersion === 'string' &&
    value.apiVersion.startsWith('telemetry.istio.io/')
  );
}

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** One document's text without the `---` marker that opened it and the blank lines around it. */
function cutDocument(text: string, value: Plain): { text: string; verbatim: boolean } {
  const body = text
    .replace(/^(?:[ \t]*(?:#[^\n]*)?\n)*?---[^\n]*\n/, '')
    .replace(/^(?:[ \t]*\n)+/, '')
    .replace(/\n\.\.\.[^\n]*\n?$/, '\n')
    .replace(/\n*$/, '\n');
  return readsAs(body, value) ? { text: body, verbatim: true } : { text: render(value), verbatim: false };
}

/** A List item's text, shifted left to column 0; re-rendered when that does not read back the same. */
function cutNode(text: string, node: Node, value: Plain): { text: string; verbatim: boolean } | undefined {
  if (!node.range) return undefined;
  const start = node.range[0];
  const column = start - (text.lastIndexOf('\n', start - 1) + 1);
  const end = text.indexOf('\n', Math.max(node.range[1] - 1, start));
  const slice = text.slice(start, end < 0 ? text.length : end + 1);
  const pad = ' '.repeat(column);
  const lines = slice.split('\n');
  const shifted = [...commentsAbove(text, start), ...lines]
    .map((line, index) => (index === 0 ? line : line.startsWith(pad) ? line.slice(column) : line.trimStart()))
    .join('\n')
    .replace(/\n*$/, '\n');
  return readsAs(shifted, value) ? { text: shifted, verbatim: true } : { text: render(value), verbatim: false };
}

/** Comment lines that belong to a list item but sit before its first key: above its `-`, or after it. */
function commentsAbove(text: string, start: number): string[] {
  const dash = text.lastIndexOf('-', start - 1);
  if (dash < 0) return [];
  const between = text.slice(dash + 1, start);
  if (between.split('\n').some((line) => line.trim() !== '' && !line.trim().startsWith('#'))) return [];
  const after = between
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('#'));
  const above: string[] = [];
  let lineEnd = text.lastIndexOf('\n', dash - 1);
  while (lineEnd > 0) {
    const lineStart = text.lastIndexOf('\n', lineEnd - 1) + 1;
    const line = text.slice(lineStart, lineEnd).trim();
    if (!line.startsWith('#')) break;
    above.unshift(line);
    lineEnd = lineStart - 1;
  }
  return [...above, ...after];
}

function readsAs(text: string, value: Plain): boolean {
  try {
    return JSON.stringify(parse(text, { version: '1.1', maxAliasCount: MAX_ALIAS_COUNT })) === JSON.stringify(value);
  } catch {
    return false;
  }
}

function render(value: Plain): string {
  return toYaml(value);
}
