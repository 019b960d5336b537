import { useEffect, useMemo, useRef, useState, type ClipboardEvent, type DragEvent, type ReactNode } from 'react';
import {
  describeTextSize,
  inputSizeProblem,
  isLargeText,
  LARGE_TEXT_CHARS,
  utf8ByteLength,
  type PasteKind,
} from '../../core';

const YAML_OR_JSON_FILES = '.yaml,.yml,.json,text/yaml,application/yaml,application/json';

interface Props {
  /** The box's id (the summary's while a large text is summarised); its picker and status line are `${id}-file`, `${id}-status`. */
  id: string;
  label: ReactNode;
  /** Decides the advice given when oversized input is refused. */
  kind: PasteKind;
  text: string;
  onTextChange: (text: string) => void;
  rows: number;
  placeholder: string;
  invalid: boolean;
  /** How the summary of a large text names it and says where it is used in full, e.g. "Your config", "shown in full in the diff below". */
  largeText: { name: string; where: string };
  /** Names a picker that opens one YAML or JSON file into this box; without it, dropped files are left to the page. */
  openFileLabel?: string;
  /** Shown while the box holds text. */
  clearLabel?: string;
  /** More buttons beside the picker. */
  actions?: ReactNode;
  /** What the page says about the text, in the box's status line. */
  children?: ReactNode;
}

/**
 * A box for text the user pastes, drops or opens. Input that would take the box over the size limit is refused
 * before it reaches the box: Chromium spends seconds (tens on a busy machine) laying out megabytes in a textarea,
 * blocking the page, only for the worker to refuse them anyway. A large text within the limit arrives whole (it
 * replaces what the box held) and is shown as a summary of its size, the page using all of it; "Show in the box" puts
 * it into the textarea on request, accepting the slow layout.
 */
