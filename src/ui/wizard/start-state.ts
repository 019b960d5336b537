import type { Draft } from '../lib/draft';
import type { ModelInput, WizardStep } from '../../core';

/** What the wizard opens with: a draft, a share link, or nothing (the defaults). Shared by App and the hooks it composes. */
export interface StartState {
  values?: ModelInput;
  step?: WizardStep;
  message?: { kind: 'info' | 'error'; text: string };
  /** The draft a share link took the place of: offered back with Undo. */
  replacedDraft?: Draft;
  /** The restored draft had a merged meshconfig.yaml whose paste was (deliberately) not stored. */
  mergeLost?: boolean;
}
