import type { MergeOutcome, Model } from '../../core';
import { MERGE_DEADLINE_MS, useWorkerMerge, type WorkerMergeState } from '../lib/useWorkerMerge';

export { MERGE_DEADLINE_MS };

export type MergeState = WorkerMergeState<MergeOutcome>;

const TOO_SLOW: MergeOutcome = {
  ok: false,
  problem: {
    code: 'TOO_SLOW',
    message: `Reading this config took longer than ${MERGE_DEADLINE_MS / 1000} seconds, so it was stopped. Paste only the IstioOperator, Helm values or ConfigMap that holds your mesh config.`,
  },
};

const createWorker = () => new Worker(new URL('./merge.worker.ts', import.meta.url), { type: 'module' });

/** Merges the provider into the pasted mesh config in a worker; only the latest answer counts. */
export function useMerge(text: string, model: Model | undefined): MergeState {
  return useWorkerMerge(text, model, createWorker, TOO_SLOW);
}
