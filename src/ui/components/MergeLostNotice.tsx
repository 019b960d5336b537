import type { BundleFile } from '../../core';
import type { StepMerge } from '../wizard/step-props';
import type { DownloadQuestion } from './DownloadAllButton';

/*
 * After a reload (or Undo back to such a draft) the merged meshconfig.yaml is gone: the paste it came from is never
 * stored, because a mesh config may hold secrets (headers, tokens). The page says so where the user looks and asks
 * before Download all hands out the generated file, which would reset what the user's own config set (issue 26).
 */

/** Shown on the steps that hand out meshconfig.yaml while the merge is lost. */
export function MergeLostNotice({ merge }: { merge: StepMerge }) {
  if (!merge.lost) return null;
  return (
    <div className="card merge-lost" role="status" data-testid="merge-lost">
      <p>
        <strong>Your merged meshconfig.yaml is gone.</strong> What you pasted on this step is never stored in this
        browser (it may hold secrets), so after the reload the files hold the generated meshconfig.yaml only. Until you
        paste your config again, that generated file would replace your own settings (for example,{' '}
        <code>istioctl install -f</code> resets every install option not in it). Please paste your config again on step
        3 (Mesh config).
      </p>
      <p>
        <button type="button" className="button small" onClick={merge.acceptLost}>
          Go on with the generated file only
        </button>
      </p>
    </div>
  );
}

/** The question Download all asks while the merge is lost and the files hold the generated meshconfig.yaml. */
export function mergeLostQuestion(merge: StepMerge, files: readonly BundleFile[]): DownloadQuestion | undefined {
  if (!merge.lost || !files.some((file) => file.name === 'meshconfig.yaml')) return undefined;
  return {
    title: 'Download the generated-only meshconfig.yaml?',
    detail:
      'Your merged file is gone since the reload (pastes are never stored). The generated file alone resets every setting of your own config that it does not contain. Cancel and paste your config again on step 3 to keep them.',
    confirm: 'Download the generated-only files',
    onConfirm: merge.acceptLost,
  };
}
