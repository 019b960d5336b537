import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { operatorSaas, standalone } from '../__fixtures__/models';
import { buildExtensionProvider } from '../generate/mesh-config';
import { FORMAT_LABELS } from './format-labels';
import { mergeIntoExistingMeshConfig, type MergeSuccess } from './merge-provider';

/* What a merge result says besides the merged text: its labels, notes, what it replaced, and where it refuses. */

const merged = (input: string, m = operatorSaas()): MergeSuccess => {
  const result = mergeIntoExistingMeshConfig(input, m);
  if (!result.ok) throw new Error(`${result.problem.code}: ${result.problem.message}`);
  return result;
};

const FORMS = {
  'istio-operator':
    'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  meshConfig:\n    trustDomain: x\n',
  helm: 'meshConfig:\n  trustDomain: x\n',
  configmap: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\ndata:\n  mesh: |\n    trustDomain: x\n',
  'mesh-config': 'trustDomain: x\n',
  sail: 'apiVersion: sailoperator.io/v1\nkind: Istio\nspec:\n  values:\n    meshConfig:\n      trustDomain: x\n',
} as const;
const inSecret = standalone('saas', { token: { storage: 'istiod-env' } });
const TOKEN_NOTE =
  'istiod needs the DYNATRACE_API_TOKEN variable from the Secret dynatrace-otel-token: kubectl -n istio-system set env deployment/istiod --from=secret/dynatrace-otel-token';

describe('a merge result', () => {
  it('names its form, returns the input as given, and has no `replaced` when nothing was replaced', () => {
    for (const [format, input] of Object.entries(FORMS)) {
      const result = merged(input);
      expect(result.format).toBe(format);
      expect(result.formatLabel).toBe(FORMAT_LABELS[format as keyof typeof FORMS]);
      expect(result.original).toBe(input);
      expect(result).not.toHaveProperty('replaced');
      expect(result.notes, format).toEqual([]);
      expect(result.normalized, format).toBe(false);
    }
  });

  it('tells how to give istiod the token variable only where the file cannot hold it (ConfigMap, bare block)', () => {
    expect(merged(FORMS.configmap, inSecret).notes).toEqual([TOKEN_NOTE]);
    expect(merged(FORMS['mesh-config'], inSecret).notes).toEqual([TOKEN_NOTE]);
    for (const form of ['istio-operator', 'helm', 'sail'] as const) {
      expect(merged(FORMS[form], inSecret).notes, form).toEqual([]);
    }
    // A token in the provider's header, or no token at all: no variable to set.
    expect(merged(FORMS.configmap, standalone('saas', { token: { storage: 'inline' } })).notes).toEqual([]);
    expect(merged(FORMS.configmap, operatorSaas()).notes).toEqual([]);
  });

  it('writes istiod’s token variable where each form keeps it, and nowhere in the others', () => {
    const env = [
      {
        name: 'DYNATRACE_API_TOKEN',
        valueFrom: { secretKeyRef: { name: 'dynatrace-otel-token', key: 'DYNATRACE_API_TOKEN' } },
      },
    ];
    const read = (form: keyof typeof FORMS) => parse(merged(FORMS[form], inSecret).merged, { version: '1.1' });
    expect(read('istio-operator').spec.components.pilot.k8s.env).toEqual(env);
    expect(read('helm').envVarFrom).toEqual(env);
    expect(read('sail').spec.values.pilot.envVarFrom).toEqual(env);
    const configMap = read('configmap');
    expect(Object.keys(configMap)).toEqual(['apiVersion', 'kind', 'metadata', 'data']);
    expect(Object.keys(configMap.data)).toEqual(['mesh']);
    expect(read('mesh-config')).toEqual({ trustDomain: 'x', extensionProviders: [buildExtensionProvider(inSecret)] });
  });

  it('merges into the ConfigMap’s data.mesh, in place under its `|` header', () => {
    const result = merged(FORMS.configmap);
    expect(result.merged.startsWith(FORMS.configmap)).toBe(true);
    const mesh = parse(parse(result.merged).data.mesh, { version: '1.1' });
    expect(mesh).toEqual({ trustDomain: 'x', extensionProviders: [buildExtensionProvider(operatorSaas())] });
  });

  it('keeps JSON as JSON in the input’s own indentation (up to 8), with or without a final newline, and says so', () => {
    const four = '{\n    "meshConfig": {\n        "trustDomain": "x"\n    }\n}';
    const result = merged(four);
    expect(result.notes).toEqual([
      'This is JSON: the merged file is JSON too, with the same key order, indented 4 spaces.',
    ]);
    expect(result.normalized).toBe(false);
    expect(result.merged).toMatch(/^\{\n {4}"meshConfig": \{\n {8}"trustDomain": "x",\n {8}"extensionProviders"/);
    expect(result.merged.endsWith('}')).toBe(true);
    expect(merged(`${four}\n`).merged.endsWith('}\n')).toBe(true);
    const wide = `{\n${' '.repeat(12)}"meshConfig": {}\n}\n`;
    expect(merged(wide).notes[0]).toMatch(/indented 8 spaces/);
    expect(merged('{"meshConfig": {}}').notes[0]).toMatch(/indented 2 spaces/);
  });

  it('keeps CRLF and the byte-order mark together, and LF files stay LF', () => {
    const result = merged('\uFEFFmeshConfig:\r\n  trustDomain: x\r\n');
    expect(result.merged.startsWith('\uFEFFmeshConfig:\r\n  trustDomain: x\r\n')).toBe(true);
    expect(result.merged.replace(/\r\n/g, '')).not.toContain('\n');
    expect(merged(FORMS.helm).merged).not.toContain('\r');
    expect(merged(FORMS.helm).merged.startsWith('\uFEFF')).toBe(false);
  });

  it('writes the provider in camelCase into a Sail resource (its CRD prunes snake_case)', () => {
    const result = merged(FORMS.sail, inSecret);
    const providers = parse(result.merged).spec.values.meshConfig.extensionProviders;
    expect(JSON.stringify(providers)).not.toMatch(/"[a-z]+_[a-z_]+":/);
    expect(providers).toHaveLength(1);
  });

  it('refuses what it cannot read, with the reader’s problem', () => {
    expect(mergeIntoExistingMeshConfig('kind: Deployment\n', operatorSaas())).toMatchObject({
      ok: false,
      problem: { code: 'OTHER_KIND' },
    });
  });

  it('reports a shape problem inside data.mesh at its line in the file: `|` blocks start a line later', () => {
    const head = 'apiVersion: v1\nkind: ConfigMap\ndata:\n';
    const literal = mergeIntoExistingMeshConfig(`${head}  mesh: |\n    extensionProviders: {a: 1}\n`, operatorSaas());
    expect(literal).toMatchObject({ ok: false, problem: { code: 'NOT_A_LIST', line: 5 } });
    const quoted = mergeIntoExistingMeshConfig(`${head}  mesh: "extensionProviders: {a: 1}"\n`, operatorSaas());
    expect(quoted).toMatchObject({ ok: false, problem: { code: 'NOT_A_LIST', line: 4 } });
  });

  it('checks istiod’s env list too, only when the token goes there', () => {
    const badEnv = 'meshConfig:\n  trustDomain: x\nenvVarFrom: {a: 1}\n';
    expect(mergeIntoExistingMeshConfig(badEnv, inSecret)).toMatchObject({ ok: false, problem: { code: 'NOT_A_LIST' } });
    expect(merged(badEnv, operatorSaas()).merged).toContain('envVarFrom: {a: 1}');
  });
});
