import { useEffect, useRef } from 'react';
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

  useEffect(() => {
    const instance = editor.current;
    if (!instance || instance.getValue() === value) return;
    instance.setValue(value);
    if (host.current) fit(instance, host.current);
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
