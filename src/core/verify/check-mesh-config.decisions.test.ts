import { describe, expect, it } from 'vitest';
import { operatorSaas } from '../__fixtures__/models';
import type { Model } from '../model';
import type { Plain } from '../plain-data';
import { toYaml } from '../yaml-text';
import {
  checkMeshConfig,
  diffProvider,
  effectiveProviders,
  providersOf,
  type LiveMeshConfig,
} from './check-mesh-config';
import { verifyTargetOf } from './target';

/*
 * The mesh config checks on the live ConfigMap (`kubectl -n istio-system get configmap istio -o yaml`, data.mesh as
 * istiod reads it: istio/istio pkg/config/mesh/mesh.go ApplyMeshConfig, 1.22.0–1.30.3; ConfigMap istio or
 * istio-<revision> in istiod's namespace, pilot/pkg/bootstrap/mesh.go). What must fail, what must only be noted, and
 * the texts that name the ConfigMap, the namespace and the fields.
 */

const model = operatorSaas();
const target = verifyTargetOf(model);
const generated = target.provider as unknown as Plain;
const entryFix = toYaml({ extensionProviders: [target.provider] });

function check(live: LiveMeshConfig, which: Model = model) {
  const items = checkMeshConfig(live, which, verifyTargetOf(which));
  const byId = (id: string) => items.find((item) => item.id === id)!;
  return { items, provider: byId('mesh.provider'), fields: byId('mesh.provider-fields'), traps: byId('mesh.traps') };
}
const mesh = (...providers: unknown[]) => ({ extensionProviders: providers }) as Plain;
const zipkin = { name: 'zipkin', zipkin: { service: 'zipkin.istio-system.svc.cluster.local', port: 9411 } };

describe('mesh.provider: the ConfigMap istiod reads and the provider in it', () => {
  it('the generated provider among others passes all three items and says what it found', () => {
    const { items, provider, fields, traps } = check({
      mesh: mesh(generated),
      name: 'istio',
      namespace: 'istio-system',
    });
    expect(items.map((item) => item.status)).toEqual(['pass', 'pass', 'pass']);
    expect(provider.summary).toBe('Found dynatrace-otel among 1 extension provider.');
    expect(provider.notes).toEqual([]);
    expect(fields.summary).toBe('Every field equals the generated provider.');
    expect(fields.notes).toEqual([]);
    expect(traps.summary).toBe('No competing tracing settings.');
    const two = check({ mesh: mesh({ name: 'x', envoyFileAccessLog: { path: '/dev/stdout' } }, generated) });
    expect(two.provider.summary).toBe('Found dynatrace-otel among 2 extension providers.');
  });

  it('another ConfigMap fails and names the one istiod reads, with the revision when there is one', () => {
    const { provider } = check({ mesh: mesh(generated), name: 'istio-canary', namespace: 'istio-system' });
    expect(provider.status).toBe('fail');
    expect(provider.problems.map((problem) => problem.code)).toEqual(['mesh.wrong-configmap']);
    expect(provider.problems[0]?.message).toBe('This is ConfigMap istio-canary; istiod reads istio.');
    expect(provider.problems[0]?.fix).toBe(
      'Put the provider into istio (kubectl -n istio-system get configmap istio -o yaml).',
    );
    const canary = operatorSaas({ istio: { revision: 'canary' } });
    const revisioned = check({ mesh: mesh(generated), name: 'istio', namespace: 'istio-system' }, canary).provider;
    expect(revisioned.problems[0]?.message).toBe(
      'This is ConfigMap istio; istiod of revision canary reads istio-canary.',
    );
    expect(check({ mesh: mesh(generated), name: 'istio-canary' }, canary).provider.status).toBe('pass');
  });

  it('another namespace fails and names istiod’s own', () => {
    const { provider } = check({ mesh: mesh(generated), name: 'istio', namespace: 'default' });
    expect(provider.problems.map((problem) => problem.code)).toEqual(['mesh.wrong-namespace']);
    expect(provider.problems[0]?.message).toBe(
      'This ConfigMap is in namespace default; istiod reads its mesh config from its own namespace, istio-system.',
    );
    expect(provider.problems[0]?.fix).toBe('Apply meshconfig.yaml to istio-system.');
  });

  it('a data.mesh without ConfigMap name or namespace is not judged on them', () => {
    expect(check({ mesh: mesh(generated) }).provider.problems).toEqual([]);
  });

  it('a missing provider fails both items, lists the names there are and gives the entry to add', () => {
    const { provider, fields } = check({
      mesh: mesh(zipkin, { name: 'otel', opentelemetry: { service: 'x', port: 4317 } }),
    });
    expect(provider.status).toBe('fail');
    expect(provider.summary).toBe('The provider is not in this mesh config.');
    expect(provider.problems[0]).toMatchObject({
      code: 'mesh.provider-missing',
      message: 'No extension provider named dynatrace-otel; the mesh config has zipkin, otel.',
      fix: 'Apply meshconfig.yaml (step 3), or add this entry to extensionProviders:',
      fixText: entryFix,
    });
    expect(fields.status).toBe('fail');
    expect(fields.summary).toBe('No provider to compare.');
    expect(fields.problems).toEqual([
      {
        code: 'mesh.provider-missing',
        message: 'There is no provider named dynatrace-otel to compare.',
        fix: 'Apply meshconfig.yaml.',
        fixText: entryFix,
      },
    ]);
    const empty = check({ mesh: {} }).provider;
    expect(empty.problems[0]?.message).toBe(
      'No extension provider named dynatrace-otel; the mesh config has no extension providers.',
    );
    expect(check({ mesh: undefined }).provider.status).toBe('fail');
  });

  it('a name in other capitalisation works (a note naming both); two entries of our name are a note with the count', () => {
    const upper = { ...generated, name: 'Dynatrace-OTEL' };
    const cased = check({ mesh: mesh(upper) });
    expect(cased.provider.status).toBe('pass');
    expect(cased.provider.notes).toEqual([
      {
        code: 'mesh.provider-name-case',
        message:
          'The provider is named Dynatrace-OTEL, not dynatrace-otel. istiod matches names case-insensitively, so it still works.',
      },
    ]);
    expect(cased.fields.status).toBe('pass');
    const twice = check({ mesh: mesh(generated, generated) }).provider;
    expect(twice.status).toBe('pass');
    expect(twice.notes.map((note) => note.code)).toEqual(['mesh.provider-duplicate']);
    expect(twice.notes[0]?.message).toMatch(/^2 providers are named dynatrace-otel\. istiod keeps the last/);
    expect(twice.notes[0]?.message).not.toContain('capitalisation');
    expect(twice.notes[0]?.fixText).toBe(entryFix);
    const mixed = check({ mesh: mesh(generated, upper) }).provider;
    expect(mixed.notes.map((note) => note.code)).toEqual(['mesh.provider-duplicate']);
    expect(mixed.notes[0]?.message).toMatch(/^2 providers are named dynatrace-otel \(in different capitalisation\)\./);
  });
});

