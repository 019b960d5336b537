import fc from 'fast-check';
import { runs } from './runs';

/*
 * `npm test` is reproducible: every property test draws its cases from one fixed seed, so a run on a fresh clone
 * checks exactly what passed here, and a red run is never a coin toss. New cases are found on purpose with
 * `npm run fuzz` (a random seed per property, printed with any counterexample); `FC_SEED=<n> npm run test:unit`
 * replays one. A property draws 100 cases unless it asks for more (`npm run mutate` caps that: runs.ts). A
 * counterexample found that way becomes a named regression test beside the property.
 */
const DEFAULT_SEED = 20_261_126;

const requested = process.env.FC_SEED;
if (requested !== 'random') {
  const seed = requested === undefined || requested === '' ? DEFAULT_SEED : Number(requested);
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer or "random", not ${requested}`);
  fc.configureGlobal({ seed, numRuns: runs(100) });
}
