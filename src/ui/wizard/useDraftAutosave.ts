import { useEffect } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { Model, ModelInput, WizardStep } from '../../core';
import { saveDraft } from '../lib/draft';

/**
 * Keeps a draft (never the token) so a reload does not lose the user's work: written once typing
 * pauses, and at once when the page goes away or is hidden.
 *
 * Both writes read the form itself, not the rendered values: the page follows the form in a transition
 * (useLiveValues), so a reload right after a keystroke can come before that keystroke is rendered, and a
 * draft of the rendered values would miss it.
 */
export function useDraftAutosave(
  form: UseFormReturn<ModelInput, unknown, Model>,
  values: ModelInput,
  current: WizardStep,
  mergedWithPaste = false,
): void {
  useEffect(() => {
    const save = () => saveDraft(form.getValues(), current, mergedWithPaste);
    // A phone may discard a hidden tab without a pagehide: hidden is the last moment that is sure to come.
    const saveIfHidden = () => {
      if (document.visibilityState === 'hidden') save();
    };
    const timer = setTimeout(save, 300);
    window.addEventListener('pagehide', save);
    document.addEventListener('visibilitychange', saveIfHidden);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pagehide', save);
      document.removeEventListener('visibilitychange', saveIfHidden);
    };
    // values: each rendered change restarts the pause; the draft itself is read from the form.
  }, [form, values, current, mergedWithPaste]);
}
