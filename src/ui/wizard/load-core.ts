import { useEffect, useState } from 'react';

import type * as Runtime from './core-runtime';

export type CoreRuntime = typeof Runtime;

let loading: Promise<CoreRuntime> | undefined;
let loaded: CoreRuntime | undefined;

export function loadCore(): Promise<CoreRuntime> {
  loading ??= import('./core-runtime').then((module) => (loaded = module));
  return loading;
}

/**
 * The core once it has arrived; undefined for the first moments after the first screen appears. Already there on
 * the first render when it arrived before (a link opening on a later step waits for it): no render without it.
 */
export function useCore(): CoreRuntime | undefined {
  const [core, setCore] = useState<CoreRuntime | undefined>(() => loaded);
  useEffect(() => {
    if (core) return;
    let live = true;
    void loadCore().then((module) => live && setCore(module));
    return () => {
      live = false;
    };
  }, [core]);
  return core;
}
