import { isScalar, parseAllDocuments, parseDocument, type Document } from 'yaml';
import { camelCase, MESH_CONFIG_TOP_LEVEL_FIELDS } from '../mesh-config-schema';
import { inputSizeProblem, utf8ByteLength } from './input-size';

/*
 * Reading a mesh config the user already has, in the forms they really have it: an IstioOperator,
 * istiod Helm values, the `istio` ConfigMap (mesh config as a YAML string in data.mesh), or a bare
 * meshConfig block. Untrusted input: size and alias expansion are bounded, and every failure is a
 * value with a message (and line and column where the parser gives one), never an exception.
 */

export type ExistingFormat = 'istio-operator' | 'helm' | 'configmap' | 'mesh-config' | 'sail';

export const FORMAT_LABELS: Record<ExistingFormat, string> = {
  'istio-operator': 'IstioOperator (spec.meshConfig)',
  helm: 'istiod Helm values (meshConfig:)',
  configmap: 'the istio ConfigMap (mesh config inside data.mesh)',
  'mesh-config': 'a bare meshConfig block',
  sail: 'the Sail operator’s Istio resource (spec.values.meshConfig)',
};

/** Bounds alias expansion ("billion laughs"). */
export const MAX_ALIAS_COUNT = 1000;

export interface InputProblem {
  message: string;
  line?: number;
  col?: number;
}

export interface ExistingConfig {
  format: ExistingFormat;
  /** The input with line endings normalised to \n and any byte-order mark removed. */
  text: string;
  /** True when the input used Windows line endings; the merged file keeps them. */
  crlf: boolean;
  /** Where the meshConfig map sits in the document (empty for a bare block or inside the ConfigMap string). */
  meshPath: string[];
  /** For the ConfigMap: the mesh config text inside data.mesh. */
  innerText?: string;
  /** The mesh config as Istio reads it (YAML 1.1), or undefined when the manifest has none yet. */
  mesh: Record<string, unknown> | undefined;
  /** The whole document as data, and as parsed (reused by the merge: large configs are parsed once). */
  data: Record<string, unknown>;
  doc: Document.Parsed;
  /** For the ConfigMap: the parsed mesh text. */
  innerDoc?: Document.Parsed;
  notes: string[];
}

export type ReadResult = { ok: true; config: ExistingConfig } | { ok: false; problem: InputProblem };

const fail = (message: string, line?: number, col?: number): ReadResult => ({
  ok: false,
  problem: { message, ...(line === undefined ? {} : { line }), ...(col === undefined ? {} : { col }) },
});

export function readExistingMeshConfig(input: string): ReadResult {
  const tooLarge = inputSizeProblem(utf8ByteLength(input));
  if (tooLarge) return fail(tooLarge);
  const crlf = /\r\n/.test(input);
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') return fail('Nothing to read yet: paste your current mesh configuration.');
  const notes: string[] = [];
  if (crlf) notes.push('Windows line endings (CRLF) found; the merged file keeps them.');
  if (/^\s*[{[]/.test(text))
    notes.push('This is JSON, which is also YAML: it is read as such and the merged file keeps its style.');

  const parsed = parseDocuments(text);
  if (!parsed.ok) return parsed;
  const doc = parsed.doc;
  const root = toJs(doc);
  if (!root.ok) return root;
  const value = root.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail(
      'This is not a mesh config: expected an IstioOperator, istiod Helm values, the istio ConfigMap or a meshConfig block.',
    );
  }
  const object = value as Record<string, unknown>;

  if (typeof object.kind === 'string') {
    if (object.kind === 'IstioOperator') {
      const spec = object.spec as Record<string, unknown> | undefined;
      const mesh = spec?.meshConfig;
      if (mesh !== undefined && mesh !== null && (typeof mesh !== 'object' || Array.isArray(mesh))) {
        return fail('spec.meshConfig in this IstioOperator is not a map of settings.');
      }
      return ok('istio-operator', ['spec', 'meshConfig'], (mesh ?? undefined) as Record<string, unknown> | undefined);
    }
    if (object.kind === 'ConfigMap') return readConfigMap(doc, object, text, crlf, notes);
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
        return fail('spec.values.meshConfig in this Istio resource is not a map of settings.');
      }
      return ok('sail', ['spec', 'values', 'meshConfig'], (mesh ?? undefined) as Record<string, unknown> | undefined);
    }
    if (object.kind === 'List')
      return fail('This is a list of resources. Paste only the istio ConfigMap or your IstioOperator.');
    return fail(
      `This is a ${object.kind}, not a mesh config. Paste your IstioOperator, istiod Helm values, the istio ConfigMap or a meshConfig block.`,
    );
  }
  if ('meshConfig' in object) {
    const mesh = object.meshConfig;
    if (mesh !== null && (typeof mesh !== 'object' || Array.isArray(mesh)))
      return fail('meshConfig in these values is not a map of settings.');
    return ok('helm', ['meshConfig'], (mesh ?? undefined) as Record<string, unknown> | undefined);
  }
  if (Object.keys(object).some(isMeshConfigKey)) return ok('mesh-config', [], object);
  return fail(
    'No mesh config found here. Expected an IstioOperator (spec.meshConfig), istiod Helm values (meshConfig:), the istio ConfigMap (kubectl -n istio-system get configmap istio -o yaml) or a meshConfig block (extensionProviders:, defaultConfig:, …).',
  );

  function ok(format: ExistingFormat, meshPath: string[], mesh: Record<string, unknown> | undefined): ReadResult {
    return { ok: true, config: { format, text, crlf, meshPath, mesh, data: object, doc, notes } };
  }
}

