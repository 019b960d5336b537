import { useEffect, useRef, useState } from 'react';
import type { MergeOutcome, Model } from '../../core';
import type { MergeRequest, MergeResponse } from './merge.worker';

export type MergeState = { status: 'idle' } | { status: 'working' } | { status: 'done'; outcome: MergeOutcome };

/**
 * The core bounds its work before every expensive step (README, Limits); this is the safety net for
 * anything those bounds miss: a worker that has not answered by then is stopped and replaced.
 */
export const MERGE_DEADLINE_MS = 5_000;

const TOO_SLOW: MergeOutcome = {
  ok: false,
  problem: {
    code: 'TOO_SLOW',
    message: `Reading this config took longer than ${MERGE_DEADLINE_MS / 1000} seconds, so it was stopped. Paste only the IstioOperator, Helm values or ConfigMap that holds your mesh config.`,
  },
};

/** Merges in a worker whenever the pasted text or the configuration changes; only the latest answer counts. */
export function useMerge(text: string, model: Model | undefined): MergeState {
  const worker = useRef<Worker | null>(null);
  const latest = useRef(0);
  const [state, setState] = useState<MergeState>({ status: 'idle' });

  useEffect(() => {
    return () => worker.current?.terminate();
  }, []);

  useEffect(() => {
    if (text.trim() === '' || !model) {
      latest.current++;
      setState({ status: 'idle' });
      return;
    }
    if (!worker.current) {
      worker.current = new Worker(new URL('./merge.worker.ts', import.meta.url), { type: 'module' });
      worker.current.onmessage = (event: MessageEvent<MergeResponse>) => {
        if (event.data.id === latest.current) setState({ status: 'done', outcome: event.data.outcome });
      };
    }
    const id = ++latest.current;
    let deadline: ReturnType<typeof setTimeout> | undefined;
    let answered: Worker | null = null;
    const onAnswer = (event: MessageEvent<MergeResponse>) => {
      if (event.data.id !== id) return;
      clearTimeout(deadline);
      answered?.removeEventListener('message', onAnswer);
    };
    const timer = setTimeout(() => {
      setState((previous) => (previous.status === 'done' ? previous : { status: 'working' }));
      const current = worker.current;
      current?.postMessage({ id, text, model } satisfies MergeRequest);
      deadline = setTimeout(() => {
        if (latest.current !== id || worker.current !== current) return;
        // A stuck worker cannot be interrupted; it is replaced, and the next paste gets a fresh one.
        current?.terminate();
        worker.current = null;
        setState({ status: 'done', outcome: TOO_SLOW });
      }, MERGE_DEADLINE_MS);
      answered = current;
      current?.addEventListener('message', onAnswer);
    }, 120);
    return () => {
      clearTimeout(timer);
      clearTimeout(deadline);
      answered?.removeEventListener('message', onAnswer);
    };
  }, [text, model]);

  return state;
}
