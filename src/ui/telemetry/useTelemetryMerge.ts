import { useEffect, useMemo, useRef, useState } from 'react';
import type { Model, TelemetryMergeOutcome } from '../../core';
import type { TelemetryMergeRequest, TelemetryMergeResponse } from './telemetry-merge.worker';

export type TelemetryMergeState =
  { status: 'idle' } | { status: 'working' } | { status: 'done'; outcome: TelemetryMergeOutcome };

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
  const worker = useRef<Worker | null>(null);
  const latest = useRef(0);
  const [state, setState] = useState<TelemetryMergeState>({ status: 'idle' });

  useEffect(() => () => worker.current?.terminate(), []);

  useEffect(() => {
    if (text.trim() === '' || !model) {
      latest.current++;
      setState({ status: 'idle' });
      return;
    }
    if (!worker.current) {
      worker.current = new Worker(new URL('./telemetry-merge.worker.ts', import.meta.url), { type: 'module' });
      worker.current.onmessage = (event: MessageEvent<TelemetryMergeResponse>) => {
        if (event.data.id === latest.current) setState({ status: 'done', outcome: event.data.outcome });
      };
    }
    const id = ++latest.current;
    const timer = setTimeout(() => {
      setState((previous) => (previous.status === 'done' ? previous : { status: 'working' }));
      worker.current?.postMessage({ id, text, model } satisfies TelemetryMergeRequest);
    }, 120);
    return () => clearTimeout(timer);
  }, [text, model]);

  return useMemo(() => ({ text, setText, state }), [text, state]);
}
