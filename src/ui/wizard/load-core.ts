import { useEffect, useState } from 'react';

import type * as Runtime from './core-runtime';

export type CoreRuntime = typeof Runtime;

let loading: Promise<CoreRuntime> | undefined;

export function loadCore(): Promise<CoreRuntime> {
  loading ??= import('./core-runtime');
  return loading;
}

/** The core once it has arrived; undefined for the first moments after the first screen appears. */
export function useCore(): CoreRuntime | undefined {
  const [core, setCore] = useState<CoreRuntime | undefined>();
  useEffect(() => {
    let live = true;
    void loadCore().then((module) => live && setCore(module));
    return () => {
      live = false;
    };
  }, []);
  return core;
}
