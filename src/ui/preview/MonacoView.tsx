import { useEffect, useLayoutEffect, useRef } from 'react';
import { monaco } from './monaco';

interface Props {
  value: string;
  /** Accessible name of the editor, e.g. "meshconfig.yaml preview". */
  label: string;
  dark: boolean;
}

const LINE_HEIGHT = 19;

/** A read-only YAML editor sized to its content (up to a limit), so the page scrolls, not the editor. */
export default function MonacoView({ value, label, dark }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);

  useEffect(() => {
    if (!host.current) return;
    const instance = monaco.editor.create(host.current, {
      value,
      language: 'yaml',
      readOnly: true,
      domReadOnly: true,
      ariaLabel: label,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      automaticLayout: true,
      lineHeight: LINE_HEIGHT,
      fontSize: 13,
      renderLineHighlight: 'none',
      tabIndex: 0,
      wordWrap: 'off',
      theme: dark ? 'vs-dark' : 'vs',
      scrollbar: { alwaysConsumeMouseWheel: false },
      editContext: false,
      // Tab moves on to the next control instead of being swallowed by the editor: no keyboard trap.
      tabFocusMode: true,
    });
    editor.current = instance;
    fit(instance, host.current);
    return () => {
      instance.getModel()?.dispose();
      instance.dispose();
      editor.current = null;
    };
    // Created once; value, theme and label are pushed in by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // In the same task as the keystroke that changed the value: edit only the changed span (no re-layout
  // unless the line count changes) and draw now, not on the next animation frame.
  useLayoutEffect(() => {
    const instance = editor.current;
    const model = instance?.getModel();
    if (!instance || !model) return;
    const previous = model.getValue();
    if (previous === value) return;
    const lines = model.getLineCount();
    let start = 0;
    while (start < previous.length && start < value.length && previous[start] === value[start]) start++;
    let end = 0;
    while (end < previous.length - start && end < value.length - start && previous[previous.length - 1 - end] === value[value.length - 1 - end]) end++;
    const from = model.getPositionAt(start);
    const to = model.getPositionAt(previous.length - end);
    model.applyEdits([{ range: new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column), text: value.slice(start, value.length - end) }]);
    if (model.getLineCount() !== lines && host.current) fit(instance, host.current);
    instance.render();
  }, [value]);

  useEffect(() => {
    monaco.editor.setTheme(dark ? 'vs-dark' : 'vs');
  }, [dark]);

  useEffect(() => {
    editor.current?.updateOptions({ ariaLabel: label });
  }, [label]);

  return <div ref={host} className="monaco-host" data-testid="monaco-preview" />;
}

function fit(instance: monaco.editor.IStandaloneCodeEditor, element: HTMLElement) {
  const lines = instance.getModel()?.getLineCount() ?? 1;
  element.style.height = `${Math.min(lines, 40) * LINE_HEIGHT + 12}px`;
  instance.layout();
}
