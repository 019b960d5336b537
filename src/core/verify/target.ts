import { buildExtensionProvider, type ExtensionProvider } from '../generate/mesh-config';
import type { Model } from '../model';
import { resolveSetup } from '../setup/resolved-setup';

export { outboundClusterName } from '../setup/resolved-setup';

/*
 * What the cluster should show for this configuration: names, namespaces and Envoy cluster names,
 * all derived from the same generators the wizard's files come from.
 */

export interface VerifyTarget {
  istiodNamespace: string;
  revision: string;
  /** istiod reads ConfigMap istio, or istio-<revision>, from its own namespace (istio/istio pilot/pkg/bootstrap/mesh.go). */
  meshConfigMapName: string;
  rootNamespace: string;
  provider: ExtensionProvider;
  /** The host part of the provider's `service` (without a `<namespace>/` prefix). */
  collectorHost: string;
  collectorPort: number;
  /** `outbound|<port>||<host>` as istiod names it (pilot/pkg/model/telemetry_logging.go LookupCluster → BuildSubsetKey). */
  collectorCluster: string;
  /** The sampler's own cluster when it has an http_service, else it reuses the collector's. */
  samplerCluster?: string;
  samplerHost?: string;
  samplerPath?: string;
}

/** The one place the verifier's expectations come from: the resolved setup and the generated provider. */
export function verifyTargetOf(model: Model): VerifyTarget {
  const { controlPlane, endpoints } = resolveSetup(model);
  const target: VerifyTarget = {
    istiodNamespace: controlPlane.istiodNamespace,
    revision: controlPlane.revision,
    meshConfigMapName: controlPlane.meshConfigMapName,
    rootNamespace: controlPlane.rootNamespace,
    provider: buildExtensionProvider(model),
    collectorHost: endpoints.collectorHost,
    collectorPort: endpoints.collectorPort,
    collectorCluster: endpoints.collectorCluster,
  };
  if (endpoints.sampler) {
    target.samplerHost = endpoints.sampler.host;
    target.samplerCluster = endpoints.sampler.cluster;
    target.samplerPath = endpoints.sampler.path;
  }
  return target;
}
