import { useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { defaultModel, type Model, type ModelInput, type WizardStep } from '../../core';
import type { StartState } from './start-state';
import type { BannerMessage } from '../components/Banner';
import { clearDraft } from '../lib/draft';
import type { WizardNavigation } from './useWizardNavigation';

/** The paste of step 3 and what became of it: App's state, given back by Undo along with the values. */
interface PasteState {
  existingConfig: string;
  setExistingConfig: (text: string) => void;
  useMerged: boolean;
  setUseMerged: (useMerged: boolean) => void;
  mergeLost: boolean;
  setMergeLost: (lost: boolean) => void;
}

/** What Undo gives back. Kept in memory only (the paste may hold secrets), for as long as the page is open. */
interface Snapshot {
  values: ModelInput;
  step: WizardStep;
  existingConfig: string;
  useMerged: boolean;
  mergeLost: boolean;
}

interface Options {
  form: UseFormReturn<ModelInput, unknown, Model>;
  navigation: WizardNavigation;
  start: StartState;
  paste: PasteState;
  /** Whatever else Start over resets (the layout the user left). */
  onStartOver: () => void;
}

/**
 * The two moments that replace the user's configuration wholesale, Start over and a share link opened over a draft,
 * each said in the banner with an Undo that gives everything back (issue 26: never wipe silently).
 */
export function useUndoableStarts({ form, navigation, start, paste, onStartOver }: Options) {
  const [banner, setBanner] = useState<BannerMessage | undefined>(() => {
    const replaced = start.replacedDraft;
    if (!start.message || !replaced) return start.message;
    const draft: Snapshot = {
      values: replaced.values,
      step: replaced.step,
      existingConfig: '',
      useMerged: true,
      mergeLost: replaced.mergedWithPaste === true,
    };
    return {
      ...start.message,
      undo: {
        label: 'Undo: restore my draft',
        run: () => restore(draft, 'Restored your own draft; the shared configuration is closed.'),
      },
    };
  });

  function restore(snapshot: Snapshot, text: string) {
    form.reset(snapshot.values);
    paste.setExistingConfig(snapshot.existingConfig);
    paste.setUseMerged(snapshot.useMerged);
    paste.setMergeLost(snapshot.mergeLost);
    void navigation.goTo(snapshot.step);
    setBanner({ kind: 'info', text });
  }

  function startOver() {
    const before: Snapshot = {
      values: structuredClone(form.getValues()),
      step: navigation.current,
      existingConfig: paste.existingConfig,
      useMerged: paste.useMerged,
      mergeLost: paste.mergeLost,
    };
    clearDraft();
    form.reset(defaultModel);
    paste.setExistingConfig('');
    paste.setUseMerged(true);
    paste.setMergeLost(false);
    onStartOver();
    navigation.restart();
    setBanner({
      kind: 'info',
      text: 'Started over with the defaults; the saved draft is gone.',
      undo: {
        label: 'Undo',
        name: 'Undo Start over',
        run: () => restore(before, 'Undone: your configuration is back.'),
      },
    });
  }

  return { banner, setBanner, startOver };
}
