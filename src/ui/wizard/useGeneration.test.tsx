import { describe, expect, it } from 'vitest';
import { SAMPLE_TOKEN } from '../../core/__fixtures__/models';
import { withDefaults, type ModelInput } from '../../core';
import { TOKEN_PLACEHOLDER } from '../../core/runtime';
import { renderHook } from '../testing/render-hook';
import * as core from './core-runtime';
import type { CoreRuntime } from './load-core';
import { useGeneration } from './useGeneration';

const valid = withDefaults({ dynatrace: { environmentId: 'abc12345', clusterId: '-1743916452' } });
const withClusterId = (clusterId: string): ModelInput => ({ ...valid, dynatrace: { ...valid.dynatrace, clusterId } });
const standalone = (token: string): ModelInput =>
  withDefaults({ mode: 'standalone', token: { value: token, storage: 'inline' } }, valid);

const render = (values: ModelInput, runtime: CoreRuntime | undefined) =>
  renderHook(
    ({ values, runtime }: { values: ModelInput; runtime: CoreRuntime | undefined }) => useGeneration(values, runtime),
    {
      values,
      runtime,
    },
  );

describe('useGeneration', () => {
  it('shows nothing and reports nothing while the core is still loading', () => {
    const hook = render(valid, undefined);
    expect(hook.current).toEqual({
      issues: [],
      model: undefined,
      bundle: undefined,
      stale: false,
      tokenMissing: false,
    });
    hook.rerender({ values: valid, runtime: core });
    expect(hook.current.bundle?.blocked).toBe(false);
    hook.unmount();
  });

  it('generates the files for a valid configuration', () => {
    const hook = render(valid, core);
    expect(hook.current.issues).toEqual([]);
    expect(hook.current.stale).toBe(false);
    expect(hook.current.model?.dynatrace.clusterId).toBe(-1743916452);
    expect(hook.current.bundle).toEqual(core.generateBundle(hook.current.model!));
    hook.unmount();
  });

  it('keeps showing the last valid files, marked stale, while the input has errors, and catches up when fixed', () => {
    const hook = render(valid, core);
    const shown = hook.current.bundle;
    hook.rerender({ values: withClusterId('not a number'), runtime: core });
    expect(hook.current.stale).toBe(true);
    expect(hook.current.bundle).toBe(shown);
    expect(hook.current.model?.dynatrace.clusterId).toBe(-1743916452);
    expect(hook.current.issues.map((issue) => issue.path)).toEqual(['dynatrace.clusterId']);

    hook.rerender({ values: withClusterId('42'), runtime: core });
    expect(hook.current.stale).toBe(false);
    expect(hook.current.model?.dynatrace.clusterId).toBe(42);
    hook.unmount();
  });

  it('has nothing to show, and nothing stale, when the input was never valid', () => {
    const hook = render(withClusterId(''), core);
    expect(hook.current.stale).toBe(false);
    expect(hook.current.bundle).toBeUndefined();
    expect(hook.current.issues.map((issue) => issue.path)).toEqual(['dynatrace.clusterId']);
    hook.unmount();
  });

  it('shows the files with a placeholder when only the API token is missing, and says so', () => {
    const hook = render(standalone(''), core);
    expect(hook.current.tokenMissing).toBe(true);
    expect(hook.current.stale).toBe(false);
    expect(hook.current.issues.map((issue) => issue.path)).toEqual(['token.value']);
    expect(JSON.stringify(hook.current.bundle)).toContain(TOKEN_PLACEHOLDER);

    hook.rerender({ values: standalone(SAMPLE_TOKEN), runtime: core });
    expect(hook.current.tokenMissing).toBe(false);
    expect(JSON.stringify(hook.current.bundle)).not.toContain(TOKEN_PLACEHOLDER);
    hook.unmount();
  });
});
