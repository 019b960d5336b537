import type { WizardStep } from '../../core';
import { STEPS } from './steps';

export interface StepStatus {
  visited: boolean;
  problems: boolean;
  complete: boolean;
}

interface Props {
  current: WizardStep;
  statuses: Record<WizardStep, StepStatus>;
  onSelect: (step: WizardStep) => void;
}

/** Where the user is, what is done, what needs attention; every step can be jumped to. */
export function StepList({ current, statuses, onSelect }: Props) {
  return (
    <nav className="step-list" aria-label="Wizard steps">
      <ol>
        {STEPS.map((step, index) => {
          const status = statuses[step.id];
          const state = status.problems
            ? 'problems'
            : status.complete
              ? 'complete'
              : step.id === current
                ? 'current'
                : 'todo';
          const note = status.problems ? ' (needs attention)' : status.complete ? ' (done)' : '';
          return (
            <li key={step.id} className={`step-item ${state}${step.id === current ? ' is-current' : ''}`}>
              <button
                type="button"
                aria-current={step.id === current ? 'step' : undefined}
                onClick={() => onSelect(step.id)}
              >
                <span className="step-badge" aria-hidden="true">
                  {status.problems ? '!' : status.complete ? '✓' : index + 1}
                </span>
                <span className="step-title">{step.title}</span>
                <span className="visually-hidden">{note}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
