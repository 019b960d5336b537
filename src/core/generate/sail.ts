import { formatIstioVersion, parseIstioVersion } from '../istio-version';
import { camelCase } from '../mesh-config-schema';
import type { Model } from '../model';
import { resolveSetup } from '../setup/resolved-setup';

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
 * The Istio resource's own name (`kubectl get istio`, usually `default`), asked for separately: it is not the
 * revision. Under InPlace the IstioRevision is named like it; under RevisionBased `<name>-<version dashed>`
 * (istio-ecosystem/sail-operator 1.30.3 controllers/istio/istio_controller.go getActiveRevisionName). An Istio named
 * after a revision would be a second resource fighting over the same IstioRevision.
 */
export function sailIstioName(model: Model): string {
  return resolveSetup(model).controlPlane.sailName;
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

/**
 * What the user applies to Sail: a JSON merge patch (`kubectl patch istio NAME --type merge --patch-file`) that
 * holds spec.values only. spec.version and spec.updateStrategy are defaulted by the CRD (api/v1/istio_types.go at
 * 1.30.3: version v1.30.3, updateStrategy InPlace), so a whole Istio without them, applied, would change the running
 * version or strategy; the patch leaves them, spec.profile and spec.namespace as they are. Maps in the patch merge
 * into the resource; lists (extensionProviders, pilot.envVarFrom) replace the resource's (RFC 7386). No apiVersion or
 * kind: `kubectl apply -f` on this file fails instead of creating or replacing an Istio.
 */
export function sailValuesPatch(
  meshConfig: Record<string, unknown>,
  tokenEnv: readonly Record<string, unknown>[] | undefined,
  istiodEnv: Record<string, string> | undefined,
): Record<string, unknown> {
  const values: Record<string, unknown> = { meshConfig: camelCaseKeys(meshConfig) };
  const pilot: Record<string, unknown> = {};
  // spec.values.pilot.env is a map of strings, envVarFrom a list of corev1.EnvVar (api/v1/values_types.gen.go).
  if (istiodEnv) pilot.env = istiodEnv;
  if (tokenEnv) pilot.envVarFrom = tokenEnv;
  if (Object.keys(pilot).length > 0) values.pilot = pilot;
  return { spec: { values } };
}

/** The Sail releases whose CRD typed pilot.envVarFrom wrongly, dropping the token variable (facts §11). */
export const SAIL_ENV_VAR_FROM_BROKEN = '1.26.0–1.26.2';
