import { describe, expect, it } from 'vitest';
import { lineOf, readExistingMeshConfig } from './read-existing';

const problem = (text: string) => {
  const result = readExistingMeshConfig(text);
  if (result.ok) throw new Error('expected a problem');
  return result.problem;
};

describe('reading a pasted mesh config', () => {
  it('detects each form and names it', () => {
    const forms = {
      'istio-operator':
        'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  meshConfig:\n    accessLogFile: /dev/stdout\n',
      helm: 'meshConfig:\n  accessLogFile: /dev/stdout\n',
      configmap:
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio}\ndata:\n  mesh: |\n    accessLogFile: /dev/stdout\n',
      'mesh-config': 'defaultProviders:\n  tracing: [zipkin]\n',
    };
    for (const [format, text] of Object.entries(forms)) {
      const result = readExistingMeshConfig(text);
      expect(result.ok && result.config.format).toBe(format);
    }
  });

  it('reads mesh values as Istio does (YAML 1.1: yes is true)', () => {
    const result = readExistingMeshConfig('meshConfig:\n  enablePrometheusMerge: yes\n');
    expect(result.ok && result.config.mesh).toEqual({ enablePrometheusMerge: true });
  });

  it('gives line and column for invalid YAML', () => {
    const found = problem('meshConfig:\n  accessLogFile: [unclosed\n  trustDomain: x\n');
    expect(found.line).toBeGreaterThan(1);
    expect(found.col).toBeGreaterThan(0);
  });

  it('explains tabs', () => {
    expect(problem('meshConfig:\n\taccessLogFile: /dev/stdout\n').code).toBe('TAB_AS_INDENT');
  });

  it('refuses several documents at once', () => {
    expect(problem('meshConfig: {}\n---\nkind: Telemetry\n').code).toBe('MULTIPLE_DOCUMENTS');
  });

  it('refuses an alias bomb without expanding it', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(',')}]`,
      );
    bomb.push('meshConfig: {x: *i}');
    expect(problem(bomb.join('\n')).code).toBe('ALIAS_BOMB');
  });

  it('refuses a 5 MB paste with its size', () => {
    const huge = `meshConfig:\n${'  # padding padding padding padding padding padding padding\n'.repeat(90_000)}`;
    expect(problem(huge).message).toMatch(/5\.\d MB/);
  });

  it('says what it expected for something that is not a mesh config', () => {
    expect(problem('apiVersion: apps/v1\nkind: Deployment\n').message).toMatch(/Deployment, not a mesh config/);
    expect(problem('hello: world\n').message).toMatch(/No mesh config found/);
    expect(problem('- a\n- b\n').message).toMatch(/not a mesh config/);
    expect(problem('   \n').message).toMatch(/Nothing to read/);
    expect(problem('apiVersion: v1\nkind: ConfigMap\ndata: {other: x}\n').message).toMatch(/no data.mesh/);
  });

  it('reports ConfigMap inner errors at the line of the outer file', () => {
    const found = problem('apiVersion: v1\nkind: ConfigMap\ndata:\n  mesh: |\n    a: [\n    b: c\n');
    expect(found.message).toMatch(/data.mesh holds invalid YAML/);
    expect(found.line).toBeGreaterThanOrEqual(4);
  });

  it('accepts Windows line endings and JSON, saying so', () => {
    const crlf = readExistingMeshConfig('meshConfig:\r\n  accessLogFile: /dev/stdout\r\n');
    expect(crlf.ok && crlf.config.lineEnding).toBe('\r\n');
    const json = readExistingMeshConfig('{"meshConfig": {"accessLogFile": "/dev/stdout"}}');
    expect(json.ok && json.config.json).toBe(true);
  });
});

const read = (text: string) => {
  const result = readExistingMeshConfig(text);
  if (!result.ok) throw new Error(`${result.problem.code}: ${result.problem.message}`);
  return result.config;
};
const configMap = (mesh: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\ndata:\n  mesh: ${mesh}`;

