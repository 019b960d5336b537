import type { StepProps } from '../App';
import { FindingList } from '../components/FindingList';
import { PreviewGate } from '../components/PreviewGate';
import { RadioGroup } from '../components/fields';
import { previewTexts } from '../preview/live-previews';
import { YamlPreview } from '../preview/YamlPreview';
import { MergePanel } from '../merge/MergePanel';

export function MeshConfigStep({ generation, merge }: StepProps) {
  return (
    <div className="step-body">
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
              hint: 'kubectl apply -f meshconfig.yaml (sailoperator.io/v1; the token variable needs Sail 1.26.3 or later)',
            },
          ]}
        />
      </section>
      <PreviewGate generation={generation}>
        {(bundle) => {
          const file = bundle.files.find((candidate) => candidate.name === bundle.meshConfig.fileName)!;
          const token = generation.model?.token.value ?? '';
          return (
            <>
              <YamlPreview
                fileName={file.name}
                content={file.content}
                display={previewTexts(bundle, token)[file.name]}
                containsToken={file.containsToken}
                stale={generation.stale}
              />
              <FindingList findings={bundle.findings.filter((finding) => finding.step === 'mesh-config')} />
              <MergePanel text={merge.text} onTextChange={merge.setText} state={merge.state} fileName={file.name} />
            </>
          );
        }}
      </PreviewGate>
    </div>
  );
}
