import { useState, type DragEvent } from 'react';
import { CopyButton } from '../components/CopyButton';
import { FindingList } from '../components/FindingList';
import { MergedDiff } from '../components/MergedDiff';
import { downloadFile } from '../lib/download';
import type { TelemetryMergeHandle } from './useTelemetryMerge';

/** Paste, drop or open the user's Telemetries; when one conflicts with ours, see it merged as a diff and take it. */
export function TelemetryMergePanel({ merge, fileName }: { merge: TelemetryMergeHandle; fileName: string }) {
  const [fileProblem, setFileProblem] = useState<string | undefined>();
  const { text, setText, state } = merge;

  async function readFile(file: File | undefined) {
    if (!file) return;
    setFileProblem(undefined);
    try {
      setText(await file.text());
    } catch {
      setFileProblem(`Could not read ${file.name}.`);
    }
  }

  function onDrop(event: DragEvent<HTMLTextAreaElement>) {
    const file = event.dataTransfer.files[0];
    if (!file) return;
    event.preventDefault();
    void readFile(file);
  }

  const outcome = state.status === 'done' ? state.outcome : undefined;
  const problem = outcome && !outcome.ok ? outcome.problem : undefined;
  const success = outcome?.ok ? outcome : undefined;
  return (
    <section className="card merge" aria-labelledby="telemetry-merge-heading">
      <h3 id="telemetry-merge-heading">Fit into your existing Telemetry (optional)</h3>
      <p className="hint">
        Istio allows one Telemetry without a selector per namespace; a second one is ignored. Paste, drop or open yours
        (one resource, several, or <code>kubectl get telemetry -A -o yaml</code>): when one would conflict with the
        wizard’s, {fileName} becomes that Telemetry with the provider added to its tracing, everything else kept.
      </p>
      <div className={`field${problem ? ' has-error' : ''}`}>
        <label htmlFor="existing-telemetry">Your current Telemetry resources</label>
        <textarea
          id="existing-telemetry"
          rows={8}
          value={text}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={problem ? true : undefined}
          aria-describedby="existing-telemetry-status"
          onChange={(event) => setText(event.target.value)}
          onDragOver={(event) => event.preventDefault()}
          onDrop={onDrop}
          placeholder={'apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: mesh-default\n  …'}
        />
        <div className="file-row">
          <label htmlFor="existing-telemetry-file" className="button small">
            Open a Telemetry file…
          </label>
          <input
            id="existing-telemetry-file"
            className="visually-hidden"
            type="file"
            accept=".yaml,.yml,.json,text/yaml,application/yaml,application/json"
            onChange={(event) => void readFile(event.target.files?.[0])}
          />
          {text !== '' && (
            <button type="button" className="button small" onClick={() => setText('')}>
              Clear Telemetry
            </button>
          )}
        </div>
        <div id="existing-telemetry-status" role="status" aria-live="polite">
          {fileProblem && <p className="error-text">{fileProblem}</p>}
          {state.status === 'working' && <p className="hint">Reading your Telemetry…</p>}
          {problem && (
            <p className="error-text" data-testid="telemetry-merge-problem">
              {problem.line !== undefined ? `Line ${problem.line}, column ${problem.col ?? 1}: ` : ''}
              {problem.message}
            </p>
          )}
          {success && (
            <p className="hint" data-testid="telemetry-merge-target">
              {success.target
                ? `Merged into ${success.target.namespace}/${success.target.name} (${success.target.where}).`
                : 'No conflict: the generated Telemetry is applied beside yours.'}
            </p>
          )}
        </div>
      </div>
      {success && (
        <>
          {[...success.changes, ...success.notes].length > 0 && (
            <ul className="notes">
              {[...success.changes, ...success.notes].map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
          <FindingList findings={success.findings} title="Found in your Telemetries" />
          {success.target && (
            <MergedDiff
              title={
                <>
                  Your Telemetry → merged <code>{fileName}</code>
                </>
              }
              original={success.original}
              merged={success.merged}
              label="Merged Telemetry"
              originalLabel="your Telemetry"
              modifiedLabel="merged Telemetry"
              actions={
                <>
                  <CopyButton text={success.merged} what={`merged ${fileName}`} />
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Download merged ${fileName}`}
                    onClick={() => downloadFile(fileName, success.merged, 'application/yaml')}
                  >
                    Download
                  </button>
                </>
              }
            />
          )}
        </>
      )}
    </section>
  );
}
