import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import sailSchema from '../__fixtures__/sail-istio.schema.json';
import { checkStructural, type StructuralSchema } from '../__fixtures__/structural-schema';
import { standalone } from '../__fixtures__/models';
import { checkMeshConfig } from '../mesh-config-schema';
import { mergeIntoExistingMeshConfig, type MergeSuccess } from './merge-provider';

const fixture = (name: string) => readFileSync(join(__dirname, '__fixtures__', name), 'utf8');
const read = (text: string) => parse(text, { version: '1.1' }) as Record<string, any>;

function merged(
  input: string,
  m = standalone('saas', { istio: { version: '1.28' }, token: { storage: 'istiod-env' } }),
): MergeSuccess {
  const result = mergeIntoExistingMeshConfig(input, m);
  if (!result.ok) throw new Error(result.problem.message);
  return result;
}

describe('merging into the Sail operator’s Istio resource with customised values', () => {
  const input = fixture('sail-istio.yaml');
  // Merged inside each test, not when the file is collected: a merge run at collection time is one the mutation
  // runner cannot tie to a test (MUTATION.md, "static").

  it('is recognised as a Sail Istio resource', () => {
    const result = merged(input);
    expect(result.format).toBe('sail');
    expect(result.formatLabel).toContain('Sail');
  });

  it('adds the provider in camelCase (the Sail CRD prunes snake_case) and the token variable to envVarFrom, keeping everything else', async () => {
    const result = merged(input);
    const before = read(input);
    const after = read(result.merged);
    const providers = after.spec.values.meshConfig.extensionProviders;
    expect(providers.map((p: { name: string }) => p.name)).toEqual(['jaeger', 'dynatrace-otel']);
    expect(providers[1].opentelemetry).toHaveProperty('resourceDetectors');
    expect(providers[1].opentelemetry).toHaveProperty('dynatraceSampler.clusterId', -1743916452);
    expect(providers[1].opentelemetry.http.headers).toEqual([
      { name: 'Authorization', envName: 'DYNATRACE_API_TOKEN' },
    ]);
    expect(after.spec.values.pilot.envVarFrom.map((e: { name: string }) => e.name)).toEqual([
      'OTHER_SECRET',
      'DYNATRACE_API_TOKEN',
    ]);
    expect(after.spec.updateStrategy).toEqual(before.spec.updateStrategy);
    expect(after.spec.values.global).toEqual(before.spec.values.global);
    expect(result.merged).toContain('# The in-cluster Jaeger, until Dynatrace takes over');
    expect(result.normalized).toBe(false);
    await expect(result.merged).toMatchFileSnapshot('__golden__/sail-istio.merged.yaml');
  });

  it('validates against the Sail CRD schema and the MeshConfig table', () => {
    const result = merged(input);
    const after = read(result.merged);
    expect(checkStructural(after, sailSchema.schema as StructuralSchema)).toEqual([]);
    expect(checkMeshConfig(after.spec.values.meshConfig, 28)).toEqual([]);
  });
});

describe('a merged Sail Istio applied as the merge patch', () => {
  it('keeps the user’s version, updateStrategy and profile, and the apply step patches their resource by name', async () => {
    const { generateBundle } = await import('../generate/bundle');
    const { applyMergePatch } = await import('../__fixtures__/merge-patch');
    const input = fixture('sail-istio.yaml');
    const m = standalone('saas', {
      istio: { version: '1.28', sailName: 'default' },
      token: { storage: 'istiod-env' },
      output: { meshConfigFormat: 'sail' },
    });
    const after = read(merged(input, m).merged);
    const before = read(input);
    expect(after.spec.version).toBe(before.spec.version);
    expect(after.spec.updateStrategy).toEqual(before.spec.updateStrategy);
    expect(after.spec.profile).toBe(before.spec.profile);
    // As a merge patch on the live resource (which is the same file here), nothing but values changes.
    const live = applyMergePatch(before, after) as Record<string, any>;
    expect({ ...live.spec, values: undefined }).toEqual({ ...before.spec, values: undefined });
    expect(checkStructural(live, sailSchema.schema as StructuralSchema)).toEqual([]);
    const bundle = generateBundle(m);
    if (bundle.blocked) throw new Error('blocked');
    expect(bundle.verification.apply.find((step) => step.id === 'mesh-config')!.command).toContain(
      'kubectl patch istio default --type merge --patch-file meshconfig.yaml',
    );
  });
});
