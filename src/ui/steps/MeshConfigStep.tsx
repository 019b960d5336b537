import type { StepProps } from '../wizard/step-props';
import { StepColumns } from '../components/StepColumns';
import { RadioGroup, TextField, useWizardForm } from '../components/fields';
import { useWatch } from 'react-hook-form';
import MeshConfigPreview from '../preview/MeshConfigPreview';
import { MergePanel } from '../merge/MergePanel';
import { MergeLostNotice } from '../components/MergeLostNotice';

export function MeshConfigStep({ generation, merge }: StepProps) {
  const waiting = !generation.model || generation.stale;
  const { control } = useWizardForm();
  const format = useWatch({ control, name: 'output.meshConfigFormat' });
  return (
    <div className="step-body">
      <MergeLostNotice merge={merge} />
      <StepColumns
        fields={
          <section className="card">
            <RadioGroup
              name="output.meshConfigFormat"
              legend="How do you install Istio?"
              choices={[
                {
                  value: 'istio-operator',
                  label: 'istioctl with an IstioOperator file',
                  hint: 'istioctl install -f meshconfig.yaml (the guide’s way)',
                },
                {
                  value: 'helm',
                  label: 'Helm values for the istiod chart',
                  hint: 'helm upgrade --reuse-values -f meshconfig.yaml, pinned to the chart version the release already runs (the guide’s unpinned upgrade could upgrade istiod)',
                },
                {
                  value: 'configmap',
                  label: 'The istio ConfigMap',
                  hint: 'kubectl apply -f meshconfig.yaml into istiod’s namespace, where istiod reads it (replaces the whole mesh config)',
                },
                {
                  value: 'sail',
                  label: 'The Sail operator’s Istio resource',
                  hint: 'kubectl patch istio NAME --type merge: only spec.values, never the version or update strategy (the token variable needs Sail 1.26.3 or later)',
                },
              ]}
            />
            {format === 'sail' && (
              <TextField
                name="istio.sailName"
                label="Your Istio resource’s name"
                hint="kubectl get istio shows it; usually default. Not the revision."
              />
            )}
          </section>
        }
        preview={<MeshConfigPreview generation={generation} merge={merge} />}
      />
      <MergePanel
        text={merge.text}
        onTextChange={merge.setText}
        state={merge.state}
        fileName="meshconfig.yaml"
        pendingNote={
          waiting && merge.text.trim() !== ''
            ? 'Kept: your config is merged and the diff appears as soon as the configuration is complete.'
            : undefined
        }
      />
    </div>
  );
}
