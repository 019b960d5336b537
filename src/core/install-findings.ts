import type { Finding } from './finding';
import { CONFIGMAP_UNDOCUMENTED, configMapCredentialSupported } from './generate/private-ca';
import { SAIL_ENV_VAR_FROM_BROKEN } from './generate/sail';
import type { Model } from './model';
import { NATIVE_SIDECAR_ANNOTATION, NATIVE_SIDECAR_ENV } from './native-sidecars';
import { resolveSetup } from './setup/resolved-setup';

/*
 * Findings about how the files reach the cluster: native sidecars and metadata enrichment, the Sail releases that
 * drop the token variable, and private-CA TLS at gateways and waypoints. Read from the resolved setup.
 */
export function installFindings(model: Model): Finding[] {
  const setup = resolveSetup(model);
  const findings: Finding[] = [];
  const native = setup.nativeSidecars;
  // Waypoints are Deployments of their own, not injected sidecars: only a sidecar data plane is concerned.
  const sidecars = setup.dataPlane.kind === 'sidecars';
  if (sidecars && native.needsEnrichment && native.injected !== 'no' && native.choice === 'keep') {
    findings.push({
      id: 'native-sidecar-enrichment',
      level: 'warning',
      step: 'configuration',
      message:
        native.injected === 'yes'
          ? `Istio ${model.istio.version} on Kubernetes ${model.istio.kubernetesVersion.trim()} injects istio-proxy as a native sidecar (an init container). The Dynatrace Operator adds its metadata only to regular containers (checked up to Operator v1.10.2), so the resource detector finds nothing and spans lack Kubernetes metadata; restarting does not help.`
          : `Istio ${model.istio.version} injects istio-proxy as a native sidecar (an init container) on Kubernetes 1.33 or newer, where the Dynatrace Operator’s metadata does not reach it (checked up to Operator v1.10.2): spans then lack Kubernetes metadata. Enter the Kubernetes version (kubectl version) to know.`,
      fix: `Turn native sidecars off: in istiod (--native-sidecars off-istiod: ${NATIVE_SIDECAR_ENV}=false, every pod injected afterwards gets a regular istio-proxy container) or per workload (--native-sidecars off-workloads: pod annotation ${NATIVE_SIDECAR_ANNOTATION}: "false"). Either gives up what native sidecars bring: istio-proxy starting before and stopping after the app, and Jobs that complete.`,
    });
  }
  if (model.output.meshConfigFormat === 'sail' && setup.token.storage === 'istiod-env') {
    findings.push({
      id: 'sail-env-var-from',
      level: 'warning',
      step: 'mesh-config',
      message: `Sail operator ${SAIL_ENV_VAR_FROM_BROKEN} drop spec.values.pilot.envVarFrom, so istiod would start without ${model.token.envName} and every export to Dynatrace fails with 401.`,
      fix: 'Run Sail 1.26.3 or later (kubectl get deployment -A -l app.kubernetes.io/name=sail-operator -o wide shows its image), or keep the token in the mesh config.',
    });
  }
  const sailName = setup.controlPlane.sailName;
  if (model.output.meshConfigFormat === 'sail' && sailName !== 'default' && setup.controlPlane.revision === '') {
    // Sail names the IstioRevision after the Istio (InPlace) or <name>-<version dashed> (RevisionBased); only
    // `default` means no revision (sail-operator 1.30.3 controllers/istio/istio_controller.go getActiveRevisionName).
    findings.push({
      id: 'sail-name-revision',
      level: 'warning',
      step: 'mesh-config',
      message: `An Istio resource named ${sailName} runs istiod with a revision: ${sailName} under InPlace updates, ${sailName}-<version with dashes> under RevisionBased. With no revision set, the checks read ConfigMap istio and deploy/istiod, which this control plane does not have.`,
      fix: `Set the revision (--revision) to what kubectl get istio ${sailName} -o jsonpath='{.status.activeRevisionName}' prints.`,
    });
  }
  const { tls } = setup;
  if (
    tls.kind === 'ca-certificates' &&
    !tls.rules.some((rule) => rule.reaches === 'gateway' || rule.reaches === 'waypoint')
  ) {
    findings.push({
      id: 'ca-gateways-waypoints',
      level: 'warning',
      step: 'service-entry',
      message:
        'Ingress gateways and waypoints take no sidecar annotations, so they never get the CA file: traces that start there fail TLS to Dynatrace silently. Only the namespaces you listed get a DestinationRule; sidecars elsewhere send nothing to the endpoint.',
      fix: `If traces start at an ingress gateway, give its namespace and pod labels on this step (--ca-gateway-namespace, --ca-gateway-selector): it then gets the CA as a Secret named in credentialName by a DestinationRule that selects it.${configMapCredentialSupported(setup.istio.version) ? ' Or take the CA from a ConfigMap (Istio 1.26+), which reaches every proxy.' : ''}`,
    });
  }
  if (tls.kind === 'ca-configmap') {
    findings.push({
      id: 'ca-configmap-undocumented',
      level: 'info',
      step: 'service-entry',
      message: CONFIGMAP_UNDOCUMENTED,
      fix: 'If you prefer what the documentation describes, choose the mounted file: it asks for the namespaces whose pods mount it, and a Secret for a gateway.',
    });
  }
  return findings;
}
