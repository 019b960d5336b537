import type { Model, ModelInput } from '../../core';
import { startTransition, useEffect, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';

/**
 * The page follows the form in a transition: a keystroke's own task only updates the field and the
 * open preview (usePreviewPublishing); everything else re-renders right after.
 */
export function useLiveValues(form: UseFormReturn<ModelInput, unknown, Model>): ModelInput {
  const [values, setValues] = useState<ModelInput>(() => form.getValues());
  useEffect(() => {
    const subscription = form.watch((all) => startTransition(() => setValues(structuredClone(all) as ModelInput)));
    return () => subscription.unsubscribe();
  }, [form]);
  return values;
}
