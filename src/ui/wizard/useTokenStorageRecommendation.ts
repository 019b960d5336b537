import { useEffect } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { defaultTokenStorage } from '../../core/defaults';
import type { Model, ModelInput } from '../../core/model';

/** Keeps the token out of the mesh config wherever the Istio version allows it, unless the user chose otherwise. */
export function useTokenStorageRecommendation(
  form: UseFormReturn<ModelInput, unknown, Model>,
  version: string | undefined,
): void {
  useEffect(() => {
    const storage = form.getValues('token.storage');
    const recommended = defaultTokenStorage(version ?? '');
    if (storage === recommended) return;
    if (recommended === 'inline' || !form.getFieldState('token.storage').isDirty) {
      form.setValue('token.storage', recommended, { shouldValidate: true });
    }
  }, [version, form]);
}
