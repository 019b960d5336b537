import { isScalar, parse, Scalar, type Document, type Node } from 'yaml';
import type { Finding } from '../findings';
import {
  buildExtensionProvider,
  istiodTokenEnv,
  usesIstiodTokenEnv,
  type ExtensionProvider,
} from '../generate/mesh-config';
import { camelCaseKeys } from '../generate/sail';
import type { Model } from '../model';
import { problem, type ProblemCode } from '../problems';
import { checkMergeTarget } from './check-target';
import { asObject, type Plain } from '../plain-data';
import { findTraps } from './find-traps';
import {
  FORMAT_LABELS,
  lineOf,
  readExistingMeshConfig,
  type ExistingConfig,
  type ExistingFormat,
  type InputProblem,
} from './read-existing';
import {
  parseSingleDocument,
  readSingleDocument,
  upsertListItem,
  type PathKey,
  type TextEdit,
  type UpsertResult,
} from './upsert-list-item';

/*
 * Merges the generated extension provider into the user's own mesh config: a provider with the same
 * name is replaced, everything else (other providers, keys, order, comments, indentation, line
 * endings) stays as the user wrote it. The result is re-read and compared with what the merge should
 * have produced; a mismatch falls back to the yaml Document API, and never returns a wrong file.
 */

export interface MergeSuccess {
  ok: true;
  format: ExistingFormat;
  formatLabel: string;
  /** The text as the user gave it. */
  original: string;
  merged: string;
  /** The provider entry that was replaced, as it was. */
  replaced?: unknown;
  /** True when spacing was normalised because the layout could not be edited in place. */
  normalized: boolean;
  findings: Finding[];
  notes: string[];
}

export type MergeOutcome = MergeSuccess | { ok: false; problem: InputProblem };

const PROVIDERS: PathKey = ['extensionProviders', 'extension_providers'];

interface Target {
  providerPath: PathKey[];
  envPath?: PathKey[];
}

function targetFor(config: ExistingConfig): Target {
  const meshPath = config.meshPath.map((key): PathKey => [key]);
  switch (config.format) {
    case 'istio-operator':
      return {
        providerPath: [...meshPath, PROVIDERS],
        envPath: [['spec'], ['components'], ['pilot'], ['k8s'], ['env']],
      };
    case 'helm':
      return { providerPath: [...meshPath, PROVIDERS], envPath: [['envVarFrom']] };
    case 'configmap':
    case 'mesh-config':
      return { providerPath: [PROVIDERS] };
    case 'sail':
      return {
        providerPath: [['spec'], ['values'], ['meshConfig'], PROVIDERS],
        envPath: [['spec'], ['values'], ['pilot'], ['envVarFrom']],
      };
  }
}

const fail = (code: ProblemCode, message: string): MergeOutcome => ({ ok: false, problem: problem(code, message) });

export function mergeIntoExistingMeshConfig(input: string, model: Model): MergeOutcome {
  const read = readExistingMeshConfig(input);
  if (!read.ok) return read;
  const config = read.config;
  // The Sail CRD prunes the snake_case spellings istiod would accept elsewhere (generate/sail.ts).
  const provider =
    config.format === 'sail'
      ? (camelCaseKeys(buildExtensionProvider(model)) as ExtensionProvider)
      : buildExtensionProvider(model);
  const env = usesIstiodTokenEnv(model) ? istiodTokenEnv(model) : undefined;
  const target = targetFor(config);
  const notes = [...config.notes];

  const shapeProblem =
    config.format === 'configmap'
      ? config.innerDoc && checkMergeTarget(config.innerDoc, config.innerText ?? '', target.providerPath, 'data.mesh')
      : (checkMergeTarget(config.doc, config.text, target.providerPath, '') ??
        (env && target.envPath ? checkMergeTarget(config.doc, config.text, target.envPath, '') : undefined));
  if (shapeProblem) {
    // Lines inside data.mesh are reported at their line in the whole file.
    if (config.format === 'configmap' && shapeProblem.line !== undefined) shapeProblem.line += meshOffsetLine(config);
    return { ok: false, problem: shapeProblem };
  }

  const attempt = (force: boolean) => mergeText(config, target, provider, env, force);
  let result = attempt(false);
  if (!result || !isFaithful(config, result, target, provider, env)) {
    result = attempt(true);
    if (!result || !isFaithful(config, result, target, provider, env)) {
      return fail(
        'MERGE_UNSAFE',
        'This config could not be merged safely (the merged file did not read back as your config plus the provider). Please report it; meanwhile merge the provider by hand from the preview.',
      );
    }
  }
  if (env && !target.envPath) {
    notes.push(
      `istiod needs the ${env.name} variable from the Secret ${model.token.secretName}: kubectl -n istio-system set env deployment/istiod --from=secret/${model.token.secretName}`,
    );
  }
  let text = result.text;
  let normalized = result.normalized;
  if (config.json) {
    const json = asJson(config, text);
    if (json !== undefined) {
      text = json;
      normalized = false;
      notes.push(
        `This is JSON: the merged file is JSON too, with the same key order, indented ${jsonIndent(config.text)} spaces.`,
      );
    }
  } else if (normalized) {
    notes.push(
      'Your layout could not be edited in place, so spacing in the merged file was normalised; keys, order and comments are kept.',
    );
  }

  const merged = (config.bom ? '\uFEFF' : '') + (config.lineEnding === '\r\n' ? text.replace(/\n/g, '\r\n') : text);
  return {
    ok: true,
    format: config.format,
    formatLabel: FORMAT_LABELS[config.format],
    original: input,
    merged,
    ...(result.replaced === undefined ? {} : { replaced: result.replaced }),
    normalized,
    findings: findTraps(config.mesh, model, provider, result.replaced),
    notes,
  };
}

