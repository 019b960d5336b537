import { CopyButton } from '../components/CopyButton';
import { FindingList } from '../components/FindingList';
import { MergedDiff } from '../components/MergedDiff';
import { PasteBox } from '../components/PasteBox';
import { StaleMergeNote } from '../components/StaleMergeNote';
import { downloadFile } from '../lib/download';
import type { TelemetryMergeHandle } from './useTelemetryMerge';

/** Paste, drop or open the user's Telemetries; when one conflicts with ours, see it merged as a diff and take it. */
export function TelemetryMergePanel({ merge, fileName }: { merge: TelemetryMergeHandle; fileName: string }) {
  const { text, setText, state } = merge;
  const outcome = state.status === 'done' ? state.outcome : undefined;
  const problem = outcome && !outcome.ok ? outcome.problem : undefined;
  const success = outcome?.ok ? outcome : undefined;
  return (
    <section className="card merge" aria-labelledby="telemetry-merge-heading">
      <h3 id="telemetry-merge-heading">Fit into your existing Telemetry (optional)</h3>
      <p className="hint">
        istiod uses only the oldest Telemetry without a selector in a namespace (a second one is ignored), and of
        several with the same selector or the same waypoint target it applies all, the newest last, so the newest wins.
        Paste, drop or open yours (one resource, several, or <code>kubectl get telemetry -A -o yaml</code>): when one
        collides with the wizard’s, {fileName} becomes the one that takes effect, with the provider added to its tracing
        and everything else kept. The result is checked with istiod’s rules for your Istio version (on 1.22–1.23 a
        Telemetry with targetRefs counts as namespace-wide), and what still keeps a side from tracing is named.
      </p>
      <PasteBox
        id="existing-telemetry"
        label="Your current Telemetry resources"
        kind="telemetry"
        text={text}
        onTextChange={setText}
        rows={8}
        placeholder={'apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: mesh-default\n  …'}
        invalid={problem !== undefined}
        largeText={{ name: 'Your Telemetry resources', where: 'all of it is read for the merge below' }}
        openFileLabel="Open a Telemetry file…"
        clearLabel="Clear Telemetry"
      >
        {state.status === 'working' && <p className="hint">Reading your Telemetry…</p>}
        {state.status === 'done' && state.stale && <StaleMergeNote />}
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
      </PasteBox>
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
