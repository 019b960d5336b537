import { useEffect, useRef, useState } from 'react';
import { monaco } from './monaco';

interface Props {
  original: string;
  modified: string;
  label: string;
  dark: boolean;
}

/** Original against merged, side by side on wide screens and inline on narrow ones, with a change summary. */
export default function MonacoDiffView({ original, modified, label, dark }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneDiffEditor | null>(null);
  const [summary, setSummary] = useState<{ added: number; removed: number } | undefined>();
  const shown = useRef({ original: '', modified: '' });
  const latest = useRef({ original, modified });

  useEffect(() => {
    if (!host.current) return;
    const instance = monaco.editor.createDiffEditor(host.current, {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: true,
      useInlineViewWhenSpaceIsLimited: true,
      renderSideBySideInlineBreakpoint: 800,
      hideUnchangedRegions: { enabled: true, contextLineCount: 4, minimumLineCount: 6, revealLineCount: 10 },
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 13,
      ariaLabel: label,
      originalAriaLabel: `${label}: your file`,
      modifiedAriaLabel: `${label}: merged`,
      tabFocusMode: true,
      theme: dark ? 'vs-dark' : 'vs',
      editContext: false,
    });
    // Empty at first: the texts (possibly megabytes) are set in separate tasks below.
    const models = {
      original: monaco.editor.createModel('', 'yaml'),
      modified: monaco.editor.createModel('', 'yaml'),
    };
    instance.setModel(models);
    const subscription = instance.onDidUpdateDiff(() => {
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
    });
    editor.current = instance;
    return () => {
      subscription.dispose();
      // Detach the models before disposing them (monaco-react#647).
      instance.setModel(null);
      models.original.dispose();
      models.modified.dispose();
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
