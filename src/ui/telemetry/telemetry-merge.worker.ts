/// <reference lib="webworker" />
import type { Model, TelemetryMergeOutcome } from '../../core';
import { mergeIntoExistingTelemetry } from '../../core/runtime';

export interface TelemetryMergeRequest {
  id: number;
  text: string;
  model: Model;
}

export interface TelemetryMergeResponse {
  id: number;
  outcome: TelemetryMergeOutcome;
}

// A pasted `kubectl get telemetry -A -o yaml` can be large; reading it off the main thread keeps typing smooth.
self.onmessage = (event: MessageEvent<TelemetryMergeRequest>) => {
  const { id, text, model } = event.data;
  let outcome: TelemetryMergeOutcome;
  try {
    outcome = mergeIntoExistingTelemetry(text, model);
  } catch (error) {
    outcome = {
      ok: false,
      problem: { code: 'UNEXPECTED', message: `Unexpected error while merging: ${(error as Error).message}` },
    };
  }
  (self as unknown as Worker).postMessage({ id, outcome } satisfies TelemetryMergeResponse);
};
