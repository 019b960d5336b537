import { useEffect, useRef, useState } from 'react';
import type { Model } from '../../core';
import type { Diagnosis, PastedInput } from '../../core/runtime';
import type { VerifyRequest, VerifyResponse } from './verify.worker';

export type VerifyState =
  | { status: 'idle' }
  | { status: 'working'; previous?: Diagnosis }
  | { status: 'done'; diagnosis: Diagnosis }
  | { status: 'failed'; message: string };

/** Diagnoses in a worker whenever the pasted outputs or the configuration change; only the latest answer counts. */
export function useVerify(inputs: readonly PastedInput[], model: Model | undefined): VerifyState {
  const worker = useRef<Worker | null>(null);
  const latest = useRef(0);
  const [state, setState] = useState<VerifyState>({ status: 'idle' });

  useEffect(() => () => worker.current?.terminate(), []);

  useEffect(() => {
    if (!model) {
      latest.current++;
      setState({ status: 'idle' });
      return;
    }
    if (!worker.current) {
      worker.current = new Worker(new URL('./verify.worker.ts', import.meta.url), { type: 'module' });
      worker.current.onmessage = (event: MessageEvent<VerifyResponse>) => {
        if (event.data.id !== latest.current) return;
        setState(
          event.data.ok
            ? { status: 'done', diagnosis: event.data.diagnosis }
            : { status: 'failed', message: event.data.message },
        );
      };
    }
    const id = ++latest.current;
    const timer = setTimeout(() => {
      setState((previous) =>
        previous.status === 'done' ? { status: 'working', previous: previous.diagnosis } : previous,
      );
      worker.current?.postMessage({ id, inputs: [...inputs], model } satisfies VerifyRequest);
    }, 150);
    return () => clearTimeout(timer);
  }, [inputs, model]);

  return state;
}
