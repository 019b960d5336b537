/*
 * How many cases a property test draws. `npm test` runs the number the test asks for. `npm run mutate` re-runs a
 * module's tests once for every mutant, so it caps the count (FC_RUNS_CAP, set by scripts/mutate.mjs): a property
 * that needs its 2,000th case to catch a mutant then lets it survive, so mutation scores are lower bounds.
 */
const cap = Number(process.env.FC_RUNS_CAP ?? '');

export function runs(requested: number): number {
  return Number.isInteger(cap) && cap > 0 ? Math.min(requested, cap) : requested;
}
