import { describe, expect, it } from 'vitest';
import { operatorSaas, SAMPLE_TOKEN, standalone } from '../__fixtures__/models';
import { fixture } from './__fixtures__/read-fixture';
import { diagnose } from './diagnose';
import type { CheckId, Diagnosis } from './types';

const paste = (...names: string[]) => names.map((name) => ({ name, text: fixture(name) }));
const statuses = (diagnosis: Diagnosis) =>
  Object.fromEntries(diagnosis.items.map((item) => [item.id, item.status])) as Record<CheckId, string>;
const codes = (diagnosis: Diagnosis, id: CheckId) =>
  diagnosis.items.find((item) => item.id === id)?.problems.map((problem) => problem.code) ?? [];
const noteCodes = (diagnosis: Diagnosis, id: CheckId) =>
  diagnosis.items.find((item) => item.id === id)?.notes.map((note) => note.code) ?? [];

describe('diagnose: the checklist in flow order', () => {
  it('lists every check in the order traces flow, all "not checked yet" with a command, before anything is pasted', () => {
    const diagnosis = diagnose([], operatorSaas());
    expect(diagnosis.items.map((item) => item.stage)).toEqual([
      'mesh-config',
      'mesh-config',
      'mesh-config',
      'telemetry',
      'telemetry',
      'telemetry',
      'istiod',
      'istiod',
      'proxy',
      'proxy',
      'proxy',
      'dynatrace',
    ]);
    expect(diagnosis.items.every((item) => item.status === 'not-checked')).toBe(true);
    expect(diagnosis.items.find((item) => item.id === 'mesh.provider')?.command).toBe(
      'kubectl -n istio-system get configmap istio -o yaml',
    );
    expect(diagnosis.allCheckedPass).toBe(false);
    expect(diagnosis.anyFail).toBe(false);
  });

  it('leaves the DynaKube out in standalone mode', () => {
    expect(diagnose([], standalone('saas')).items.map((item) => item.id)).not.toContain('dynatrace.dynakube');
  });

  it('passes every check for a working Operator setup', () => {
    const diagnosis = diagnose(
      paste(
        'mesh-configmap.pass.yaml',
        'telemetry-list.pass.yaml',
        'istiod.pass.log',
        'analyze.pass.txt',
        'proxy-clusters.operator.pass.json',
        'proxy-listeners.operator.pass.json',
        'proxy-log.operator.pass.log',
        'dynakube.pass.yaml',
      ),
      operatorSaas(),
    );
    expect(Object.values(statuses(diagnosis)).every((status) => status === 'pass')).toBe(true);
    expect(diagnosis.allCheckedPass).toBe(true);
    // The sampler's 404 from the collector is expected in this mode (facts §10), so it is a note, not a failure.
    expect(noteCodes(diagnosis, 'proxy.log')).toContain('proxy.sampler-stopped.expected');
  });

  it('names the right failure for each failing output', () => {
    const diagnosis = diagnose(
      paste(
        'mesh-configmap.fail.yaml',
        'telemetry-list.overridden.yaml',
        'istiod.cluster-missing.log',
        'analyze.conflicts.txt',
        'proxy-clusters.operator.missing.json',
        'proxy-listeners.no-tracer.json',
        'proxy-log.cluster-not-configured.log',
        'dynakube.no-ingest.yaml',
      ),
      operatorSaas(),
    );
    expect(statuses(diagnosis)).toEqual({
      'mesh.provider': 'pass',
      'mesh.provider-fields': 'fail',
      'mesh.traps': 'pass',
      'telemetry.references-provider': 'pass',
      'telemetry.applies': 'fail',
      'telemetry.conflicts': 'fail',
      'istiod.log': 'fail',
      'istiod.analyze': 'fail',
      'proxy.cluster': 'fail',
      'proxy.tracer': 'fail',
      'proxy.log': 'fail',
      'dynatrace.dynakube': 'fail',
    });
    expect(codes(diagnosis, 'mesh.provider-fields')).toEqual(['mesh.provider-fields-differ']);
    // A legacy defaultConfig.tracing.zipkin is a note: where a Telemetry names the provider, istiod uses the provider.
    expect(codes(diagnosis, 'mesh.traps')).toEqual([]);
    expect(noteCodes(diagnosis, 'mesh.traps')).toEqual(['mesh.trap.legacy-default-config-tracing']);
    expect(codes(diagnosis, 'telemetry.applies')).toEqual(['telemetry.overridden']);
    expect(codes(diagnosis, 'telemetry.conflicts')).toEqual(['telemetry.multiple-selectorless']);
    expect(codes(diagnosis, 'istiod.log')).toEqual(['istiod.provider-cluster-missing']);
    expect(noteCodes(diagnosis, 'istiod.log')).toContain('log.unrecognised');
    expect(codes(diagnosis, 'istiod.analyze')).toEqual(['analyze.IST0160', 'analyze.IST0160']);
    expect(codes(diagnosis, 'proxy.cluster')).toEqual(['proxy.cluster-missing']);
    expect(codes(diagnosis, 'proxy.tracer')).toEqual(['proxy.no-tracer']);
    expect(codes(diagnosis, 'proxy.log')).toEqual(['proxy.cluster-not-configured']);
    // enableIstio: true differs from step 1 but does not touch Operator-mode traces: a note, not a failure.
    expect(codes(diagnosis, 'dynatrace.dynakube')).toEqual(['dynakube.telemetry-ingest-off']);
    expect(diagnosis.anyFail).toBe(true);
  });

  it('says which field differs, with the generated value', () => {
    const diagnosis = diagnose(paste('mesh-configmap.fail.yaml'), operatorSaas());
    const problem = diagnosis.items.find((item) => item.id === 'mesh.provider-fields')?.problems[0];
    expect(problem?.message).toContain('opentelemetry.port: live 4317, generated 4318');
    expect(problem?.message).toContain('dynakube-telemetry-ingest.dynatrace.svc.cluster.local');
    expect(problem?.fixText).toContain('dynakube-telemetry-ingest.dynatrace.svc.cluster.local');
  });

  it('finds a provider missing from the jsonpath output and offers the entry to add', () => {
    const diagnosis = diagnose(paste('mesh-data.missing-provider.txt'), operatorSaas());
    expect(codes(diagnosis, 'mesh.provider')).toEqual(['mesh.provider-missing']);
    expect(diagnosis.items.find((item) => item.id === 'mesh.provider')?.problems[0]?.fixText).toContain(
      'name: dynatrace-otel',
    );
  });

  it('passes the jsonpath output of a correct mesh config', () => {
    const diagnosis = diagnose(paste('mesh-data.pass.txt'), operatorSaas());
    expect(statuses(diagnosis)['mesh.provider']).toBe('pass');
    expect(statuses(diagnosis)['mesh.provider-fields']).toBe('pass');
  });

  it('sees a ConfigMap read from the wrong namespace or for another revision', () => {
    const text = fixture('mesh-configmap.pass.yaml').replace(/^ {2}namespace: istio-system$/m, '  namespace: default');
    const diagnosis = diagnose([{ name: 'cm', text }], operatorSaas());
    expect(codes(diagnosis, 'mesh.provider')).toEqual(['mesh.wrong-namespace']);
    const renamed = fixture('mesh-configmap.pass.yaml').replace(/^ {2}name: istio$/m, '  name: istio-canary');
    expect(codes(diagnose([{ name: 'cm', text: renamed }], operatorSaas()), 'mesh.provider')).toEqual([
      'mesh.wrong-configmap',
    ]);
  });

  it('looks for the ConfigMap of the revision in istiod’s namespace', () => {
    const model = operatorSaas({ istio: { istiodNamespace: 'istio-control', revision: 'canary' } });
    const empty = diagnose([], model);
    expect(empty.items.find((item) => item.id === 'mesh.provider')?.command).toBe(
      'kubectl -n istio-control get configmap istio-canary -o yaml',
    );
    expect(empty.items.find((item) => item.id === 'istiod.log')?.command).toBe(
      'kubectl -n istio-control logs deploy/istiod-canary --since=30m',
    );
    expect(codes(diagnose(paste('mesh-configmap.pass.yaml'), model), 'mesh.provider')).toEqual([
      'mesh.wrong-configmap',
      'mesh.wrong-namespace',
    ]);
  });

  it('compares the last of two providers with the same name, the one istiod keeps (facts §12)', () => {
    const text = fixture('mesh-data.pass.txt').replace(
      'rootNamespace:',
      '- name: dynatrace-otel\n  zipkin:\n    service: zipkin.istio-system.svc.cluster.local\n    port: 9411\nrootNamespace:',
    );
    const diagnosis = diagnose([{ name: 'mesh', text }], operatorSaas());
    expect(noteCodes(diagnosis, 'mesh.provider')).toContain('mesh.provider-duplicate');
    expect(codes(diagnosis, 'mesh.provider-fields')).toEqual(['mesh.provider-fields-differ']);
    expect(diagnosis.items.find((item) => item.id === 'mesh.provider-fields')?.problems[0]?.message).toMatch(
      /zipkin\.service: live zipkin\.istio-system/,
    );
    // The other way round, the generated entry last, istiod uses it: the fields pass.
    const generatedLast = fixture('mesh-data.pass.txt').replace(
      'extensionProviders:\n',
      'extensionProviders:\n- name: dynatrace-otel\n  zipkin:\n    service: zipkin.istio-system.svc.cluster.local\n    port: 9411\n',
    );
    expect(generatedLast).not.toBe(fixture('mesh-data.pass.txt'));
    expect(statuses(diagnose([{ name: 'mesh', text: generatedLast }], operatorSaas()))['mesh.provider-fields']).toBe(
      'pass',
    );
  });

  it('maps the invalid-provider warning of istiod to its fix', () => {
    expect(codes(diagnose(paste('istiod.invalid-provider.log'), operatorSaas()), 'istiod.log')).toEqual([
      'istiod.invalid-provider',
    ]);
  });

  it('reads a 401 from the tenant in standalone mode, and a missing TLS origination', () => {
    const model = standalone('saas');
    const diagnosis = diagnose(paste('proxy-log.standalone.401.log', 'proxy-clusters.standalone.no-tls.json'), model);
    // The fixture also holds an LDS rejection: a listener Envoy refused keeps its old configuration.
    expect(codes(diagnosis, 'proxy.log')).toEqual(['proxy.export-status', 'proxy.config-rejected']);
    expect(diagnosis.items.find((item) => item.id === 'proxy.log')?.problems[0]?.message).toContain('(×2)');
    expect(codes(diagnosis, 'proxy.cluster')).toEqual(['proxy.cluster-no-tls']);
    expect(statuses(diagnose(paste('proxy-clusters.standalone.pass.json'), model))['proxy.cluster']).toBe('pass');
  });

  it('does not excuse the sampler stopping in standalone mode, where it should reach the tenant', () => {
    const diagnosis = diagnose(paste('proxy-log.operator.pass.log'), standalone('saas'));
    expect(codes(diagnosis, 'proxy.log')).toEqual(['proxy.sampler-config-failed', 'proxy.sampler-stopped']);
  });

  it('names files that are not recognised and what it expected', () => {
    const diagnosis = diagnose([{ name: 'notes.txt', text: 'hello' }], operatorSaas());
    expect(diagnosis.inputs).toEqual([
      expect.objectContaining({
        name: 'notes.txt',
        kind: 'unknown',
        problem: expect.stringMatching(/Expected one of/),
      }),
    ]);
  });

  it('masks every API token it was given, in everything it returns', () => {
    const model = standalone('saas');
    const mesh = fixture('mesh-data.pass.txt')
      .replace('port: 4318', 'port: 80')
      .replace(
        'timeout: 10s',
        `timeout: 10s\n      headers:\n      - name: Authorization\n        value: Api-Token ${SAMPLE_TOKEN.replace('ABCD', 'ZZZZ')}`,
      );
    const text = JSON.stringify(diagnose([{ name: `file-${SAMPLE_TOKEN}`, text: mesh }], model));
    expect(text).not.toContain(SAMPLE_TOKEN.slice(7));
    expect(text).not.toContain(SAMPLE_TOKEN.replace('ABCD', 'ZZZZ').slice(7));
    expect(text).toContain('Api-Token ••••••••');
  });
});
