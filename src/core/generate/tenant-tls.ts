import type { Model } from '../model';

/*
 * The mounted-file way to trust a private CA on sidecars (istio/api networking/v1alpha3/destination_rule.proto
 * ClientTLSSettings; istio/istio pilot/pkg/networking/core/cluster_tls.go, same at tags 1.22.0 and 1.31.0-rc.0):
 * caCertificates names a file in the proxy, served to Envoy over SDS; the file must be mounted into istio-proxy, which
 * the injector does from the pod annotations sidecar.istio.io/userVolume and userVolumeMount
 * (manifests/charts/istio-control/istio-discovery/files/injection-template.yaml). A Secret in credentialName on a
 * sidecar rule without a workloadSelector would leave the sidecar with no TLS context (plaintext). Which proxies take
 * which rule, the ConfigMap way (Istio 1.26+) and gateways/waypoints: private-ca.ts.
 */

export const CA_VOLUME_NAME = 'dynatrace-ca';
export const CA_SECRET_NAME = 'dynatrace-ca';
export const CA_FILE_VARIABLE = 'DYNATRACE_CA_FILE';

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
