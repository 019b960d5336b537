import { useEffect } from 'react';
import type { ModelInput, WizardStep } from '../../core';
import { saveDraft } from '../lib/draft';

/**
 * Keeps a draft (never the token) so a reload does not lose the user's work: written once typing
 * pauses, and at once when the page goes away (a reload right after typing keeps the last keystroke).
 */
export function useDraftAutosave(values: ModelInput, current: WizardStep): void {
  useEffect(() => {
    const save = () => saveDraft(values, current);
    const timer = setTimeout(save, 300);
    window.addEventListener('pagehide', save);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pagehide', save);
    };
  }, [values, current]);
}
