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

/*
 * The checks whose output the box above reads in full, from collect.sh's file (each is an item of its checklist, with
 * its command): listing them again here, piped through grep, printed what the box could not read (issue 26).
 */
const READ_FROM_COLLECTED: ReadonlySet<string> = new Set([
  'mesh-config-loaded',
  'istiod-log',
  'analyze',
  'proxy-cluster',
  'proxy-tracer',
]);

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
          const byHand = bundle.verification.checks.filter((check) => !READ_FROM_COLLECTED.has(check.id));
          return (
            <>
              <section className="card download-all" aria-labelledby="apply-and-collect-heading">
                <h3 id="apply-and-collect-heading">1. Run collect.sh, then drop its output below</h3>
                <p>
                  <code>./{COLLECT_SCRIPT}</code> only reads: it writes everything the checks need into{' '}
                  <code>{COLLECT_OUTPUT_FILE_NAME}</code>. Not applied yet? <code>./apply.sh</code> shows what would
                  change, <code>./apply.sh --apply</code> applies; README.md says how to undo each change.
                  {withToken.length > 0 && <strong> {withToken.join(', ')} contains your API token.</strong>}
                </p>
                <div className="file-row">
                  {collect && (
                    <CopyButton text={collect.content} what={COLLECT_SCRIPT} label={`Copy ${COLLECT_SCRIPT}`} />
                  )}
                  <DownloadAllButton files={files} askFirst={merged ? undefined : mergeLostQuestion(merge, files)} />
                </div>
                {(merged || telemetryMerged) && (
                  <p className="hint">
                    {merged && 'meshconfig.yaml is your merged config.'}
                    {telemetryMerged && ` ${bundle.telemetry.fileName} is your Telemetry with the provider added.`}
                  </p>
                )}
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
              {byHand.length > 0 && (
                <section className="card">
                  <h3>5. Checks by hand</h3>
                  <p className="hint">Their output is not for the box above: each says what to look for.</p>
                  <Steps steps={byHand} />
                </section>
              )}
              {generation.model && <TracingMapPanel model={generation.model} />}
              {/* Reference, not a step: folded until a check fails or the user looks (issue 26: step 6 was 1,630 words). */}
              <details className="card troubleshooting">
                <summary>
                  <h3>
                    Troubleshooting: {bundle.verification.troubleshooting.length} symptoms, their causes and fixes
                  </h3>
                </summary>
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
              </details>
              <FindingList findings={bundle.findings.filter((finding) => finding.step === 'verify')} />
            </>
          );
        }}
      </PreviewGate>
    </div>
  );
}
