/// <reference lib="webworker" />
import type { MergeOutcome, Model } from '../../core';
import { mergeIntoExistingMeshConfig } from '../../core/runtime';

export interface MergeRequest {
  id: number;
  text: string;
  model: Model;
}

export interface MergeResponse {
  id: number;
  outcome: MergeOutcome;
}

// Parsing and merging a large paste happens here, off the main thread, so typing never stalls.
self.onmessage = (event: MessageEvent<MergeRequest>) => {
  const { id, text, model } = event.data;
  let outcome: MergeOutcome;
  try {
    outcome = mergeIntoExistingMeshConfig(text, model);
  } catch (error) {
    outcome = {
      ok: false,
      problem: { code: 'UNEXPECTED', message: `Unexpected error while merging: ${(error as Error).message}` },
    };
  }
  (self as unknown as Worker).postMessage({ id, outcome } satisfies MergeResponse);
};
