import { isWizardStep, sanitizeModelInput, withoutSecrets, type ModelInput, type WizardStep } from '../../core';

/*
 * The current configuration survives reloads in local storage, without the API token and without
 * anything pasted (a pasted mesh config may hold secrets of its own).
 */

const KEY = 'istio-dynatrace-otel-wizard:draft:v1';

export interface Draft {
  values: ModelInput;
  step: WizardStep;
}

export function loadDraft(): Draft | undefined {
  try {
    const raw = window.localStorage.getItem(KEY);
    if (!raw || raw.length > 64 * 1024) return undefined;
    const parsed = JSON.parse(raw) as { values?: unknown; step?: unknown };
    const step = isWizardStep(parsed.step) ? parsed.step : 'requirements';
    return { values: withoutSecrets(sanitizeModelInput(parsed.values)), step };
  } catch {
    return undefined;
  }
}

export function saveDraft(values: ModelInput, step: WizardStep): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify({ values: withoutSecrets(values), step }));
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
