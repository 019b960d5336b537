/* The forms a user's existing mesh config comes in, and their names; light, so the first screen may use them. */

export type ExistingFormat = 'istio-operator' | 'helm' | 'configmap' | 'mesh-config' | 'sail';

export const FORMAT_LABELS: Record<ExistingFormat, string> = {
  'istio-operator': 'IstioOperator (spec.meshConfig)',
  helm: 'istiod Helm values (meshConfig:)',
  configmap: 'the istio ConfigMap (mesh config inside data.mesh)',
  'mesh-config': 'a bare meshConfig block',
  sail: 'the Sail operator’s Istio resource (spec.values.meshConfig)',
};
