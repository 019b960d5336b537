/// <reference lib="webworker" />
import type { Model } from '../../core';
import { buildTracingMap, readCluster, type ClusterInput, type TracingMap } from '../../core/runtime';

export interface MapRequest {
  id: number;
  inputs: ClusterInput[];
  model: Model;
}

export type MapResponse =
  { id: number; ok: true; map: TracingMap; problems: string[] } | { id: number; ok: false; message: string };

// A cluster's worth of pods and Telemetries is read here, off the main thread, so the page stays responsive.
self.onmessage = (event: MessageEvent<MapRequest>) => {
  const { id, inputs, model } = event.data;
  let response: MapResponse;
  try {
    const snapshot = readCluster(inputs);
    response = { id, ok: true, map: buildTracingMap(snapshot, model), problems: snapshot.problems };
  } catch (error) {
    response = { id, ok: false, message: `Unexpected error while drawing the map: ${(error as Error).message}` };
  }
  (self as unknown as Worker).postMessage(response);
};
