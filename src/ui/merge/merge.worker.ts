/// <reference lib="webworker" />
import { mergeIntoExistingMeshConfig, type MergeOutcome } from '../../core/merge/merge-provider';
import type { Model } from '../../core/model';

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
