import type { ProblemCode } from '../../problems';

/*
 * The adversarial corpus of issue 11: inputs a user can paste, each with what must happen. Large
 * inputs are generated here (deterministically) rather than committed as megabytes of text.
 * `refused`: the merge answers with this problem code. `merged`: it merges, and `note` (if given)
 * must be among the notes, `finding` among the findings.
 */
export interface CorpusEntry {
  name: string;
  /** Which model: the Operator default, or standalone with the token in a Secret (adds istiod's env var). */
  model?: 'operator' | 'standalone-secret';
  text: () => string;
  expect: { refused: ProblemCode } | { merged: true; note?: RegExp; finding?: RegExp; normalized?: boolean };
}

const operatorHead = 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n';
const zipkin = (name: string, indent: string) =>
  `${indent}- name: ${name}\n${indent}  zipkin:\n${indent}    service: ${name}.tracing.svc.cluster.local\n${indent}    port: 9411\n`;

export const ADVERSARIAL_CORPUS: readonly CorpusEntry[] = [
  // §2: alias expansion measured before anything is expanded
  {
    name: '1 MB anchored scalar referenced 600 times, in a ConfigMap',
    text: () =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio}\ndata:\n  big: &big ${'x'.repeat(1_000_000)}\n  refs: [${Array(600).fill('*big').join(', ')}]\n  mesh: |\n    accessLogFile: /dev/stdout\n`,
    expect: { refused: 'ALIAS_BOMB' },
  },
  {
    name: '1 MB anchored scalar referenced 600 times, in Helm values',
    text: () =>
      `global:\n  big: &big ${'x'.repeat(1_000_000)}\nrefs: [${Array(600).fill('*big').join(', ')}]\nmeshConfig:\n  accessLogFile: /dev/stdout\n`,
    expect: { refused: 'ALIAS_BOMB' },
  },
  {
    name: '127 KB list aliased 999 times',
    text: () =>
      `meshConfig:\n  accessLogFile: /dev/stdout\nlist: &l [${Array.from({ length: 12_000 }, (_, i) => `v${i}`).join(', ')}]\nrefs: [${Array(999).fill('*l').join(', ')}]\n`,
    expect: { refused: 'ALIAS_BOMB' },
  },
  {
    name: 'billion laughs',
    text: () => {
      const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
      for (let i = 1; i < 9; i++) {
        const [name, previous] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
        lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
      }
      return `${lines.join('\n')}\nmeshConfig: {x: *i}\n`;
    },
    expect: { refused: 'ALIAS_BOMB' },
  },
  // §11: bounded time
  {
    name: '40,000 anchor/alias pairs',
    text: () =>
      `meshConfig:\n${Array.from({ length: 40_000 }, (_, i) => `  k${i}: &a${i} v\n  r${i}: *a${i}\n`).join('')}`,
    expect: { refused: 'ALIAS_BOMB' },
  },
  {
    name: 'one map with 25,000 keys',
    text: () => `meshConfig:\n${Array.from({ length: 25_000 }, (_, i) => `  key${i}: value${i}\n`).join('')}`,
    expect: { merged: true },
  },
  { name: '1,000,000 nested [', text: () => '['.repeat(1_000_000), expect: { refused: 'TOO_DEEP' } },
  { name: '1,000,000 nested {', text: () => `meshConfig: ${'{a: '.repeat(400_000)}`, expect: { refused: 'TOO_DEEP' } },
  { name: '1,000,000 nested block lists', text: () => `${'- '.repeat(1_000_000)}x\n`, expect: { refused: 'TOO_DEEP' } },
  {
    name: 'block maps nested 150 deep by indentation',
    text: () => Array.from({ length: 150 }, (_, i) => `${' '.repeat(i)}k${i}:\n`).join(''),
    expect: { refused: 'TOO_DEEP' },
  },
  {
    name: 'a bracket bomb inside a quoted string is text, not nesting',
    text: () => `meshConfig:\n  accessLogFormat: "${'['.repeat(5000)}"\n  trustDomain: '${']'.repeat(50)}'\n`,
    expect: { merged: true },
  },
  {
    name: 'a bracket bomb inside a block scalar is text, not nesting',
    text: () =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio}\ndata:\n  note: |\n    ${'['.repeat(5000)}\n    'unclosed\n  mesh: |\n    accessLogFile: /dev/stdout\n`,
    expect: { merged: true },
  },
  {
    name: 'over the 2 MB cap',
    text: () => `meshConfig:\n  a: ${'x'.repeat(2 * 1024 * 1024)}\n`,
    expect: { refused: 'TOO_LARGE' },
  },
  // §5: shapes that would be overwritten
  {
    name: 'extensionProviders written as a map',
    text: () => 'meshConfig:\n  extensionProviders:\n    jaeger: {zipkin: {service: j, port: 9411}}\n',
    expect: { refused: 'NOT_A_LIST' },
  },
  {
    name: 'spec: "x"',
    text: () => `${operatorHead.replace('spec:\n', '')}spec: "x"\n`,
    expect: { refused: 'MESH_NOT_A_MAP' },
  },
  {
    name: 'k8s.env as a map',
    model: 'standalone-secret',
    text: () =>
      `${operatorHead}  components:\n    pilot:\n      k8s:\n        env:\n          FOO: bar\n  meshConfig:\n    accessLogFile: /dev/stdout\n`,
    expect: { refused: 'NOT_A_LIST' },
  },
  {
    name: 'envVarFrom as a map',
    model: 'standalone-secret',
    text: () => 'envVarFrom:\n  FOO: bar\nmeshConfig:\n  accessLogFile: /dev/stdout\n',
    expect: { refused: 'NOT_A_LIST' },
  },
  // §10: named reasons
  {
    name: 'a merge key in meshConfig',
    text: () =>
      `base: &base {accessLogFile: /dev/stdout}\nmeshConfig:\n  <<: *base\n  extensionProviders:\n${zipkin('a', '  ')}`,
    expect: { refused: 'MERGE_KEY' },
  },
  {
    name: 'an aliased provider list',
    text: () => `shared: &providers\n${zipkin('a', '  ')}meshConfig:\n  extensionProviders: *providers\n`,
    expect: { refused: 'ALIASED_NODE' },
  },
  {
    name: 'both spellings of extensionProviders',
    text: () => `meshConfig:\n  extensionProviders:\n${zipkin('a', '  ')}  extension_providers:\n${zipkin('b', '  ')}`,
    expect: { refused: 'BOTH_SPELLINGS' },
  },
  {
    name: 'duplicate keys',
    text: () => 'meshConfig:\n  trustDomain: a\n  trustDomain: b\n',
    expect: { refused: 'DUPLICATE_KEY' },
  },
  { name: 'tabs', text: () => 'meshConfig:\n\taccessLogFile: /dev/stdout\n', expect: { refused: 'TAB_AS_INDENT' } },
  {
    name: 'two documents',
    text: () => 'meshConfig: {}\n---\nkind: Telemetry\n',
    expect: { refused: 'MULTIPLE_DOCUMENTS' },
  },
  {
    // Merged since the Sail format exists (issue 13); before, it was refused with a pointer to the other forms.
    name: 'Sail operator Istio resource',
    text: () =>
      'apiVersion: sailoperator.io/v1\nkind: Istio\nmetadata: {name: default}\nspec:\n  values:\n    meshConfig: {}\n',
    expect: { merged: true },
  },
  {
    name: 'another kind',
    text: () => 'apiVersion: networking.k8s.io/v1\nkind: Ingress\n',
    expect: { refused: 'OTHER_KIND' },
  },
  {
    name: 'unquoted Helm template',
    text: () => 'meshConfig:\n  accessLogFile: {{ .Values.accessLog }}\n  trustDomain: cluster.local\n',
    expect: { merged: true, note: /Helm template/ },
  },
  // §9, §10: accepted
  {
    name: 'a trailing ---',
    text: () => 'meshConfig:\n  accessLogFile: /dev/stdout\n---\n',
    expect: { merged: true },
  },
  {
    name: 'a leading empty document',
    text: () => '---\n---\nmeshConfig:\n  accessLogFile: x\n',
    expect: { merged: true },
  },
  {
    name: 'quoted Helm template',
    text: () => 'meshConfig:\n  accessLogFile: "{{ .Values.accessLog }}"\n',
    expect: { merged: true, note: /Helm template/ },
  },
  {
    name: 'Helm values without meshConfig',
    text: () => 'pilot:\n  autoscaleEnabled: false\nglobal:\n  hub: registry.example.com\n',
    expect: { merged: true },
  },
  // §4, §6
  {
    name: 'IstioOperator with providers under spec.values.meshConfig',
    text: () => `${operatorHead}  values:\n    meshConfig:\n      extensionProviders:\n${zipkin('jaeger', '        ')}`,
    expect: { merged: true },
  },
  {
    name: 'duplicate provider names',
    text: () =>
      `meshConfig:\n  extensionProviders:\n${zipkin('dynatrace-otel', '  ')}${zipkin('dynatrace-otel', '  ')}`,
    expect: { merged: true, finding: /duplicate-provider-dynatrace-otel/ },
  },
  // §7: ConfigMaps
  {
    name: 'ConfigMap with mesh: ""',
    text: () => 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio}\ndata:\n  mesh: ""\n',
    expect: { merged: true, normalized: true },
  },
  {
    name: 'ConfigMap with a quoted mesh string',
    text: () =>
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio}\ndata:\n  mesh: "accessLogFile: /dev/stdout\\n"\n',
    expect: { merged: true, normalized: true, note: /normalised/ },
  },
  {
    name: 'ConfigMap with mesh: |2',
    text: () =>
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio}\ndata:\n  mesh: |2\n      accessLogFile: /dev/stdout\n',
    expect: { merged: true, normalized: true, note: /normalised/ },
  },
  {
    name: 'ConfigMap with mesh: >',
    text: () =>
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio}\ndata:\n  mesh: >\n    accessLogFile: /dev/stdout\n\n    trustDomain: a\n',
    expect: { merged: true, normalized: true, note: /normalised/ },
  },
  {
    name: 'kubectl -o json ConfigMap',
    text: () =>
      `${JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio' }, data: { mesh: 'accessLogFile: /dev/stdout\n' } }, null, 4)}\n`,
    expect: { merged: true, note: /JSON/ },
  },
  // §8: bytes and line endings
  {
    name: 'mixed line endings',
    text: () => 'meshConfig:\r\n  accessLogFile: x\n  trustDomain: a\n',
    expect: { merged: true, note: /mixes line endings/ },
  },
  {
    name: 'lone CR line endings',
    text: () => 'meshConfig:\r  accessLogFile: x\r',
    expect: { merged: true, note: /CR/ },
  },
  { name: 'byte-order mark', text: () => '\uFEFFmeshConfig:\n  accessLogFile: x\n', expect: { merged: true } },
  {
    name: 'bytes that were not UTF-8',
    text: () => '# caf\uFFFD\nmeshConfig:\n  accessLogFile: x\n',
    expect: { merged: true, note: /not valid UTF-8/ },
  },
];
