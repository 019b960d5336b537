import { lazy, Suspense, useState } from 'react';
import { REQUIREMENT_COMMANDS, readIstioctlVersionOutput } from '../../core';
import type { StepProps } from '../wizard/step-props';
import { FindingList } from '../components/FindingList';
import { AmbientChoice } from './AmbientChoice';
import { CheckboxField, Command, RadioGroup, TextField, useWizardForm } from '../components/fields';

// Shown only with the telemetry-ingest blocker: loaded then, never on the first screen.
const DynakubeIngestPatch = lazy(() => import('./DynakubeIngestPatch'));

export function RequirementsStep({ requirementFindings }: StepProps) {
  const { watch, setValue } = useWizardForm();
  const mode = watch('mode');
  const [pasted, setPasted] = useState('');
  const [pasteResult, setPasteResult] = useState<{ ok: boolean; message: string } | undefined>();
  const blockers = requirementFindings.filter((finding) => finding.level === 'blocker');
  const others = requirementFindings.filter((finding) => finding.level !== 'blocker');

  function readVersion(text: string) {
    setPasted(text);
    if (text.trim() === '') {
      setPasteResult(undefined);
      return;
    }
    const result = readIstioctlVersionOutput(text);
    if (!result.ok) {
      setPasteResult({ ok: false, message: result.message });
      return;
    }
    setValue('istio.version', result.controlPlane, { shouldValidate: true, shouldDirty: true });
    const older =
      result.dataPlane && result.dataPlane !== result.controlPlane
        ? ` Some proxies still run ${result.dataPlane}: restart them after upgrading.`
        : '';
    setPasteResult({ ok: true, message: `Istio ${result.controlPlane} (control plane) filled in below.${older}` });
  }

  return (
    <div className="step-body">
      <section className="card">
        <h3>Istio</h3>
        <div className="field">
          <label htmlFor="istioctl-output">Paste the output of istioctl version (optional)</label>
          <Command command={REQUIREMENT_COMMANDS.istioVersion} what="the istioctl version command" />
          <textarea
            id="istioctl-output"
            rows={3}
            value={pasted}
            spellCheck={false}
            aria-describedby="istioctl-output-result"
            onChange={(event) => readVersion(event.target.value)}
            placeholder={
              'client version: 1.28.1\ncontrol plane version: 1.28.1\ndata plane version: 1.28.1 (12 proxies)'
            }
          />
          <p id="istioctl-output-result" className={pasteResult?.ok === false ? 'error-text' : 'hint'} role="status">
            {pasteResult?.message ?? ''}
          </p>
        </div>
        <TextField
          name="istio.version"
          label="Istio version"
          hint="1.22 or later. The control plane version decides which fields istiod accepts."
          placeholder="1.28"
        />
        <CheckboxField
          name="istio.ambient"
          label="The workloads to trace run in ambient mode (no sidecars)"
          hint={
            <>
              Check with <code>{REQUIREMENT_COMMANDS.ambientNamespaces}</code>: “ambient” in the DATAPLANE-MODE column
              (after NAME, STATUS and AGE) means ambient mode.
            </>
          }
        />
        <AmbientChoice />
        <div className="field">
          <p className="hint">
            Where istiod runs and its revision: the NAMESPACE and REV columns (an empty REV or “default” means no
            revision). If they are not istio-system and empty, set them on the next step under Advanced options: the
            mesh config, the Secret and every command follow them.
          </p>
          <Command command={REQUIREMENT_COMMANDS.istiod} what="the command that finds istiod and its revision" />
        </div>
      </section>

      <section className="card">
        <RadioGroup
          name="mode"
          legend="How should traces reach Dynatrace?"
          choices={[
            {
              value: 'operator',
              label: <>Through Dynatrace Operator (recommended)</>,
              hint: 'Sidecars send to the Operator’s telemetry-ingest service in the cluster: retries, batching, Kubernetes metadata, no token, no ServiceEntry.',
            },
            {
              value: 'standalone',
              label: 'Standalone, straight to your Dynatrace environment',
              hint: 'Only when Dynatrace Operator cannot be deployed: needs an API token and a ServiceEntry; no Kubernetes metadata, no retries.',
            },
          ]}
        />
        {mode === 'operator' && (
          <>
            <CheckboxField
              name="operator.telemetryIngestEnabled"
              label="Telemetry ingest is enabled in the DynaKube"
              hint="Needs Dynatrace Operator 1.6+ with spec.telemetryIngest set in your DynaKube."
            />
            <Command command={REQUIREMENT_COMMANDS.telemetryIngest} what="the command that checks telemetry ingest" />
            <p className="hint">The telemetry-ingest service, once the Operator has created it:</p>
            <Command
              command={REQUIREMENT_COMMANDS.ingestService}
              what="the command that finds the telemetry-ingest service"
            />
          </>
        )}
        <CheckboxField
          name="operator.enableIstio"
          label={
            <>
              A DynaKube has <code>enableIstio: true</code>
            </>
          }
          hint={
            mode === 'operator'
              ? 'Compatible with Operator mode, unless the sampler fetches its rate from the tenant (step 2, advanced).'
              : 'Dynatrace documents standalone mode as incompatible with it.'
          }
        />
        <Command command={REQUIREMENT_COMMANDS.enableIstio} what="the command that checks enableIstio" />
      </section>

      {blockers.length > 0 && (
        <div id="blockers" tabIndex={-1} className="blockers">
          <FindingList findings={blockers} title="This setup cannot work yet" />
          {blockers.some((finding) => finding.id === 'telemetry-ingest-disabled') && (
            <Suspense fallback={null}>
              <DynakubeIngestPatch />
            </Suspense>
          )}
        </div>
      )}
      <FindingList findings={others} title="Good to know" />
    </div>
  );
}
