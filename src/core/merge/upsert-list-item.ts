import { quoteAmbiguousStrings } from '../yaml-text';
import {
  Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  parseDocument,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';

/*
 * Puts one named item into a list inside a YAML document, keeping every other byte of the user's text:
 * comments, key order, quoting, spacing. It edits the text at the node positions the parser reports
 * (the way a person would) and writes only the new item, in the document's own indentation. Layouts
 * it cannot edit in place (flow collections, empty values) fall back to the yaml Document API, which
 * keeps keys and comments but may normalise spacing; the result says so.
 */

/** A key in a path, with the spellings istiod accepts for it (camelCase and snake_case). */
export type PathKey = readonly string[];

export interface IndentStyle {
  /** Spaces per nesting level of maps. */
  indent: number;
  /** Columns from a key to the `-` of its list items (0 when lists are not indented under their key). */
  seqOffset: number;
}

/** What an in-place edit did: `text.slice(0, start) + inserted + text.slice(end)`. */
export interface TextEdit {
  start: number;
  end: number;
  inserted: string;
  /** Column of the inserted block's outermost lines. */
  column: number;
  /** What the inserted block reads back as, once shifted to column 0. */
  expected: unknown;
}

export interface UpsertResult {
  text: string;
  edit?: TextEdit;
  /** The item that was replaced, as it was, when one with the same name existed. */
  replaced?: unknown;
  /** True when the Document API fallback re-rendered the document. */
  normalized: boolean;
}

const YAML_OPTIONS = { version: '1.1', uniqueKeys: false, logLevel: 'error' } as const;

/**
 * The one document of a text that may also hold empty ones (a trailing `---`), which the reader
 * accepts: parseDocument alone would report them as several documents.
 */
export function parseSingleDocument(text: string): Document.Parsed {
  const doc = parseDocument(text, YAML_OPTIONS);
  if (!doc.errors.some((error) => error.code === 'MULTIPLE_DOCS')) return doc;
  const docs = parseAllDocuments(text, YAML_OPTIONS);
  const found = Array.isArray(docs)
    ? docs.find((each) => !(isScalar(each.contents) && each.contents.value === null))
    : undefined;
  return found ?? doc;
}

/** The data of that document, with aliases expanded (the reader has bounded them). */
export function readSingleDocument(text: string): unknown {
  const doc = parseSingleDocument(text);
  if (doc.errors.length > 0) throw doc.errors[0]!;
  return doc.toJS({ maxAliasCount: -1 }) as unknown;
}

export function upsertListItem<Item extends object>(
  text: string,
  path: readonly PathKey[],
  name: string,
  item: Item,
  options: { inPlace: boolean; doc?: Document.Parsed } = { inPlace: true },
): UpsertResult {
  // A document already parsed from this very text (the reader's) saves parsing large configs twice.
  const doc = options.inPlace && options.doc ? options.doc : parseSingleDocument(text);
  const style = detectIndentStyle(doc, text);
  const inPlace = options.inPlace ? tryInPlace(doc, text, path, name, item, style) : undefined;
  return inPlace ?? withDocumentApi(doc, path, name, item, style);
}

function tryInPlace(
  doc: Document.Parsed,
  text: string,
  path: readonly PathKey[],
  name: string,
  item: object,
  style: IndentStyle,
): UpsertResult | undefined {
  let node: unknown = doc.contents;
  for (let depth = 0; depth < path.length; depth++) {
    if (!isBlockMap(node)) return undefined;
    const pair = findPair(node, path[depth]!);
    if (!pair) return insertMissingKeys(text, node, path.slice(depth), item, style);
    if (depth === path.length - 1) {
      const list = pair.value;
      if (!isSeq(list) || list.flow || list.items.length === 0) return undefined;
      // Several items of this name: the Document API replaces the first and removes the others (below).
      if (list.items.filter((entry) => isMap(entry) && entry.get('name') === name).length > 1) return undefined;
      const index = list.items.findIndex((entry) => isMap(entry) && entry.get('name') === name);
      if (index >= 0) {
        const existing = list.items[index] as Node;
        const span = itemSpan(text, existing);
        if (!span) return undefined;
        const rendered = renderListItem(item, style, span.dashColumn);
        return {
          text: text.slice(0, span.lineStart) + rendered + text.slice(span.end),
          edit: { start: span.lineStart, end: span.end, inserted: rendered, column: span.dashColumn, expected: [item] },
          replaced: existing.toJSON(),
          normalized: false,
        };
      }
      const last = list.items[list.items.length - 1] as Node;
      const span = itemSpan(text, last);
      if (!span) return undefined;
      const before = text.slice(0, span.end);
      const separator = before.endsWith('\n') ? '' : '\n';
      const inserted = separator + renderListItem(item, style, span.dashColumn);
      return {
        text: before + inserted + text.slice(span.end),
        edit: { start: span.end, end: span.end, inserted, column: span.dashColumn, expected: [item] },
        normalized: false,
      };
    }
    node = pair.value;
  }
  return undefined;
}

/** Adds `key:` levels that do not exist yet, ending in a one-item list, as the last keys of `map`. */
function insertMissingKeys(
  text: string,
  map: YAMLMap,
  keys: readonly PathKey[],
  item: object,
  style: IndentStyle,
): UpsertResult | undefined {
  const firstKey = map.items[0]?.key as Node | undefined;
  const lastPair = map.items[map.items.length - 1];
  if (!firstKey?.range || !lastPair) return undefined;
  const column = columnOf(text, firstKey.range[0]);
  const lastNode = (lastPair.value ?? lastPair.key) as Node | null;
  if (!lastNode?.range) return undefined;
  const end = lineEnd(text, Math.max(lastNode.range[1] - 1, lastNode.range[0]));
  const lines: string[] = [];
  keys.forEach((key, level) => lines.push(`${' '.repeat(column + level * style.indent)}${key[0]}:`));
  const listColumn = column + (keys.length - 1) * style.indent + style.seqOffset;
  const before = text.slice(0, end);
  const separator = before.endsWith('\n') ? '' : '\n';
  const inserted = `${separator}${lines.join('\n')}\n${renderListItem(item, style, listColumn)}`;
  const expected = keys.reduceRight<unknown>((inner, key) => ({ [key[0]!]: inner }), [item]);
  return {
    text: before + inserted + text.slice(end),
    edit: { start: end, end, inserted, column, expected },
    normalized: false,
  };
}

function withDocumentApi(
  doc: Document.Parsed,
  path: readonly PathKey[],
  name: string,
  item: object,
  style: IndentStyle,
): UpsertResult {
  let node: unknown = doc.contents;
  if (!isMap(node)) {
    doc.contents = doc.createNode({}) as never;
    node = doc.contents;
  }
  let replaced: unknown;
  for (let depth = 0; depth < path.length; depth++) {
    const map = node as YAMLMap;
    const key = path[depth]!;
    let pair = findPair(map, key);
    const last = depth === path.length - 1;
    if (!pair || pair.value === null || pair.value === undefined || (last ? !isSeq(pair.value) : !isMap(pair.value))) {
      const fresh = doc.createNode(last ? [] : {});
      if (pair) pair.value = fresh;
      else map.add(doc.createPair(key[0], fresh));
      pair = findPair(map, key)!;
    }
    node = pair.value;
  }
  const list = node as ReturnType<typeof doc.createNode> & { items: unknown[] };
  const created = doc.createNode(item);
  quoteAmbiguousStrings(created);
  const index = list.items.findIndex((entry) => isMap(entry) && entry.get('name') === name);
  if (index >= 0) {
    replaced = (list.items[index] as Node).toJSON();
    list.items[index] = created;
    // istiod keeps one provider per name (the last entry's settings, pkg/config/mesh/mesh.go): leave exactly one.
    for (let later = list.items.length - 1; later > index; later--) {
      const entry = list.items[later];
      if (isMap(entry) && entry.get('name') === name) list.items.splice(later, 1);
    }
  } else {
    list.items.push(created);
  }
  return {
    text: doc.toString({ indent: style.indent, lineWidth: 0, indentSeq: style.seqOffset > 0 }),
    replaced,
    normalized: true,
  };
}

function findPair(map: YAMLMap, key: PathKey): Pair | undefined {
  return map.items.find(
    (pair): pair is Pair => isPair(pair) && isScalar(pair.key) && key.includes(String(pair.key.value)),
  );
}

function isBlockMap(node: unknown): node is YAMLMap {
  return isMap(node) && !node.flow && node.items.length > 0;
}

/** Where a list item's text starts (the line of its `-`) and ends (after its last line). */
function itemSpan(text: string, item: Node): { lineStart: number; dashColumn: number; end: number } | undefined {
  if (!item.range) return undefined;
  const dash = text.lastIndexOf('-', item.range[0] - 1);
  if (dash < 0 || text.slice(dash + 1, item.range[0]).trim() !== '') return undefined;
  const lineStart = text.lastIndexOf('\n', dash - 1) + 1;
  if (text.slice(lineStart, dash).trim() !== '') return undefined;
  const end = lineEnd(text, Math.max(item.range[1] - 1, item.range[0]));
  return { lineStart, dashColumn: dash - lineStart, end };
}

/** The offset just after the newline that ends the line holding `offset` (or the end of the text). */
function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** `- name: …` with the document's indentation, every line shifted to `column`. */
export function renderListItem(item: object, style: IndentStyle, column: number): string {
  const doc = new Document([item], { version: '1.1' });
  quoteAmbiguousStrings(doc.contents);
  const rendered = doc.toString({
    indent: style.indent,
    indentSeq: style.seqOffset > 0,
    lineWidth: 0,
  });
  const pad = ' '.repeat(column);
  return rendered
    .split('\n')
    .filter((line, index, lines) => !(index === lines.length - 1 && line === ''))
    .map((line) => (line === '' ? line : pad + line))
    .join('\n')
    .concat('\n');
}

/** Reads how the user indents: the step between a key and its nested keys, and whether lists sit under their key. */
export function detectIndentStyle(doc: Document.Parsed, text: string): IndentStyle {
  let indent: number | undefined;
  let seqOffset: number | undefined;
  const visit = (node: unknown) => {
    if (indent !== undefined && seqOffset !== undefined) return;
    if (isMap(node) && !node.flow) {
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const value = pair.value as Node | null;
        if (key?.range && value?.range) {
          if (indent === undefined && isMap(value) && !value.flow && value.items[0]) {
            const childKey = value.items[0].key as Node | null;
            if (childKey?.range) {
              const step = columnOf(text, childKey.range[0]) - columnOf(text, key.range[0]);
              if (step > 0 && step <= 8) indent = step;
            }
          }
          if (seqOffset === undefined && isSeq(value) && !value.flow && value.items[0]) {
            const span = itemSpan(text, value.items[0] as Node);
            if (span) seqOffset = Math.max(0, span.dashColumn - columnOf(text, key.range[0]));
          }
        }
        visit(value);
      }
    } else if (isSeq(node) && !node.flow) {
      for (const entry of node.items) visit(entry);
    }
  };
  visit(doc.contents);
  const finalIndent = indent ?? 2;
  return { indent: finalIndent, seqOffset: seqOffset ?? finalIndent };
}
