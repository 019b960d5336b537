import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { model } from '../__fixtures__/models';
import { mergeIntoExistingMeshConfig, type MergeSuccess } from './merge-provider';

/* Regressions of issue 11, item by item; the corpus in adversarial.test.ts runs the same inputs through every check. */

const m = model();
const merged = (input: string): MergeSuccess => {
  const result = mergeIntoExistingMeshConfig(input, m);
  if (!result.ok) throw new Error(`${result.problem.code}: ${result.problem.message}`);
  return result;
};
const refused = (input: string) => {
  const result = mergeIntoExistingMeshConfig(input, m);
  if (result.ok) throw new Error('expected a refusal');
  return result.problem;
};
const names = (list: { name: string }[] | undefined) => list?.map((provider) => provider.name);

describe('issue 11 §4: an IstioOperator with providers under spec.values.meshConfig', () => {
  const head = 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n';
  const values =
    '  values:\n    meshConfig:\n      extensionProviders:\n        - name: jaeger\n          zipkin: {service: j, port: 9411}\n';

  it('merges into that list, the one istioctl installs, and leaves no second list', () => {
    const doc = parse(merged(head + values).merged, { version: '1.1' });
    expect(names(doc.spec.values.meshConfig.extensionProviders)).toEqual(['jaeger', 'dynatrace-otel']);
    expect(doc.spec.meshConfig).toBeUndefined();
  });

  it('merges into spec.meshConfig when both lists exist, and says the other is replaced at install', () => {
    const both = `${head}  meshConfig:\n    extensionProviders:\n      - name: zipkin\n        zipkin: {service: z, port: 9411}\n${values}`;
    const result = merged(both);
    const doc = parse(result.merged, { version: '1.1' });
    expect(names(doc.spec.meshConfig.extensionProviders)).toEqual(['zipkin', 'dynatrace-otel']);
    expect(names(doc.spec.values.meshConfig.extensionProviders)).toEqual(['jaeger']);
    expect(result.notes.join(' ')).toMatch(/spec\.values\.meshConfig also lists/);
  });
});

describe('issue 11 §5, §10: refusals name the key, the reason and the line', () => {
  it('extensionProviders as a map: NOT_A_LIST at its line', () => {
    const found = refused('meshConfig:\n  accessLogFile: x\n  extensionProviders:\n    jaeger: {}\n');
    expect(found).toMatchObject({ code: 'NOT_A_LIST', line: 4 });
    expect(found.message).toContain('meshConfig.extensionProviders');
  });

  it('a merge key and an aliased list are refused at their line', () => {
    expect(refused('b: &b {trustDomain: x}\nmeshConfig:\n  <<: *b\n')).toMatchObject({ code: 'MERGE_KEY', line: 3 });
    expect(refused('l: &l []\nmeshConfig:\n  extensionProviders: *l\n')).toMatchObject({
      code: 'ALIASED_NODE',
      line: 3,
    });
  });

  it('inside a ConfigMap, the line is the line in the whole file', () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\ndata:\n  mesh: |\n    trustDomain: x\n    extensionProviders: {a: 1}\n';
    expect(refused(text)).toMatchObject({ code: 'NOT_A_LIST', line: 6 });
  });

  it('says "an" before a vowel', () => {
    expect(refused('apiVersion: v1\nkind: Istio\n').message).toMatch(/^This is an Istio, not/);
  });
});

describe('issue 11 §7, §8: output what is said, say what changed', () => {
  it('JSON stays JSON', () => {
    const result = merged('{\n  "meshConfig": {\n    "accessLogFile": "/dev/stdout"\n  }\n}\n');
    expect(JSON.parse(result.merged).meshConfig.extensionProviders[0].name).toBe('dynatrace-otel');
    expect(result.merged).toMatch(/^\{\n {2}"meshConfig": \{\n {4}"accessLogFile"/);
  });

  it('the byte-order mark is kept, and CRLF-only files stay CRLF', () => {
    const result = merged('\uFEFFmeshConfig:\r\n  accessLogFile: x\r\n');
    expect(result.merged.startsWith('\uFEFFmeshConfig:\r\n')).toBe(true);
    expect(result.merged).not.toMatch(/[^\r]\n/);
  });

  it('a quoted data.mesh is re-rendered, and said so', () => {
    const result = merged('apiVersion: v1\nkind: ConfigMap\ndata:\n  mesh: "trustDomain: x\\n"\n');
    expect(result.normalized).toBe(true);
    expect(result.notes.join(' ')).toMatch(/normalised/);
  });
});
