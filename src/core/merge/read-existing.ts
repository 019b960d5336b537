import { isScalar, parseAllDocuments, parseDocument, Scalar, type Document } from 'yaml';
import { camelCase, MESH_CONFIG_TOP_LEVEL_FIELDS } from '../mesh-config-schema';
import { problem, type InputProblem, type ProblemCode } from '../problems';
import { checkDocumentBounds, checkTextBounds } from './bounds';
import { asObject } from '../plain-data';
import { inputSizeProblem, utf8ByteLength } from './input-size';

/*
 * Reading a mesh config the user already has, in the forms they really have it: an IstioOperator,
 * istiod Helm values, the `istio` ConfigMap (mesh config as a YAML string in data.mesh), or a bare
 * meshConfig block. Untrusted input: size and alias expansion are bounded, and every failure is a
 * value with a message (and line and column where the parser gives one), never an exception.
 */

import type { ExistingFormat } from './format-labels';
export { FORMAT_LABELS, type ExistingFormat } from './format-labels';
export { MAX_INPUT_BYTES } from './input-size';
export { MAX_ALIAS_COUNT, MAX_NESTING_DEPTH } from './bounds';
export type { InputProblem } from '../problems';

interface Common {
  /** The input with line endings normalised to \n and any byte-order mark removed. */
  text: string;
  /** The line ending the merged file uses: the input's own (the most frequent one when they are mixed). */
  lineEnding: '\n' | '\r\n';
  /** True when the input started with a byte-order mark; the merged file keeps it. */
  bom: boolean;
  /** True when the input is JSON; the merged file is JSON too. */
  json: boolean;
  notes: string[];
}

export interface ExistingConfig extends Common {
  format: ExistingFormat;
  /** Where the meshConfig map sits in the document (empty for a bare block or inside the ConfigMap string). */
  meshPath: string[];
  /** For the ConfigMap: the mesh config text inside data.mesh. */
  innerText?: string;
  /** The mesh config as Istio reads it (YAML 1.1), or undefined when the manifest has none yet. */
  mesh: Record<string, unknown> | undefined;
  /** The whole document as data, and as parsed (reused by the merge: large configs are parsed once). */
  data: Record<string, unknown>;
  doc: Document.Parsed;
  /** For the ConfigMap: the parsed mesh text (absent when data.mesh is empty). */
  innerDoc?: Document.Parsed;
}

export type ReadResult = { ok: true; config: ExistingConfig } | { ok: false; problem: InputProblem };

const fail = (code: ProblemCode, message: string, line?: number, col?: number): ReadResult => ({
  ok: false,
  problem: problem(code, message, line, col),
});

