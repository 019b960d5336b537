import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnose, validateModel } from '../core/runtime';
import { parseCommand } from './args';
import { EXIT_BAD_INPUT, EXIT_CHECK_FAILED, runVerify } from './verify-run';

/*
 * The corpus: outputs in the formats clusters really print, each built from its upstream source (cited per case in
 * cases.json, "sources"), with the verdict a person would reach. Every case runs through runVerify, the entry
 * `npm run verify` uses. The bar: no false ✓ (a failing or unreadable set must never exit 0), and no false ✗.
 */

const CORPUS = 'src/core/verify/__fixtures__/corpus';

interface CorpusCase {
  name: string;
  files: string[];
  flags: string[];
  verdict: 'pass' | 'fail' | 'refuse';
  source: string;
  codes: string[];
  mustSay: string[];
  mustNotSay: string[];
  group: string;
  /** A large file kept small in the repository: `line` is repeated until the file has `bytes`. */
  expand?: { file: string; line: string; bytes: number };
}

const corpus = JSON.parse(readFileSync(`${CORPUS}/cases.json`, 'utf8')) as {
  sources: Record<string, string>;
  cases: CorpusCase[];
};

function contentOf(testCase: CorpusCase, file: string): string {
  // As src/cli/verify.ts reads files: UTF-8, whatever they hold.
  const text = readFileSync(`${CORPUS}/files/${file}`, 'utf8');
  const expand = testCase.expand;
  if (!expand || expand.file !== file) return text;
  const at = text.indexOf(`${expand.line}\n`);
  const times = Math.ceil((expand.bytes - text.length) / (expand.line.length + 1));
  return `${text.slice(0, at)}${`${expand.line}\n`.repeat(times)}${text.slice(at)}`;
}

function run(testCase: CorpusCase) {
  const files = new Map(testCase.files.map((file) => [file, contentOf(testCase, file)]));
  const context = {
    env: {},
    readFile: (path: string) => {
      const text = files.get(path);
      if (text === undefined) throw new Error(`no corpus file ${path}`);
      return text;
    },
  };
  const result = runVerify([...testCase.flags, ...testCase.files], context);
  const command = parseCommand([...testCase.flags, '--out', '.'], context);
  if (command.kind !== 'generate') throw new Error(`bad flags in case ${testCase.name}`);
  const validation = validateModel(command.input);
  if (!validation.ok) throw new Error(`invalid model in case ${testCase.name}`);
  const diagnosis = diagnose(
    [...files].map(([name, text]) => ({ name, text })),
    validation.model,
  );
  const codes = diagnosis.items.flatMap((item) => item.problems.map((problem) => problem.code));
  return { result, codes };
}

const EXIT = { pass: 0, fail: EXIT_CHECK_FAILED, refuse: EXIT_BAD_INPUT } as const;

describe('the corpus of real-format outputs through npm run verify', () => {
  it('holds at least 80 cases, each citing known sources, in every group of the issue', () => {
    expect(corpus.cases.length).toBeGreaterThanOrEqual(80);
    const groups = new Set(corpus.cases.map((testCase) => testCase.group));
    for (const group of [
      'nack',
      'mesh-default',
      'json-logs',
      'sampler',
      'headers',
      'dynakube',
      'concatenated',
      'duplicates',
      'collect',
      'false-fail',
      'refuse',
      'paste',
      'wording',
    ]) {
      expect(groups).toContain(group);
    }
    for (const testCase of corpus.cases) {
      expect(testCase.source.length, testCase.name).toBeGreaterThan(0);
    }
  });

  it.each(corpus.cases.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    const { result, codes } = run(testCase);
    const output = `${result.stdout}${result.stderr}`;
    // The worst outcome first: a failing or unreadable set must never say ✓.
    if (testCase.verdict !== 'pass') expect(result.exitCode, output).not.toBe(0);
    expect(result.exitCode, output).toBe(EXIT[testCase.verdict]);
    for (const code of testCase.codes) expect(codes, output).toContain(code);
    for (const text of testCase.mustSay) expect(output).toContain(text);
    for (const text of testCase.mustNotSay) expect(output).not.toContain(text);
  });
});
