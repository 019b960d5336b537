import type { WizardStep } from '../../core';
import { useMemo } from 'react';
import type { StepStatus } from './StepList';
import { STEPS, stepOfPath } from './steps';
import type { Generation } from './useGeneration';
import type { VerifyProgress } from '../verify/verify-progress';

// Steps that only show files: they are valid when every file can be made.
const FILE_STEPS: ReadonlySet<WizardStep> = new Set(['mesh-config', 'service-entry', 'telemetry', 'verify']);

/**
 * What the step list shows for each step: whether its answers are valid and whether this user has
 * opened it are two separate things (a colleague's link arrives valid but unvisited).
 */
export function useStepStatuses(
  generation: Generation,
  blocked: boolean,
  visited: ReadonlySet<WizardStep>,
  verified: VerifyProgress,
): Record<WizardStep, StepStatus> {
  return useMemo(() => {
    // Until the core has checked the answers, nothing is known to be valid or wrong.
    const checked = generation.bundle !== undefined || generation.issues.length > 0;
    const filesReady = generation.issues.length === 0 && generation.bundle !== undefined && !generation.bundle.blocked;
    const result = {} as Record<WizardStep, StepStatus>;
    for (const step of STEPS) {
      const ownProblems =
        generation.issues.some((issue) => stepOfPath(issue.path) === step.id) ||
        (step.id === 'requirements' && blocked);
      const valid = checked && !ownProblems && (!FILE_STEPS.has(step.id) || filesReady);
      result[step.id] = { visited: visited.has(step.id), valid, problems: checked && ownProblems };
    }
    // Verify is done when the cluster's outputs say so, not when its files can be made (issue 26).
    const verify = result.verify;
    result.verify = {
      ...verify,
      valid: verify.valid && verified === 'passing',
      problems: verify.problems || verified === 'failing',
      notChecked: verified === 'not-checked',
    };
    return result;
  }, [generation.issues, generation.bundle, blocked, visited, verified]);
}