export function readExistingMeshConfig(input: string): ReadResult {
  const tooLarge = inputSizeProblem(utf8ByteLength(input));
  if (tooLarge) return fail('TOO_LARGE', tooLarge);
  const bom = input.startsWith('\uFEFF');
  const endings = lineEndingsOf(input);
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') return fail('EMPTY', 'Nothing to read yet: paste your current mesh configuration.');
  const notes: string[] = [...endings.notes];
  const replaced = text.indexOf('\uFFFD');
  if (replaced >= 0) {
    notes.push(
      `Line ${lineOf(text, replaced) + 1} holds a character that was not valid UTF-8 when the file was read (shown as \uFFFD); the merged file keeps \uFFFD there. Save the file as UTF-8 to keep the original character.`,
    );
  }
  const parsed = parseDocuments(text);
  if (!parsed.ok) return parsed;
  // Only after the bounds: JSON.parse recurses too.
  const json = isJson(text);
  const doc = parsed.doc;
  const root = toJs(doc);
  if (!root.ok) return root;
  const value = root.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail(
      'NOT_A_MAP',
      'This is not a mesh config: expected an IstioOperator, istiod Helm values, the istio ConfigMap or a meshConfig block.',
    );
  }
  const object = value as Record<string, unknown>;
  const templated = /^[^#\n]*\{\{[^\n]*\}\}/m.test(text);
  if (templated) {
    notes.push(
      'This looks like a Helm template ({{ … }}), not values: the placeholders were read as YAML, not filled in. Merge into the rendered values or edit the template by hand.',
    );
  }

  if (typeof object.kind === 'string') {
    if (object.kind === 'IstioOperator') {
      const spec = asObject(object.spec);
      if (object.spec !== undefined && object.spec !== null && !spec)
        return fail('MESH_NOT_A_MAP', 'spec in this IstioOperator is not a map of settings.');
      const mesh = spec?.meshConfig;
      if (mesh !== undefined && mesh !== null && !asObject(mesh)) {
        return fail('MESH_NOT_A_MAP', 'spec.meshConfig in this IstioOperator is not a map of settings.');
      }
      // istioctl merges spec.meshConfig over spec.values.meshConfig, replacing lists whole (istio/istio
      // operator/pkg/render/manifest.go translateIstioOperatorToHelm, operator/pkg/values/map.go MergeFrom):
      // providers written only under spec.values.meshConfig are the ones to merge into.
      const valuesMesh = asObject(asObject(spec?.values)?.meshConfig);
      const specMesh = asObject(mesh);
      if (valuesMesh && hasProviders(valuesMesh) && !hasProviders(specMesh)) {
        return ok('istio-operator', ['spec', 'values', 'meshConfig'], valuesMesh);
      }
      if (valuesMesh && hasProviders(valuesMesh)) {
        notes.push(
          'spec.values.meshConfig also lists extension providers; istioctl replaces that list with spec.meshConfig.extensionProviders, so only the providers under spec.meshConfig are installed. Move the others there.',
        );
      }
      return ok('istio-operator', ['spec', 'meshConfig'], specMesh);
    }
    if (object.kind === 'ConfigMap') return readConfigMap(doc, object, text, common());
    // The Sail operator's Istio resource (istio-ecosystem/sail-operator api/v1/istio_types.go).
    if (
      object.kind === 'Istio' &&
      typeof object.apiVersion === 'string' &&
      object.apiVersion.startsWith('sailoperator.io/')
    ) {
      const spec = object.spec as Record<string, unknown> | undefined;
      const values = spec?.values as Record<string, unknown> | undefined;
      const mesh = values?.meshConfig;
      if (mesh !== undefined && mesh !== null && (typeof mesh !== 'object' || Array.isArray(mesh))) {
        return fail('MESH_NOT_A_MAP', 'spec.values.meshConfig in this Istio resource is not a map of settings.');
      }
      return ok('sail', ['spec', 'values', 'meshConfig'], (mesh ?? undefined) as Record<string, unknown> | undefined);
    }
    if (object.kind === 'List')
      return fail(
        'RESOURCE_LIST',
        'This is a list of resources. Paste only the istio ConfigMap or your IstioOperator.',
      );
    return fail(
      'OTHER_KIND',
      `This is ${/^[AEIOU]/.test(object.kind) ? 'an' : 'a'} ${object.kind}, not a mesh config. Paste your IstioOperator, istiod Helm values, the istio ConfigMap or a meshConfig block.`,
    );
  }
  if ('meshConfig' in object) {
    const mesh = object.meshConfig;
    if (mesh !== null && !asObject(mesh))
      return fail('MESH_NOT_A_MAP', 'meshConfig in these values is not a map of settings.');
    return ok('helm', ['meshConfig'], (mesh ?? undefined) as Record<string, unknown> | undefined);
  }
  if (Object.keys(object).some(isMeshConfigKey)) return ok('mesh-config', [], object);
  // istiod chart values without meshConfig yet, like an IstioOperator without spec.meshConfig.
  if (Object.keys(object).some((key) => HELM_VALUES_KEYS.includes(key))) return ok('helm', ['meshConfig'], undefined);
  return fail(
    'NOT_A_MESH_CONFIG',
    'No mesh config found here. Expected an IstioOperator (spec.meshConfig), istiod Helm values (meshConfig:), the istio ConfigMap (kubectl -n istio-system get configmap istio -o yaml) or a meshConfig block (extensionProviders:, defaultConfig:, …).',
  );

  function common(): Common {
    return { text, lineEnding: endings.lineEnding, bom, json, notes };
  }

  function ok(format: ExistingFormat, meshPath: string[], mesh: Record<string, unknown> | undefined): ReadResult {
    return { ok: true, config: { format, ...common(), meshPath, mesh, data: object, doc } };
  }
}

