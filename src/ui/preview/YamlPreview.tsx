import { useEffect, useSyncExternalStore } from 'react';
import { CopyButton } from '../components/CopyButton';
import { downloadFile, mimeTypeFor } from '../lib/download';
import type MonacoViewModule from './MonacoView';

type MonacoViewComponent = typeof MonacoViewModule;

/*
 * The editor's module, as a tiny store rather than React.lazy: a lazy component suspends, and React holds back
 * revealing suspended content for up to 300 ms after its fallback showed (its fallback throttle), which a share link
 * opening on a preview step waited out in full even when the editor had arrived (measured: 250 ms between the
 * module's arrival and the editor's creation, issue 9). Until it arrives, the preview shows the file as plain text.
 */
let monacoView: MonacoViewComponent | undefined;
let loading: Promise<void> | undefined;
const arrived = new Set<() => void>();

function loadMonacoView(): Promise<void> {
  loading ??= import('./MonacoView').then(
    (module) => {
      monacoView = module.default;
      arrived.forEach((notify) => notify());
    },
    () => {
      // Offline before it was cached, say: the plain text stays, and the next preview to mount tries again.
      loading = undefined;
    },
  );
  return loading;
}

function subscribeMonacoView(notify: () => void) {
  arrived.add(notify);
  return () => arrived.delete(notify);
}

function useMonacoView(): MonacoViewComponent | undefined {
  const view = useSyncExternalStore(
    subscribeMonacoView,
    () => monacoView,
    () => undefined,
  );
  useEffect(() => {
    if (!view) void loadMonacoView();
  }, [view]);
  return view;
}

/**
 * Loads the editor: in the background while the user is on the first steps, or before a link's step is rendered.
 * Never rejects: if it fails, the previews show plain text.
 */
export const loadEditor = loadMonacoView;

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
  const MonacoView = useMonacoView();
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
      {MonacoView ? (
        <MonacoView fileName={live ? fileName : undefined} value={display} label={`${fileName} preview`} dark={dark} />
      ) : (
        <pre className="preview-fallback" aria-label={`${fileName} preview`} tabIndex={0}>
          {display}
        </pre>
      )}
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