describe('mesh.provider-fields: the provider field by field', () => {
  it('names each differing field with its live and generated value, and counts them', () => {
    const edited = structuredClone(generated) as { opentelemetry: Record<string, unknown> };
    edited.opentelemetry.port = 4317;
    const one = check({ mesh: mesh(edited) }).fields;
    expect(one.status).toBe('fail');
    expect(one.summary).toBe('1 field differs from the generated provider.');
    expect(one.problems[0]).toMatchObject({
      code: 'mesh.provider-fields-differ',
      message: 'opentelemetry.port: live 4317, generated 4318',
      fixText: entryFix,
    });
    delete edited.opentelemetry.resource_detectors;
    const two = check({ mesh: mesh(edited) }).fields;
    expect(two.summary).toBe('2 fields differ from the generated provider.');
    expect(two.problems[0]?.message).toBe(
      'opentelemetry.port: live 4317, generated 4318; opentelemetry.resource_detectors.dynatrace: live (not set), generated {}',
    );
  });

  it('compares camelCase and snake_case keys as the same field', () => {
    const camel = structuredClone(generated) as { opentelemetry: Record<string, unknown> };
    camel.opentelemetry.resourceDetectors = camel.opentelemetry.resource_detectors;
    delete camel.opentelemetry.resource_detectors;
    camel.opentelemetry.dynatraceSampler = camel.opentelemetry.dynatrace_sampler;
    delete camel.opentelemetry.dynatrace_sampler;
    expect(check({ mesh: mesh(camel) }).fields.status).toBe('pass');
  });

  it('an extra field, an empty list and a null are differences too', () => {
    const extra = { ...generated, zipkin: { service: 'z', port: 9411 } };
    expect(diffProvider(extra, generated)).toEqual([
      { path: 'zipkin.service', live: 'z', expected: '(not set)' },
      { path: 'zipkin.port', live: '9411', expected: '(not set)' },
    ]);
    expect(diffProvider({ name: 'a', list: [] }, { name: 'a' })).toEqual([
      { path: 'list', live: '[]', expected: '(not set)' },
    ]);
    expect(diffProvider({ name: 'a', value: null }, { name: 'a', value: 'x' })).toEqual([
      { path: 'value', live: '(empty)', expected: 'x' },
    ]);
    expect(diffProvider({ name: 'a', list: ['x', 'y'] }, { name: 'a', list: ['x'] })).toEqual([
      { path: 'list[1]', live: 'y', expected: '(not set)' },
    ]);
    // The name only in another capitalisation is no difference; another name is.
    expect(diffProvider({ name: 'A' }, { name: 'a' })).toEqual([]);
    expect(diffProvider({ name: 'b' }, { name: 'a' })).toEqual([{ path: 'name', live: 'b', expected: 'a' }]);
  });

  it('the service in "<namespace>/<host>" form of the same Service passes; with the prefix of another namespace fails, as does another host', () => {
    const withService = (service: string) => ({
      ...generated,
      opentelemetry: { ...(generated.opentelemetry as Plain), service },
    });
    const same = check({ mesh: mesh(withService('dynatrace/dynakube-telemetry-ingest.dynatrace.svc.cluster.local')) });
    expect(same.fields.status).toBe('pass');
    expect(same.fields.notes).toEqual([]);
    // A Kubernetes Service is in the registry under its own namespace only (LookupCluster reads
    // ServiceIndex.HostnameAndNamespace[host][namespace]): another prefix finds nothing, and istiod skips the provider.
    const elsewhere = check({
      mesh: mesh(withService('istio-system/dynakube-telemetry-ingest.dynatrace.svc.cluster.local')),
    });
    expect(elsewhere.fields.status).toBe('fail');
    expect(elsewhere.fields.problems[0]?.message).toBe(
      'opentelemetry.service: live istio-system/dynakube-telemetry-ingest.dynatrace.svc.cluster.local, generated dynakube-telemetry-ingest.dynatrace.svc.cluster.local',
    );
    expect(elsewhere.fields.notes).toEqual([]);
    const shortHost = check({ mesh: mesh(withService('dynatrace/dynakube-telemetry-ingest')) });
    expect(shortHost.fields.status).toBe('fail');
    const other = check({ mesh: mesh(withService('otel-collector.observability.svc.cluster.local')) });
    expect(other.fields.status).toBe('fail');
    expect(other.fields.problems[0]?.message).toBe(
      'opentelemetry.service: live otel-collector.observability.svc.cluster.local, generated dynakube-telemetry-ingest.dynatrace.svc.cluster.local',
    );
  });

  it('a ServiceEntry host with a namespace prefix on one side only is a note naming both forms, not a failure', () => {
    const live = {
      name: 'a',
      opentelemetry: { service: 'istio-system/abc12345.live.dynatrace.com', port: 443 },
    };
    const expected = { name: 'a', opentelemetry: { service: 'abc12345.live.dynatrace.com', port: 443 } };
    expect(diffProvider(live, expected)).toEqual([]);
    const withService = (service: string) => ({
      ...generated,
      opentelemetry: { ...(generated.opentelemetry as Plain), service },
    });
    // The bare Kubernetes host where the generated one is prefixed: found as long as one namespace defines it.
    const generatedPrefixed = {
      ...generated,
      opentelemetry: {
        ...(generated.opentelemetry as Plain),
        service: 'dynatrace/dynakube-telemetry-ingest.dynatrace.svc.cluster.local',
      },
    };
    expect(
      diffProvider(withService('dynakube-telemetry-ingest.dynatrace.svc.cluster.local'), generatedPrefixed),
    ).toEqual([]);
  });
});

