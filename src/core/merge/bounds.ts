import { isAlias, isCollection, isMap, isPair, isScalar, type Document, type Node } from 'yaml';
import { textOf } from '../plain-data';
import { problem, type InputProblem } from '../problems';

/*
 * Work bounds for untrusted YAML, checked before the expensive steps. The yaml library's parser and
 * composer recurse once per nesting level and resolve each alias by searching the document, so a
 * 2 MB paste of `[` or of anchor/alias pairs runs for a minute or overflows the stack. These checks
 * are linear in the text (or in the parsed nodes) and refuse such input with a clear message.
 */

/** Real mesh configs nest about 12 levels deep; this leaves ample room and keeps the composer's recursion small. */
export const MAX_NESTING_DEPTH = 100;
/** Aliases (*name) per document; real configs use a handful. */
export const MAX_ALIAS_COUNT = 1000;
/** The size the document may grow to once every alias is expanded. */
export const MAX_EXPANDED_CHARS = 4 * 1024 * 1024;

const ALIAS_BOMB =
  'This YAML expands its aliases (*name) into far more data than it contains, which is how “alias bombs” work. Paste the config without them.';

/**
 * An upper bound of the nesting depth (flow brackets plus block levels) and the alias count, from the
 * raw text in one pass. Over-counting is harmless (the limit is far above real configs); the scan
 * follows YAML's quoting, comment and block-scalar rules closely enough never to under-count real input.
 */
export function checkTextBounds(text: string): InputProblem | undefined {
  let flow = 0;
  let aliases = 0;
  const indents: number[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    // Start of a line: its indentation.
    const lineStart = i;
    while (i < n && text.charCodeAt(i) === 32) i++;
    const indent = i - lineStart;
    const first = text[i];
    if (i >= n) break;
    if (first === '\n') {
      i++;
      line++;
      continue;
    }
    if (flow === 0 && first !== '#') {
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
    }
    let indicators = 0;
    let scalarStart = true;
    let blockScalar = false;
    while (i < n && text[i] !== '\n') {
      const c = text[i]!;
      const next = text[i + 1];
      const separated = next === undefined || next === ' ' || next === '\n' || next === '\t' || next === '\r';
      if (c === '#' && (i === lineStart || text[i - 1] === ' ' || text[i - 1] === '\t')) {
        while (i < n && text[i] !== '\n') i++;
        break;
      }
      if (scalarStart && (c === '"' || c === "'")) {
        i = skipQuoted(text, i, c);
        // Newlines inside a quoted scalar still count as lines.
        scalarStart = false;
        continue;
      }
      if (c === '[' || c === '{') {
        flow++;
        scalarStart = true;
      } else if ((c === ']' || c === '}') && flow > 0) {
        flow--;
        scalarStart = false;
      } else if (c === ',') {
        scalarStart = true;
      } else if ((c === '-' || c === '?' || c === ':') && separated) {
        if (flow === 0) indicators++;
        scalarStart = true;
      } else if (scalarStart && c === '*') {
        aliases++;
        scalarStart = false;
      } else if (scalarStart && (c === '&' || c === '!')) {
        // An anchor or tag: the scalar (or quote) starts after it.
        while (i + 1 < n && !/[\s,[\]{}]/.test(text[i + 1]!)) i++;
      } else if (scalarStart && (c === '|' || c === '>') && flow === 0) {
        blockScalar = true;
        scalarStart = false;
      } else if (c !== ' ' && c !== '\t') {
        scalarStart = false;
      }
      if (flow + indents.length + indicators > MAX_NESTING_DEPTH) {
        return problem(
          'TOO_DEEP',
          `This nests more than ${MAX_NESTING_DEPTH} levels deep; mesh configs nest about a dozen. Paste the config itself.`,
          line,
          i - lineStart + 1,
        );
      }
      if (aliases > MAX_ALIAS_COUNT) return problem('ALIAS_BOMB', ALIAS_BOMB, line, i - lineStart + 1);
      i++;
    }
    // Lines of a block scalar (| or >) are text, however they look: skip those indented deeper.
    if (blockScalar) {
      for (;;) {
        if (i >= n) break;
        const contentStart = i + 1;
        let j = contentStart;
        while (j < n && text.charCodeAt(j) === 32) j++;
        if (j < n && text[j] !== '\n' && j - contentStart <= indent) break;
        i = text.indexOf('\n', contentStart);
        line++;
        if (i < 0) {
          i = n;
          break;
        }
      }
    }
    if (i < n) {
      i++;
      line++;
    }
  }
  // Quoted scalars may hold newlines; the counts above are still upper bounds of the real structure.
  return undefined;
}

function skipQuoted(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (quote === '"' && c === '\\') i += 2;
    else if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") i += 2;
      else return i + 1;
    } else i++;
  }
  return i;
}

/**
 * After parsing (depth already bounded): duplicate keys in linear time (yaml's own check compares
 * every pair of keys, quadratic in a map's size), and the size the aliases would expand to, measured
 * in source characters before anything is expanded.
 */
export function checkDocumentBounds(doc: Document.Parsed, text: string): InputProblem | undefined {
  const anchors = new Map<string, Node>();
  const expanded = new Map<Node, number>();
  let duplicate: InputProblem | undefined;

  const sizeOf = (node: unknown): number => {
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      return target ? (expanded.get(target) ?? 0) : 0;
    }
    const own = node && typeof node === 'object' && 'range' in node ? rangeLength(node as Node) : 0;
    if (node && typeof node === 'object' && 'anchor' in node && typeof (node as Node).anchor === 'string') {
      // Registered before its children are visited: an alias inside its own anchor is invalid YAML anyway.
      anchors.set((node as Node).anchor!, node as Node);
    }
    let total = own;
    if (isCollection(node)) {
      const seen = isMap(node) ? new Set<string>() : undefined;
      for (const item of node.items) {
        if (isPair(item)) {
          if (seen && isScalar(item.key) && typeof item.key.value !== 'symbol') {
            const key = textOf(item.key.value);
            if (seen.has(key) && !duplicate && item.key.range) {
              const position = linePos(text, item.key.range[0]);
              duplicate = problem(
                'DUPLICATE_KEY',
                `The key ${key} appears twice in the same map; Kubernetes and istiod keep only one of them. Remove one.`,
                position.line,
                position.col,
              );
            }
            seen.add(key);
          }
          total += sizeOf(item.key) + sizeOf(item.value);
        } else {
          total += sizeOf(item);
        }
        if (total > MAX_EXPANDED_CHARS) return total;
      }
    }
    if (isAlias(node) === false && node && typeof node === 'object') expanded.set(node as Node, total);
    return total;
  };
  const total = sizeOf(doc.contents);
  if (total > MAX_EXPANDED_CHARS) return problem('ALIAS_BOMB', ALIAS_BOMB);
  return duplicate;
}

function rangeLength(node: Node): number {
  // Collections count their children; only scalars count their own text.
  return isScalar(node) && node.range ? node.range[1] - node.range[0] : 1;
}

export function linePos(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}