describe('where the mesh config sits, per form', () => {
  it('an IstioOperator: spec.meshConfig, also when there is none yet (but not when spec is not a map)', () => {
    const head = 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\n';
    expect(read(`${head}spec:\n  meshConfig:\n    trustDomain: x\n`)).toMatchObject({
      format: 'istio-operator',
      meshPath: ['spec', 'meshConfig'],
      mesh: { trustDomain: 'x' },
    });
    for (const empty of [head, `${head}spec:\n`, `${head}spec:\n  profile: default\n`]) {
      const config = read(empty);
      expect(config.meshPath).toEqual(['spec', 'meshConfig']);
      expect(config.mesh).toBeUndefined();
    }
    expect(problem(`${head}spec: [a]\n`)).toMatchObject({
      code: 'MESH_NOT_A_MAP',
      message: 'spec in this IstioOperator is not a map of settings.',
    });
    expect(problem(`${head}spec:\n  meshConfig: x\n`)).toMatchObject({
      code: 'MESH_NOT_A_MAP',
      message: 'spec.meshConfig in this IstioOperator is not a map of settings.',
    });
    expect(problem(`${head}spec:\n  meshConfig: [x]\n`).code).toBe('MESH_NOT_A_MAP');
  });

  it('an IstioOperator with providers only under spec.values.meshConfig (either spelling): that list, without a note', () => {
    const head = 'kind: IstioOperator\nspec:\n';
    for (const key of ['extensionProviders', 'extension_providers']) {
      const config = read(`${head}  meshConfig:\n    trustDomain: x\n  values:\n    meshConfig:\n      ${key}: []\n`);
      expect(config.meshPath).toEqual(['spec', 'values', 'meshConfig']);
      expect(config.mesh).toEqual({ [key]: [] });
      expect(config.notes).toEqual([]);
    }
    // values.meshConfig without providers is not where they go: spec.meshConfig is.
    const plain = read(`${head}  values:\n    meshConfig:\n      trustDomain: x\n`);
    expect(plain.meshPath).toEqual(['spec', 'meshConfig']);
    expect(plain.notes).toEqual([]);
    // Providers in both lists (snake_case under spec.meshConfig too): spec.meshConfig wins at install.
    const both = read(
      `${head}  meshConfig:\n    extension_providers: []\n  values:\n    meshConfig:\n      extensionProviders: []\n`,
    );
    expect(both.meshPath).toEqual(['spec', 'meshConfig']);
    expect(both.notes).toEqual([expect.stringMatching(/^spec\.values\.meshConfig also lists extension providers/)]);
  });

  it('istiod Helm values: meshConfig, empty or absent when the values hold only other chart keys', () => {
    expect(read('meshConfig:\n  trustDomain: x\n')).toMatchObject({ format: 'helm', meshPath: ['meshConfig'] });
    for (const text of [
      'meshConfig:\n',
      'meshConfig: null\n',
      'pilot:\n  env: {}\n',
      'global:\n  hub: x\n',
      'revision: canary\n',
    ]) {
      const config = read(text);
      expect(config.format, text).toBe('helm');
      expect(config.meshPath, text).toEqual(['meshConfig']);
      expect(config.mesh, text).toBeUndefined();
    }
    expect(problem('meshConfig: [a]\n')).toMatchObject({
      code: 'MESH_NOT_A_MAP',
      message: 'meshConfig in these values is not a map of settings.',
    });
    expect(problem('meshConfig: text\n').code).toBe('MESH_NOT_A_MAP');
    // A kind that is not a string is not a resource: the rest decides.
    expect(read('kind: 5\nmeshConfig: {}\n').format).toBe('helm');
  });

  it('a bare meshConfig block, by any top-level mesh config key in either spelling', () => {
    for (const text of [
      'default_providers:\n  tracing: [x]\n',
      'defaultProviders:\n  tracing: [x]\n',
      'enableTracing: true\n',
    ]) {
      const config = read(text);
      expect(config).toMatchObject({ format: 'mesh-config', meshPath: [] });
      expect(config.mesh).toEqual(config.data);
    }
    expect(problem('hello: world\n')).toMatchObject({ code: 'NOT_A_MESH_CONFIG' });
    expect(problem('defaultProvider: x\n').code).toBe('NOT_A_MESH_CONFIG');
  });

  it('the Sail operator’s Istio resource: spec.values.meshConfig, only with a sailoperator.io apiVersion', () => {
    const head = 'apiVersion: sailoperator.io/v1\nkind: Istio\n';
    expect(read(`${head}spec:\n  values:\n    meshConfig:\n      trustDomain: x\n`)).toMatchObject({
      format: 'sail',
      meshPath: ['spec', 'values', 'meshConfig'],
      mesh: { trustDomain: 'x' },
    });
    expect(read(head).mesh).toBeUndefined();
    expect(read(`${head}spec:\n  values:\n    meshConfig:\n`).mesh).toBeUndefined();
    for (const value of ['[a]', 'text']) {
      expect(problem(`${head}spec:\n  values:\n    meshConfig: ${value}\n`)).toMatchObject({
        code: 'MESH_NOT_A_MAP',
        message: 'spec.values.meshConfig in this Istio resource is not a map of settings.',
      });
    }
    expect(problem('apiVersion: install.istio.io/v1\nkind: Istio\n').code).toBe('OTHER_KIND');
    expect(problem('kind: Istio\napiVersion: 1\n').code).toBe('OTHER_KIND');
  });

  it('the istio ConfigMap: data.mesh as text, empty or null meaning istiod’s defaults', () => {
    const config = read(configMap('|\n    trustDomain: x\n'));
    expect(config).toMatchObject({ format: 'configmap', meshPath: [], innerText: 'trustDomain: x\n' });
    expect(config.mesh).toEqual({ trustDomain: 'x' });
    expect(config.innerDoc?.toJS()).toEqual({ trustDomain: 'x' });
    for (const empty of ['""\n', '"  \\n"\n', '"null"\n']) {
      const found = read(configMap(empty));
      expect(found.format).toBe('configmap');
      expect(found.mesh, empty).toBeUndefined();
    }
    expect(read(configMap('""\n')).innerDoc).toBeUndefined();
    expect(problem(configMap('"- a"\n'))).toMatchObject({
      code: 'MESH_NOT_A_MAP',
      message: 'data.mesh in this ConfigMap is not a map of mesh settings.',
    });
    for (const without of [
      'apiVersion: v1\nkind: ConfigMap\n',
      'apiVersion: v1\nkind: ConfigMap\ndata:\n  mesh: 5\n',
    ]) {
      expect(problem(without)).toMatchObject({ code: 'CONFIGMAP_WITHOUT_MESH' });
    }
  });
});

