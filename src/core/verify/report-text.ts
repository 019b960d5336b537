import { INPUT_KIND_LABELS, STAGE_LABELS, type ChecklistItem, type CheckStatus, type Diagnosis } from './types';
import { describeTracePath, type TracePath } from './trace-path';

/* The words the UI and the CLI share for a diagnosis. */

export const STATUS_MARKS: Record<CheckStatus, string> = { pass: '✓', fail: '✗', 'not-checked': '…' };
export const STATUS_WORDS: Record<CheckStatus, string> = {
  pass: 'passes',
  fail: 'fails',
  'not-checked': 'not checked yet',
};

export function notCheckedText(item: ChecklistItem): string {
  return `not checked yet — paste the output of ${item.command}`;
}

/** The whole diagnosis as plain text: inputs, the checklist by stage, then the path. */
export function diagnosisText(diagnosis: Diagnosis, path?: TracePath): string {
  const lines: string[] = [];
  for (const input of diagnosis.inputs) {
    lines.push(
      input.kind === 'unknown'
        ? `${input.name}: ${input.problem ?? 'not recognised'}`
        : `${input.name}: ${input.label || INPUT_KIND_LABELS[input.kind]}`,
    );
    if (input.notice) lines.push(`  note: ${input.notice}`);
  }
  let stage = '';
  for (const item of diagnosis.items) {
    if (item.stage !== stage) {
      stage = item.stage;
      lines.push('', STAGE_LABELS[item.stage]);
    }
    if (item.status === 'not-checked') {
      lines.push(`  ${STATUS_MARKS[item.status]} ${item.title}: ${notCheckedText(item)}`);
      continue;
    }
    lines.push(`  ${STATUS_MARKS[item.status]} ${item.title}: ${item.summary}`);
    for (const problem of item.problems) {
      lines.push(`      ✗ ${problem.message}`);
      if (problem.cause) lines.push(`        Cause: ${problem.cause}`);
      if (problem.fix) lines.push(`        Fix: ${problem.fix}`);
      if (problem.fixText)
        lines.push(
          ...problem.fixText
            .trimEnd()
            .split('\n')
            .map((line) => `          ${line}`),
        );
    }
    for (const note of item.notes) {
      lines.push(`      note: ${note.message}`);
      if (note.fix) lines.push(`        ${note.fix}`);
    }
  }
  if (path) lines.push('', 'Path of the spans', ...describeTracePath(path).map((line) => `  ${line}`));
  return `${lines.join('\n')}\n`;
}
