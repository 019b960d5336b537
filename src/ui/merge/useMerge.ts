import { useEffect, useRef, useState } from 'react';
import type { MergeOutcome, Model } from '../../core';
import type { MergeRequest, MergeResponse } from './merge.worker';

export type MergeState = { status: 'idle' } | { status: 'working' } | { status: 'done'; outcome: MergeOutcome };

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
    const timer = setTimeout(() => {
      setState((previous) => (previous.status === 'done' ? previous : { status: 'working' }));
      worker.current?.postMessage({ id, text, model } satisfies MergeRequest);
    }, 120);
    return () => clearTimeout(timer);
  }, [text, model]);

  return state;
}
