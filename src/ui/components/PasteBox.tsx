import { useState, type ClipboardEvent, type DragEvent, type ReactNode } from 'react';
import { inputSizeProblem, utf8ByteLength, type PasteKind } from '../../core';

const YAML_OR_JSON_FILES = '.yaml,.yml,.json,text/yaml,application/yaml,application/json';

interface Props {
  /** The box's id; its file picker and status line are `${id}-file` and `${id}-status`. */
  id: string;
  label: ReactNode;
  /** Decides the advice given when oversized input is refused. */
  kind: PasteKind;
  text: string;
  onTextChange: (text: string) => void;
  rows: number;
  placeholder: string;
  invalid: boolean;
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
 * blocking the page, only for the worker to refuse them anyway.
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
  openFileLabel,
  clearLabel,
  actions,
  children,
}: Props) {
  const [fileProblem, setFileProblem] = useState<string | undefined>();
  const [refusal, setRefusal] = useState<string | undefined>();

  function changeText(next: string) {
    setRefusal(undefined);
    onTextChange(next);
  }

  async function readFile(file: File) {
    setFileProblem(undefined);
    const tooLarge = inputSizeProblem(file.size, kind);
    if (tooLarge) {
      setRefusal(`${file.name} was not opened. ${tooLarge}`);
      return;
    }
    try {
      changeText(await file.text());
    } catch {
      setFileProblem(`Could not read ${file.name}.`);
    }
  }

  /** Refuses inserted text when the box would then exceed the size limit; the box keeps what it had. */
  function refuseIfTooLarge(inserted: string, area: HTMLTextAreaElement, what: string): boolean {
    const result = area.value.slice(0, area.selectionStart) + inserted + area.value.slice(area.selectionEnd);
    const tooLarge = inputSizeProblem(utf8ByteLength(result), kind);
    setRefusal(tooLarge && `${what} ${tooLarge}`);
    return tooLarge !== undefined;
  }

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    const pasted = event.clipboardData.getData('text/plain');
    if (refuseIfTooLarge(pasted, event.currentTarget, 'Not pasted, your box is unchanged.')) event.preventDefault();
  }

  function onDrop(event: DragEvent<HTMLTextAreaElement>) {
    const file = event.dataTransfer.files[0];
    if (!file) {
      const dropped = event.dataTransfer.getData('text/plain');
      if (refuseIfTooLarge(dropped, event.currentTarget, 'Not dropped, your box is unchanged.')) {
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

  const statusId = `${id}-status`;
  return (
    <div className={`field${invalid ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        value={text}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={invalid ? true : undefined}
        aria-describedby={statusId}
        onChange={(event) => changeText(event.target.value)}
        onPaste={onPaste}
        onDragOver={(event) => event.preventDefault()}
        onDrop={onDrop}
        placeholder={placeholder}
      />
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
