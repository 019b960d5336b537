import type { Model, ModelInput } from '../../core';
import { useEffect } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { countFormChange, livePreviewNames, previewTexts, publishPreviews } from '../preview/live-previews';
import type { CoreRuntime } from './load-core';

/**
 * Hands every open preview its new text in the keystroke's own task, before React re-renders. Only the files an open
 * preview shows are generated here; the whole bundle follows in React's transition (useGeneration).
 */
export function usePreviewPublishing(form: UseFormReturn<ModelInput, unknown, Model>, core: CoreRuntime | undefined) {
  useEffect(() => {
    if (!core) return;
    const subscription = form.watch((all, payload) => {
      const change = countFormChange(payload);
      const names = livePreviewNames();
      if (names.size === 0) return;
      const validation = core.validateFormValues(all);
      if (!validation.ok) return;
      const files = core.generateFiles(validation.model, names);
      if (files) publishPreviews(previewTexts(files, validation.model.token.value), change);
    });
    return () => subscription.unsubscribe();
  }, [form, core]);
}
