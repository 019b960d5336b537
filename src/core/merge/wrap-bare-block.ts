import type { Model } from '../model';
import { resolveSetup } from '../setup/resolved-setup';
import { toYaml } from '../yaml-text';

/*
 * A bare meshConfig block cannot be installed as it is: istioctl, Helm and kubectl each need it inside
 * their own document. This puts the user's text, byte for byte and only indented, inside the chosen
 * form, so the merge can then add the provider (and istiod's token variable) where that form needs it.
 */
export function wrapBareMeshConfig(text: string, model: Model): string {
  const { controlPlane } = resolveSetup(model);
  const newline = /\r\n/.test(text) ? '\r\n' : '\n';
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  // Document markers belong to the outer document now.
  while (lines.length > 0 && /^(---|\.\.\.)\s*$/.test(lines[0]!)) lines.shift();
  while (lines.length > 0 && /^(---|\.\.\.)?\s*$/.test(lines[lines.length - 1]!)) lines.pop();
  const indent = (pad: number) => lines.map((line) => (line.trim() === '' ? '' : ' '.repeat(pad) + line));

  let head: string;
  let body: string[];
  switch (model.output.meshConfigFormat) {
    case 'istio-operator':
      head = toYaml({ apiVersion: 'install.istio.io/v1alpha1', kind: 'IstioOperator' }) + 'spec:\n  meshConfig:\n';
      body = indent(4);
      break;
    case 'helm':
      head = 'meshConfig:\n';
      body = indent(2);
      break;
    case 'sail':
      head =
        toYaml({ apiVersion: 'sailoperator.io/v1', kind: 'Istio', metadata: { name: controlPlane.sailName } }) +
        'spec:\n  values:\n    meshConfig:\n';
      body = indent(6);
      break;
    case 'configmap':
      head =
        toYaml({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: controlPlane.meshConfigMapName, namespace: controlPlane.istiodNamespace },
        }) + 'data:\n  mesh: |\n';
      body = indent(4);
      break;
  }
  return bom + [...head.split('\n').slice(0, -1), ...body].join(newline) + newline;
}
