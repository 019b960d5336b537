import { isAccessLogLine, isLogHead } from './read-log';

/*
 * One paste or file can hold several command outputs: sections written by collect.sh, or outputs simply
 * concatenated (`(kubectl get cm …; kubectl get telemetry …) > f`, `cat mesh.yaml istiod.log > f`). Each is cut
 * out here and read on its own, so none is silently dropped and a log never swallows a YAML document.
 */

/** collect.sh starts each section with this line; the command that produced the section is inside it. */
export const COLLECT_SEPARATOR = /^# ----- dt-istio-collect: (.+) -----$/;

export interface Section {
  text: string;
  /** The command named by a collect.sh separator. */
  command?: string;
}

export type ChunkShape = 'log' | 'document' | 'analyze';

export interface Chunk {
  shape: ChunkShape;
  text: string;
}

/**
 * Windows PowerShell's `>` writes UTF-16 with a byte-order mark; read as UTF-8 (Node's readFile, a browser's
 * file input without BOM sniffing) every other character is NUL. The outputs read here are ASCII, so dropping
 * the NULs restores them; anything else is refused with the way to write UTF-8.
 */
const NUL = String.fromCharCode(0);

export function repairUtf16(text: string): { text: string; problem?: string } {
  const sample = text.slice(0, 4000);
  const nuls = sample.split(NUL).length - 1;
  if (nuls === 0) return { text };
  if (nuls < sample.length / 4) {
    return { text, problem: 'This text contains NUL characters: it is binary, not a command output.' };
  }
  const repaired = text
    .replace(/^(?:\uFFFD{2}|\uFEFF)/, '')
    .split(NUL)
    .join('');
  if (repaired.includes('\uFFFD')) {
    return {
      text,
      problem:
        'This file is UTF-16 (what Windows PowerShell’s > writes) with characters that cannot be restored. Write it as UTF-8 instead: <command> | Out-File -Encoding utf8 <file>.',
    };
  }
  return { text: repaired };
}

/** Splits at collect.sh separators; text before the first one is a section of its own. */
export function splitSections(text: string): Section[] {
  // Most inputs have no separator: no need to cut megabytes into lines.
  if (!text.includes('# ----- dt-istio-collect: ')) return text.trim() === '' ? [] : [{ text }];
  const lines = text.split('\n');
  const sections: Section[] = [];
  let current: { lines: string[]; command?: string } = { lines: [] };
  const close = () => {
    const body = current.lines.join('\n');
    if (current.command !== undefined || body.trim() !== '') {
      sections.push({ text: body, ...(current.command === undefined ? {} : { command: current.command }) });
    }
  };
  for (const line of lines) {
    const separator = COLLECT_SEPARATOR.exec(line.trimEnd());
    if (separator) {
      close();
      current = { lines: [], command: separator[1]!.trim() };
    } else current.lines.push(line);
  }
  close();
  return sections;
}

// kubectl prints warnings before its output ("Warning: …", e.g. deprecated API versions), and client-go's klog
// lines ("W1207 00:00:00.000000   12345 file.go:12] …", e.g. auth plugins) with text on the following lines.
const KUBECTL_WARNING = /^(?:Warning: |[IWEF]\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+\s+\S+:\d+\]\s)/;
const ANALYZE_LINE =
  /^(?:Error|Warning|Info)\s+\[IST\d{4}\]|^✔ No validation issues found|No validation issues found when analyzing/;
