import { samplingConfigurationPath, tenantServiceReference, TENANT_PLAIN_PORT } from '../endpoints';
import { resolveSetup } from '../setup/resolved-setup';
import type { MeshConfigFormat } from '../defaults';
import type { Model } from '../model';
import { toYaml } from '../yaml-text';
import { sailValuesPatch } from './sail';

/*
 * The OpenTelemetry extension provider, and the mesh config that carries it in the user's chosen form.
 * Field names follow Dynatrace's snippets (snake_case where they use it); istiod reads both spellings
 * of these fields (facts §1.5).
 */

export type HttpHeader = { name: string; value: string } | { name: string; env_name: string };

export interface HttpService {
  path: string;
  timeout: string;
  headers?: HttpHeader[];
}

export interface DynatraceSampler {
  tenant: string;
  cluster_id: number;
  root_spans_per_minute?: number;
  http_service?: { service: string; port: number; http: HttpService };
}

export interface OpenTelemetryProvider {
  port: number;
  service: string;
  http: HttpService;
  resource_detectors?: { dynatrace: Record<string, never> };
  dynatrace_sampler?: DynatraceSampler;
  service_attribute_enrichment?: 'OTEL_SEMANTIC_CONVENTIONS';
}

export interface ExtensionProvider {
  name: string;
  opentelemetry: OpenTelemetryProvider;
}

export interface MeshConfigFragment {
  extensionProviders: ExtensionProvider[];
}

export interface MeshConfigFile {
  format: MeshConfigFormat;
  fileName: string;
  /** The whole file as data. */
  document: Record<string, unknown>;
  /** The meshConfig object inside it. */
  meshConfig: MeshConfigFragment;
  text: string;
}

export const MESH_CONFIG_FILE_NAME = 'meshconfig.yaml';
const DEFAULT_ISTIOD_NAMESPACE = 'istio-system';

function authorizationHeader(model: Model): HttpHeader {
  // The header value is the whole "Api-Token <token>", wherever it is kept (facts §4.2, §7).
  return model.token.storage === 'istiod-env'
    ? { name: 'Authorization', env_name: model.token.envName }
    : { name: 'Authorization', value: `Api-Token ${model.token.value}` };
}

export function buildExtensionProvider(model: Model): ExtensionProvider {
  const endpoint = resolveSetup(model).endpoints.trace;
  const http: HttpService = { path: endpoint.path, timeout: model.provider.timeout };
  if (model.mode === 'standalone') http.headers = [authorizationHeader(model)];

  const opentelemetry: OpenTelemetryProvider = { port: endpoint.port, service: endpoint.service, http };
  if (model.provider.resourceDetector) opentelemetry.resource_detectors = { dynatrace: {} };
  if (model.provider.sampler) opentelemetry.dynatrace_sampler = buildSampler(model);
  // Istio 1.30+ (the model refuses it before): istiod names spans' service after the OTel Kubernetes conventions.
  if (model.provider.serviceAttributeEnrichment) {
    opentelemetry.service_attribute_enrichment = 'OTEL_SEMANTIC_CONVENTIONS';
  }
  return { name: model.provider.name, opentelemetry };
}

function buildSampler(model: Model): DynatraceSampler {
  const clusterId = model.dynatrace.clusterId;
  // The model requires the cluster ID whenever the sampler is on (model.ts); reaching here without one is a bug.
  if (clusterId === undefined) throw new Error('The Dynatrace sampler is on without a cluster ID.');
  const sampler: DynatraceSampler = { tenant: model.dynatrace.environmentId, cluster_id: clusterId };
  if (model.provider.rootSpansPerMinute !== undefined) {
    sampler.root_spans_per_minute = model.provider.rootSpansPerMinute;
  }
  if (needsOwnSamplerEndpoint(model)) {
    sampler.http_service = {
      service: tenantServiceReference(model),
      port: TENANT_PLAIN_PORT,
      http: {
        path: samplingConfigurationPath(model),
        timeout: model.provider.timeout,
        headers: [authorizationHeader(model)],
      },
    };
  }
  return sampler;
}

