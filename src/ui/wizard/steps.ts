import { WIZARD_STEPS, stepIndex, stepOfIssuePath, type WizardStep } from '../../core';

export interface StepInfo {
  id: WizardStep;
  title: string;
  /** One or two sentences: what this step does. */
  intro: string;
}

const STEP_TEXT: Record<WizardStep, { title: string; intro: string }> = {
  requirements: {
    title: 'Requirements',
    intro:
      'Tell us about your mesh so the configuration fits it. Each requirement comes with the command that checks it on your cluster.',
  },
  configuration: {
    title: 'Configuration',
    intro:
      'Where your Dynatrace environment is and how to reach it. Dynatrace Hub’s “Istio Service Mesh” setup shows these values.',
  },
  'mesh-config': {
    title: 'Mesh config',
    intro:
      'The OpenTelemetry extension provider that tells istiod where to send spans, in the form you install Istio with.',
  },
  'service-entry': {
    title: 'Service entry',
    intro: 'Lets the sidecars reach your Dynatrace environment from inside the mesh, with TLS.',
  },
  telemetry: {
    title: 'Telemetry',
    intro: 'Turns the provider on, for the whole mesh, one namespace or selected workloads.',
  },
  verify: {
    title: 'Verify',
    intro:
      'Apply the files in this order, then check that traces arrive. Running proxies get the change without a restart.',
  },
};

/** The steps in the order the wizard walks them (core/wizard-steps.ts), with their UI text. */
export const STEPS: readonly StepInfo[] = WIZARD_STEPS.map((id) => ({ id, ...STEP_TEXT[id] }));

/** Which step asks for the field an issue is about; undefined only for a path outside the model. */
export function stepOfPath(path: string): WizardStep | undefined {
  return stepOfIssuePath(path);
}

export { stepIndex };
