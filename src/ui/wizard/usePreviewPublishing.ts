import type { Model, ModelInput } from '../../core';
import { useEffect } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { previewTexts, publishPreviews } from '../preview/live-previews';
import type { CoreRuntime } from './load-core';

/** Hands every open preview its new text in the keystroke's own task, before React re-renders. */
export function usePreviewPublishing(form: UseFormReturn<ModelInput, unknown, Model>, core: CoreRuntime | undefined) {
  useEffect(() => {
    if (!core) return;
    const subscription = form.watch((all) => {
      const validation = core.validateModel(all);
      if (!validation.ok) return;
      const bundle = core.generateBundle(validation.model);
      if (!bundle.blocked) publishPreviews(previewTexts(bundle, validation.model.token.value));
    });
    return () => subscription.unsubscribe();
  }, [form, core]);
}
