import { useEffect, useRef, useState } from 'react';
import type { Model } from '../../core';
import type { ClusterInput, TracingMap } from '../../core/runtime';
import type { MapRequest, MapResponse } from './map.worker';

export type MapState =
  | { status: 'idle' }
  | { status: 'working'; previous?: { map: TracingMap; problems: string[] } }
  | { status: 'done'; map: TracingMap; problems: string[] }
  | { status: 'failed'; message: string };

/** Draws the map in a worker whenever the outputs or the configuration change; only the latest answer counts. */
export function useTracingMap(inputs: readonly ClusterInput[], model: Model): MapState {
  const worker = useRef<Worker | null>(null);
  const latest = useRef(0);
  const [state, setState] = useState<MapState>({ status: 'idle' });

  useEffect(() => () => worker.current?.terminate(), []);

  useEffect(() => {
    if (inputs.length === 0) {
      latest.current++;
      setState({ status: 'idle' });
      return;
    }
    if (!worker.current) {
      worker.current = new Worker(new URL('./map.worker.ts', import.meta.url), { type: 'module' });
      worker.current.onmessage = (event: MessageEvent<MapResponse>) => {
        if (event.data.id !== latest.current) return;
        setState(
          event.data.ok
            ? { status: 'done', map: event.data.map, problems: event.data.problems }
            : { status: 'failed', message: event.data.message },
        );
      };
    }
    const id = ++latest.current;
    setState((previous) =>
      previous.status === 'done'
        ? { status: 'working', previous: { map: previous.map, problems: previous.problems } }
        : { status: 'working' },
    );
    worker.current.postMessage({ id, inputs: [...inputs], model } satisfies MapRequest);
  }, [inputs, model]);

  return state;
}
