import { useEffect } from 'react';
import type { WizardStep } from '../../core/findings';
import type { ModelInput } from '../../core/model';
import { defaultModel } from '../../core/defaults';
import { clearDraft, saveDraft } from '../lib/draft';

/**
 * Keeps a draft (never the token) so a reload does not lose the user's work: written once typing
 * pauses, and at once when the page goes away (a reload right after typing keeps the last keystroke).
 * The defaults on the first step are no draft: nothing to restore.
 */
export function useDraftAutosave(values: ModelInput, current: WizardStep): void {
  useEffect(() => {
    const untouched = current === 'requirements' && JSON.stringify(values) === JSON.stringify(defaultModel);
    const save = () => (untouched ? clearDraft() : saveDraft(values, current));
    const timer = setTimeout(save, 300);
    window.addEventListener('pagehide', save);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pagehide', save);
    };
  }, [values, current]);
}
