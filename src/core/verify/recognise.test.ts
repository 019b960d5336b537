import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import fc from 'fast-check';
import { operatorSaas } from '../__fixtures__/models';
import { fixture } from './__fixtures__/read-fixture';
import { diagnose } from './diagnose';
import { recognise } from './recognise';
import { COLLECT_SEPARATOR } from './split-outputs';

const kindOf = (text: string) => recognise(text).map((result) => result.kind);

describe('recognise names what was pasted', () => {
  it.each([
    ['mesh-configmap.pass.yaml', 'mesh-config'],
    ['mesh-configmap.fail.yaml', 'mesh-config'],
    ['mesh-data.pass.txt', 'mesh-config'],
    ['mesh-data.missing-provider.txt', 'mesh-config'],
    ['telemetry-list.pass.yaml', 'telemetry'],
    ['telemetry-list.overridden.yaml', 'telemetry'],
    ['istiod.pass.log', 'istiod-log'],
    ['istiod.cluster-missing.log', 'istiod-log'],
    ['istiod.invalid-provider.log', 'istiod-log'],
    ['proxy-log.operator.pass.log', 'proxy-log'],
    ['proxy-log.standalone.401.log', 'proxy-log'],
    ['proxy-log.cluster-not-configured.log', 'proxy-log'],
    ['proxy-clusters.operator.pass.json', 'proxy-clusters'],
    ['proxy-clusters.standalone.no-tls.json', 'proxy-clusters'],
    ['proxy-listeners.operator.pass.json', 'proxy-listeners'],
    ['proxy-listeners.no-tracer.json', 'proxy-listeners'],
    ['dynakube.pass.yaml', 'dynakube'],
    ['dynakube.no-ingest.yaml', 'dynakube'],
    ['analyze.pass.txt', 'analyze'],
    ['analyze.conflicts.txt', 'analyze'],
  ])('%s is %s', (name, kind) => {
    expect(kindOf(fixture(name))).toEqual([kind]);
  });

  it('reads the ConfigMap name and namespace, and the mesh inside data.mesh', () => {
    const [result] = recognise(fixture('mesh-configmap.pass.yaml'));
    expect(result).toMatchObject({ kind: 'mesh-config', name: 'istio', namespace: 'istio-system' });
    expect(result?.kind === 'mesh-config' && Array.isArray(result.mesh?.extensionProviders)).toBe(true);
  });

  it('reads every Telemetry of a kubectl List with its creation time', () => {
    const [result] = recognise(fixture('telemetry-list.overridden.yaml'));
    expect(result?.kind === 'telemetry' && result.telemetries.map((t) => [t.name, t.creationTimestamp])).toEqual([
      ['dynatrace-telemetry-otel', '2026-11-20T08:01:12Z'],
      ['mesh-default', '2025-06-03T11:45:09Z'],
    ]);
  });

  it('takes an empty List as "no Telemetry" (what kubectl prints when there is none)', () => {
    const [result] = recognise('apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n');
    expect(result).toMatchObject({ kind: 'telemetry', telemetries: [] });
  });

  it('reads single Telemetry documents separated by ---, and Windows line endings', () => {
    const text =
      'apiVersion: telemetry.istio.io/v1\r\nkind: Telemetry\r\nmetadata:\r\n  name: a\r\n  namespace: x\r\nspec: {}\r\n---\r\napiVersion: telemetry.istio.io/v1\r\nkind: Telemetry\r\nmetadata:\r\n  name: b\r\n  namespace: y\r\n';
    const [result] = recognise(text);
    expect(result?.kind === 'telemetry' && result.telemetries.map((t) => t.name)).toEqual(['a', 'b']);
  });

  it('splits a paste holding both a ConfigMap and Telemetries', () => {
    const text = `${fixture('mesh-configmap.pass.yaml')}---\n${fixture('telemetry-list.pass.yaml')}`;
    expect(kindOf(text).sort()).toEqual(['mesh-config', 'telemetry']);
  });

  it('reads the analyzer messages with code and resource', () => {
    const [result] = recognise(fixture('analyze.conflicts.txt'));
    expect(result?.kind === 'analyze' && result.messages.map((m) => [m.level, m.code, m.origin])).toEqual([
      ['Error', 'IST0160', 'Telemetry istio-system/dynatrace-telemetry-otel'],
      ['Error', 'IST0160', 'Telemetry istio-system/mesh-default'],
      ['Warning', 'IST0128', 'DestinationRule istio-system/dynatrace-dr-otel'],
      ['Info', 'IST0102', 'Namespace default'],
    ]);
  });

  it.each([
    ['prose', 'hello, this is not a config'],
    ['another resource', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n'],
    ['the install file', 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec: {}\n'],
    ['broken JSON', '[{"name": '],
    ['a JSON list of something else', '[{"a": 1}]'],
    ['an empty proxy answer', '[]'],
    ['a ConfigMap without data.mesh', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n'],
    ['empty text', '   \n'],
  ])('says "not recognised" with what it expected for %s', (_what, text) => {
    const results = recognise(text);
    expect(results).toHaveLength(1);
    expect(results[0]?.kind).toBe('unknown');
    expect(results[0]?.kind === 'unknown' && results[0].problem.length).toBeGreaterThan(10);
  });

  it('lists the inputs it expects when nothing matches', () => {
    const [result] = recognise('kind: Something\n');
    expect(result?.kind === 'unknown' && result.problem).toMatch(/Expected one of: .*Telemetry.*istiod logs/);
  });

  it('refuses pastes over the 2 MB cap with a message, without parsing them', () => {
    const [result] = recognise('a'.repeat(2 * 1024 * 1024 + 1));
    expect(result?.kind === 'unknown' && result.problem).toMatch(/MB/);
  });

  it('reads istioctl proxy-config … -o yaml like -o json', () => {
    const clusters = JSON.parse(fixture('proxy-clusters.operator.pass.json')) as unknown[];
    expect(kindOf(stringify(clusters))).toEqual(['proxy-clusters']);
  });

  it('tells an istio-proxy log by pilot-agent’s lines even before Envoy logs anything', () => {
    const pilotAgent = fixture('proxy-log.operator.pass.log').split('\n').slice(0, 6).join('\n');
    expect(kindOf(pilotAgent)).toEqual(['proxy-log']);
  });

  it('reads a log of thousands of lines', () => {
    const line = '2026-11-26T10:00:12.009112Z\tinfo\tads\tPush debounce stable\n';
    const [result] = recognise(line.repeat(20000));
    expect(result?.kind).toBe('istiod-log');
  });
});

describe('recognise reads outputs as people paste them', () => {
  const section = (command: string, body: string) => `# ----- dt-istio-collect: ${command} -----\n${body}`;

  it('splits collect.sh sections and reads each as its own output, naming its command', () => {
    const text =
      section('kubectl -n istio-system get configmap istio -o yaml', fixture('mesh-configmap.pass.yaml')) +
      section('kubectl get telemetry -A -o yaml', fixture('telemetry-list.pass.yaml')) +
      section('kubectl -n istio-system logs deploy/istiod --since=30m', fixture('istiod.pass.log')) +
      section('istioctl analyze -A', fixture('analyze.pass.txt'));
    expect(recognise(text).map((result) => [result.kind, result.section])).toEqual([
      ['mesh-config', 'kubectl -n istio-system get configmap istio -o yaml'],
      ['telemetry', 'kubectl get telemetry -A -o yaml'],
      ['istiod-log', 'kubectl -n istio-system logs deploy/istiod --since=30m'],
      ['analyze', 'istioctl analyze -A'],
    ]);
  });

  it('takes only a line exactly of the separator form as a separator', () => {
    expect(COLLECT_SEPARATOR.exec('# ----- dt-istio-collect: kubectl get telemetry -A -o yaml -----')?.[1]).toBe(
      'kubectl get telemetry -A -o yaml',
    );
    for (const line of [
      '# ----- dt-istio-collect:  -----',
      '#----- dt-istio-collect: x -----',
      '  # ----- dt-istio-collect: x -----',
      '# ----- collect: x -----',
    ]) {
      expect(COLLECT_SEPARATOR.test(line), line).toBe(false);
    }
  });

  it('names the command of a section it cannot read, and an empty section', () => {
    const text =
      section('istioctl proxy-config cluster deploy/app -n shop', 'SERVICE FQDN   PORT   SUBSET   DIRECTION   TYPE\n') +
      section('kubectl -n dynatrace get dynakube dynakube -o yaml', '');
    const diagnosis = diagnose([{ name: 'bundle.txt', text }], operatorSaas());
    expect(diagnosis.inputs.map((input) => [input.name, input.kind])).toEqual([
      ['bundle.txt, section “istioctl proxy-config cluster deploy/app -n shop”', 'unknown'],
      ['bundle.txt, section “kubectl -n dynatrace get dynakube dynakube -o yaml”', 'unknown'],
    ]);
    expect(diagnosis.inputs[0]?.problem).toContain('-o json');
    expect(diagnosis.allCheckedPass).toBe(false);
  });

  it('splits outputs concatenated without --- (two resources, YAML then a log, two JSON dumps)', () => {
    expect(kindOf(fixture('mesh-configmap.pass.yaml') + fixture('telemetry-list.pass.yaml'))).toEqual([
      'mesh-config',
      'telemetry',
    ]);
    expect(kindOf(fixture('mesh-configmap.pass.yaml') + fixture('istiod.pass.log'))).toEqual([
      'mesh-config',
      'istiod-log',
    ]);
    expect(kindOf(fixture('istiod.pass.log') + fixture('mesh-configmap.pass.yaml'))).toEqual([
      'istiod-log',
      'mesh-config',
    ]);
    expect(
      kindOf(fixture('proxy-listeners.operator.pass.json') + fixture('proxy-clusters.operator.pass.json')),
    ).toEqual(['proxy-listeners', 'proxy-clusters']);
  });

  it('decodes JSON log lines before matching, so escaped quotes do not hide a known line', () => {
    const line = JSON.stringify({
      level: 'warn',
      time: '2026-12-06T09:14:02.118230Z',
      msg: 'Not able to configure requested tracing provider "dynatrace-otel": could not find cluster for tracing provider "service:\\"x\\""',
    });
    const [result] = recognise(`${line}\n`);
    expect(result?.kind).toBe('istiod-log');
    expect(result?.kind === 'istiod-log' && result.lines[0]).toMatch(
      /^2026-12-06T09:14:02.118230Z\twarn\tNot able to configure requested tracing provider "dynatrace-otel"/,
    );
  });

  it('reads kubectl logs --timestamps, --prefix and tabs turned to spaces', () => {
    const line =
      '2026-11-26T10:03:07.551902Z\terror\tenvoy tracing external/envoy/x.cc:89\tOTLP HTTP exporter received a non-success status code: 401 while exporting the OTLP message\tthread=21';
    for (const text of [
      `2026-11-26T10:03:07.551902123Z ${line}`,
      `[pod/app-1/istio-proxy] ${line}`,
      line.replaceAll('\t', '    '),
    ]) {
      const [result] = recognise(`${text}\n`);
      expect(result?.kind, text).toBe('proxy-log');
      expect(result?.kind === 'proxy-log' && result.lines[0], text).toMatch(/^2026-11-26T10:03:07.551902Z\terror\t/);
    }
  });

  it('joins continuation lines to their entry (multi-line NACKs, multierror lists)', () => {
    const text =
      '2026-12-06T09:14:02.118230Z\twarn\tvalidation\tfound invalid extension provider (can be ignored if the given extension provider is not used): 2 errors occurred:\n\t* invalid extension provider a: x\n\t* invalid extension provider dynatrace-otel: y\n\n2026-12-06T09:14:03.000000Z\tinfo\tads\tnext\n';
    const [result] = recognise(text);
    expect(result?.kind === 'istiod-log' && result.lines).toHaveLength(2);
    expect(result?.kind === 'istiod-log' && result.lines[0]).toContain('invalid extension provider dynatrace-otel: y');
  });

  it('restores UTF-16 that was read as UTF-8 (PowerShell >), and refuses it when characters are lost', () => {
    const utf16 = (text: string) => `\uFFFD\uFFFD${[...text].map((c) => `${c}${String.fromCharCode(0)}`).join('')}`;
    expect(kindOf(utf16(fixture('mesh-configmap.pass.yaml')))).toEqual(['mesh-config']);
    const [broken] = recognise(`${utf16('kind: ConfigMap\n')}\uFFFD`);
    expect(broken?.kind === 'unknown' && broken.problem).toMatch(/UTF-8/);
  });

  it('drops kubectl warnings, also a klog warning that continues on the next line', () => {
    const klog =
      'W1206 09:14:01.123456   48213 gcp.go:120] WARNING: the gcp auth plugin is deprecated in v1.22+\nTo learn more, consult https://cloud.google.com/blog/products/containers-kubernetes/kubectl-auth-changes-in-gke\n';
    expect(kindOf(`Warning: v1alpha1 is deprecated\n${fixture('telemetry-list.pass.yaml')}`)).toEqual(['telemetry']);
    expect(kindOf(klog + fixture('mesh-configmap.pass.yaml'))).toEqual(['mesh-config']);
  });

  it.each([
    ['SERVICE FQDN                PORT   SUBSET   DIRECTION   TYPE   DESTINATION RULE\n', 'proxy-config cluster'],
    ['ADDRESSES   PORT  MATCH   DESTINATION\n', 'proxy-config listener'],
    [
      'NAMESPACE      NAME                       AGE\nistio-system   dynatrace-telemetry-otel   16d\n',
      'telemetry -A -o yaml',
    ],
  ])('refuses a table with the command that prints it readably: %s', (text, command) => {
    const [result] = recognise(text);
    expect(result?.kind === 'unknown' && result.problem).toContain(command);
  });

  it('reads a whole config dump (proxy-config all -o json), with the listeners Envoy rejected', () => {
    const listeners = JSON.parse(fixture('proxy-listeners.operator.pass.json')) as unknown[];
    const clusters = JSON.parse(fixture('proxy-clusters.operator.pass.json')) as unknown[];
    const dump = {
      configs: [
        {
          '@type': 'type.googleapis.com/envoy.admin.v3.ClustersConfigDump',
          dynamicActiveClusters: clusters.map((cluster) => ({ cluster })),
        },
        {
          '@type': 'type.googleapis.com/envoy.admin.v3.ListenersConfigDump',
          dynamicListeners: [
            ...listeners.map((listener) => ({ name: 'x', activeState: { listener } })),
            { name: '0.0.0.0_15001', errorState: { details: 'Error adding/updating listener(s) 0.0.0.0_15001: bad' } },
          ],
        },
      ],
    };
    const results = recognise(JSON.stringify(dump));
    expect(results.map((result) => result.kind)).toEqual(['proxy-clusters', 'proxy-listeners']);
    expect(results[1]?.kind === 'proxy-listeners' && results[1].rejected).toEqual([
      { name: '0.0.0.0_15001', details: 'Error adding/updating listener(s) 0.0.0.0_15001: bad' },
    ]);
  });

  it('reads a log over 2 MB from its newest end and says so, without advising the command that made it', () => {
    const filler = '2026-11-26T10:00:12.009112Z\tinfo\tads\tPush debounce stable\n';
    const newest =
      '2026-11-26T11:00:00.000000Z\twarn\tads\tADS:LDS: ACK ERROR app-1.shop-3 Internal:Error adding/updating listener(s) x: y\n';
    const [result] = recognise(filler.repeat(Math.ceil((2.5 * 1024 * 1024) / filler.length)) + newest);
    expect(result?.kind).toBe('istiod-log');
    expect(result?.notice).toMatch(/newest/);
    expect(result?.notice).not.toMatch(/--since/);
    expect(result?.kind === 'istiod-log' && result.lines.at(-1)).toContain('ACK ERROR');
  });

  it('never drops an output, in whatever order outputs are concatenated', () => {
    const pieces = [
      ['mesh-config', fixture('mesh-configmap.pass.yaml')],
      ['telemetry', fixture('telemetry-list.pass.yaml')],
      ['istiod-log', fixture('istiod.pass.log')],
      ['proxy-listeners', fixture('proxy-listeners.operator.pass.json')],
      ['analyze', fixture('analyze.pass.txt')],
      ['dynakube', fixture('dynakube.pass.yaml')],
    ] as const;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: pieces.length - 1 }), { minLength: 1, maxLength: 5 }), (order) => {
        const kinds = new Set(recognise(order.map((i) => pieces[i]![1]).join('')).map((result) => result.kind));
        expect(kinds).toEqual(new Set(order.map((i) => pieces[i]![0])));
      }),
    );
  });
});

