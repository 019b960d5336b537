import {
  defaultModel,
  isWizardStep,
  sanitizeModelInput,
  withoutSecrets,
  type ModelInput,
  type WizardStep,
} from '../../core';

/*
 * The current configuration survives reloads in local storage, without the API token and without
 * anything pasted (a pasted mesh config may hold secrets of its own).
 */

const KEY = 'istio-dynatrace-otel-wizard:draft:v1';

export interface Draft {
  values: ModelInput;
  step: WizardStep;
  /**
   * meshconfig.yaml was the user's config merged with ours. The paste itself is never stored (it may hold secrets),
   * only this mark, so that after a reload the page says the merged file is gone instead of silently handing out the
   * generated one (issue 26).
   */
  mergedWithPaste?: boolean;
}

export function loadDraft(): Draft | undefined {
  try {
    const raw = window.localStorage.getItem(KEY);
    if (!raw || raw.length > 64 * 1024) return undefined;
    const parsed = JSON.parse(raw) as { values?: unknown; step?: unknown; mergedWithPaste?: unknown };
    const step = isWizardStep(parsed.step) ? parsed.step : 'requirements';
    const values = withoutSecrets(sanitizeModelInput(parsed.values));
    return parsed.mergedWithPaste === true ? { values, step, mergedWithPaste: true } : { values, step };
  } catch {
    return undefined;
  }
}

/** The same data whatever the key order (a form may hold its fields in another order than the defaults). */
const canonical = (values: ModelInput) =>
  JSON.stringify(withoutSecrets(values), (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );

/** The same configuration (the step aside): a link that carries the draft's own values replaces nothing. */
export function sameValues(a: ModelInput, b: ModelInput): boolean {
  return canonical(a) === canonical(b);
}

export function saveDraft(values: ModelInput, step: WizardStep, mergedWithPaste = false): void {
  // The untouched defaults on the first step are nothing to restore. Keeping them would also undo Start over:
  // its reset is saved again right after it cleared the draft, and the next visit says "Restored your draft".
  if (step === 'requirements' && !mergedWithPaste && canonical(values) === canonical(defaultModel)) {
    clearDraft();
    return;
  }
  try {
    const draft = { values: withoutSecrets(values), step, ...(mergedWithPaste ? { mergedWithPaste } : {}) };
    window.localStorage.setItem(KEY, JSON.stringify(draft));
  } catch {
    // Storage full or disabled (private mode): the wizard works without drafts.
  }
}

export function clearDraft(): void {
  try {
    window.localStorage.removeItem(KEY);
  } catch {
    // nothing stored
  }
}
