import { DEFAULT_ISTIO_VERSION } from './istio-releases';
import type { ModelInput } from './model';
import { isPlainObject, type Plain } from './plain-data';

/*
 * The model's defaults, and how untrusted input (links, drafts, --config) is laid over them. No zod here, so the
 * first screen of the wizard can use them without loading the schema. The choices themselves are in choices.ts,
 * which the schema reads too.
 */

// The choices are read through this module too (one import for the model's plain parts).
export * from './choices';

/** The guide's defaults. Not valid on its own: the environment ID and cluster ID are the user's. */
export const defaultModel: ModelInput = {
  mode: 'operator',
  istio: {
    // The newest stable Istio in the release table (istio-releases.gen.ts); moves when the table is regenerated.
    version: DEFAULT_ISTIO_VERSION,
    ambient: false,
    rootNamespace: 'istio-system',
    istiodNamespace: 'istio-system',
    revision: '',
    clusterDomain: 'cluster.local',
    ambientTracing: 'sidecar',
    sailName: 'default',
    kubernetesVersion: '',
    nativeSidecars: 'keep',
  },
  operator: {
    dynakubeName: 'dynakube',
    namespace: 'dynatrace',
    serviceName: '',
    telemetryIngestEnabled: true,
    enableIstio: false,
  },
  dynatrace: {
    environmentKind: 'saas',
    environmentId: '',
    host: '',
    port: '',
    clusterId: '',
    tls: 'public',
    caCertificates: '/etc/dynatrace-ca/ca.crt',
    caDelivery: 'file',
    caNamespaces: '',
    caSelector: [],
    caGatewayNamespace: '',
    caGatewaySelector: [],
  },
  token: { value: '', storage: 'auto', envName: 'DYNATRACE_API_TOKEN', secretName: 'dynatrace-otel-token' },
  provider: {
    name: 'dynatrace-otel',
    timeout: '10s',
    resourceDetector: true,
    sampler: true,
    rootSpansPerMinute: '',
    samplerFromTenant: false,
    serviceAttributeEnrichment: false,
  },
  telemetry: {
    namespace: 'istio-system',
    selector: [],
    samplingPercentage: '1',
    customTags: [],
    waypoint: { name: '', namespace: '' },
  },
  output: { meshConfigFormat: 'istio-operator' },
};

/**
 * Like withDefaults, for input nobody vouches for (a link, a stored draft): every value takes the type
 * of its default (numbers become text, anything else of the wrong type is dropped), and the selector
 * keeps only well-formed labels. The result is always safe to put into the form.
 */
export function sanitizeModelInput(partial: unknown, base: ModelInput = defaultModel): ModelInput {
  return sanitize(base, partial) as ModelInput;
}

function sanitize(base: unknown, patch: unknown, key?: string): unknown {
  if (patch === undefined || patch === null) return structuredClone(base);
  if (Array.isArray(base)) {
    if (!Array.isArray(patch)) return structuredClone(base);
    if (key === 'customTags') return sanitizeCustomTags(patch);
    return patch
      .slice(0, 16)
      .filter(
        (item): item is Plain => isPlainObject(item) && typeof item.key === 'string' && typeof item.value === 'string',
      )
      .map((item) => ({ key: String(item.key).slice(0, 317), value: String(item.value).slice(0, 63) }));
  }
  if (isPlainObject(base)) {
    const source = isPlainObject(patch) ? patch : {};
    const result: Plain = {};
    for (const key of Object.keys(base)) result[key] = sanitize(base[key], source[key], key);
    return result;
  }
  if (typeof base === 'string') {
    if (typeof patch === 'string') return patch.slice(0, 2048);
    if (typeof patch === 'number' && Number.isFinite(patch)) return String(patch);
    return base;
  }
  if (typeof base === 'boolean') return typeof patch === 'boolean' ? patch : base;
  return base;
}

/** Custom tags keep their four text fields, each of bounded length. */
function sanitizeCustomTags(patch: unknown[]): unknown[] {
  const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 2048) : '');
  return patch
    .slice(0, 16)
    .filter(isPlainObject)
    .map((item) => ({
      name: text(item.name),
      type: text(item.type),
      value: text(item.value),
      defaultValue: text(item.defaultValue),
    }));
}

/**
 * Lays a partial configuration (a JSON file, a decoded link) over the defaults, key by key.
 * Keys the model does not know are dropped; values of the wrong shape are kept for the schema to report.
 */
export function withDefaults(partial: unknown, base: ModelInput = defaultModel): ModelInput {
  return overlay(base, partial) as ModelInput;
}

function overlay(base: unknown, patch: unknown): unknown {
  if (patch === undefined) return structuredClone(base);
  if (isPlainObject(base)) {
    if (!isPlainObject(patch)) return patch;
    const result: Plain = {};
    for (const key of Object.keys(base)) result[key] = overlay(base[key], patch[key]);
    return result;
  }
  return patch;
}
