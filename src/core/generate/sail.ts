import { formatIstioVersion, parseIstioVersion } from '../istio-version';
import { camelCase } from '../mesh-config-schema';
import type { Model } from '../model';

/*
 * The Sail operator's `Istio` resource (sailoperator.io/v1, cluster-scoped; istio-ecosystem/sail-operator
 * api/v1/istio_types.go), carrying the mesh config in spec.values.meshConfig and istiod's token variable
 * in spec.values.pilot.envVarFrom (api/v1/values_types.gen.go; a list of corev1.EnvVar from Sail 1.26.3 /
 * 1.27.0, facts §11). The Sail CRD is a structural schema: unknown fields are pruned by the API server,
 * and it spells MeshConfig fields in camelCase only, so snake_case keys would silently disappear.
 */

export const SAIL_API_VERSION = 'sailoperator.io/v1';
export const SAIL_KIND = 'Istio';

/**
 * With the default InPlace update strategy the IstioRevision (and istiod's ConfigMap istio-<rev>) is named
 * like the Istio resource, and `default` means no revision (controllers/istio/istio_controller.go,
 * getActiveRevisionName); RevisionBased would name it `<name>-<version with dots as dashes>` instead.
 */
export function sailIstioName(model: Model): string {
  return model.istio.revision === '' ? 'default' : model.istio.revision;
}

/** Where Sail installs istiod (spec.namespace); the Secret istiod reads must live there too. */
export function sailNamespace(model: Model): string {
  return model.istio.istiodNamespace;
}

/**
 * spec.version is an enum of Sail's supported releases: `v1.28.3`, or `v1.28-latest` for the newest patch of
 * a minor (api/v1/istio_types.go, kubebuilder Enum).
 */
export function sailVersion(istioVersion: string): string {
  const version = parseIstioVersion(istioVersion);
  if (!version) return `v${istioVersion}`;
  return version.patch === undefined ? `v${formatIstioVersion(version)}-latest` : `v${formatIstioVersion(version)}`;
}

/** A mesh config fragment with every key in the camelCase the Sail CRD knows. */
export function camelCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCaseKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [camelCase(key), camelCaseKeys(inner)]));
  }
  return value;
}

export function wrapInSailIstio(
  model: Model,
  meshConfig: Record<string, unknown>,
  tokenEnv: readonly Record<string, unknown>[] | undefined,
): Record<string, unknown> {
  const values: Record<string, unknown> = { meshConfig: camelCaseKeys(meshConfig) };
  if (tokenEnv) values.pilot = { envVarFrom: tokenEnv };
  return {
    apiVersion: SAIL_API_VERSION,
    kind: SAIL_KIND,
    metadata: { name: sailIstioName(model) },
    spec: {
      version: sailVersion(model.istio.version),
      namespace: sailNamespace(model),
      updateStrategy: { type: 'InPlace' },
      values,
    },
  };
}
