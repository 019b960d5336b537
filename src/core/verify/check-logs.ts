import type { Model } from '../model';
import { checked } from './check-item';
import { slotOf } from './checklist';
import { ERROR_LINE, LOG_PATTERNS, oneLine, type LogSource } from './log-knowledge';
import type { VerifyTarget } from './target';
import type { ChecklistItem, Problem } from './types';

const ISTIOD = slotOf('istiod.log');
const PROXY = slotOf('proxy.log');

const MAX_LISTED = 8;

/** Reads a log (entries from read-log.ts: one normalised line, continuations joined by "\n") against the known lines: problems for ours, notes for benign or foreign ones, unknown errors listed. */
export function checkLog(
  lines: readonly string[],
  source: LogSource,
  model: Model,
  target: VerifyTarget,
): ChecklistItem {
  // Every known line is looked for in every log: `cat istiod.log proxy.log > f` reads as one log, and a line of
  // either kind never appears in the other's log by chance, so none can hide.
  const patterns = LOG_PATTERNS;
  const problems = new Map<string, Problem & { count: number }>();
  const notes = new Map<string, Problem & { count: number }>();
  const unrecognised: string[] = [];
  let unrecognisedCount = 0;
  // Where each problem was last seen, and where a later line says the cause is gone (LogPattern.resolvedBy).
  const lastSeen = new Map<string, number>();
  const resolvedAt = new Map<string, number>();
  lines.forEach((line, index) => {
    for (const pattern of patterns) if (pattern.resolvedBy?.test(line)) resolvedAt.set(pattern.code, index);
  });
  for (const [index, line] of lines.entries()) {
    let matched = false;
    for (const pattern of patterns) {
      const match = pattern.pattern.exec(line);
      if (!match) continue;
      matched = true;
      const benign = pattern.benign?.(model, target, line) ?? false;
      const ours = pattern.concernsUs?.(line, model, target) ?? true;
      const key = `${pattern.code}|${match.slice(1).join('|')}`;
      const into = benign || !ours ? notes : problems;
      if (into === problems) lastSeen.set(key, index);
      const existing = into.get(key);
      if (existing) {
        existing.count++;
        break;
      }
      into.set(key, {
        code: benign ? `${pattern.code}.expected` : ours ? pattern.code : `${pattern.code}.other-provider`,
        message: oneLine(line).slice(0, 400),
        cause: benign
          ? (pattern.benignCause ??
            'Expected in this setup: the sampler asks the collector, which has no sampling configuration, once, and keeps its fallback rate.')
          : ours
            ? pattern.cause(model, target, match)
            : 'This line is about another provider, not the one the wizard set up.',
        ...(benign || !ours ? {} : { fix: pattern.fix(model, target, match) }),
        count: 1,
      });
      break;
    }
    if (!matched && ERROR_LINE.test(line)) {
      unrecognisedCount++;
      if (unrecognised.length < MAX_LISTED) unrecognised.push(oneLine(line).slice(0, 300));
    }
  }
  for (const [key, problem] of [...problems]) {
    const code = key.slice(0, key.indexOf('|'));
    if ((resolvedAt.get(code) ?? -1) > (lastSeen.get(key) ?? Infinity)) {
      problems.delete(key);
      const pattern = patterns.find((candidate) => candidate.code === code);
      notes.set(key, {
        ...problem,
        code: `${code}.resolved`,
        cause: pattern?.resolvedCause ?? 'A later line says it was resolved.',
      });
    }
  }
  const withCounts = (map: Map<string, Problem & { count: number }>): Problem[] =>
    [...map.values()].map(({ count, ...problem }) => ({
      ...problem,
      message: count > 1 ? `${problem.message} (×${count})` : problem.message,
    }));
  const noteList = withCounts(notes);
  if (unrecognisedCount > 0) {
    noteList.push({
      code: 'log.unrecognised',
      message: `${unrecognisedCount} error line${unrecognisedCount === 1 ? '' : 's'} not recognised: ${unrecognised.join(' | ')}${unrecognisedCount > unrecognised.length ? ' …' : ''}`,
    });
  }
  const problemList = withCounts(problems);
  const count = lines.filter((line) => line.trim() !== '').length;
  return checked(source === 'istiod' ? ISTIOD : PROXY, model, target, {
    summary:
      problemList.length === 0
        ? `No known problem in ${count} line${count === 1 ? '' : 's'}.`
        : `${problemList.length} known problem${problemList.length === 1 ? '' : 's'} in ${count} lines.`,
    problems: problemList,
    notes: noteList,
  });
}
