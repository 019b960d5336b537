import { lazy, Suspense, useState, type ReactNode } from 'react';
import { usePrefersDark } from '../preview/YamlPreview';

const MonacoDiffView = lazy(() => import('../preview/MonacoDiffView'));

interface Props {
  /** The heading, e.g. “Your config → merged meshconfig.yaml”. */
  title: ReactNode;
  original: string;
  merged: string;
  /** The diff editor's name, and each side's, for screen readers. */
  label: string;
  originalLabel: string;
  modifiedLabel: string;
  /** Buttons beside the inline toggle (Copy, Download). */
  actions?: ReactNode;
}

/** The user's file against the merged one, side by side or inline as the user picks; Monaco loads lazily. */
export function MergedDiff({ title, original, merged, label, originalLabel, modifiedLabel, actions }: Props) {
  const dark = usePrefersDark();
  const [inline, setInline] = useState(false);
  return (
    <div className="preview merged">
      <header className="preview-header">
        <h4>{title}</h4>
        <div className="preview-actions">
          {actions}
          <button
            type="button"
            className="button small"
            aria-pressed={inline}
            onClick={() => setInline((shown) => !shown)}
          >
            Show changes inline
          </button>
        </div>
      </header>
      <Suspense fallback={<p className="hint diff-summary">Loading the diff view…</p>}>
        <MonacoDiffView
          original={original}
          modified={merged}
          label={label}
          originalLabel={originalLabel}
          modifiedLabel={modifiedLabel}
          dark={dark}
          inline={inline}
        />
      </Suspense>
    </div>
  );
}
