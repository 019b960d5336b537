import { useState, type ClipboardEvent, type DragEvent } from 'react';
import { inputSizeProblem, utf8ByteLength } from '../../core';
import { FindingList } from '../components/FindingList';
import { MergedDiff } from '../components/MergedDiff';
import type { MergeState } from './useMerge';

interface Props {
  text: string;
  onTextChange: (text: string) => void;
  state: MergeState;
  fileName: string;
  /** Said in the status line while the text waits for a complete configuration. */
  pendingNote?: string;
}

/** Paste, drop or open the user's own mesh config; see the merged file as a diff; copy or download it. */
export function MergePanel({ text, onTextChange, state, fileName, pendingNote }: Props) {
  const [fileProblem, setFileProblem] = useState<string | undefined>();
  // An oversized paste, drop or file is refused before it reaches the box: Chromium spends seconds (tens on a busy
  // machine) laying out megabytes in a textarea, blocking the page, only for the worker to refuse them anyway.
  const [refusal, setRefusal] = useState<string | undefined>();

  function changeText(next: string) {
    setRefusal(undefined);
    onTextChange(next);
  }

  async function readFile(file: File | undefined) {
    if (!file) return;
    setFileProblem(undefined);
    const tooLarge = inputSizeProblem(file.size);
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
    const tooLarge = inputSizeProblem(utf8ByteLength(result));
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
      if (refuseIfTooLarge(dropped, event.currentTarget, 'Not dropped, your box is unchanged.')) event.preventDefault();
      return;
    }
    event.preventDefault();
    void readFile(file);
  }

  const outcome = state.status === 'done' ? state.outcome : undefined;
  const problem = outcome && !outcome.ok ? outcome.problem : undefined;
  const success = outcome?.ok ? outcome : undefined;
  return (
    <section className="card merge" aria-labelledby="merge-heading">
      <h3 id="merge-heading">Merge into your existing mesh config (optional)</h3>
      <p className="hint">
        Already have a customised mesh config? Paste it, drop the file here or open it: an IstioOperator, istiod Helm
        values, the istio ConfigMap (<code>kubectl -n istio-system get configmap istio -o yaml</code>) or a meshConfig
        block. The provider is added (or replaces the one with the same name); everything else, comments included, stays
        as you wrote it.
      </p>
      <div className={`field${problem ? ' has-error' : ''}`}>
        <label htmlFor="existing-config">Your current mesh config</label>
        <textarea
          id="existing-config"
          rows={10}
          value={text}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={problem ? true : undefined}
          aria-describedby="existing-config-status"
          onChange={(event) => changeText(event.target.value)}
          onPaste={onPaste}
          onDragOver={(event) => event.preventDefault()}
          onDrop={onDrop}
          placeholder={'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  meshConfig:\n    …'}
        />
        <div className="file-row">
          <label htmlFor="existing-config-file" className="button small">
            Open a file…
          </label>
          <input
            id="existing-config-file"
            className="visually-hidden"
            type="file"
            accept=".yaml,.yml,.json,text/yaml,application/yaml,application/json"
            onChange={(event) => void readFile(event.target.files?.[0])}
          />
          {text !== '' && (
            <button type="button" className="button small" onClick={() => changeText('')}>
              Clear
            </button>
          )}
        </div>
        <div id="existing-config-status" role="status" aria-live="polite">
          {fileProblem && <p className="error-text">{fileProblem}</p>}
          {pendingNote && <p className="hint">{pendingNote}</p>}
          {refusal && (
            <p className="error-text" data-testid="input-refused">
              {refusal}
            </p>
          )}
          {state.status === 'working' && <p className="hint">Reading your config…</p>}
          {problem && (
            <p className="error-text" data-testid="merge-problem" data-problem={problem.code}>
              {problem.line !== undefined ? `Line ${problem.line}, column ${problem.col ?? 1}: ` : ''}
              {problem.message}
            </p>
          )}
          {success && (
            <p className="hint" data-testid="merge-format">
              Found {success.formatLabel}.
              {success.replaced ? ` Your provider of the same name is replaced.` : ' The provider is added.'}
            </p>
          )}
        </div>
      </div>
      {success && (
        <>
          {success.notes.length > 0 && (
            <ul className="notes">
              {success.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
          <FindingList findings={success.findings} title="Found in your config" />
          <MergedDiff
            title={
              <>
                Your config → merged <code>{fileName}</code>
              </>
            }
            original={success.original}
            merged={success.merged}
            label="Merged mesh config"
            originalLabel="your mesh config"
            modifiedLabel="merged mesh config"
          />
        </>
      )}
    </section>
  );
}
