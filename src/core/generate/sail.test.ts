import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import sailSchema from '../__fixtures__/sail-istio.schema.json';
import { model, operatorSaas, standalone } from '../__fixtures__/models';
import { checkStructural, type StructuralSchema } from '../__fixtures__/structural-schema';
import { checkMeshConfig } from '../mesh-config-schema';
import { ENVIRONMENT_KINDS } from '../defaults';
import type { Model } from '../model';
import { generateBundle } from './bundle';
import { generateMeshConfig } from './mesh-config';
import { sailIstioName, sailVersion } from './sail';

const schema = sailSchema.schema as StructuralSchema;
const read = (text: string) => parse(text, { version: '1.1' }) as Record<string, any>;
const sail = { output: { meshConfigFormat: 'sail' as const } };

const cases: [string, Model][] = [
  ['operator / SaaS', operatorSaas(sail)],
  [
    'operator / Managed, sampler from tenant, token in Secret',
    model({
      ...sail,
      dynatrace: { environmentKind: 'managed', host: 'dt.example.com' },
      provider: { samplerFromTenant: true },
      token: { storage: 'istiod-env' },
    }),
  ],
  ...ENVIRONMENT_KINDS.map((kind): [string, Model] => [`standalone / ${kind}`, standalone(kind, sail)]),
  ...ENVIRONMENT_KINDS.map((kind): [string, Model] => [
    `standalone / ${kind} / token in Secret, Istio 1.26.2`,
    standalone(kind, { ...sail, istio: { version: '1.26.2' }, token: { storage: 'istiod-env' } }),
  ]),
];

/** Every key anywhere in a value. */
function keys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keys);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => [key, ...keys(inner)]);
  return [];
}

describe('the Sail operator’s Istio resource', () => {
  it.each(cases)('%s validates against the Sail CRD schema and the MeshConfig table', (_, m) => {
    const doc = read(generateMeshConfig(m).text);
    expect(doc.apiVersion).toBe('sailoperator.io/v1');
    expect(doc.kind).toBe('Istio');
    expect(checkStructural(doc, schema)).toEqual([]);
    expect(checkMeshConfig(doc.spec.values.meshConfig, 28)).toEqual([]);
    // CEL rule of the CRD: values.global.istioNamespace, when set, must equal spec.namespace.
    expect(doc.spec.values.global?.istioNamespace ?? doc.spec.namespace).toBe(doc.spec.namespace);
  });

  it.each(cases)('%s spells every field in camelCase, so the API server prunes nothing', (_, m) => {
    const doc = read(generateMeshConfig(m).text);
    expect(keys(doc.spec).filter((key) => key.includes('_'))).toEqual([]);
  });

  it('puts the token variable into pilot.envVarFrom only when istiod reads it from the Secret', () => {
    const secret = read(generateMeshConfig(standalone('saas', { ...sail, token: { storage: 'istiod-env' } })).text);
    expect(secret.spec.values.pilot.envVarFrom).toEqual([
      {
        name: 'DYNATRACE_API_TOKEN',
        valueFrom: { secretKeyRef: { name: 'dynatrace-otel-token', key: 'DYNATRACE_API_TOKEN' } },
      },
    ]);
    const inline = read(generateMeshConfig(standalone('saas', sail)).text);
    expect(inline.spec.values).not.toHaveProperty('pilot');
    expect(read(generateMeshConfig(operatorSaas(sail)).text).spec.values).not.toHaveProperty('pilot');
  });

  it('names Sail’s spec.version as its enum does: vX.Y-latest, or the exact patch', () => {
    expect(sailVersion('1.28')).toBe('v1.28-latest');
    expect(sailVersion('1.26.3')).toBe('v1.26.3');
    const allowed = schema.properties!.spec!.properties!.version!.enum!;
    for (const version of ['1.22', '1.24', '1.27', '1.28', '1.29', '1.30', '1.28.3', '1.26.3']) {
      expect(allowed).toContain(sailVersion(version));
    }
  });

  it('is the default revision (InPlace, Istio named default) unless the model names a revision', () => {
    const doc = read(generateMeshConfig(operatorSaas(sail)).text);
    expect(doc.metadata).toEqual({ name: 'default' });
    expect(doc.spec.updateStrategy).toEqual({ type: 'InPlace' });
    expect(doc.spec.namespace).toBe('istio-system');
    const canary = read(
      generateMeshConfig(operatorSaas({ ...sail, istio: { revision: 'canary', istiodNamespace: 'istio-canary' } }))
        .text,
    );
    expect(canary.metadata).toEqual({ name: 'canary' });
    expect(canary.spec.namespace).toBe('istio-canary');
    expect(sailIstioName(operatorSaas(sail))).toBe('default');
  });

  it('is applied with kubectl apply -f', () => {
    const bundle = generateBundle(operatorSaas(sail));
    if (bundle.blocked) throw new Error('blocked');
    expect(bundle.verification.apply.find((step) => step.id === 'mesh-config')?.command).toBe(
      'kubectl apply -f meshconfig.yaml',
    );
    expect(bundle.findings.map((finding) => finding.id)).toContain('sail-apply-sets-values');
  });

  it('the schema check catches what the API server would prune or refuse', () => {
    const doc = read(generateMeshConfig(operatorSaas(sail)).text);
    doc.spec.values.meshConfig.extensionProviders[0].opentelemetry.resource_detectors = { dynatrace: {} };
    doc.spec.version = 'v1.21-latest';
    doc.spec.values.meshConfig.extensionProviders[0].zipkin = { service: 'z', port: 9411 };
    const issues = checkStructural(doc, schema).join('\n');
    expect(issues).toContain('resource_detectors: not in the schema');
    expect(issues).toContain('spec.version: "v1.21-latest" is not one of the allowed values');
    expect(issues).toContain('At most one of');
  });
});
