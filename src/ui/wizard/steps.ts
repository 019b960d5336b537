import type { WizardStep } from '../../core/findings';

export interface StepInfo {
  id: WizardStep;
  title: string;
  /** One or two sentences: what this step does. */
  intro: string;
}

export const STEPS: readonly StepInfo[] = [
  {
    id: 'requirements',
    title: 'Requirements',
    intro:
      'Tell us about your mesh so the configuration fits it. Each requirement comes with the command that checks it on your cluster.',
  },
  {
    id: 'configuration',
    title: 'Configuration',
    intro:
      'Where your Dynatrace environment is and how to reach it. Fastest: paste the snippet from Dynatrace Hub’s “Istio Service Mesh” setup, or your environment’s URL, into the first boxes: one paste fills in everything it contains.',
  },
  {
    id: 'mesh-config',
    title: 'Mesh config',
    intro:
      'The OpenTelemetry extension provider that tells istiod where to send spans, in the form you install Istio with.',
  },
  {
    id: 'service-entry',
    title: 'Service entry',
    intro: 'Lets the sidecars reach your Dynatrace environment from inside the mesh, with TLS.',
  },
  {
    id: 'telemetry',
    title: 'Telemetry',
    intro: 'Turns the provider on, for the whole mesh, one namespace or selected workloads.',
  },
  {
    id: 'verify',
    title: 'Verify',
    intro: 'Apply the files in this order, restart the workloads, then check that traces arrive.',
  },
];

/** Which step asks for each field of the model (by dotted path prefix). */
export function stepOfPath(path: string): WizardStep {
  if (path === 'mode' || path.startsWith('istio.version') || path.startsWith('istio.ambient')) return 'requirements';
  if (path === 'operator.telemetryIngestEnabled' || path === 'operator.enableIstio') return 'requirements';
  if (path.startsWith('output.')) return 'mesh-config';
  if (path.startsWith('telemetry.')) return 'telemetry';
  return 'configuration';
}

export function stepIndex(id: WizardStep): number {
  return STEPS.findIndex((step) => step.id === id);
}
