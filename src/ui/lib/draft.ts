import { sanitizeModelInput, withoutSecrets, type ModelInput, type WizardStep } from '../../core';

/*
 * The current configuration survives reloads in local storage, without the API token and without
 * anything pasted (a pasted mesh config may hold secrets of its own).
 */

const KEY = 'istio-dynatrace-otel-wizard:draft:v1';
const STEPS: readonly WizardStep[] = [
  'requirements',
  'configuration',
  'mesh-config',
  'service-entry',
  'telemetry',
  'verify',
];

export interface Draft {
  values: ModelInput;
  step: WizardStep;
}

export function loadDraft(): Draft | undefined {
  try {
    const raw = window.localStorage.getItem(KEY);
    if (!raw || raw.length > 64 * 1024) return undefined;
    const parsed = JSON.parse(raw) as { values?: unknown; step?: unknown };
    const step = STEPS.includes(parsed.step as WizardStep) ? (parsed.step as WizardStep) : 'requirements';
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
