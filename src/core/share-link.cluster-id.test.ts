import { describe, expect, it } from 'vitest';
import { defaultModel, withDefaults } from './defaults';
import { validateModel } from './model';
import { decodeShareFragment, encodeShareFragment } from './share-link';

describe('a share link without a cluster ID', () => {
  const values = withDefaults(
    { dynatrace: { environmentId: 'abc12345', clusterId: '' }, provider: { sampler: false } },
    defaultModel,
  );

  it('opens valid with the sampler off', () => {
    const decoded = decodeShareFragment(encodeShareFragment(values, 'verify'));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.state.values.dynatrace.clusterId).toBe('');
    expect(decoded.state.values.provider.sampler).toBe(false);
    expect(validateModel(decoded.state.values)).toMatchObject({ ok: true });
  });

  it('opens, and asks for the cluster ID, with the sampler on', () => {
    const on = withDefaults({ provider: { sampler: true } }, values);
    const decoded = decodeShareFragment(encodeShareFragment(on, 'configuration'));
    if (!decoded.ok) throw new Error(decoded.message);
    const result = validateModel(decoded.state.values);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => issue.path)).toEqual(['dynatrace.clusterId']);
  });
});
