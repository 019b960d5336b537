import type { StepProps } from '../App';
import { FindingList } from '../components/FindingList';
import { PreviewGate } from '../components/PreviewGate';
import { Command } from '../components/fields';
import { DownloadAllButton } from '../components/DownloadAllButton';
import { MergeLostNotice, mergeLostQuestion } from '../components/MergeLostNotice';
import { effectiveFiles } from '../merge/effective-files';
import { mergedTelemetryText, withMergedTelemetry } from '../telemetry/merged-telemetry';
import type { CommandStep } from '../../core';
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
          return (
            <>
              <section className="card download-all">
                <h3>All files</h3>
                <p>
                  {files.map((file) => file.name).join(', ')}: apply.sh runs the steps below in order.
                  {merged && ' meshconfig.yaml is your merged config.'}
                  {telemetryMerged && ` ${bundle.telemetry.fileName} is your Telemetry with the provider added.`}
                  {withToken.length > 0 && <strong> {withToken.join(', ')} contains your API token.</strong>}
                </p>
                <DownloadAllButton files={files} askFirst={merged ? undefined : mergeLostQuestion(merge, files)} />
              </section>
              <MergeLostNotice merge={merge} />
              <section className="card">
                <h3>1. Apply</h3>
                <Steps steps={bundle.verification.apply} />
              </section>
              <section className="card">
                <h3>2. Restart workloads (only if needed)</h3>
                <Steps steps={bundle.verification.restart} ordered={false} />
              </section>
              <section className="card">
                <h3>3. Check that it works</h3>
                <Steps steps={bundle.verification.checks} />
              </section>
              {generation.model && <VerifyPanel model={generation.model} />}
              <section className="card">
                <h3>Troubleshooting</h3>
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