const YAML_TOP_KEY = /^("?)([A-Za-z_][\w.-]*)\1:(?:\s|$)/;
const JSON_START = /^[[{]/;
// Top-level keys of the resources and lists kubectl prints (k8s.io/apimachinery TypeMeta, ObjectMeta, List; v1
// ConfigMap, Secret; custom resources' spec and status).
const RESOURCE_KEYS = new Set([
  'apiVersion',
  'kind',
  'metadata',
  'spec',
  'status',
  'data',
  'binaryData',
  'stringData',
  'type',
  'immutable',
  'items',
]);

function startsDocument(line: string): boolean {
  return (
    /^(?:apiVersion|kind):\s/.test(line) || /^---\s*$/.test(line) || /^\[\s*$|^\[\s*[{"\]]|^\{\s*$|^\{\s*"/.test(line)
  );
}

/** Drops kubectl's warning lines (and the lines that continue them) wherever a new output starts. */
function isWarningContinuation(line: string): boolean {
  return !startsDocument(line) && !isLogHead(line) && !ANALYZE_LINE.test(line) && !YAML_TOP_KEY.test(line);
}

/**
 * Cuts a section into outputs: runs of log lines, YAML/JSON documents, istioctl analyze lines. A new document
 * starts where a top-level YAML key repeats (two resources concatenated without ---), where JSON follows YAML or
 * YAML follows JSON, or where a resource starts after log lines.
 */
export function splitChunks(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let shape: ChunkShape | undefined;
  let lines: string[] = [];
  let keys = new Set<string>();
  let json = false;
  let inWarning = false;
  const close = () => {
    const body = lines.join('\n');
    if (shape && body.trim() !== '') chunks.push({ shape, text: `${body}\n` });
    shape = undefined;
    lines = [];
    keys = new Set();
    json = false;
  };
  const start = (next: ChunkShape, line: string) => {
    close();
    shape = next;
    lines.push(line);
    json = next === 'document' && JSON_START.test(line);
    if (next === 'document' && !json) noteKey(line);
  };
  const noteKey = (line: string) => {
    const key = YAML_TOP_KEY.exec(line)?.[2];
    if (key) keys.add(key);
  };
  for (const line of text.split('\n')) {
    if (KUBECTL_WARNING.test(line) && shape !== 'log') {
      inWarning = true;
      continue;
    }
    if (inWarning) {
      if (line.trim() === '' || isWarningContinuation(line)) continue;
      inWarning = false;
    }
    // Access log lines open a log too: a proxy log cut by --since may start with them.
    if (isLogHead(line) || (isAccessLogLine(line) && (shape !== 'document' || line.startsWith('[')))) {
      if (shape !== 'log') start('log', line);
      else lines.push(line);
      continue;
    }
    if (ANALYZE_LINE.test(line.trim())) {
      if (shape !== 'analyze') start('analyze', line);
      else lines.push(line);
      continue;
    }
    if (shape === 'log' || shape === 'analyze') {
      if (startsDocument(line)) start('document', line);
      else lines.push(line);
      continue;
    }
    if (shape === undefined) {
      if (line.trim() === '') continue;
      start('document', line);
      continue;
    }
    // In a document.
    if (/^---\s*$/.test(line)) {
      lines.push(line);
      keys = new Set();
      continue;
    }
    if (json) {
      if (YAML_TOP_KEY.test(line) && /^(?:apiVersion|kind|data|items|metadata|spec):/.test(line))
        start('document', line);
      else lines.push(line);
      continue;
    }
    if (JSON_START.test(line) && keys.size > 0) {
      start('document', line);
      continue;
    }
    const key = YAML_TOP_KEY.exec(line)?.[2];
    // A repeated top-level key, a resource's apiVersion after other keys, or a key no Kubernetes resource has after
    // a resource's: a new output begins (e.g. -o jsonpath='{.data.mesh}' output next to a resource).
    const resourceThen = keys.has('apiVersion') && key !== undefined && !RESOURCE_KEYS.has(key);
    if (key && (keys.has(key) || (key === 'apiVersion' && keys.size > 0) || resourceThen)) {
      start('document', line);
      continue;
    }
    if (key) keys.add(key);
    lines.push(line);
  }
  close();
  return chunks;
}

/** Several JSON values one after another (`[…][…]`, `{…}{…}`), each as its text; one value gives one. */
export function splitJsonValues(text: string): string[] {
  const values: string[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      if (depth === 0 && start < 0) return [text];
      continue;
    }
    if (c === '[' || c === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === ']' || c === '}') {
      depth--;
      if (depth < 0) return [text];
      if (depth === 0 && start >= 0) {
        values.push(text.slice(start, i + 1));
        start = -1;
      }
    } else if (depth === 0 && !/\s/.test(c)) return [text];
  }
  if (depth !== 0 || values.length === 0) return [text];
  return values;
}