describe('what is refused, and how it is said', () => {
  it('names the kind with the right article, and a List as a list', () => {
    expect(problem('kind: EnvoyFilter\n').message).toBe(
      'This is an EnvoyFilter, not a mesh config. Paste your IstioOperator, istiod Helm values, the istio ConfigMap or a meshConfig block.',
    );
    expect(problem('kind: Deployment\n').message).toMatch(/^This is a Deployment, not a mesh config/);
    expect(problem('apiVersion: v1\nkind: List\nitems: []\n')).toMatchObject({ code: 'RESOURCE_LIST' });
  });

  it('refuses a list, a scalar and an empty paste as not a mesh config, with their codes', () => {
    expect(problem('- a\n- b\n').code).toBe('NOT_A_MAP');
    expect(problem('just text\n').code).toBe('NOT_A_MAP');
    expect(problem('').code).toBe('EMPTY');
    expect(problem('\uFEFF \n\r\n').code).toBe('EMPTY');
    expect(problem('# only\n---\n# comments\n')).toMatchObject({
      code: 'EMPTY',
      message: 'Nothing to read: the text holds only comments or separators.',
    });
  });

  it('counts the documents it refuses, and reads one document between separators', () => {
    expect(problem('a: 1\n---\nb: 2\n---\nc: 3\n').message).toMatch(/^This holds 3 YAML documents/);
    expect(read('---\nmeshConfig: {trustDomain: x}\n---\n').mesh).toEqual({ trustDomain: 'x' });
  });

  it('gives the parser’s first line without its position, and the position as line and column', () => {
    expect(problem('meshConfig:\n  a: 1\n  b: c: d\n')).toEqual({
      code: 'INVALID_YAML',
      message: 'Nested mappings are not allowed in compact mappings',
      line: 3,
      col: 6,
    });
  });

  it('reports an error inside a `mesh: |` block at its line and column in the whole file', () => {
    // Line 8 of the file is the block's second line, `    b: c: d`; the parser reports column 4 of `b: c: d`.
    expect(problem(configMap('|\n    a: 1\n    b: c: d\n'))).toMatchObject({ code: 'INVALID_YAML', line: 8, col: 8 });
    expect(problem(configMap('|\n    a: 1\n    b: c: d\n')).message).toMatch(/^data\.mesh holds invalid YAML: Nested/);
    // Two-space block: line 7 is `  a: 1`; `b: c: d` is on line 8, its column 4 is column 6 of the file.
    expect(problem(configMap('|-\n  a: 1\n  b: c: d\n'))).toMatchObject({ line: 8, col: 6 });
    // A quoted data.mesh holds the text on one line of the file: the problem is at that line, without a column.
    const quoted = problem(configMap('"a: 1\\nb: c: d\\n"\n'));
    expect(quoted).toMatchObject({ code: 'INVALID_YAML', line: 6 });
    expect(quoted.col).toBeUndefined();
    // Tabs inside the block keep their own code.
    expect(problem(configMap('|\n    a:\n    \tb: 1\n')).code).toBe('TAB_AS_INDENT');
  });
});

