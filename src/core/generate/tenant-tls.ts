import type { Model } from '../model';

/*
 * TLS origination to a Managed cluster or ActiveGate whose certificate is not publicly trusted. What
 * Istio supports for sidecars (istio/api networking/v1alpha3/destination_rule.proto ClientTLSSettings;
 * istio/istio pilot/pkg/networking/core/cluster_tls.go, same at tag 1.22.0):
 * - caCertificates: a file in the proxy, served to Envoy over SDS; the file must be mounted into
 *   istio-proxy, which the injector does from the pod annotations sidecar.istio.io/userVolume and
 *   userVolumeMount (manifests/charts/istio-control/istio-discovery/files/injection-template.yaml).
 * - credentialName (a Secret) is NOT used: on a sidecar DestinationRule without a workloadSelector
 *   istiod builds the cluster with no TLS context at all, so the sidecar would send plaintext
 *   (cluster_tls.go, "privilegedCredentialLookup").
 * - insecureSkipVerify: no certificate check at all; a last resort.
 */

export const CA_VOLUME_NAME = 'dynatrace-ca';
export const CA_SECRET_NAME = 'dynatrace-ca';
export const CA_FILE_VARIABLE = 'DYNATRACE_CA_FILE';

/** The `tls` of the DestinationRule's port-80 setting. */
export function tenantTlsSettings(model: Model): Record<string, unknown> {
  if (model.dynatrace.environmentKind === 'saas') return { mode: 'SIMPLE' };
  switch (model.dynatrace.tls) {
    case 'public':
      return { mode: 'SIMPLE' };
    case 'ca-certificates':
      return { mode: 'SIMPLE', caCertificates: model.dynatrace.caCertificates };
    case 'insecure-skip-verify':
      return { mode: 'SIMPLE', insecureSkipVerify: true };
  }
}

export function usesCaCertificates(model: Model): boolean {
  return model.dynatrace.environmentKind !== 'saas' && model.dynatrace.tls === 'ca-certificates';
}

export function skipsVerification(model: Model): boolean {
  return model.dynatrace.environmentKind !== 'saas' && model.dynatrace.tls === 'insecure-skip-verify';
}

/** The directory and file name of the CA path, for the volume mount and the Secret key. */
export function caFileParts(model: Model): { directory: string; file: string } {
  const path = model.dynatrace.caCertificates;
  const cut = path.lastIndexOf('/');
  return { directory: cut <= 0 ? '/' : path.slice(0, cut), file: path.slice(cut + 1) };
}

/** Pod-template annotations that mount the CA Secret into istio-proxy at the configured path. */
export function caVolumeAnnotations(model: Model): Record<string, string> {
  const { directory } = caFileParts(model);
  return {
    'sidecar.istio.io/userVolume': JSON.stringify({ [CA_VOLUME_NAME]: { secret: { secretName: CA_SECRET_NAME } } }),
    'sidecar.istio.io/userVolumeMount': JSON.stringify({
      [CA_VOLUME_NAME]: { mountPath: directory, readOnly: true },
    }),
  };
}
