import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultModel, withDefaults } from './defaults';
import { CLUSTER_ID_NEEDED, validateModel, type ModelInput } from './model';
import { generateBundle } from './generate/bundle';
import { SAMPLE_TOKEN } from './__fixtures__/models';

// The cluster ID feeds only the Dynatrace sampler's cluster_id (envoy DynatraceSamplerConfig field 2, facts §6).
const input = (patch: Partial<{ mode: 'operator' | 'standalone'; sampler: boolean; clusterId: string }>): ModelInput =>
  withDefaults(
    {
      mode: patch.mode ?? 'operator',
      dynatrace: { environmentId: 'abc12345', clusterId: patch.clusterId ?? '' },
      provider: { sampler: patch.sampler ?? true },
      token: { value: SAMPLE_TOKEN, storage: 'inline' },
    },
    defaultModel,
  );

describe('the cluster ID is required only when the Dynatrace sampler uses it', () => {
  it('is optional with the sampler off, in both modes', () => {
    for (const mode of ['operator', 'standalone'] as const) {
      const result = validateModel(input({ mode, sampler: false }));
      expect(result.ok, mode).toBe(true);
      if (result.ok) expect(result.model.dynatrace.clusterId).toBeUndefined();
    }
  });

  it('is required with the sampler on, and the message says the sampler needs it', () => {
    const result = validateModel(input({ sampler: true }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([{ path: 'dynatrace.clusterId', message: CLUSTER_ID_NEEDED }]);
    expect(CLUSTER_ID_NEEDED).toMatch(/Dynatrace sampler needs it/);
  });

  it('is still checked when given with the sampler off: a wrong value is not silently dropped', () => {
    const result = validateModel(input({ sampler: false, clusterId: 'abc' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => issue.path)).toEqual(['dynatrace.clusterId']);
  });

  it('never writes "undefined" or a cluster_id into any file when the sampler is off', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('operator' as const, 'standalone' as const),
        fc.constantFrom('istio-operator', 'helm', 'configmap', 'sail'),
        (mode, format) => {
          const result = validateModel({ ...input({ mode, sampler: false }), output: { meshConfigFormat: format } });
          if (!result.ok) throw new Error(JSON.stringify(result.issues));
          const bundle = generateBundle(result.model);
          expect(bundle.blocked).toBe(false);
          if (bundle.blocked) return;
          for (const file of bundle.files) {
            expect(file.content, file.name).not.toMatch(/undefined|NaN/);
            expect(file.content, file.name).not.toMatch(/cluster_id|clusterId/);
          }
        },
      ),
    );
  });

  it('writes the given cluster ID when the sampler is on', () => {
    const result = validateModel(input({ sampler: true, clusterId: '-5' }));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const bundle = generateBundle(result.model);
    expect(!bundle.blocked && bundle.meshConfig.text).toMatch(/cluster_id: -5$/m);
  });
});