function readConfigMap(
  doc: Document.Parsed,
  object: Record<string, unknown>,
  text: string,
  crlf: boolean,
  notes: string[],
): ReadResult {
  const data = object.data as Record<string, unknown> | undefined;
  const meshText = data?.mesh;
  if (typeof meshText !== 'string') {
    return fail(
      'This ConfigMap has no data.mesh. Use the one istiod reads: kubectl -n istio-system get configmap istio -o yaml.',
    );
  }
  const node = doc.getIn(['data', 'mesh'], true);
  const offsetLine = isScalar(node) && node.range ? lineOf(text, node.range[0]) : 0;
  const inner = parseDocuments(meshText);
  if (!inner.ok) {
    const { problem } = inner;
    return fail(
      `data.mesh holds invalid YAML: ${problem.message}`,
      problem.line === undefined ? undefined : problem.line + offsetLine,
      problem.col,
    );
  }
  const mesh = toJs(inner.doc);
  if (!mesh.ok) return mesh;
  if (mesh.value !== null && (typeof mesh.value !== 'object' || Array.isArray(mesh.value))) {
    return fail('data.mesh in this ConfigMap is not a map of mesh settings.');
  }
  return {
    ok: true,
    config: {
      format: 'configmap',
      text,
      crlf,
      meshPath: [],
      innerText: meshText,
      mesh: (mesh.value ?? undefined) as Record<string, unknown> | undefined,
      data: object,
      doc,
      innerDoc: inner.doc,
      notes,
    },
  };
}

function parseDocuments(text: string): { ok: true; doc: Document.Parsed } | { ok: false; problem: InputProblem } {
  // One document is the normal case and the cheaper parse; several are counted only to say so.
  const single = parseDocument(text, { version: '1.1', prettyErrors: true, uniqueKeys: true });
  if (!single.errors.some((error) => error.code === 'MULTIPLE_DOCS')) {
    if (single.errors.length === 0) {
      return single.contents === null
        ? { ok: false, problem: { message: 'Nothing to read: the text holds only comments or separators.' } }
        : { ok: true, doc: single };
    }
  }
  const docs = parseAllDocuments(text, { version: '1.1', prettyErrors: true, uniqueKeys: true });
  if (!Array.isArray(docs))
    return { ok: false, problem: { message: 'Nothing to read: the text holds no YAML document.' } };
  const nonEmpty = docs.filter((doc) => doc.contents !== null || doc.errors.length > 0);
  const broken = nonEmpty.find((doc) => doc.errors.length > 0);
  if (broken) {
    const error = broken.errors[0]!;
    const position = error.linePos?.[0];
    const tabs = /tab/i.test(error.message) || (position && /^\t/.test(text.split('\n')[position.line - 1] ?? ''));
    const message = `${firstLine(error.message)}${tabs ? ' YAML does not allow tabs for indentation: replace them with spaces.' : ''}`;
    return { ok: false, problem: { message, ...(position ? { line: position.line, col: position.col } : {}) } };
  }
  if (nonEmpty.length === 0)
    return { ok: false, problem: { message: 'Nothing to read: the text holds only comments or separators.' } };
  if (nonEmpty.length > 1) {
    return {
      ok: false,
      problem: {
        message: `This holds ${nonEmpty.length} YAML documents (separated by ---). Paste only the one with your mesh config: the IstioOperator, the Helm values or the istio ConfigMap.`,
      },
    };
  }
  return { ok: true, doc: nonEmpty[0]! };
}

function toJs(doc: Document.Parsed): { ok: true; value: unknown } | { ok: false; problem: InputProblem } {
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    const message = (error as Error).message;
    return {
      ok: false,
      problem: {
        message: /alias/i.test(message)
          ? 'This YAML expands its aliases (*name) into far more data than it contains, which is how “alias bombs” work. Paste the config without them.'
          : `This YAML cannot be read: ${firstLine(message)}`,
      },
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
