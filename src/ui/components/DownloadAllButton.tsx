import { useEffect, useId, useRef, useState } from 'react';
import type { BundleFile } from '../../core';
import { downloadFile } from '../lib/download';
import { zipBundle } from '../lib/zip';

export const BUNDLE_ARCHIVE_NAME = 'dynatrace-istio-otel.zip';

/** A question Download all asks before it hands out the files (e.g. a generated file in place of a lost merge). */
export interface DownloadQuestion {
  title: string;
  detail: string;
  /** The button that downloads anyway, saying what the user gets. */
  confirm: string;
  onConfirm?: () => void;
}

interface Props {
  files: readonly BundleFile[];
  describedBy?: string;
  askFirst?: DownloadQuestion;
}

/** One zip with every file the setup needs, apply.sh included. */
export function DownloadAllButton({ files, describedBy, askFirst }: Props) {
  const [asking, setAsking] = useState(false);
  const id = useId();
  const firstButton = useRef<HTMLButtonElement>(null);
  const download = () => downloadFile(BUNDLE_ARCHIVE_NAME, zipBundle(files, 'dynatrace-istio-otel'), 'application/zip');
  useEffect(() => {
    if (asking) firstButton.current?.focus();
  }, [asking]);
  const question = asking && askFirst;
  return (
    <>
      <button
        type="button"
        className="button primary"
        aria-describedby={describedBy}
        aria-expanded={askFirst ? asking : undefined}
        onClick={() => (askFirst ? setAsking(true) : download())}
      >
        Download all (.zip)
      </button>
      {question && (
        <div
          className="download-question"
          role="alertdialog"
          aria-labelledby={`${id}-title`}
          aria-describedby={`${id}-detail`}
        >
          <p id={`${id}-title`}>
            <strong>{question.title}</strong>
          </p>
          <p id={`${id}-detail`}>{question.detail}</p>
          <div className="download-question-buttons">
            <button ref={firstButton} type="button" className="button small" onClick={() => setAsking(false)}>
              Cancel
            </button>
            <button
              type="button"
              className="button small"
              onClick={() => {
                setAsking(false);
                question.onConfirm?.();
                download();
              }}
            >
              {question.confirm}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
