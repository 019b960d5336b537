import type { Model, ModelInput } from '../../core';
import { useEffect } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { MergeState } from '../merge/useMerge';

/** A merged file keeps the user's form, so the apply command must match it. */
export function useMergedFormat(form: UseFormReturn<ModelInput, unknown, Model>, mergeState: MergeState): void {
  useEffect(() => {
    if (mergeState.status !== 'done' || !mergeState.outcome.ok) return;
    const format = mergeState.outcome.format;
    if (format !== 'mesh-config' && form.getValues('output.meshConfigFormat') !== format) {
      form.setValue('output.meshConfigFormat', format, { shouldValidate: true });
    }
  }, [mergeState, form]);
}
