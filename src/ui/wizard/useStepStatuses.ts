import { useMemo } from 'react';
import type { WizardStep } from '../../core/findings';
import type { StepStatus } from './StepList';
import { STEPS, stepOfPath } from './steps';
import type { Generation } from './useGeneration';

/** What the step list shows for each step. */
export function useStepStatuses(
  generation: Generation,
  blocked: boolean,
  visited: ReadonlySet<WizardStep>,
  current: WizardStep,
): Record<WizardStep, StepStatus> {
  return useMemo(() => {
    const result = {} as Record<WizardStep, StepStatus>;
    for (const step of STEPS) {
      const problems =
        generation.issues.some((issue) => stepOfPath(issue.path) === step.id) ||
        (step.id === 'requirements' && blocked);
      const seen = visited.has(step.id);
      result[step.id] = {
        visited: seen,
        problems: seen && problems,
        complete: seen && !problems && step.id !== current,
      };
    }
    return result;
  }, [generation.issues, blocked, visited, current]);
}
