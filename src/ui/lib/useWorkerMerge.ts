import { useEffect, useRef, useState } from 'react';
import type { Model } from '../../core';

/** `stale`: the configuration stopped being valid after this merge; it is kept (for the same text) until it is again. */
export type WorkerMergeState<Outcome> =
  { status: 'idle' } | { status: 'working' } | { status: 'done'; outcome: Outcome; stale?: boolean };

interface Request {
  id: number;
  text: string;
  model: Model;
}

interface Response<Outcome> {
  id: number;
  outcome: Outcome;
}

/**
 * The core bounds its work before every expensive step (README, Limits); this is the safety net for
 * anything those bounds miss: a worker that has not answered by then is stopped and replaced.
 */
export const MERGE_DEADLINE_MS = 5_000;

/**
 * Merges the pasted text in a worker whenever it or the configuration changes (after a short pause in typing);
 * only the answer to the latest request counts, and a worker that misses the deadline is replaced. The worker is
 * created by the caller, so the bundler sees each worker's own `new Worker(new URL(…))`; `createWorker` and
 * `tooSlow` should be module-level constants (a new identity restarts the merge).
 */
export function useWorkerMerge<Outcome>(
  text: string,
  model: Model | undefined,
  createWorker: () => Worker,
  tooSlow: Outcome,
): WorkerMergeState<Outcome> {
  const worker = useRef<Worker | null>(null);
  const latest = useRef(0);
  const [state, setState] = useState<WorkerMergeState<Outcome>>({ status: 'idle' });

  useEffect(() => {
    return () => worker.current?.terminate();
  }, []);

  // The text of the latest request, and the text the shown result was merged from.
  const requestedText = useRef<string | undefined>(undefined);
  const mergedText = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (text.trim() === '' || !model) {
      latest.current++;
      // Half-typed values make the configuration invalid for a moment: the last merge of this same text stays (marked
      // stale, as the previews keep their last valid file) instead of the page falling back to the generated file.
      const keep = model === undefined && text === mergedText.current;
      setState((previous) => (keep && previous.status === 'done' ? { ...previous, stale: true } : { status: 'idle' }));
      return;
    }
    if (!worker.current) {
      worker.current = createWorker();
      worker.current.onmessage = (event: MessageEvent<Response<Outcome>>) => {
        if (event.data.id !== latest.current) return;
        mergedText.current = requestedText.current;
        setState({ status: 'done', outcome: event.data.outcome });
      };
    }
    const id = ++latest.current;
    let deadline: ReturnType<typeof setTimeout> | undefined;
    let answered: Worker | null = null;
    const onAnswer = (event: MessageEvent<Response<Outcome>>) => {
      if (event.data.id !== id) return;
      clearTimeout(deadline);
      answered?.removeEventListener('message', onAnswer);
    };
    const timer = setTimeout(() => {
      setState((previous) => (previous.status === 'done' ? previous : { status: 'working' }));
      const current = worker.current;
      requestedText.current = text;
      current?.postMessage({ id, text, model } satisfies Request);
      deadline = setTimeout(() => {
        if (latest.current !== id || worker.current !== current) return;
        // A stuck worker cannot be interrupted; it is replaced, and the next paste gets a fresh one.
        current?.terminate();
        worker.current = null;
        mergedText.current = undefined;
        setState({ status: 'done', outcome: tooSlow });
      }, MERGE_DEADLINE_MS);
      answered = current;
      current?.addEventListener('message', onAnswer);
    }, 120);
    return () => {
      clearTimeout(timer);
      clearTimeout(deadline);
      answered?.removeEventListener('message', onAnswer);
    };
  }, [text, model, createWorker, tooSlow]);

  return state;
}