/** Top-level keys of the istiod chart's values (istio/istio manifests/charts/istio-control/istio-discovery/values.yaml). */
const HELM_VALUES_KEYS = ['pilot', 'global', 'revision', 'sidecarInjectorWebhook', 'istiodRemote', 'revisionTags'];

function hasProviders(mesh: Record<string, unknown> | undefined): boolean {
  return mesh !== undefined && ('extensionProviders' in mesh || 'extension_providers' in mesh);
}

function isJson(text: string): boolean {
  if (!/^\s*[{[]/.test(text)) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The line ending the merged file uses, and what the reader must be told about the others. */
function lineEndingsOf(input: string): { lineEnding: '\n' | '\r\n'; notes: string[] } {
  const crlf = input.match(/\r\n/g)?.length ?? 0;
  const cr = input.match(/\r(?!\n)/g)?.length ?? 0;
  const lf = (input.match(/\n/g)?.length ?? 0) - crlf;
  const notes: string[] = [];
  const lineEnding = crlf > lf ? '\r\n' : '\n';
  if (crlf > 0 && lf === 0 && cr === 0) notes.push('Windows line endings (CRLF) found; the merged file keeps them.');
  else if ((crlf > 0 ? 1 : 0) + (lf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0) > 1) {
    notes.push(
      `The file mixes line endings (${[crlf && `${crlf} CRLF`, lf && `${lf} LF`, cr && `${cr} CR`].filter(Boolean).join(', ')}); the merged file uses ${lineEnding === '\n' ? 'LF' : 'CRLF'} throughout.`,
    );
  } else if (cr > 0) notes.push('Old Mac line endings (CR) found; the merged file uses LF.');
  return { lineEnding, notes };
}

function readConfigMap(
  doc: Document.Parsed,
  object: Record<string, unknown>,
  text: string,
  common: Common,
): ReadResult {
  const data = object.data as Record<string, unknown> | undefined;
  const meshText = data?.mesh;
  if (typeof meshText !== 'string') {
    return fail(
      'CONFIGMAP_WITHOUT_MESH',
      'This ConfigMap has no data.mesh. Use the one istiod reads: kubectl -n istio-system get configmap istio -o yaml.',
    );
  }
  const config = { format: 'configmap' as const, ...common, meshPath: [], innerText: meshText, data: object, doc };
  // An empty data.mesh is valid: istiod then uses its defaults (istio/istio pkg/config/mesh ApplyMeshConfig).
  if (meshText.trim() === '') return { ok: true, config: { ...config, mesh: undefined } };
  const inner = parseDocuments(meshText);
  if (!inner.ok) {
    const { problem: found } = inner;
    const at = innerPosition(doc, text, meshText, found);
    return fail(found.code, `data.mesh holds invalid YAML: ${found.message}`, at.line, at.col);
  }
  const mesh = toJs(inner.doc);
  if (!mesh.ok) return mesh;
  if (mesh.value !== null && !asObject(mesh.value)) {
    return fail('MESH_NOT_A_MAP', 'data.mesh in this ConfigMap is not a map of mesh settings.');
  }
  return {
    ok: true,
    config: { ...config, mesh: (mesh.value ?? undefined) as Record<string, unknown> | undefined, innerDoc: inner.doc },
  };
}

/**
 * Where a problem inside data.mesh is in the whole file. A `|` block holds the mesh text line for line, from the line
 * after its header, every line indented alike. Quoted and folded forms do not map line for line: data.mesh's own line.
 */
function innerPosition(
  doc: Document.Parsed,
  text: string,
  meshText: string,
  found: InputProblem,
): { line?: number; col?: number } {
  const node = doc.getIn(['data', 'mesh'], true);
  if (!isScalar(node) || !node.range) return {};
  const header = lineOf(text, node.range[0]);
  if (node.type !== Scalar.BLOCK_LITERAL) return { line: header + 1 };
  const innerLines = meshText.split('\n');
  const first = innerLines.findIndex((line) => line.trim() !== '');
  const indent = (text.split('\n')[header + 1 + first] ?? '').length - (innerLines[first] ?? '').length;
  return {
    ...(found.line === undefined ? {} : { line: header + 1 + found.line }),
    ...(found.col === undefined ? {} : { col: found.col + indent }),
  };
}

const PARSE_OPTIONS = { version: '1.1', prettyErrors: true, uniqueKeys: false, logLevel: 'error' } as const;

/**
 * Empty documents are not documents: a `---` before, between or after the content opens one, with an empty null
 * scalar as its contents (a written `null` or `~` has a length, and is a document). Read-telemetries uses it too.
 */
export function isEmptyDocument(doc: Document.Parsed): boolean {
  const contents = doc.contents;
  if (contents === null) return true;
  return (
    isScalar(contents) &&
    contents.value === null &&
    !contents.anchor &&
    !contents.tag &&
    contents.range !== undefined &&
    contents.range[0] === contents.range[1]
  );
}

export function parseDocuments(
  text: string,
): { ok: true; doc: Document.Parsed } | { ok: false; problem: InputProblem } {
  const bounds = checkTextBounds(text);
  if (bounds) return { ok: false, problem: bounds };
  // One document is the normal case and the cheaper parse; several are counted only to say so.
  let doc: Document.Parsed | undefined;
  const single = parseDocument(text, PARSE_OPTIONS);
  if (single.errors.length === 0 && !isEmptyDocument(single)) doc = single;
  else {
    const docs = parseAllDocuments(text, PARSE_OPTIONS);
    if (!Array.isArray(docs))
      return { ok: false, problem: problem('EMPTY', 'Nothing to read: the text holds no YAML document.') };
    const nonEmpty = docs.filter((each) => !isEmptyDocument(each) || each.errors.length > 0);
    const broken = nonEmpty.find((each) => each.errors.length > 0);
    if (broken) {
      const error = broken.errors[0]!;
      const position = error.linePos?.[0];
      const tabs = error.code === 'TAB_AS_INDENT';
      const message = `${firstLine(error.message)}${tabs ? ' YAML does not allow tabs for indentation: replace them with spaces.' : ''}`;
      return {
        ok: false,
        problem: problem(tabs ? 'TAB_AS_INDENT' : 'INVALID_YAML', message, position?.line, position?.col),
      };
    }
    if (nonEmpty.length === 0)
      return { ok: false, problem: problem('EMPTY', 'Nothing to read: the text holds only comments or separators.') };
    if (nonEmpty.length > 1) {
      return {
        ok: false,
        problem: problem(
          'MULTIPLE_DOCUMENTS',
          `This holds ${nonEmpty.length} YAML documents (separated by ---). Paste only the one with your mesh config: the IstioOperator, the Helm values or the istio ConfigMap.`,
        ),
      };
    }
    doc = nonEmpty[0]!;
  }
  const documentBounds = checkDocumentBounds(doc, text);
  if (documentBounds) return { ok: false, problem: documentBounds };
  return { ok: true, doc };
}

function toJs(doc: Document.Parsed): { ok: true; value: unknown } | { ok: false; problem: InputProblem } {
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: -1 }) };
  } catch (error) {
    return {
      ok: false,
      problem: problem('INVALID_YAML', `This YAML cannot be read: ${firstLine((error as Error).message)}`),
    };
  }
}

function isMeshConfigKey(key: string): boolean {
  return MESH_CONFIG_TOP_LEVEL_FIELDS.some((field) => field === key || camelCase(field) === key);
}

function firstLine(message: string): string {
  return message
    .split('\n')[0]!
    .replace(/\s+at line \d+, column \d+:?$/, '')
    .trim();
}

export function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
