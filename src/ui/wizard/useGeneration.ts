import { useMemo, useRef } from 'react';
import type { Bundle, FieldIssue, Model, ModelInput } from '../../core';
import type { CoreRuntime } from './load-core';

export interface Generation {
  /** Issues of the current input, empty when it is valid (or while the core is still loading). */
  issues: FieldIssue[];
  /** The model the previews show: the current one, or the last valid one while the input has errors. */
  model: Model | undefined;
  bundle: Bundle | undefined;
  /** True when the previews show an earlier, valid configuration because the current one has errors. */
  stale: boolean;
  /** True when the only thing missing is the API token: the previews hold a placeholder for it. */
  tokenMissing: boolean;
}

const LOADING: Generation = { issues: [], model: undefined, bundle: undefined, stale: false, tokenMissing: false };

/** Runs the core on every change: validate, then generate. Previews are live, no button to press. */
export function useGeneration(values: ModelInput, core: CoreRuntime | undefined): Generation {
  const lastValid = useRef<{ model: Model; bundle: Bundle } | undefined>(undefined);
  return useMemo(() => {
    if (!core) return LOADING;
    const validation = core.validateModel(values);
    if (validation.ok) {
      const bundle = core.generateBundle(validation.model);
      lastValid.current = { model: validation.model, bundle };
      return { issues: [], model: validation.model, bundle, stale: false, tokenMissing: false };
    }
    const placeholder = core.generateWithTokenPlaceholder(values);
    if (placeholder) return { issues: validation.issues, ...placeholder, stale: false, tokenMissing: true };
    return {
      tokenMissing: false,
      issues: validation.issues,
      model: lastValid.current?.model,
      bundle: lastValid.current?.bundle,
      stale: lastValid.current !== undefined,
    };
  }, [values, core]);
}
