import { parseIstioVersion } from './istio-version';
import { kubernetesAtLeast, parseKubernetesVersion } from './kubernetes-version';
import type { Model } from './model';

/*
 * Native sidecars. istiod 1.27+ injects istio-proxy as a Kubernetes native sidecar (an initContainers entry with
 * restartPolicy Always) when the pod's kubelet is 1.33 or newer (istio/istio 1.27.0 pilot/pkg/features/pilot.go
 * ENABLE_NATIVE_SIDECARS default "auto"; pkg/kube/inject/webhook.go DetectNativeSidecar, "graduated to stable in
 * Kubernetes 1.33"). The Dynatrace Operator's webhook adds its metadata-enrichment mounts to spec.containers only
 * (Dynatrace/dynatrace-operator v1.10.2, the newest release in the mirror, and 70d37e5:
 * pkg/webhook/mutation/pod/mutator/request.go NewContainers ranges over Pod.Spec.Containers), so the Dynatrace
 * resource detector in a native-sidecar istio-proxy finds no metadata; restarting the pod does not help.
 * Ways out: istiod env ENABLE_NATIVE_SIDECARS=false (every pod injected afterwards), or per pod the annotation
 * sidecar.istio.io/nativeSidecar: "false" (istio/istio 1.27.0 pkg/kube/inject/inject.go; istio/api 1.27.0
 * annotation SidecarNativeSidecar; spelled in camelCase, not native-sidecar).
 */

export const NATIVE_SIDECAR_ENV = 'ENABLE_NATIVE_SIDECARS';
export const NATIVE_SIDECAR_ANNOTATION = 'sidecar.istio.io/nativeSidecar';
export const NATIVE_SIDECARS_FROM_ISTIO = { major: 1, minor: 27 } as const;
export const NATIVE_SIDECARS_FROM_KUBERNETES = { major: 1, minor: 33 } as const;

export interface NativeSidecarPlan {
  /** yes: Istio ≥1.27 on Kubernetes ≥1.33; no: either is older; unknown: no Kubernetes version given. */
  injected: 'yes' | 'no' | 'unknown';
  /** True when the resource detector depends on Operator metadata enrichment (Operator mode with the detector). */
  needsEnrichment: boolean;
  choice: Model['istio']['nativeSidecars'];
  /** istiod env to write in the install file (off-istiod), as the chart's `env` map takes it. */
  istiodEnv?: Record<string, string>;
  /** Pod-template annotations for off-workloads. */
  podAnnotations?: Record<string, string>;
}

export function nativeSidecarPlan(model: Model): NativeSidecarPlan {
  const istio = parseIstioVersion(model.istio.version);
  const kubernetes = parseKubernetesVersion(model.istio.kubernetesVersion);
  const istioNative =
    istio !== undefined &&
    (istio.major > NATIVE_SIDECARS_FROM_ISTIO.major ||
      (istio.major === NATIVE_SIDECARS_FROM_ISTIO.major && istio.minor >= NATIVE_SIDECARS_FROM_ISTIO.minor));
  const injected: NativeSidecarPlan['injected'] = !istioNative
    ? 'no'
    : kubernetes === undefined
      ? 'unknown'
      : kubernetesAtLeast(kubernetes, NATIVE_SIDECARS_FROM_KUBERNETES.major, NATIVE_SIDECARS_FROM_KUBERNETES.minor)
        ? 'yes'
        : 'no';
  const choice = model.istio.nativeSidecars;
  return {
    injected,
    needsEnrichment: model.mode === 'operator' && model.provider.resourceDetector,
    choice,
    ...(choice === 'off-istiod' ? { istiodEnv: { [NATIVE_SIDECAR_ENV]: 'false' } } : {}),
    ...(choice === 'off-workloads' ? { podAnnotations: { [NATIVE_SIDECAR_ANNOTATION]: 'false' } } : {}),
  };
}
