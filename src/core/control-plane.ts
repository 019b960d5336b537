import type { Model } from './model';

/*
 * Names of the control plane the generated files and commands address: istiod's namespace and
 * revision decide them, not the root namespace. Checked in istio/istio (HEAD 1.31.0-alpha, same
 * templates since 1.22).
 */

type ControlPlane = Pick<Model['istio'], 'istiodNamespace' | 'revision'>;
type WithIstio = { istio: ControlPlane };

/**
 * istiod reads its mesh config from ConfigMap `istio`, or `istio-<revision>` for a revisioned control
 * plane, in its own namespace (istio/istio pilot/pkg/bootstrap/mesh.go getMeshConfigMapName; the namespace
 * is POD_NAMESPACE, pilot/pkg/bootstrap/options.go).
 */
export function meshConfigMapName(model: WithIstio): string {
  return model.istio.revision === '' ? 'istio' : `istio-${model.istio.revision}`;
}

/** The istiod Deployment (and its service account): `istiod[-<revision>]` (istio-discovery chart, templates/deployment.yaml). */
export function istiodDeploymentName(model: WithIstio): string {
  return model.istio.revision === '' ? 'istiod' : `istiod-${model.istio.revision}`;
}

/**
 * The Helm release of the istiod chart, as Istio's install and canary-upgrade docs name it
 * (`helm install istiod-canary istio/istiod --set revision=canary`). A convention, not a rule:
 * apply.sh looks the release up instead of assuming it (see helmReleaseLookup).
 */
export function istiodHelmReleaseName(model: WithIstio): string {
  return istiodDeploymentName(model);
}

/**
 * The namespace labels that make the injector add this control plane's sidecars: `istio-injection=enabled`
 * or `istio.io/rev=default` for the control plane without a revision, `istio.io/rev=<revision>` for a
 * revision (istio-discovery chart, templates/mutatingwebhook.yaml namespaceSelectors). Pods labelled one
 * by one (sidecar.istio.io/inject) in other namespaces are not covered.
 */
export function injectionLabelSelectors(model: WithIstio): string[] {
  return model.istio.revision === ''
    ? ['istio-injection=enabled', 'istio.io/rev=default']
    : [`istio.io/rev=${model.istio.revision}`];
}

/** The one command that shows every istiod with its namespace and revision. */
export const FIND_ISTIOD_COMMAND = 'kubectl get pods -A -l app=istiod -L istio.io/rev';
