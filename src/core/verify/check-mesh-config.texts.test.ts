import { describe, expect, it } from 'vitest';
import { operatorSaas, standalone } from '../__fixtures__/models';
import type { Model } from '../model';
import type { Plain } from '../plain-data';
import { checkMeshConfig, diffProvider, type LiveMeshConfig } from './check-mesh-config';
import { verifyTargetOf } from './target';

/*
 * What the mesh config items tell the user to look at and do (cause, fix), and field comparisons the decision tests
 * left open: which differences count and which are forgiven. The ConfigMap istiod reads: istio/istio
 * pilot/pkg/bootstrap/mesh.go getMeshConfigMapName and getConfigurationSources, pilot/pkg/features/pilot.go
 * SHARED_MESH_CONFIG ("The standard mesh config will take precedence."), 1.22.0 and 1.30.3.
 */

function check(live: LiveMeshConfig, model: Model = operatorSaas()) {
  const items = checkMeshConfig(live, model, verifyTargetOf(model));
  const byId = (id: string) => items.find((item) => item.id === id)!;
  return { provider: byId('mesh.provider'), fields: byId('mesh.provider-fields') };
}
const generatedOf = (model: Model) => structuredClone(verifyTargetOf(model).provider) as unknown as Plain;
const mesh = (...providers: unknown[]) => ({ extensionProviders: providers }) as Plain;
const otel = (provider: Plain) => provider.opentelemetry as Plain;

describe('the causes and fixes the provider item gives', () => {
  const generated = generatedOf(operatorSaas());

  it('another ConfigMap: istiod reads istio or istio-<revision>; a shared one only through SHARED_MESH_CONFIG, below the standard one', () => {
    const { provider } = check({ mesh: mesh(generated), name: 'istio-mesh', namespace: 'istio-system' });
    expect(provider.problems).toHaveLength(1);
    expect(provider.problems[0]?.cause).toBe(
      'istiod reads ConfigMap istio, or istio-<revision> for a revisioned control plane. Another ConfigMap is read only if istiod’s SHARED_MESH_CONFIG variable names it, and then the standard one takes precedence.',
    );
  });

  it('another namespace: a mesh config there is never read', () => {
    const { provider } = check({ mesh: mesh(generated), name: 'istio', namespace: 'dynatrace' });
    expect(provider.problems.map((problem) => problem.cause)).toEqual([
      'A mesh config applied to another namespace is never read.',
    ]);
  });

  it('a missing provider: the three ways it goes missing', () => {
    const { provider } = check({ mesh: mesh() });
    expect(provider.problems[0]?.cause).toBe(
      'The mesh config was not applied, applied to another place, or the provider has another name than the Telemetry uses.',
    );
  });

  it('two entries of our name: keep one, the generated one', () => {
    const { provider } = check({ mesh: mesh(generated, generated) });
    expect(provider.notes[0]?.fix).toBe('Keep one entry with this name: the generated one.');
  });

  it('differing fields: what usually causes it, and to replace the entry by applying the generated file', () => {
    const edited = structuredClone(generated);
    otel(edited).port = 4317;
    const { fields } = check({ mesh: mesh(edited) });
    expect(fields.problems[0]?.cause).toBe(
      'The live provider is not what the wizard generated: an older snippet, a typo, or an edit after applying.',
    );
    expect(fields.problems[0]?.fix).toBe('Replace the entry with the generated one (apply meshconfig.yaml):');
  });
});

describe('which field differences count', () => {
  it('only the name is compared without regard to case: another field in other capitalisation differs', () => {
    const model = operatorSaas();
    const edited = generatedOf(model);
    (otel(edited).http as Plain).path = '/V1/traces';
    const { fields } = check({ mesh: mesh(edited) }, model);
    expect(fields.status).toBe('fail');
    expect(fields.problems[0]?.message).toBe('opentelemetry.http.path: live /V1/traces, generated /v1/traces');
  });

  it('a provider without a name, or a generated one without, is a difference at name (not an error)', () => {
    const generated = generatedOf(operatorSaas());
    const { name: _name, ...nameless } = generated;
    expect(diffProvider(nameless, generated)).toEqual([
      { path: 'name', live: '(not set)', expected: 'dynatrace-otel' },
    ]);
    expect(diffProvider(generated, nameless)).toEqual([
      { path: 'name', live: 'dynatrace-otel', expected: '(not set)' },
    ]);
  });

  it('a list only on the live side is named at its items, not as a list', () => {
    const model = operatorSaas();
    const edited = generatedOf(model);
    (otel(edited).http as Plain).headers = [{ name: 'x-tenant', value: 'a' }];
    const { fields } = check({ mesh: mesh(edited) }, model);
    expect(fields.problems[0]?.message).toBe(
      'opentelemetry.http.headers[0].name: live x-tenant, generated (not set); opentelemetry.http.headers[0].value: live a, generated (not set)',
    );
  });

  describe('the Authorization header when the configuration has no token (a shared link never carries it)', () => {
    const model = standalone('saas');
    const noToken: Model = { ...model, token: { ...model.token, value: '' } };
    const headersOf = (provider: Plain) => (otel(provider).http as Plain).headers as Plain[];

    it('accepts any Api-Token value', () => {
      const live = generatedOf(model);
      expect(headersOf(generatedOf(noToken))[0]?.value).toBe('Api-Token ');
      expect(check({ mesh: mesh(live) }, noToken).fields.status).toBe('pass');
    });

    it('does not accept another scheme, and names the value', () => {
      const live = generatedOf(model);
      headersOf(live)[0]!.value = 'Bearer dt0c01.X';
      const { fields } = check({ mesh: mesh(live) }, noToken);
      expect(fields.status).toBe('fail');
      expect(fields.problems[0]?.message).toBe(
        'opentelemetry.http.headers[0].value: live Bearer dt0c01.X, generated Api-Token ',
      );
    });

    it('does not accept a missing header: it names the header’s fields as not set', () => {
      const live = generatedOf(model);
      delete (otel(live).http as Plain).headers;
      const { fields } = check({ mesh: mesh(live) }, noToken);
      expect(fields.status).toBe('fail');
      expect(fields.problems[0]?.message).toBe(
        'opentelemetry.http.headers[0].name: live (not set), generated Authorization; opentelemetry.http.headers[0].value: live (not set), generated Api-Token ',
      );
    });
  });
});

describe('which traps fail', () => {
  it('a provider’s name never makes its note a failure, even a name that looks like a failing trap', () => {
    const model = operatorSaas();
    const zipkin = (name: string) => ({
      name,
      zipkin: { service: 'zipkin.istio-system.svc.cluster.local', port: 9411 },
    });
    const items = checkMeshConfig(
      { mesh: mesh(generatedOf(model), zipkin('two-types-legacy'), zipkin('snake-default-zipkin')) },
      model,
      verifyTargetOf(model),
    );
    const traps = items.find((item) => item.id === 'mesh.traps')!;
    expect(traps.status).toBe('pass');
    expect(traps.problems).toEqual([]);
    expect(traps.notes.map((note) => note.code)).toEqual([
      'mesh.trap.other-tracing-two-types-legacy',
      'mesh.trap.other-tracing-snake-default-zipkin',
    ]);
  });
});