function meshOffsetLine(config: ExistingConfig): number {
  const node = config.doc.getIn(['data', 'mesh'], true);
  return isScalar(node) && node.range
    ? lineOf(config.text, node.range[0]) + (node.type === Scalar.BLOCK_LITERAL ? 1 : 0)
    : 0;
}

/** The merged data as JSON in the input's indentation (JSON has no comments to keep). */
function asJson(config: ExistingConfig, mergedText: string): string | undefined {
  try {
    const data = readSingleDocument(mergedText);
    const indent = jsonIndent(config.text);
    return `${JSON.stringify(data, null, indent)}${config.text.endsWith('\n') ? '\n' : ''}`;
  } catch {
    return undefined;
  }
}

function jsonIndent(text: string): number {
  const second = /\n( +)\S/.exec(text);
  return second ? Math.min(second[1]!.length, 8) : 2;
}

function mergeText(
  config: ExistingConfig,
  target: Target,
  provider: ExtensionProvider,
  env: ReturnType<typeof istiodTokenEnv> | undefined,
  force: boolean,
): UpsertResult | undefined {
  if (config.format === 'configmap') {
    const inner = upsert(config.innerText ?? '', target.providerPath, provider.name, provider, force, config.innerDoc);
    const embedded = embedMesh(config.text, inner.text, force);
    // The edit positions refer to the inner text; the embedded result is checked in full instead.
    return embedded === undefined
      ? undefined
      : {
          text: embedded.text,
          ...(inner.replaced === undefined ? {} : { replaced: inner.replaced }),
          normalized: inner.normalized || embedded.normalized,
        };
  }
  const withProvider = upsert(config.text, target.providerPath, provider.name, provider, force, config.doc);
  if (!env || !target.envPath) return withProvider;
  const withEnv = upsert(withProvider.text, target.envPath, env.name, env, force);
  return {
    text: withEnv.text,
    replaced: withProvider.replaced,
    normalized: withProvider.normalized || withEnv.normalized,
  };
}

function upsert<Item extends object>(
  text: string,
  path: readonly PathKey[],
  name: string,
  item: Item,
  force: boolean,
  doc?: Document.Parsed,
): UpsertResult {
  return upsertListItem(text, path, name, item, { inPlace: !force, ...(doc ? { doc } : {}) });
}

