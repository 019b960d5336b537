import { lazy, Suspense, useSyncExternalStore } from 'react';
import { CopyButton } from '../components/CopyButton';
import { downloadFile, mimeTypeFor } from '../lib/download';

const MonacoView = lazy(() => import('./MonacoView'));

/** Starts fetching the editor while the user is still on the first steps. */
export function prefetchEditor(): void {
  void import('./MonacoView');
}

interface Props {
  fileName: string;
  /** The exact file content: what Copy and Download give. */
  content: string;
  /** What is shown (the token masked); defaults to the content. */
  display?: string;
  containsToken?: boolean;
  stale?: boolean;
  /** Follows the form keystroke by keystroke (live-previews.ts); off when it shows something else, e.g. a merge. */
  live?: boolean;
  /** Said after the file name, e.g. "merged with your config". */
  note?: string;
}

export function YamlPreview({
  fileName,
  content,
  display = content,
  containsToken = false,
  stale = false,
  live = true,
  note,
}: Props) {
  const dark = usePrefersDark();
  const headingId = `preview-${fileName.replace(/[^a-z0-9]/gi, '-')}`;
  return (
    <section className={`preview${stale ? ' stale' : ''}`} aria-labelledby={headingId} data-file={fileName}>
      <header className="preview-header">
        <h3 id={headingId}>
          <code>{fileName}</code>
          {note && <span className="preview-note"> ({note})</span>}
        </h3>
        <div className="preview-actions">
          <CopyButton text={content} what={fileName} />
          <button
            type="button"
            className="button small"
            aria-label={`Download ${fileName}`}
            onClick={() => downloadFile(fileName, content, mimeTypeFor(fileName))}
          >
            Download
          </button>
        </div>
      </header>
      {containsToken && (
        <p className="token-note" role="note">
          This file contains your API token. The preview masks it; Copy and Download include it. Keep the file out of
          Git.
        </p>
      )}
      <Suspense
        fallback={
          <pre className="preview-fallback" aria-label={`${fileName} preview`} tabIndex={0}>
            {display}
          </pre>
        }
      >
        <MonacoView fileName={live ? fileName : undefined} value={display} label={`${fileName} preview`} dark={dark} />
      </Suspense>
    </section>
  );
}

// One query for the page: reading it anew on every render of every preview cost a keystroke's transition measurably.
let darkQuery: MediaQueryList | undefined;
const prefersDark = () => (darkQuery ??= window.matchMedia('(prefers-color-scheme: dark)'));

function subscribe(callback: () => void) {
  const query = prefersDark();
  query.addEventListener('change', callback);
  return () => query.removeEventListener('change', callback);
}

export function usePrefersDark(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => prefersDark().matches,
    () => false,
  );
}
