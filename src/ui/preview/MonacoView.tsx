import { useEffect, useLayoutEffect, useRef } from 'react';
import { renderIsBehindPreviews, subscribePreview } from './live-previews';
import { applyMinimalEdit } from './apply-minimal-edit';
import { monaco } from './monaco';

interface Props {
  /** The file whose live updates this editor follows (see live-previews.ts). */
  fileName?: string;
  value: string;
  /** Accessible name of the editor, e.g. "meshconfig.yaml preview". */
  label: string;
  dark: boolean;
}

const LINE_HEIGHT = 19;
/**
 * From this many characters on (a merged config of hundreds of KB), a text is not a keystroke's edit: it is set in a
 * task of its own after React's commit, replaced whole, and drawn without bracket-pair colours (whose parse of a
 * megabyte took 100–250 ms per draw).
 */
const LARGE_TEXT = 100_000;

/** A read-only YAML editor sized to its content (up to a limit), so the page scrolls, not the editor. */
export default function MonacoView({ fileName, value, label, dark }: Props) {
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

  useLayoutEffect(() => {
    // A render of the form as it was at the last pause in typing: this preview already shows a later keystroke.
    if (fileName && renderIsBehindPreviews()) return;
    const show = () => editor.current && host.current && showText(editor.current, host.current, value);
    if (value.length < LARGE_TEXT) return void show();
    const timer = setTimeout(show);
    return () => clearTimeout(timer);
  }, [value, fileName]);

  useEffect(() => {
    if (!fileName) return;
    return subscribePreview(fileName, (text) => {
      if (editor.current && host.current) showText(editor.current, host.current, text);
    });
  }, [fileName]);

  useEffect(() => {
    monaco.editor.setTheme(dark ? 'vs-dark' : 'vs');
  }, [dark]);

  useEffect(() => {
    editor.current?.updateOptions({ ariaLabel: label });
  }, [label]);

  return <div ref={host} className="monaco-host" data-testid="monaco-preview" />;
}

/**
 * Edits only the changed span (no re-layout unless the line count changes) and draws at once, not on
 * the next animation frame: a keystroke's change is on screen in the same task.
 */
function showText(instance: monaco.editor.IStandaloneCodeEditor, element: HTMLElement, value: string) {
  const model = instance.getModel();
  if (!model) return;
  const started = performance.now();
  const lines = model.getLineCount();
  const large = value.length >= LARGE_TEXT || model.getValueLength() >= LARGE_TEXT;
  if (large) {
    if (model.getValue() === value) return;
    model.updateOptions({
      bracketColorizationOptions: { enabled: value.length < LARGE_TEXT, independentColorPoolPerBracketType: false },
    });
    model.setValue(value);
  } else if (!applyMinimalEdit(model, value)) return;
  if (model.getLineCount() !== lines) fit(instance, element);
  instance.render();
  // Read by npm run bench: how much of a keystroke's latency is Monaco's own edit and draw.
  performance.measure('monaco-edit', { start: started });
}

function fit(instance: monaco.editor.IStandaloneCodeEditor, element: HTMLElement) {
  const lines = instance.getModel()?.getLineCount() ?? 1;
  const height = Math.min(lines, 40) * LINE_HEIGHT + 12;
  element.style.height = `${height}px`;
  // The width is the one the editor already has (automaticLayout follows the container): measuring it here would make
  // the browser lay out the whole page first, hundreds of ms with a megabyte in the merge box.
  const width = instance.getLayoutInfo().width;
  instance.layout(width > 5 ? { width, height } : undefined);
}
