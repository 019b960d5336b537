import type { StepProps } from '../wizard/step-props';
import { FindingList } from '../components/FindingList';
import { PreviewGate } from '../components/PreviewGate';
import { Command } from '../components/fields';
import { DownloadAllButton } from '../components/DownloadAllButton';
import { MergeLostNotice, mergeLostQuestion } from '../components/MergeLostNotice';
import { effectiveFiles } from '../merge/effective-files';
import { mergedTelemetryText, withMergedTelemetry } from '../telemetry/merged-telemetry';
import type { CommandStep } from '../../core';
import { TracingMapPanel } from '../map/TracingMapPanel';
import { COLLECT_OUTPUT_FILE_NAME, COLLECT_SCRIPT_FILE_NAME as COLLECT_SCRIPT } from '../../core/runtime';
import { CopyButton } from '../components/CopyButton';
import { VerifyPanel } from '../verify/VerifyPanel';

function Steps({ steps, ordered = true }: { steps: CommandStep[]; ordered?: boolean }) {
  const List = ordered ? 'ol' : 'ul';
  return (
    <List className="command-steps">
      {steps.map((step) => (
        <li key={step.id} data-step={step.id}>
          <h4>{step.title}</h4>
          <p>{step.description}</p>
          {step.command && <Command command={step.command} what={`command: ${step.title}`} />}
          {step.link && (
            <p>
              <a href={step.link} target="_blank" rel="noreferrer noopener">
                Open in Dynatrace
              </a>
            </p>
          )}
        </li>
      ))}
    </List>
  );
}

export function VerifyStep({ generation, merge, telemetryMerge }: StepProps) {
  return (
    <div className="step-body">
      <PreviewGate generation={generation}>
        {(bundle) => {
          const withMesh = effectiveFiles(
            bundle.files,
            merge.state,
            generation.model?.token.value ?? '',
            merge.useMerged,
          );
          const merged = withMesh.some((file, index) => file !== bundle.files[index]);
          const files = withMergedTelemetry(withMesh, telemetryMerge.state);
          const telemetryMerged = mergedTelemetryText(telemetryMerge.state) !== undefined;
          const withToken = files.filter((file) => file.containsToken).map((file) => file.name);
          const collect = files.find((file) => file.name === COLLECT_SCRIPT);
          return (
            <>
              <section className="card download-all" aria-labelledby="apply-and-collect-heading">
                <h3 id="apply-and-collect-heading">1. Apply, then collect what your cluster says</h3>
                <p>
                  {files.map((file) => file.name).join(', ')}.{merged && ' meshconfig.yaml is your merged config.'}
                  {telemetryMerged && ` ${bundle.telemetry.fileName} is your Telemetry with the provider added.`}
                  {withToken.length > 0 && <strong> {withToken.join(', ')} contains your API token.</strong>}
                </p>
                <ol className="plain-steps">
                  <li>
                    <code>./apply.sh</code> shows what would change and changes nothing; <code>./apply.sh --apply</code>{' '}
                    applies. README.md says what each step changes and how to undo it.
                  </li>
                  <li>
                    <code>./{COLLECT_SCRIPT}</code> (read-only) writes everything the checks read into{' '}
                    <code>{COLLECT_OUTPUT_FILE_NAME}</code>: drop that file below.
                  </li>
                </ol>
                <div className="file-row">
                  <DownloadAllButton files={files} askFirst={merged ? undefined : mergeLostQuestion(merge, files)} />
                  {collect && (
                    <CopyButton text={collect.content} what={COLLECT_SCRIPT} label={`Copy ${COLLECT_SCRIPT}`} />
                  )}
                </div>
              </section>
              <MergeLostNotice merge={merge} />
              {generation.model && <VerifyPanel model={generation.model} />}
              <section className="card">
                <h3>3. The apply steps one by one</h3>
                <p className="hint">What apply.sh runs, in this order.</p>
                <Steps steps={bundle.verification.apply} />
              </section>
              <section className="card">
                <h3>4. Restart workloads (only if needed)</h3>
                <Steps steps={bundle.verification.restart} ordered={false} />
              </section>
              <section className="card">
                <h3>5. The checks one by one</h3>
                <p className="hint">
                  Each check on its own, for a look by hand; {COLLECT_SCRIPT} runs what they read in one go.
                </p>
                <Steps steps={bundle.verification.checks} />
              </section>
              {generation.model && <TracingMapPanel model={generation.model} />}
              <section className="card">
                <h3>Troubleshooting</h3>
                <p className="hint phone-only">Each row continues to the right: Cause, then Fix.</p>
                <div className="table-wrap">
                  <table>
                    <caption className="visually-hidden">Symptoms, their causes and fixes</caption>
                    <thead>
                      <tr>
                        <th scope="col">Symptom</th>
                        <th scope="col">Cause</th>
                        <th scope="col">Fix</th>
                      </tr>
                    </thead>
                    <tbody>
                      {bundle.verification.troubleshooting.map((row) => (
                        <tr key={row.symptom}>
                          <th scope="row">{row.symptom}</th>
                          <td>{row.cause}</td>
                          <td>{row.fix}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
              <FindingList findings={bundle.findings.filter((finding) => finding.step === 'verify')} />
            </>
          );
        }}
      </PreviewGate>
    </div>
  );
}
