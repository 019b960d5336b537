import type { ModelInput, WizardStep } from '../../core';
import { DownloadAllButton } from '../components/DownloadAllButton';
import { ShareControls } from '../components/ShareControls';
import { mergeLostQuestion } from '../components/MergeLostNotice';
import type { HandedOutFiles } from './handed-out-files';
import type { StepMerge } from './step-props';

interface Props {
  handedOut: HandedOutFiles | undefined;
  values: ModelInput;
  current: WizardStep;
  merge: StepMerge;
  onVerify: () => void;
}

/**
 * Always at hand, on every step: the share link, and as soon as the configuration is valid, Download
 * all (naming what it gives) and the way to the Verify step. Nobody has to click through steps they
 * do not need; everyone can still read them.
 */
export function ActionBar({ handedOut, values, current, merge, onVerify }: Props) {
  const onVerifyStep = current === 'verify';
  const lost = handedOut && !handedOut.merged && merge.lost;
  return (
    <section className="action-bar" aria-label="Your files">
      {handedOut && !onVerifyStep ? (
        <p id="action-bar-files" className="action-bar-files">
          Ready: {handedOut.files.map((file) => file.name).join(', ')}
          {handedOut.merged ? ' (meshconfig.yaml merged with your config)' : ''}
          {lost ? ' (meshconfig.yaml generated only: your merged file is gone, paste your config again on step 3)' : ''}
          .
        </p>
      ) : (
        <p className="action-bar-files hint">
          {onVerifyStep ? '' : 'Download all appears here as soon as the configuration is complete.'}
        </p>
      )}
      <div className="action-bar-buttons">
        <ShareControls values={values} current={current} merged={handedOut?.merged === true || merge.lost} />
        {handedOut && !onVerifyStep && (
          <>
            <button type="button" className="button" onClick={onVerify}>
              Apply and check (step 6)
            </button>
            <DownloadAllButton
              files={handedOut.files}
              describedBy="action-bar-files"
              askFirst={lost ? mergeLostQuestion(merge, handedOut.files) : undefined}
            />
          </>
        )}
      </div>
    </section>
  );
}
