/// <reference lib="webworker" />
import type { Model } from '../../core';
import { diagnose, type Diagnosis, type PastedInput } from '../../core/runtime';

export interface VerifyRequest {
  id: number;
  inputs: PastedInput[];
  model: Model;
}

export type VerifyResponse =
  { id: number; ok: true; diagnosis: Diagnosis } | { id: number; ok: false; message: string };

// Large logs and config dumps are parsed here, off the main thread, so the page stays responsive.
self.onmessage = (event: MessageEvent<VerifyRequest>) => {
  const { id, inputs, model } = event.data;
  let response: VerifyResponse;
  try {
    response = { id, ok: true, diagnosis: diagnose(inputs, model) };
  } catch (error) {
    response = { id, ok: false, message: `Unexpected error while checking: ${(error as Error).message}` };
  }
  (self as unknown as Worker).postMessage(response);
};
