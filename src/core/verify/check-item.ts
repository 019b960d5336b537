import type { Model } from '../model';
import { commandFor } from './commands';
import type { VerifyTarget } from './target';
import type { CheckId, ChecklistItem, InputKind, Problem, Stage } from './types';

/** Builds a checklist item: fail when there are problems, pass otherwise; the command is always attached. */
export function checked(
  base: { id: CheckId; stage: Stage; title: string; needs: InputKind },
  model: Model,
  target: VerifyTarget,
  result: { summary: string; problems?: Problem[]; notes?: Problem[] },
): ChecklistItem {
  const problems = result.problems ?? [];
  return {
    ...base,
    status: problems.length > 0 ? 'fail' : 'pass',
    summary: result.summary,
    problems,
    notes: result.notes ?? [],
    command: commandFor(base.needs, model, target),
  };
}

export function notChecked(
  base: { id: CheckId; stage: Stage; title: string; needs: InputKind },
  model: Model,
  target: VerifyTarget,
  summary?: string,
): ChecklistItem {
  const command = commandFor(base.needs, model, target);
  return {
    ...base,
    status: 'not-checked',
    summary: summary ?? `Not checked yet — paste the output of ${command}`,
    problems: [],
    notes: [],
    command,
  };
}
