import { afterEach, describe, expect, it } from 'vitest';
import { useForm } from 'react-hook-form';
import { defaultModel, type Model, type ModelInput, type WizardStep } from '../../core';
import { SAMPLE_TOKEN } from '../../core/__fixtures__/models';
import { clearDraft, loadDraft } from '../lib/draft';
import { renderHook } from '../testing/render-hook';
import { useDraftAutosave } from './useDraftAutosave';
import { useLiveValues } from './useLiveValues';

/** The wizard's own wiring: the page renders the form's values in a transition, the draft follows. */
function useWizardWithDraft({ step }: { step: WizardStep }) {
  const form = useForm<ModelInput, unknown, Model>({ defaultValues: defaultModel });
  useDraftAutosave(form, useLiveValues(form), step);
  return form;
}

/**
 * A change the page has not rendered yet: made outside act, the transition that renders it stays queued,
 * as it does in a browser when the page goes away right after a keystroke.
 */
function typeWithoutRendering(change: () => void) {
  const flags = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
  flags.IS_REACT_ACT_ENVIRONMENT = false;
  try {
    change();
  } finally {
    flags.IS_REACT_ACT_ENVIRONMENT = true;
  }
}

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

afterEach(() => {
  clearDraft();
  setVisibility('visible');
});

describe('useDraftAutosave', () => {
  it('keeps a change made right before the page goes away, even before the page rendered it', () => {
    const hook = renderHook(useWizardWithDraft, { step: 'configuration' });
    typeWithoutRendering(() => hook.current.setValue('provider.timeout', '5s'));
    window.dispatchEvent(new Event('pagehide'));
    expect(loadDraft()).toMatchObject({ step: 'configuration', values: { provider: { timeout: '5s' } } });
    hook.unmount();
  });

  it('keeps the change when the page is hidden (a phone may discard a hidden tab without a pagehide)', () => {
    const hook = renderHook(useWizardWithDraft, { step: 'configuration' });
    typeWithoutRendering(() => hook.current.setValue('dynatrace.environmentId', 'abc12'));
    setVisibility('hidden');
    expect(loadDraft()?.values.dynatrace?.environmentId).toBe('abc12');
    hook.unmount();
  });

  it('never stores the API token', () => {
    const hook = renderHook(useWizardWithDraft, { step: 'configuration' });
    typeWithoutRendering(() => hook.current.setValue('token.value', SAMPLE_TOKEN));
    window.dispatchEvent(new Event('pagehide'));
    const stored = Object.values({ ...window.localStorage }).join('\n');
    expect(stored).toContain('"step":"configuration"');
    expect(stored).not.toContain(SAMPLE_TOKEN.slice(7));
    hook.unmount();
  });
});
