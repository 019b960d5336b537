import { reachesTenant, tenantOf, traceEndpoint, TENANT_PLAIN_PORT } from '../endpoints';
import { buildExtensionProvider, needsOwnSamplerEndpoint, type ExtensionProvider } from '../generate/mesh-config';
import type { Model } from '../model';

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

export function outboundClusterName(host: string, port: number): string {
  return `outbound|${port}||${host}`;
}

function hostOf(service: string): string {
  const slash = service.indexOf('/');
  return slash >= 0 ? service.slice(slash + 1) : service;
}

/** The one place the verifier reads istiod's namespace and revision from the model. */
export function verifyTargetOf(model: Model): VerifyTarget {
  // The model validates both (model.ts); an empty revision, like "default", means the control plane without one.
  const istiodNamespace = model.istio.istiodNamespace.trim() || 'istio-system';
  const revision = model.istio.revision.trim() === 'default' ? '' : model.istio.revision.trim();
  const provider = buildExtensionProvider(model);
  const endpoint = traceEndpoint(model);
  const collectorHost = hostOf(endpoint.service);
  const target: VerifyTarget = {
    istiodNamespace,
    revision,
    meshConfigMapName: revision === '' ? 'istio' : `istio-${revision}`,
    rootNamespace: model.istio.rootNamespace,
    provider,
    collectorHost,
    collectorPort: endpoint.port,
    collectorCluster: outboundClusterName(collectorHost, endpoint.port),
  };
  if (model.provider.sampler) {
    if (needsOwnSamplerEndpoint(model) && reachesTenant(model)) {
      const host = tenantOf(model).host;
      target.samplerHost = host;
      target.samplerCluster = outboundClusterName(host, TENANT_PLAIN_PORT);
      target.samplerPath = provider.opentelemetry.dynatrace_sampler?.http_service?.http.path;
    } else {
      target.samplerHost = collectorHost;
      target.samplerCluster = target.collectorCluster;
      // Without http_service the sampler asks <exporter host>/api/v2/samplingConfiguration, with no path prefix
      // (istio/istio pilot/pkg/networking/core/tracing.go, configureDynatraceSampler).
      target.samplerPath = '/api/v2/samplingConfiguration';
    }
  }
  return target;
}
