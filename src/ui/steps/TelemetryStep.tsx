import { useEffect } from 'react';
import { useFieldArray } from 'react-hook-form';
import type { StepProps } from '../wizard/step-props';
import { FindingList } from '../components/FindingList';
import { PreviewGate } from '../components/PreviewGate';
import { StepColumns } from '../components/StepColumns';
import { TextField, useWizardForm } from '../components/fields';
import { YamlPreview } from '../preview/YamlPreview';
import { CustomTagsField } from '../telemetry/CustomTagsField';
import { mergedTelemetryText } from '../telemetry/merged-telemetry';
import { findingsAfterTelemetryMerge, TELEMETRY_FILE_NAME } from '../../core';
import { TelemetryMergePanel } from '../telemetry/TelemetryMergePanel';
import { WaypointTarget } from './WaypointTarget';

export function TelemetryStep({ generation, telemetryMerge }: StepProps) {
  const { control, watch, trigger } = useWizardForm();
  const { fields, append, remove } = useFieldArray({ control, name: 'telemetry.selector' });
  const sampler = watch('provider.sampler');
  const root = watch('istio.rootNamespace');
  const hasSelector = fields.length > 0;
  // A selector changes what the namespace must be: show its field error as soon as a label is added.
  useEffect(() => {
    void trigger('telemetry.namespace');
  }, [hasSelector, trigger]);
  return (
    <div className="step-body">
      <StepColumns
        fields={
          <section className="card">
            <TextField
              name="telemetry.namespace"
              label="Namespace of the Telemetry resource"
              hint={
                hasSelector
                  ? `With a workload selector, enter the namespace of those workloads: istiod matches a selector only against pods in the Telemetry’s own namespace, so in ${root} it would not reach the rest of the mesh.`
                  : `${root} (the root namespace) enables tracing for the whole mesh; any other namespace only for its own workloads.`
              }
            />
            <WaypointTarget />
            <fieldset className="field selector">
              <legend>Workload selector (optional)</legend>
              <p className="hint">
                Only workloads with all these labels, in the namespace above, are traced (never mesh-wide). Leave empty
                for every workload in the namespace. When several Telemetries select the same pods, istiod applies them
                all, oldest first, so the newest one’s settings win.
              </p>
              {fields.map((field, index) => (
                <div key={field.id} className="field-row label-row">
                  <TextField
                    name={`telemetry.selector.${index}.key`}
                    label={`Label ${index + 1} key`}
                    placeholder="app"
                  />
                  <TextField
                    name={`telemetry.selector.${index}.value`}
                    label={`Label ${index + 1} value`}
                    placeholder="checkout"
                  />
                  <button
                    type="button"
                    className="button small"
                    onClick={() => remove(index)}
                    aria-label={`Remove label ${index + 1}`}
                  >
                    Remove
                  </button>
                </div>
              ))}
              <button type="button" className="button small" onClick={() => append({ key: '', value: '' })}>
                Add label
              </button>
            </fieldset>
            {sampler ? (
              <p className="hint sampling-note">
                Sampling percentage: with the Dynatrace sampler on the provider, Istio sets 100 % and the sampler
                decides which traces to keep, so no percentage is written. It applies only without the sampler.
              </p>
            ) : (
              <TextField
                name="telemetry.samplingPercentage"
                label="Sampling percentage"
                inputMode="decimal"
                hint="Share of requests traced, 0–100 in steps of 0.01. It applies because the Dynatrace sampler is off; with the sampler, Istio sets 100 % and the sampler decides. Where no Telemetry sets a percentage, istiod uses defaultConfig.tracing.sampling of the mesh config, else 1 %."
              />
            )}
            <CustomTagsField />
          </section>
        }
        preview={
          <PreviewGate generation={generation}>
            {(bundle) => (
              <>
                <YamlPreview
                  fileName={bundle.telemetry.fileName}
                  content={mergedTelemetryText(telemetryMerge.state) ?? bundle.telemetry.text}
                  // A merged Telemetry is not what the form generates: keystrokes must not swap it for the generated file.
                  live={mergedTelemetryText(telemetryMerge.state) === undefined}
                  stale={generation.stale}
                />
                <FindingList
                  // A successful merge answers the "one namespace-wide Telemetry" advice: do not repeat it.
                  findings={findingsAfterTelemetryMerge(
                    bundle.findings.filter((finding) => finding.step === 'telemetry'),
                    telemetryMerge.state.status === 'done' && !telemetryMerge.state.stale
                      ? telemetryMerge.state.outcome
                      : undefined,
                  )}
                />
              </>
            )}
          </PreviewGate>
        }
      />
      {/* Like the mesh-config merge box: there to paste into at once, merged once the configuration is valid. */}
      <TelemetryMergePanel merge={telemetryMerge} fileName={TELEMETRY_FILE_NAME} />
    </div>
  );
}
