import { describe, expect, it } from 'vitest';
import { renderHook } from '../testing/render-hook';
import { loadCore, useCore } from './load-core';

describe('useCore', () => {
  it('has the core on its very first render once it has arrived, so a link opening on a later step renders once', async () => {
    // A fresh module, so "not loaded yet" is real for the first half.
    const before = renderHook(() => useCore(), undefined);
    const firstRender = before.current;
    const core = await loadCore();
    expect(firstRender).toBeUndefined();
    before.unmount();

    const seen: unknown[] = [];
    const after = renderHook(() => {
      const value = useCore();
      seen.push(value);
      return value;
    }, undefined);
    expect(seen[0]).toBe(core);
    expect(after.current).toBe(core);
    after.unmount();
  });
});
