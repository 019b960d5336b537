import type { BundleFile } from '../../core';
import { downloadFile } from '../lib/download';
import { zipBundle } from '../lib/zip';

export const BUNDLE_ARCHIVE_NAME = 'dynatrace-istio-otel.zip';

/** One zip with every file the setup needs, apply.sh included. */
export function DownloadAllButton({ files, describedBy }: { files: readonly BundleFile[]; describedBy?: string }) {
  return (
    <button
      type="button"
      className="button primary"
      aria-describedby={describedBy}
      onClick={() => downloadFile(BUNDLE_ARCHIVE_NAME, zipBundle(files, 'dynatrace-istio-otel'), 'application/zip')}
    >
      Download all (.zip)
    </button>
  );
}
