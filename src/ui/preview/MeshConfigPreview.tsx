import { FindingList } from '../components/FindingList';
import { PreviewGate } from '../components/PreviewGate';
import { redactToken } from '../lib/redact';
import { effectiveFiles, hasMergedFile } from '../merge/effective-files';
import type { StepProps } from '../wizard/step-props';
import { previewTexts } from './live-previews';
import { YamlPreview } from './YamlPreview';

/**
 * meshconfig.yaml as it will be handed out: the generated file, or after a merge the merged one, with
 * a plain switch between the two. Never both at once: the generated file alone would reset an
 * installation's other settings.
 */
export default function MeshConfigPreview({
  generation,
  merge,
  onFieldsStep = false,
}: Pick<StepProps, 'generation' | 'merge'> & { onFieldsStep?: boolean }) {
  return (
    <PreviewGate generation={generation} besideFields={onFieldsStep}>
      {(bundle) => {
        const token = generation.model?.token.value ?? '';
        const merged = hasMergedFile(merge.state);
        const showMerged = merged && merge.useMerged;
        const file = effectiveFiles(bundle.files, merge.state, token, merge.useMerged).find(
          (candidate) => candidate.name === bundle.meshConfig.fileName,
        )!;
        return (
          <>
            {merged && (
              <fieldset className="field merge-choice">
                <legend>Which meshconfig.yaml do you want?</legend>
                <div className="radio">
                  <input
                    type="radio"
                    id="mesh-choice-merged"
                    name="mesh-choice"
                    checked={merge.useMerged}
                    onChange={() => merge.setUseMerged(true)}
                  />
                  <label htmlFor="mesh-choice-merged">Merged with your config (recommended)</label>
                </div>
                <div className="radio">
                  <input
                    type="radio"
                    id="mesh-choice-generated"
                    name="mesh-choice"
                    checked={!merge.useMerged}
                    onChange={() => merge.setUseMerged(false)}
                  />
                  <label htmlFor="mesh-choice-generated">Generated only</label>
                  <p className="hint">
                    Without your settings: installing it with <code>istioctl install -f</code> resets everything else in
                    your mesh config.
                  </p>
                </div>
              </fieldset>
            )}
            <YamlPreview
              fileName={file.name}
              content={file.content}
              display={showMerged ? redactToken(file.content, token) : previewTexts(bundle.files, token)[file.name]}
              containsToken={file.containsToken}
              stale={generation.stale}
              live={!showMerged}
              note={showMerged ? 'merged with your config' : merged ? 'generated only' : undefined}
            />
            {!onFieldsStep && (
              <FindingList findings={bundle.findings.filter((finding) => finding.step === 'mesh-config')} />
            )}
          </>
        );
      }}
    </PreviewGate>
  );
}