describe('mesh.traps: what fails and what is only worth a look', () => {
  it('a provider with two types and snake_case default keys fail; another tracing provider is a note', () => {
    const twoTypes = { ...generated, zipkin: { service: 'z', port: 9411 } };
    const { traps } = check({ mesh: { ...mesh(twoTypes), default_providers: { tracing: ['dynatrace-otel'] } } });
    expect(traps.status).toBe('fail');
    expect(traps.problems.map((problem) => problem.code)).toEqual([
      'mesh.trap.two-types-dynatrace-otel',
      'mesh.trap.snake-default-providers',
    ]);
    expect(traps.problems[0]?.message).toMatch(/holds opentelemetry and zipkin/);
    expect(traps.problems[0]?.fix).toBe('Split it into one entry per type, each with its own name.');
    const other = check({ mesh: mesh(generated, zipkin) }).traps;
    expect(other.status).toBe('pass');
    expect(other.notes.map((note) => note.code)).toEqual(['mesh.trap.other-tracing-zipkin']);
    expect(other.summary).toBe('1 setting worth a look.');
    const config = check({ mesh: { ...mesh(generated, zipkin), default_config: {} } }).traps;
    expect(config.problems.map((problem) => problem.code)).toEqual(['mesh.trap.snake-default-config']);
    expect(config.summary).toBe('2 settings worth a look.');
  });
});

describe('providersOf and effectiveProviders', () => {
  it('reads both spellings of the list and skips items that are not entries', () => {
    expect(providersOf({ extension_providers: [zipkin, null, 'x'] })).toEqual([zipkin]);
    expect(providersOf({ extensionProviders: 'nope' })).toEqual([]);
    expect(providersOf(undefined)).toEqual([]);
  });

  it('a later entry of the exact same name replaces the earlier one in its place', () => {
    const later = { name: 'zipkin', zipkin: { service: 'other', port: 1 } };
    expect(effectiveProviders([zipkin, generated, later])).toEqual([later, generated]);
  });
});
