import { describe, expect, it } from 'vitest';
import { SAMPLE_TOKEN } from './__fixtures__/models';
import { defaultModel, effectiveTokenStorage, withDefaults } from './defaults';
import { validateModel } from './model';
import { decodeShareFragment, encodeShareFragment } from './share-link';

/* Item 14: a choice the user made is never overridden; only the recommendation follows the version. */

const standalone = (patch: Record<string, unknown>) =>
  withDefaults(
    patch,
    withDefaults({ mode: 'standalone', dynatrace: { environmentId: 'abc12345', clusterId: '1' } }, defaultModel),
  );

describe('token storage', () => {
  it('is "recommended for this version" by default, and resolves on every version typed key by key', () => {
    expect(defaultModel.token.storage).toBe('auto');
    for (const version of ['1', '1.', '1.2', '1.28']) {
      expect(effectiveTokenStorage('auto', version)).toBe(version === '1.28' ? 'istiod-env' : 'inline');
    }
    const at128 = validateModel(standalone({ istio: { version: '1.28' } }));
    expect(at128.ok && at128.model.token.storage).toBe('istiod-env');
  });

  it('keeps an explicit inline on 1.28, and an explicit Secret is a field error on 1.24, not a silent switch', () => {
    const inline = validateModel(
      standalone({ istio: { version: '1.28' }, token: { storage: 'inline', value: SAMPLE_TOKEN } }),
    );
    expect(inline.ok && inline.model.token.storage).toBe('inline');
    const secret = validateModel(standalone({ istio: { version: '1.24' }, token: { storage: 'istiod-env' } }));
    expect(secret.ok).toBe(false);
    if (!secret.ok) expect(secret.issues.map((i) => i.path)).toContain('token.storage');
  });

  it('share links omit the recommendation and carry an explicit choice', () => {
    const auto = decodeShareFragment(encodeShareFragment(defaultModel, 'configuration'));
    expect(auto.ok && auto.state.values.token.storage).toBe('auto');
    const chosen = standalone({ istio: { version: '1.28' }, token: { storage: 'inline' } });
    const decoded = decodeShareFragment(encodeShareFragment(chosen, 'configuration'));
    expect(decoded.ok && decoded.state.values.token.storage).toBe('inline');
    const validated = validateModel({
      ...(decoded.ok ? decoded.state.values : {}),
      token: { ...(decoded.ok ? decoded.state.values.token : {}), value: SAMPLE_TOKEN },
    });
    expect(validated.ok && validated.model.token.storage).toBe('inline');
  });
});
