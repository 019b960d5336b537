import type { WizardStep } from '../../core';
import { STEPS } from './steps';

export interface StepStatus {
  /** This user has opened the step. */
  visited: boolean;
  /** The step's answers are complete and correct (for steps that show files: every file can be made). */
  valid: boolean;
  /** The step's answers have an error or a blocking requirement. */
  problems: boolean;
  /** A step that checks the cluster has checked nothing yet. */
  notChecked?: boolean;
}

interface Props {
  current: WizardStep;
  statuses: Record<WizardStep, StepStatus>;
  onSelect: (step: WizardStep) => void;
}

/**
 * Where the user is, and for every step two separate facts: valid or not (the badge) and visited or
 * not (the outline). Every step can be jumped to.
 */
export function StepList({ current, statuses, onSelect }: Props) {
  return (
    <nav className="step-list" aria-label="Wizard steps">
      <ol>
        {STEPS.map((step, index) => {
          const status = statuses[step.id];
          // Problems are pointed out once the user has been there; before, the step is simply not done yet.
          const attention = status.problems && status.visited;
          const validity = status.valid
            ? 'valid'
            : attention
              ? 'needs attention'
              : status.notChecked
                ? 'not checked yet'
                : 'not complete yet';
          const classes = [
            'step-item',
            status.valid ? 'valid' : attention ? 'problems' : 'todo',
            status.visited ? 'visited' : 'unvisited',
            step.id === current ? 'is-current' : '',
          ];
          return (
            <li key={step.id} className={classes.filter(Boolean).join(' ')}>
              <button
                type="button"
                aria-current={step.id === current ? 'step' : undefined}
                onClick={() => onSelect(step.id)}
              >
                <span className="step-badge" aria-hidden="true">
                  {attention ? '!' : status.valid ? '✓' : index + 1}
                </span>
                <span className="step-title">{step.title}</span>
                <span className="visually-hidden">
                  {' '}
                  ({validity}, {status.visited ? 'visited' : 'not visited yet'})
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