describe('recognise reads proxy logs that start with access log lines', () => {
  const exporter =
    '2026-11-26T10:03:07.551902Z\terror\tenvoy tracing external/envoy/x.cc:89\tOTLP HTTP exporter received a non-success status code: 401 while exporting the OTLP message\tthread=21\n';
  it.each([
    [
      'text access log',
      '[2026-11-26T10:03:02.117Z] "GET /productpage HTTP/1.1" 200 - via_upstream - "-" 0 5293 41 40 "10.244.0.1" "curl/8.5.0" "5a1c" "productpage:9080" "10.244.1.17:9080" inbound|9080|| 127.0.0.6:39311 10.244.1.17:9080 10.244.0.1:0 - default\n',
    ],
    [
      'JSON access log (accessLogEncoding: JSON)',
      '{"authority":"productpage:9080","bytes_received":0,"method":"GET","path":"/productpage","response_code":200,"start_time":"2026-11-26T10:03:02.117Z","upstream_cluster":"inbound|9080||"}\n',
    ],
  ])('%s', (_what, access) => {
    expect(kindOf(access.repeat(3) + exporter)).toEqual(['proxy-log']);
    expect(kindOf(access.repeat(3))).toEqual(['proxy-log']);
  });
});

describe('recognise splits a bare data.mesh from a resource next to it', () => {
  it.each([
    ['data.mesh, then a Telemetry list', fixture('mesh-data.pass.txt') + fixture('telemetry-list.pass.yaml')],
    ['a Telemetry list, then data.mesh', fixture('telemetry-list.pass.yaml') + fixture('mesh-data.pass.txt')],
  ])('%s', (_what, text) => {
    expect(kindOf(text).sort()).toEqual(['mesh-config', 'telemetry']);
  });
});
