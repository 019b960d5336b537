import { useSyncExternalStore } from 'react';

/*
 * How far the user got on the Verify step, for the step list: nothing is verified until a pasted output has been
 * checked (issue 26: Verify showed ✓ before anything was verified). Session only, like the outputs themselves.
 */

export type VerifyProgress = 'not-checked' | 'passing' | 'failing';

let progress: VerifyProgress = 'not-checked';
const listeners = new Set<() => void>();

export const verifyProgress = {
  subscribe: (listener: () => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  get: (): VerifyProgress => progress,
  set(next: VerifyProgress) {
    if (next === progress) return;
    progress = next;
    for (const listener of listeners) listener();
  },
};

export function useVerifyProgress(): VerifyProgress {
  return useSyncExternalStore(verifyProgress.subscribe, verifyProgress.get, verifyProgress.get);
}
