import { FindingList } from '../components/FindingList';
import { MergedDiff } from '../components/MergedDiff';
import { PasteBox } from '../components/PasteBox';
import { StaleMergeNote } from '../components/StaleMergeNote';
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
      <PasteBox
        id="existing-config"
        label="Your current mesh config"
        kind="mesh-config"
        text={text}
        onTextChange={onTextChange}
        rows={10}
        placeholder={'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  meshConfig:\n    …'}
        invalid={problem !== undefined}
        largeText={{ name: 'Your config', where: 'shown in full in the diff below' }}
        openFileLabel="Open a file…"
        clearLabel="Clear"
      >
        {pendingNote && <p className="hint">{pendingNote}</p>}
        {state.status === 'working' && <p className="hint">Reading your config…</p>}
        {state.status === 'done' && state.stale && <StaleMergeNote />}
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
      </PasteBox>
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
