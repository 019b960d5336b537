import { useMemo, useState } from 'react';
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

interface ValidGeneration {
  model: Model;
  bundle: Bundle;
}

/** Runs the core on every change: validate, then generate. Previews are live, no button to press. */
export function useGeneration(values: ModelInput, core: CoreRuntime | undefined): Generation {
  const current = useMemo(() => {
    if (!core) return undefined;
    const validation = core.validateFormValues(values);
    if (validation.ok) {
      const valid: ValidGeneration = { model: validation.model, bundle: core.generateBundle(validation.model) };
      return { kind: 'valid' as const, valid };
    }
    return {
      kind: 'invalid' as const,
      issues: validation.issues,
      placeholder: core.generateWithTokenPlaceholder(values),
    };
  }, [values, core]);

  // The last valid generation, kept as state (updated while rendering, React's pattern for derived state)
  // so the previews can keep showing it while the input has errors.
  const [lastValid, setLastValid] = useState<ValidGeneration | undefined>();
  if (current?.kind === 'valid' && current.valid !== lastValid) setLastValid(current.valid);
  // Only an invalid input shows the last valid generation: a valid one does not depend on it.
  const fallback = current?.kind === 'valid' ? undefined : lastValid;

  return useMemo((): Generation => {
    if (!current) return LOADING;
    if (current.kind === 'valid') {
      const { model, bundle } = current.valid;
      return { issues: [], model, bundle, stale: false, tokenMissing: false };
    }
    if (current.placeholder)
      return { issues: current.issues, ...current.placeholder, stale: false, tokenMissing: true };
    return {
      tokenMissing: false,
      issues: current.issues,
      model: fallback?.model,
      bundle: fallback?.bundle,
      stale: fallback !== undefined,
    };
  }, [current, fallback]);
}
