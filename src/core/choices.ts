import { parseIstioVersion } from './istio-version';
import { hasFeature } from './version-gates';

/*
 * The model's choices and the rules derived from them, shared by the schema (model.ts) and the defaults
 * (defaults.ts). No zod here, so the first screen of the wizard can use them without loading the schema.
 */

export const DEPLOYMENT_MODES = ['operator', 'standalone'] as const;
export const ENVIRONMENT_KINDS = ['saas', 'managed', 'activegate'] as const;
export const MESH_CONFIG_FORMATS = ['istio-operator', 'helm', 'configmap', 'sail'] as const;
/** `auto` is "what this wizard recommends for the Istio version": what links and drafts carry until the user chooses. */
export const TOKEN_STORAGES = ['auto', 'inline', 'istiod-env'] as const;
/** How sidecars verify the Managed cluster's or ActiveGate's certificate (tenant-tls.ts). */
export const TENANT_TLS_MODES = ['public', 'ca-certificates', 'insecure-skip-verify'] as const;
/** With your CA: a file mounted into the sidecars of the namespaces you name, or (Istio 1.26+) a ConfigMap (private-ca.ts). */
export const CA_DELIVERIES = ['file', 'configmap'] as const;

/**
 * Whether istio-proxy runs as a Kubernetes native sidecar (an initContainers entry; Istio 1.27+ on kubelets 1.33+,
 * istio/istio 1.27.0 pilot/pkg/features/pilot.go ENABLE_NATIVE_SIDECARS, pkg/kube/inject/webhook.go): `keep` leaves
 * Istio's choice, `off-istiod` turns it off for every new pod (istiod env ENABLE_NATIVE_SIDECARS=false), `off-workloads`
 * per pod (annotation sidecar.istio.io/nativeSidecar: "false", pkg/kube/inject/inject.go).
 */
export const NATIVE_SIDECAR_CHOICES = ['keep', 'off-istiod', 'off-workloads'] as const;

export type DeploymentMode = (typeof DEPLOYMENT_MODES)[number];
export type EnvironmentKind = (typeof ENVIRONMENT_KINDS)[number];
export type MeshConfigFormat = (typeof MESH_CONFIG_FORMATS)[number];
export type TokenStorage = (typeof TOKEN_STORAGES)[number];
export type TenantTlsMode = (typeof TENANT_TLS_MODES)[number];
export type CaDelivery = (typeof CA_DELIVERIES)[number];
export type NativeSidecarChoice = (typeof NATIVE_SIDECAR_CHOICES)[number];
export type ResolvedTokenStorage = Exclude<TokenStorage, 'auto'>;

/** True when the configuration sends anything straight to the tenant, which needs an API token. */
export function needsToken(model: {
  mode: DeploymentMode;
  provider: { sampler: boolean; samplerFromTenant: boolean };
}): boolean {
  return model.mode === 'standalone' || (model.provider.sampler && model.provider.samplerFromTenant);
}

/** The token scopes the user must grant, for this configuration. */
export function requiredTokenScopes(model: {
  mode: DeploymentMode;
  provider: { sampler: boolean; samplerFromTenant: boolean };
}): string[] {
  const scopes: string[] = [];
  if (model.mode === 'standalone') scopes.push('openTelemetryTrace.ingest');
  if (model.provider.sampler && (model.mode === 'standalone' || model.provider.samplerFromTenant)) {
    scopes.push('adaptiveTrafficManagement.read');
  }
  return scopes;
}

/**
 * Where the token goes when the user has not chosen: out of the mesh config wherever Istio can do
 * that (header envName, 1.26+), which is what GitOps users need; otherwise in the header.
 */
export function defaultTokenStorage(istioVersion: string): ResolvedTokenStorage {
  return parseIstioVersion(istioVersion) && hasFeature('tokenFromIstiodEnv', istioVersion) ? 'istiod-env' : 'inline';
}

/**
 * Where the token goes: the user's choice when they made one (never overridden, whatever the version),
 * otherwise the recommendation for the version as it is now.
 */
export function effectiveTokenStorage(storage: string, istioVersion: string): ResolvedTokenStorage {
  return storage === 'inline' || storage === 'istiod-env' ? storage : defaultTokenStorage(istioVersion);
}

export interface FieldIssue {
  /** Dotted path into the model, e.g. `dynatrace.clusterId`. */
  path: string;
  message: string;
}