describe('what counts as a document', () => {
  it('an explicit null, a tagged or anchored empty document is a document (not a map), not an empty paste', () => {
    for (const text of ['~\n', 'null\n', '--- !!null\n', '--- &a\n', '--- |\n  text\n']) {
      expect(problem(text).code, text).toBe('NOT_A_MAP');
    }
  });

  it('comments and separators alone are an empty paste', () => {
    for (const text of ['# just a comment\n', '---\n---\n', '--- # c\n...\n']) {
      expect(problem(text), text).toEqual({
        code: 'EMPTY',
        message: 'Nothing to read: the text holds only comments or separators.',
      });
    }
  });

  it('an error in any of several documents is reported at its line and column, before counting them', () => {
    expect(problem('a: 1\n---\nb: [\n')).toMatchObject({ code: 'INVALID_YAML', line: 4, col: 1 });
    expect(problem('---\na: 1\n---\n  b: c: d\n')).toMatchObject({
      code: 'INVALID_YAML',
      message: 'Nested mappings are not allowed in compact mappings',
      line: 4,
      col: 6,
    });
  });

  it('tabs: their own code, the line, and what to do', () => {
    expect(problem('meshConfig:\n\ta: 1\n')).toMatchObject({ code: 'TAB_AS_INDENT', line: 2, col: 1 });
    expect(problem('meshConfig:\n\ta: 1\n').message).toMatch(
      /YAML does not allow tabs for indentation: replace them with spaces\.$/,
    );
    expect(problem('meshConfig:\n  a: [\n').message).not.toMatch(/tabs/);
  });

  it('an alias without its anchor: this YAML cannot be read, with the parser’s reason', () => {
    expect(problem('meshConfig: *x\n')).toEqual({
      code: 'INVALID_YAML',
      message: 'This YAML cannot be read: Unresolved alias (the anchor must be set before the alias): x',
    });
  });
});

