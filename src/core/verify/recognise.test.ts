import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { fixture } from './__fixtures__/read-fixture';
import { recognise } from './recognise';

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
