import { isMap, isSeq, parseDocument, type Document, type Node, type YAMLSeq } from 'yaml';
import { detectIndentStyle, renderListItem, upsertListItem, type IndentStyle } from '../upsert-list-item';
import type { TracingEdit } from './tracing-edit';

/*
 * Applies a tracing plan to the user's Telemetry text the way a person would: a `- name: …` line
 * inserted above the first provider, at its column, and nothing else touched. Layouts that cannot be
 * edited in place (flow style `[...]`) go through the yaml Document API instead, which keeps keys
 * and comments but may normalise spacing; the result says so.
 */

const YAML_OPTIONS = { version: '1.1', uniqueKeys: false } as const;
// upsertListItem matches list items by name; tracing entries have none, so this never matches and it appends.
const NO_NAME = '\u0000';

export interface AppliedEdits {
  text: string;
  normalized: boolean;
}

export function applyTracingEdits(
  text: string,
  providerName: string,
  edits: readonly TracingEdit[],
  inPlace: boolean,
): AppliedEdits {
  let current = text;
  let normalized = false;
  for (const edit of edits) {
    if (edit.kind === 'already-first') continue;
    if (edit.kind === 'append-entry') {
      const result = upsertListItem(current, [['spec'], ['tracing']], NO_NAME, edit.tracing, { inPlace });
      current = result.text;
      normalized ||= result.normalized;
      continue;
    }
    const doc = parseDocument(current, YAML_OPTIONS);
    const style = detectIndentStyle(doc, current);
    const edited = inPlace ? putFirstInPlace(current, doc, edit, providerName, style) : undefined;
    if (edited !== undefined) {
      current = edited;
    } else {
      current = putFirstWithDocumentApi(doc, edit, providerName, style);
      normalized = true;
    }
  }
  return { text: current, normalized };
}

function providersOf(doc: Document.Parsed, entry: number): YAMLSeq | undefined {
  const node = doc.getIn(['spec', 'tracing', entry, 'providers'], true);
  return isSeq(node) ? node : undefined;
}

function putFirstInPlace(
  text: string,
  doc: Document.Parsed,
  edit: Extract<TracingEdit, { kind: 'put-first' }>,
  providerName: string,
  style: IndentStyle,
): string | undefined {
  const providers = providersOf(doc, edit.entry);
  if (!providers || providers.flow || providers.items.length === 0) return undefined;
  const first = lineOfItem(text, providers.items[0] as Node);
  if (!first) return undefined;
  let result = text;
  if (edit.removeIndex !== undefined) {
    const removed = lineOfItem(text, providers.items[edit.removeIndex] as Node);
    if (!removed) return undefined;
    result = result.slice(0, removed.lineStart) + result.slice(removed.end);
  }
  const inserted = renderListItem({ name: providerName }, style, first.dashColumn);
  return result.slice(0, first.lineStart) + inserted + result.slice(first.lineStart);
}

function putFirstWithDocumentApi(
  doc: Document.Parsed,
  edit: Extract<TracingEdit, { kind: 'put-first' }>,
  providerName: string,
  style: IndentStyle,
): string {
  const providers = providersOf(doc, edit.entry);
  if (providers) {
    if (edit.removeIndex !== undefined) providers.items.splice(edit.removeIndex, 1);
    providers.items.unshift(doc.createNode({ name: providerName }));
  }
  return doc.toString({ indent: style.indent, lineWidth: 0, indentSeq: style.seqOffset > 0 });
}

/** Where a block list item's lines start (its `-`) and end; undefined for anything but `- key: …` on its own line. */
function lineOfItem(text: string, item: Node): { lineStart: number; dashColumn: number; end: number } | undefined {
  if (!item.range || !isMap(item)) return undefined;
  const dash = text.lastIndexOf('-', item.range[0] - 1);
  if (dash < 0 || text.slice(dash + 1, item.range[0]).trim() !== '') return undefined;
  const lineStart = text.lastIndexOf('\n', dash - 1) + 1;
  if (text.slice(lineStart, dash).trim() !== '') return undefined;
  const newline = text.indexOf('\n', Math.max(item.range[1] - 1, item.range[0]));
  return { lineStart, dashColumn: dash - lineStart, end: newline < 0 ? text.length : newline + 1 };
}