describe('what the merged file keeps, and the notes that say so', () => {
  it('line endings: LF kept silently, CRLF kept and said, mixed made uniform by the majority, CR made LF', () => {
    expect(read('meshConfig:\n  a: 1\n')).toMatchObject({ lineEnding: '\n', notes: [] });
    expect(read('meshConfig:\r\n  a: 1\r\n')).toMatchObject({
      lineEnding: '\r\n',
      notes: ['Windows line endings (CRLF) found; the merged file keeps them.'],
    });
    expect(read('meshConfig:\r\n  a: 1\n  b: 2\r\n  c: 3\r\n')).toMatchObject({
      lineEnding: '\r\n',
      notes: ['The file mixes line endings (3 CRLF, 1 LF); the merged file uses CRLF throughout.'],
    });
    expect(read('meshConfig:\n  a: 1\n  b: 2\r\n')).toMatchObject({
      lineEnding: '\n',
      notes: ['The file mixes line endings (1 CRLF, 2 LF); the merged file uses LF throughout.'],
    });
    expect(read('meshConfig:\r  a: 1\n  b: 2\n').notes).toEqual([
      'The file mixes line endings (2 LF, 1 CR); the merged file uses LF throughout.',
    ]);
    expect(read('meshConfig:\r  a: 1\r')).toMatchObject({
      lineEnding: '\n',
      notes: ['Old Mac line endings (CR) found; the merged file uses LF.'],
    });
    expect(read('meshConfig:\r  a: 1\r').text).toBe('meshConfig:\n  a: 1\n');
    expect(read('meshConfig:\r\n  a: 1\r\n').text).toBe('meshConfig:\n  a: 1\n');
  });

  it('a byte-order mark: kept for the merged file, not part of the text read', () => {
    const config = read('\uFEFFmeshConfig:\n  a: 1\n');
    expect(config.bom).toBe(true);
    expect(config.text).toBe('meshConfig:\n  a: 1\n');
    expect(read('meshConfig:\n  a: "\uFEFF"\n').bom).toBe(false);
  });

  it('JSON only when the whole text is JSON, not a YAML flow map', () => {
    expect(read('{"meshConfig": {"a": 1}}').json).toBe(true);
    expect(read(' \n[{"a": 1}]'.replace('[{"a": 1}]', '{"meshConfig": {}}')).json).toBe(true);
    expect(read('{meshConfig: {a: 1}}').json).toBe(false);
    expect(read('meshConfig: {"a": 1}\n').json).toBe(false);
  });

  it('a replaced character: the note names its line', () => {
    expect(read('meshConfig:\n  a: 1\n  b: "\uFFFD"\n').notes).toEqual([
      'Line 3 holds a character that was not valid UTF-8 when the file was read (shown as \uFFFD); the merged file keeps \uFFFD there. Save the file as UTF-8 to keep the original character.',
    ]);
    expect(read('meshConfig:\n  a: 1\n').notes).toEqual([]);
  });

  it('a Helm template: said so, but not for braces in a comment', () => {
    expect(read('meshConfig:\n  a: {{ .Values.x }}\n').notes).toEqual([
      expect.stringMatching(/^This looks like a Helm template \(\{\{ … \}\}\), not values/),
    ]);
    expect(read('meshConfig:\n  # {{ .Values.x }}\n  a: 1\n').notes).toEqual([]);
    expect(read('meshConfig:\n  a: "{ x }"\n').notes).toEqual([]);
  });
});

describe('lineOf', () => {
  it('counts the newlines before an offset, and no further than the text', () => {
    expect(lineOf('a\nb\nc', 0)).toBe(0);
    expect(lineOf('a\nb\nc', 1)).toBe(0);
    expect(lineOf('a\nb\nc', 2)).toBe(1);
    expect(lineOf('a\nb\nc', 4)).toBe(2);
    expect(lineOf('a\n\n', 99)).toBe(2);
  });
});

describe('more of what the survivors showed', () => {
  it('strips the parser’s position from messages of lines and columns past 9 too', () => {
    const text = `meshConfig:\n${'  a: 1\n'.repeat(10)}  bbbbbbbbbbbbb: c: d\n`;
    expect(problem(text)).toEqual({
      code: 'INVALID_YAML',
      message: 'Nested mappings are not allowed in compact mappings',
      line: 12,
      col: 18,
    });
  });

  it('removes only a leading byte-order mark: one inside a value stays', () => {
    expect(read('meshConfig:\n  a: "x\uFEFFy"\n').text).toBe('meshConfig:\n  a: "x\uFEFFy"\n');
  });

  it('a blank paste asks for the mesh config', () => {
    expect(problem('  \n\t\n')).toEqual({
      code: 'EMPTY',
      message: 'Nothing to read yet: paste your current mesh configuration.',
    });
  });

  it('one mesh config key, or one chart key, among others is enough to know the form', () => {
    expect(read('trustDomain: x\nfoo: 1\n').format).toBe('mesh-config');
    expect(read('pilot: {}\nfoo: 1\n').format).toBe('helm');
    for (const key of ['sidecarInjectorWebhook', 'istiodRemote', 'revisionTags']) {
      expect(read(`${key}: {}\n`).format, key).toBe('helm');
    }
  });

  it('an alias without its anchor inside data.mesh: this YAML cannot be read', () => {
    expect(problem('apiVersion: v1\nkind: ConfigMap\ndata:\n  mesh: |\n    a: *x\n')).toEqual({
      code: 'INVALID_YAML',
      message: 'This YAML cannot be read: Unresolved alias (the anchor must be set before the alias): x',
    });
  });
});