/**
 * Without http_service the sampler reuses the exporter's host with /api/v2/samplingConfiguration (facts §1.4).
 * That is right only for a SaaS tenant in standalone mode: Managed and ActiveGate need the /e/<id> prefix,
 * and in Operator mode the exporter's host is the collector, which has no sampling configuration.
 */
export function needsOwnSamplerEndpoint(model: Model): boolean {
  return resolveSetup(model).endpoints.sampler?.ownEndpoint === true;
}

export function istiodTokenEnv(model: Model) {
  return {
    name: model.token.envName,
    valueFrom: { secretKeyRef: { name: model.token.secretName, key: model.token.envName } },
  };
}

export function usesIstiodTokenEnv(model: Model): boolean {
  return resolveSetup(model).token.storage === 'istiod-env';
}

export function generateMeshConfig(model: Model): MeshConfigFile {
  const meshConfig: MeshConfigFragment = { extensionProviders: [buildExtensionProvider(model)] };
  const format = model.output.meshConfigFormat;
  const document = wrapMeshConfig(model, meshConfig);
  return { format, fileName: MESH_CONFIG_FILE_NAME, document, meshConfig, text: toYaml(document) };
}

function wrapMeshConfig(model: Model, meshConfig: MeshConfigFragment): Record<string, unknown> {
  const { controlPlane, nativeSidecars } = resolveSetup(model);
  const keep = controlPlane.install.keepsInFile;
  const tokenEnv = usesIstiodTokenEnv(model) ? [istiodTokenEnv(model)] : undefined;
  const istiodEnv = nativeSidecars.istiodEnv;
  // A custom root namespace goes first, so a person sees it; the chart and a raw ConfigMap default it otherwise.
  const withRoot = (keep.rootNamespace ? { rootNamespace: keep.rootNamespace, ...meshConfig } : meshConfig) as Record<
    string,
    unknown
  >;
  switch (model.output.meshConfigFormat) {
    case 'istio-operator': {
      const spec: Record<string, unknown> = {};
      // istioctl install prunes what the file does not have (operator/pkg/install/install.go prune, 1.24.0): an
      // ambient mesh keeps ztunnel and the CNI only with its profile (facts §12).
      if (keep.profile) spec.profile = keep.profile;
      // istioctl installs the revision named here; without it, it would touch the default control plane
      // (istio/istio operator/pkg/apis/types.go IstioOperatorSpec.revision).
      if (keep.revision) spec.revision = keep.revision;
      if (controlPlane.istiodNamespace !== DEFAULT_ISTIOD_NAMESPACE) {
        // A custom control-plane namespace needs both fields (same file, IstioOperatorSpec.namespace).
        spec.namespace = controlPlane.istiodNamespace;
        spec.values = { global: { istioNamespace: controlPlane.istiodNamespace } };
      }
      spec.meshConfig = withRoot;
      const env: Record<string, unknown>[] = [
        ...Object.entries(istiodEnv ?? {}).map(([name, value]) => ({ name, value })),
        ...(tokenEnv ?? []),
      ];
      if (env.length > 0) spec.components = { pilot: { k8s: { env } } };
      return { apiVersion: 'install.istio.io/v1alpha1', kind: 'IstioOperator', spec };
    }
    case 'helm': {
      // Values for the istiod chart: meshConfig, env (a map) and envVarFrom (a list) sit at the top level
      // (manifests/charts/istio-control/istio-discovery/values.yaml and templates/deployment.yaml, 1.27.0). The
      // revision value is the one the release already has; repeating it keeps names (ConfigMap, Deployment) unchanged.
      const values: Record<string, unknown> = {};
      if (keep.revision) values.revision = keep.revision;
      values.meshConfig = meshConfig;
      if (istiodEnv) values.env = istiodEnv;
      if (tokenEnv) values.envVarFrom = tokenEnv;
      return values;
    }
    case 'configmap':
      return {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        // istiod's own namespace, not the root namespace (control-plane.ts, istio/istio pilot/pkg/bootstrap/mesh.go).
        metadata: { name: controlPlane.meshConfigMapName, namespace: controlPlane.istiodNamespace },
        data: { mesh: toYaml(withRoot) },
      };
    case 'sail':
      return sailValuesPatch(withRoot, tokenEnv, istiodEnv);
  }
}
