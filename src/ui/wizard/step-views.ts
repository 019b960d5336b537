import type { WizardStep } from '../../core';
import { memo, type ComponentType } from 'react';
import { RequirementsStep } from '../steps/RequirementsStep';
import type { StepProps } from './step-props';

// The first step ships with the page; the others arrive right after it, and are loaded before they are shown.
const STEP_LOADERS: Record<Exclude<WizardStep, 'requirements'>, () => Promise<ComponentType<StepProps>>> = {
  configuration: () => import('../steps/ConfigurationStep').then((m) => m.ConfigurationStep),
  'mesh-config': () => import('../steps/MeshConfigStep').then((m) => m.MeshConfigStep),
  'service-entry': () => import('../steps/ServiceEntryStep').then((m) => m.ServiceEntryStep),
  telemetry: () => import('../steps/TelemetryStep').then((m) => m.TelemetryStep),
  verify: () => import('../steps/VerifyStep').then((m) => m.VerifyStep),
};

// Views by step once loaded; rendered directly (no Suspense), so a step never flashes a placeholder.
// Memoised: a step re-renders when its inputs change, not whenever the shell does.
const loadedViews: Partial<Record<WizardStep, ComponentType<StepProps>>> = {
  requirements: memo(RequirementsStep),
};

export function loadedStepView(step: WizardStep): ComponentType<StepProps> | undefined {
  return loadedViews[step];
}

export async function loadStep(step: WizardStep): Promise<void> {
  if (step === 'requirements' || loadedViews[step]) return;
  loadedViews[step] = memo(await STEP_LOADERS[step]());
}

export function prefetchSteps(): void {
  for (const load of Object.values(STEP_LOADERS)) void load();
}
