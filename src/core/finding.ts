import type { WizardStep } from './wizard-steps';

/** A requirement check or a trap warning, as data: what the wizard, the CLI and the verifier show. */
export type FindingLevel = 'blocker' | 'warning' | 'info';

export interface Finding {
  id: string;
  level: FindingLevel;
  step: WizardStep;
  message: string;
  /** What to do about it. */
  fix: string;
  /** An official page to read more; plain links only, the app fetches nothing. */
  link?: string;
}