export function PasteBox({
  id,
  label,
  kind,
  text,
  onTextChange,
  rows,
  placeholder,
  invalid,
  largeText,
  openFileLabel,
  clearLabel,
  actions,
  children,
}: Props) {
  const [fileProblem, setFileProblem] = useState<string | undefined>();
  const [refusal, setRefusal] = useState<string | undefined>();
  /** A large text the user typed into the box or asked to see there; any other large text is summarised. */
  const [textShownInBox, setTextShownInBox] = useState<string | undefined>();
  const [replacedEarlierText, setReplacedEarlierText] = useState(false);
  /** Where focus goes after the next render, when the element that had it is replaced (box ↔ summary). */
  const focusAfterRender = useRef<'box' | 'summary' | undefined>(undefined);
  const boxRef = useRef<HTMLTextAreaElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const summarised = isLargeText(text) && text !== textShownInBox;
  const size = useMemo(() => (summarised ? describeTextSize(text) : ''), [summarised, text]);

  useEffect(() => {
    const target = focusAfterRender.current === 'box' ? boxRef.current : summaryRef.current;
    if (focusAfterRender.current && target) target.focus();
    focusAfterRender.current = undefined;
  });

  function changeText(next: string) {
    setRefusal(undefined);
    setReplacedEarlierText(false);
    onTextChange(next);
  }

  /** Text arriving at the summary, or a large text arriving at once, replaces the whole box: a summary has no place to insert it at. */
  function replaceWholeText(next: string) {
    const active = document.activeElement;
    const hadFocus = boxRef.current?.contains(active) || summaryRef.current?.contains(active);
    changeText(next);
    setReplacedEarlierText(text !== '' && isLargeText(next));
    setTextShownInBox(undefined);
    if (hadFocus) focusAfterRender.current = isLargeText(next) ? 'summary' : 'box';
  }

  function changeTextInBox(next: string) {
    // Typing, or a paste the paste handler did not see (a middle click): a jump by a large text is summarised.
    if (next.length - text.length >= LARGE_TEXT_CHARS) {
      replaceWholeText(next);
      return;
    }
    setTextShownInBox(isLargeText(next) ? next : undefined);
    changeText(next);
  }

  async function readFile(file: File) {
    setFileProblem(undefined);
    const tooLarge = inputSizeProblem(file.size, kind);
    if (tooLarge) {
      setRefusal(`${file.name} was not opened. ${tooLarge}`);
      return;
    }
    try {
      const content = await file.text();
      replaceWholeText(content);
    } catch {
      setFileProblem(`Could not read ${file.name}.`);
    }
  }

  /** Refuses text when the box would then exceed the size limit; the box keeps what it had. */
  function refuseIfTooLarge(result: string, what: string): boolean {
    const tooLarge = inputSizeProblem(utf8ByteLength(result), kind);
    setRefusal(tooLarge && `${what} ${tooLarge}`);
    return tooLarge !== undefined;
  }

  /**
   * Handles inserted text itself when it is refused, large or dropped on the summary (and says so by returning true);
   * a small insertion into the box is left to the browser, where it replaces the selection as usual.
   */
  function takeInsertedText(inserted: string, area: HTMLTextAreaElement | undefined, what: string): boolean {
    if (area === undefined || isLargeText(inserted)) {
      if (!refuseIfTooLarge(inserted, what)) replaceWholeText(inserted);
      return true;
    }
    const result = area.value.slice(0, area.selectionStart) + inserted + area.value.slice(area.selectionEnd);
    return refuseIfTooLarge(result, what);
  }

  function onPaste(event: ClipboardEvent<HTMLElement>) {
    const pasted = event.clipboardData.getData('text/plain');
    const area = event.currentTarget instanceof HTMLTextAreaElement ? event.currentTarget : undefined;
    if (takeInsertedText(pasted, area, 'Not pasted, your box is unchanged.')) event.preventDefault();
  }

  function onDrop(event: DragEvent<HTMLElement>) {
    const file = event.dataTransfer.files[0];
    if (!file) {
      const dropped = event.dataTransfer.getData('text/plain');
      const area = event.currentTarget instanceof HTMLTextAreaElement ? event.currentTarget : undefined;
      if (takeInsertedText(dropped, area, 'Not dropped, your box is unchanged.')) {
        event.preventDefault();
        event.stopPropagation();
      }
      return;
    }
    if (openFileLabel === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    void readFile(file);
  }

  function showInBox() {
    setTextShownInBox(text);
    focusAfterRender.current = 'box';
  }

  const statusId = `${id}-status`;
  const labelId = `${id}-label`;
  return (
    <div className={`field${invalid ? ' has-error' : ''}`}>
      <label id={labelId} htmlFor={summarised ? undefined : id}>
        {label}
      </label>
      {summarised ? (
        // Not a textarea: Chromium lays out all of a textarea's text when it is set (hundreds of ms for a megabyte).
        <div
          id={id}
          ref={summaryRef}
          role="group"
          tabIndex={-1}
          className="paste-summary"
          aria-labelledby={labelId}
          aria-describedby={statusId}
          aria-invalid={invalid ? true : undefined}
          onPaste={onPaste}
          onDragOver={(event) => event.preventDefault()}
          onDrop={onDrop}
          data-testid="large-text-summary"
        >
          <p>
            <strong>
              {largeText.name}: {size}
            </strong>{' '}
            — {largeText.where}.
          </p>
          <p className="hint">
            {replacedEarlierText ? 'It replaced what the box held: a large paste replaces the whole box. ' : ''}
            Too large to show in the box without holding up the page; pasting or dropping here replaces it.
          </p>
          <button type="button" className="button small" onClick={showInBox}>
            Show in the box
          </button>
        </div>
      ) : (
        <textarea
          id={id}
          ref={boxRef}
          rows={rows}
          value={text}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={invalid ? true : undefined}
          aria-describedby={statusId}
          onChange={(event) => changeTextInBox(event.target.value)}
          onPaste={onPaste}
          onDragOver={(event) => event.preventDefault()}
          onDrop={onDrop}
          placeholder={placeholder}
        />
      )}
      <div className="file-row">
        {openFileLabel !== undefined && (
          <>
            <label htmlFor={`${id}-file`} className="button small">
              {openFileLabel}
            </label>
            <input
              id={`${id}-file`}
              className="visually-hidden"
              type="file"
              accept={YAML_OR_JSON_FILES}
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (file) void readFile(file);
              }}
            />
          </>
        )}
        {clearLabel && text !== '' && (
          <button type="button" className="button small" onClick={() => changeText('')}>
            {clearLabel}
          </button>
        )}
        {actions}
      </div>
      <div id={statusId} role="status" aria-live="polite">
        {fileProblem && <p className="error-text">{fileProblem}</p>}
        {refusal && (
          <p className="error-text" data-testid="input-refused">
            {refusal}
          </p>
        )}
        {children}
      </div>
    </div>
  );
}
