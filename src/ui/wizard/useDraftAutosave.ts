import { useEffect } from 'react';
import type { WizardStep } from '../../core/findings';
import type { ModelInput } from '../../core/model';
import { saveDraft } from '../lib/draft';

/** Keeps a draft (never the token) so a reload does not lose the user's work; written once typing pauses. */
export function useDraftAutosave(values: ModelInput, current: WizardStep): void {
  useEffect(() => {
    const timer = setTimeout(() => saveDraft(values, current), 300);
    return () => clearTimeout(timer);
  }, [values, current]);
}
