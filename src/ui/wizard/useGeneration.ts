import { useMemo, useRef } from 'react';
import { generateBundle, generateWithTokenPlaceholder, type Bundle } from '../../core/generate/bundle';
import { validateModel, type FieldIssue, type Model, type ModelInput } from '../../core/model';

export interface Generation {
  /** Issues of the current input, empty when it is valid. */
  issues: FieldIssue[];
  /** The model the previews show: the current one, or the last valid one while the input has errors. */
  model: Model | undefined;
  bundle: Bundle | undefined;
  /** True when the previews show an earlier, valid configuration because the current one has errors. */
  stale: boolean;
  /** True when the only thing missing is the API token: the previews hold a placeholder for it. */
  tokenMissing: boolean;
}

/** Runs the core on every change: validate, then generate. Previews are live, no button to press. */
export function useGeneration(values: ModelInput): Generation {
  const lastValid = useRef<{ model: Model; bundle: Bundle } | undefined>(undefined);
  return useMemo(() => {
    const validation = validateModel(values);
    if (validation.ok) {
      const bundle = generateBundle(validation.model);
      lastValid.current = { model: validation.model, bundle };
      return { issues: [], model: validation.model, bundle, stale: false, tokenMissing: false };
    }
    const placeholder = generateWithTokenPlaceholder(values);
    if (placeholder) return { issues: validation.issues, ...placeholder, stale: false, tokenMissing: true };
    return {
      tokenMissing: false,
      issues: validation.issues,
      model: lastValid.current?.model,
      bundle: lastValid.current?.bundle,
      stale: lastValid.current !== undefined,
    };
  }, [values]);
}
