import { useMemo, useState } from 'react';
import type { Model, TelemetryMergeOutcome } from '../../core';
import { MERGE_DEADLINE_MS, useWorkerMerge, type WorkerMergeState } from '../lib/useWorkerMerge';

export type TelemetryMergeState = WorkerMergeState<TelemetryMergeOutcome>;

const TOO_SLOW: TelemetryMergeOutcome = {
  ok: false,
  problem: {
    code: 'TOO_SLOW',
    message: `Reading these Telemetries took longer than ${MERGE_DEADLINE_MS / 1000} seconds, so it was stopped. Paste only the Telemetry resources (kubectl get telemetry -A -o yaml).`,
  },
};

const createWorker = () => new Worker(new URL('./telemetry-merge.worker.ts', import.meta.url), { type: 'module' });

export interface TelemetryMergeHandle {
  text: string;
  setText: (text: string) => void;
  state: TelemetryMergeState;
}

/**
 * The user's pasted Telemetries and the merge of ours into them, redone in a worker whenever either
 * changes; only the latest answer counts. Kept in memory only: never in a link or a draft.
 */
export function useTelemetryMerge(model: Model | undefined): TelemetryMergeHandle {
  const [text, setText] = useState('');
  const state = useWorkerMerge(text, model, createWorker, TOO_SLOW);
  return useMemo(() => ({ text, setText, state }), [text, state]);
}
