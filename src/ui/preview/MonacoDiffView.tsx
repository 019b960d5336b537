import { useEffect, useRef, useState } from 'react';
import { monaco } from './monaco';

interface Props {
  original: string;
  modified: string;
  label: string;
  /** Screen-reader names of the two sides, as the previews are named. */
  originalLabel: string;
  modifiedLabel: string;
  dark: boolean;
  /** Changes in one column instead of side by side. */
  inline: boolean;
}

interface DiffModels {
  original: monaco.editor.ITextModel;
  modified: monaco.editor.ITextModel;
}

/*
 * One pair of text models per diff (by its label), kept for the page's lifetime and never disposed. A diff still
 * computing when its models are disposed rejects with "no diff result available" (diffProviderFactoryService.js:
 * the worker finds no models and the request was not yet cancelled); disposing them a task later (monaco-react#647)
 * still lost that race now and then. Kept models cannot lose it: a late answer is for models that still exist.
 */
const modelsByDiff = new Map<string, DiffModels>();

function modelsFor(label: string): DiffModels {
  let models = modelsByDiff.get(label);
  if (!models) {
    models = { original: monaco.editor.createModel('', 'yaml'), modified: monaco.editor.createModel('', 'yaml') };
    // Bracket-pair colours parse the whole text on a draw: 100–250 ms main-thread tasks for a pasted megabyte.
    for (const model of [models.original, models.modified])
      model.updateOptions({
        bracketColorizationOptions: { enabled: false, independentColorPoolPerBracketType: false },
      });
    modelsByDiff.set(label, models);
  }
  return models;
}

/** Original against merged, side by side on wide screens (or inline, as the user picks) and inline on narrow ones, with a change summary. */
export default function MonacoDiffView({
  original,
  modified,
  label,
  originalLabel,
  modifiedLabel,
  dark,
  inline,
}: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneDiffEditor | null>(null);
  const [summary, setSummary] = useState<{ added: number; removed: number } | undefined>();
  const shown = useRef({ original: '', modified: '' });
  const latest = useRef({ original, modified });
  const revealed = useRef('');

  useEffect(() => {
    if (!host.current) return;
    const instance = monaco.editor.createDiffEditor(host.current, {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: !inline,
      useInlineViewWhenSpaceIsLimited: true,
      renderSideBySideInlineBreakpoint: 800,
      hideUnchangedRegions: { enabled: true, contextLineCount: 4, minimumLineCount: 6, revealLineCount: 10 },
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 13,
      ariaLabel: label,
      originalAriaLabel: originalLabel,
      modifiedAriaLabel: modifiedLabel,
      tabFocusMode: true,
      theme: dark ? 'vs-dark' : 'vs',
      editContext: false,
    });
    // originalAriaLabel/modifiedAriaLabel (and updateOptions on each side) leave the two textareas unnamed in
    // monaco-editor 0.57 (checked in the browser: aria-label=""), so each side's textarea is named directly, and
    // again whenever the diff updates in case Monaco rewrote it.
    const nameSides = () => {
      for (const [side, name] of [
        ['original', originalLabel],
        ['modified', modifiedLabel],
      ] as const) {
        host.current?.querySelector(`.${side}-in-monaco-diff-editor textarea`)?.setAttribute('aria-label', name);
      }
    };
    nameSides();
    // The texts (possibly megabytes) are set in separate tasks below; the kept models may still hold earlier ones.
    const models = modelsFor(label);
    shown.current = { original: models.original.getValue(), modified: models.modified.getValue() };
    instance.setModel(models);
    const subscription = instance.onDidUpdateDiff(() => {
      nameSides();
      // Only once both sides hold their text: an empty side would count every line as a change.
      if (shown.current.original !== latest.current.original || shown.current.modified !== latest.current.modified)
        return;
      const changes = instance.getLineChanges() ?? [];
      let added = 0;
      let removed = 0;
      for (const change of changes) {
        if (change.modifiedEndLineNumber >= change.modifiedStartLineNumber && change.modifiedEndLineNumber > 0)
          added += change.modifiedEndLineNumber - change.modifiedStartLineNumber + 1;
        if (change.originalEndLineNumber >= change.originalStartLineNumber && change.originalEndLineNumber > 0)
          removed += change.originalEndLineNumber - change.originalStartLineNumber + 1;
      }
      setSummary({ added, removed });
      // Open on the first change, not on line 1 of text that is the same (issue 26); once per pair of texts, so a
      // user who scrolled away is not pulled back.
      const first = changes[0];
      const pair = `${latest.current.original}\u0000${latest.current.modified}`;
      if (first && revealed.current !== pair) {
        revealed.current = pair;
        instance.getModifiedEditor().revealLineNearTop(Math.max(1, first.modifiedStartLineNumber - 2));
      }
    });
    editor.current = instance;
    return () => {
      subscription.dispose();
      // Detach the models (monaco-react#647); they are kept for the next mount (see modelsByDiff).
      instance.setModel(null);
      instance.dispose();
      editor.current = null;
    };
    // Created once; text changes are pushed into the models below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // One model per task, so a large paste never becomes one long main-thread task.
  latest.current = { original, modified };
  useEffect(() => {
    const timers: ReturnType<typeof setTimeout>[] = [];
    for (const side of ['original', 'modified'] as const) {
      const text = side === 'original' ? original : modified;
      if (shown.current[side] === text) continue;
      timers.push(
        setTimeout(() => {
          const model = editor.current?.getModel();
          if (!model) return;
          model[side].setValue(text);
          shown.current[side] = text;
        }),
      );
    }
    return () => timers.forEach(clearTimeout);
  }, [original, modified]);

  useEffect(() => {
    monaco.editor.setTheme(dark ? 'vs-dark' : 'vs');
  }, [dark]);

  useEffect(() => {
    editor.current?.updateOptions({ renderSideBySide: !inline });
  }, [inline]);

  return (
    <>
      <p className="diff-summary" role="status" data-testid="diff-summary">
        {summary
          ? `${summary.added} line${summary.added === 1 ? '' : 's'} added, ${summary.removed} removed`
          : 'Comparing…'}
      </p>
      <div ref={host} className="diff-host" data-testid="merge-diff" />
    </>
  );
}
