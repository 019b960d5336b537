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
import { applyMergePatch } from '../__fixtures__/merge-patch';

const schema = sailSchema.schema as StructuralSchema;
const read = (text: string) => parse(text, { version: '1.1' }) as Record<string, any>;
const sail = { output: { meshConfigFormat: 'sail' as const } };

/** A running Istio as `kubectl get istio` shows it: RevisionBased, ambient, a newer version, values of its own. */
const running = {
  apiVersion: 'sailoperator.io/v1',
  kind: 'Istio',
  metadata: { name: 'mesh-a' },
  spec: {
    version: 'v1.30.3',
    namespace: 'istio-system',
    profile: 'ambient',
    updateStrategy: { type: 'RevisionBased', inactiveRevisionDeletionGracePeriodSeconds: 30 },
    values: {
      meshConfig: {
        accessLogFile: '/dev/stdout',
        extensionProviders: [{ name: 'zipkin', zipkin: { service: 'zipkin.tracing.svc.cluster.local', port: 9411 } }],
      },
      pilot: { env: { PILOT_ENABLE_X: 'true' } },
    },
  },
};

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
  it.each(cases)(
    '%s is a merge patch that, applied to a running Istio, validates against the Sail CRD schema',
    (_, m) => {
      const patch = read(generateMeshConfig(m).text);
      expect(Object.keys(patch)).toEqual(['spec']);
      expect(Object.keys(patch.spec)).toEqual(['values']);
      const result = applyMergePatch(running, patch) as Record<string, any>;
      expect(checkStructural(result, schema)).toEqual([]);
      expect(checkMeshConfig(result.spec.values.meshConfig, 28)).toEqual([]);
      // CEL rule of the CRD: values.global.istioNamespace, when set, must equal spec.namespace.
      expect(result.spec.values.global?.istioNamespace ?? result.spec.namespace).toBe(result.spec.namespace);
    },
  );

  it.each(cases)('%s never changes version, updateStrategy, profile or namespace of the running Istio', (_, m) => {
    const result = applyMergePatch(running, read(generateMeshConfig(m).text)) as Record<string, any>;
    const { values: _values, ...rest } = result.spec;
    const { values: _old, ...before } = running.spec;
    expect(rest).toEqual(before);
    // Maps merge, lists are replaced: the user's other meshConfig fields stay, their providers do not.
    expect(result.spec.values.meshConfig.accessLogFile).toBe('/dev/stdout');
    expect(result.spec.values.meshConfig.extensionProviders.map((p: { name: string }) => p.name)).toEqual([
      'dynatrace-otel',
    ]);
    expect(result.spec.values.pilot.env).toEqual({ PILOT_ENABLE_X: 'true' });
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

  it('names the Istio resource by its own name, not the revision, and writes no version or updateStrategy', () => {
    expect(sailIstioName(operatorSaas(sail))).toBe('default');
    const m = operatorSaas({
      ...sail,
      istio: { revision: 'canary', istiodNamespace: 'istio-canary', sailName: 'mesh-a' },
    });
    expect(sailIstioName(m)).toBe('mesh-a');
    const doc = read(generateMeshConfig(m).text);
    expect(doc).not.toHaveProperty('metadata');
    expect(doc.spec).not.toHaveProperty('version');
    expect(doc.spec).not.toHaveProperty('updateStrategy');
    expect(generateMeshConfig(m).text).not.toContain('canary');
  });

  it('is applied with kubectl patch on the named resource, and says that lists are replaced', () => {
    const m = operatorSaas({ ...sail, istio: { sailName: 'mesh-a' } });
    const bundle = generateBundle(m);
    if (bundle.blocked) throw new Error('blocked');
    const step = bundle.verification.apply.find((s) => s.id === 'mesh-config')!;
    expect(step.command).toBe('kubectl patch istio mesh-a --type merge --patch-file meshconfig.yaml');
    expect(step.description).toMatch(/Lists in values are replaced/);
    const finding = bundle.findings.find((f) => f.id === 'sail-apply-sets-values')!;
    expect(finding.message).toContain('Istio resource mesh-a');
    expect(finding.fix).toContain('kubectl get istio mesh-a');
    expect(finding.fix).not.toContain('istio default');
  });

  it('warns in the findings and in apply.sh that Sail 1.26.0–1.26.2 drop pilot.envVarFrom, only with the token in a Secret', () => {
    const secret = generateBundle(standalone('saas', { ...sail, token: { storage: 'istiod-env' } }));
    if (secret.blocked) throw new Error('blocked');
    expect(secret.findings.map((f) => f.id)).toContain('sail-env-var-from');
    const script = secret.files.find((f) => f.name === 'apply.sh')!.content;
    expect(script).toMatch(/Sail operator 1\.26\.0–1\.26\.2 drops pilot\.envVarFrom/);
    const inline = generateBundle(standalone('saas', { ...sail, token: { storage: 'inline' } }));
    if (inline.blocked) throw new Error('blocked');
    expect(inline.findings.map((f) => f.id)).not.toContain('sail-env-var-from');
  });

  it('the schema check catches what the API server would prune or refuse', () => {
    const doc = applyMergePatch(running, read(generateMeshConfig(operatorSaas(sail)).text)) as Record<string, any>;
    doc.spec.values.meshConfig.extensionProviders[0].opentelemetry.resource_detectors = { dynatrace: {} };
    doc.spec.version = 'v1.21-latest';
    doc.spec.values.meshConfig.extensionProviders[0].zipkin = { service: 'z', port: 9411 };
    const issues = checkStructural(doc, schema).join('\n');
    expect(issues).toContain('resource_detectors: not in the schema');
    expect(issues).toContain('spec.version: "v1.21-latest" is not one of the allowed values');
    expect(issues).toContain('At most one of');
  });
});