/** Puts the merged mesh text back into the ConfigMap's data.mesh block, at its indentation. */
function embedMesh(outer: string, meshText: string, force: boolean): { text: string; normalized: boolean } | undefined {
  const doc = parseSingleDocument(outer);
  const node = doc.getIn(['data', 'mesh'], true) as Node | undefined;
  if (!isScalar(node) || !node.range) return undefined;
  const body = meshText.endsWith('\n') ? meshText : `${meshText}\n`;
  // In place only under a plain `|` header: `|2`, `>` and quoted strings are re-rendered, and said so.
  const header = /^\|[-+]?[ \t]*(#.*)?$/.test(outer.slice(node.range[0], outer.indexOf('\n', node.range[0])));
  if (!force && node.type === Scalar.BLOCK_LITERAL && header) {
    const headerEnd = outer.indexOf('\n', node.range[0]) + 1;
    const contentEnd = node.range[1];
    const firstContent = outer
      .slice(headerEnd, contentEnd)
      .split('\n')
      .find((line) => line.trim() !== '');
    const indent = firstContent ? firstContent.length - firstContent.trimStart().length : 4;
    if (headerEnd > 0 && indent > 0) {
      const pad = ' '.repeat(indent);
      const reindented = body
        .split('\n')
        .slice(0, -1)
        .map((line) => (line === '' ? '' : pad + line))
        .join('\n');
      const end =
        outer[contentEnd - 1] === '\n' || contentEnd >= outer.length
          ? contentEnd
          : outer.indexOf('\n', contentEnd) + 1 || outer.length;
      return { text: `${outer.slice(0, headerEnd)}${reindented}\n${outer.slice(end)}`, normalized: false };
    }
  }
  const scalar = doc.createNode(body) as Scalar;
  scalar.type = Scalar.BLOCK_LITERAL;
  doc.setIn(['data', 'mesh'], scalar);
  return { text: doc.toString({ lineWidth: 0 }), normalized: true };
}

/** Above this size a merge is checked around the edit instead of by re-reading the whole file. */
const FULL_CHECK_LIMIT = 256 * 1024;

/**
 * Re-reads the merged text: the provider (and env var) must be exactly ours, and nothing else may differ.
 * Very large files (far beyond real mesh configs) get the local check of the single edit instead.
 */
function isFaithful(
  config: ExistingConfig,
  result: UpsertResult,
  target: Target,
  provider: ExtensionProvider,
  env: ReturnType<typeof istiodTokenEnv> | undefined,
): boolean {
  if (
    result.edit &&
    !result.normalized &&
    config.text.length > FULL_CHECK_LIMIT &&
    config.format !== 'configmap' &&
    !(env && target.envPath)
  ) {
    return isSoundEdit(result.text, result.edit);
  }
  let before: unknown = config.data;
  let after: unknown;
  try {
    after = readSingleDocument(result.text);
    if (config.format === 'configmap') {
      before = { ...(before as Plain), data: { ...((before as Plain).data as Plain), mesh: config.mesh ?? {} } };
      after = {
        ...(after as Plain),
        data: {
          ...((after as Plain).data as Plain),
          mesh: parse(String(((after as Plain).data as Plain).mesh), { version: '1.1', maxAliasCount: -1 }) as unknown,
        },
      };
    }
  } catch {
    return false;
  }
  const providerPath =
    config.format === 'configmap' ? [['data'], ['mesh'], ...target.providerPath] : target.providerPath;
  const expected = applyUpsert(before, providerPath, provider.name, provider);
  const expectedWithEnv = env && target.envPath ? applyUpsert(expected, target.envPath, env.name, env) : expected;
  return JSON.stringify(expectedWithEnv) === JSON.stringify(after);
}

/**
 * The local check: the edit sits on line boundaries, the inserted block reads back as exactly the
 * expected data, and the next content line is not indented deeper than the block (so nothing after it
 * can be taken into it, and it cannot be taken into anything before it).
 */
function isSoundEdit(merged: string, edit: TextEdit): boolean {
  if (edit.start > 0 && merged[edit.start - 1] !== '\n') return false;
  const block = edit.inserted.replace(/^\n/, '');
  if (!block.endsWith('\n')) return false;
  const lines = block.split('\n').slice(0, -1);
  if (lines.some((line) => line.trim() !== '' && !line.startsWith(' '.repeat(edit.column)))) return false;
  try {
    const readBack = parse(lines.map((line) => line.slice(edit.column)).join('\n'), { version: '1.1' }) as unknown;
    if (JSON.stringify(readBack) !== JSON.stringify(edit.expected)) return false;
  } catch {
    return false;
  }
  const after = merged.slice(edit.start + edit.inserted.length);
  const next = after.split('\n').find((line) => line.trim() !== '' && !line.trim().startsWith('#'));
  return next === undefined || next.length - next.trimStart().length <= edit.column;
}

/** The same upsert, on plain data: what the merged document must read back as. */
function applyUpsert(value: unknown, path: readonly PathKey[], name: string, item: unknown): unknown {
  const root: Plain = { ...asObject(value) };
  let node = root;
  path.forEach((keys, depth) => {
    const existingKey = keys.find((key) => key in node) ?? keys[0]!;
    const last = depth === path.length - 1;
    const current = node[existingKey];
    if (last) {
      const list: unknown[] = Array.isArray(current) ? [...(current as unknown[])] : [];
      const index = list.findIndex((entry) => asObject(entry)?.name === name);
      if (index >= 0) list[index] = item;
      else list.push(item);
      const kept = index >= 0 ? index : list.length - 1;
      // Later items of the same name are removed: exactly one remains (upsert-list-item.ts).
      node[existingKey] = list.filter((entry, at) => at <= kept || asObject(entry)?.name !== name);
    } else {
      const child: Plain = { ...asObject(current) };
      node[existingKey] = child;
      node = child;
    }
  });
  return JSON.parse(JSON.stringify(root));
}
