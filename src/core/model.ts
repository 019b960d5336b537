import { z } from 'zod';
import { customTagIssues, customTagSchema } from './custom-tags';
import { parseGoDuration } from './go-duration';
import { parseIstioVersion } from './istio-version';
import { parseKubernetesVersion } from './kubernetes-version';
import { versionRefusal } from './version-gates';
import { AMBIENT_TRACING_CHOICES, waypointIssues, waypointTarget } from './ambient-tracing';
import { privateCaIssues } from './generate/private-ca';
import {
  DEPLOYMENT_MODES,
  ENVIRONMENT_KINDS,
  MESH_CONFIG_FORMATS,
  NATIVE_SIDECAR_CHOICES,
  TOKEN_STORAGES,
  TENANT_TLS_MODES,
  CA_DELIVERIES,
  effectiveTokenStorage,
  needsToken,
  type FieldIssue,
} from './choices';

/*
 * The one configuration model: everything the user decides. The wizard form, share links and the
 * headless generator all read and write this shape. Numbers typed into text fields arrive as strings
 * (the form keeps exactly what the user typed); the schema turns them into numbers.
 */

export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;
const UINT32_MAX = 4294967295;

// Kubernetes name rules (RFC 1123 / 1035), as the API server and the Dynatrace Operator apply them.
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const ENV_VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Classic Dynatrace API token: prefix, 24-character public part, 64-character secret part (facts §7).
export const API_TOKEN = /^dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}$/;

const FORBIDDEN_INGEST_SERVICE_SUFFIXES = ['-telemetry-ingest', '-extension-controller', '-activegate', '-webhook'];

/** The one reason the cluster ID is asked for: no other output reads it. */
export const CLUSTER_ID_NEEDED =
  'Enter the Dynatrace cluster ID, e.g. -1743916452: the Dynatrace sampler needs it (it is in the Hub snippet as cluster_id). Without it, turn the sampler off.';

function kubernetesLabel(what: string) {
  return z
    .string()
    .trim()
    .min(1, { error: `Enter the ${what}.` })
    .max(63, { error: `The ${what} can be at most 63 characters.` })
    .regex(DNS1123_LABEL, {
      error: `The ${what} may contain only lowercase letters, digits and '-', and must start and end with a letter or digit.`,
    });
}

/** An integer typed into a text field (or given as a number in JSON), checked against a range. */
function integer(what: string, min: number, max: number, example: string) {
  return z
    .union([z.string(), z.number()], { error: `Enter the ${what} as a whole number, e.g. ${example}.` })
    .transform((raw, ctx) => {
      const text = String(raw).trim();
      if (text === '') {
        ctx.addIssue({ code: 'custom', message: `Enter the ${what}, e.g. ${example}.` });
        return z.NEVER;
      }
      if (!/^[-+]?\d+$/.test(text)) {
        ctx.addIssue({ code: 'custom', message: `The ${what} must be a whole number, e.g. ${example}.` });
        return z.NEVER;
      }
      const value = Number(text);
      if (value < min || value > max) {
        ctx.addIssue({ code: 'custom', message: `The ${what} must be between ${min} and ${max}.` });
        return z.NEVER;
      }
      return value;
    });
}

function optionalInteger(what: string, min: number, max: number, example: string) {
  const required = integer(what, min, max, example);
  return z
    .union([z.string(), z.number()], { error: `Enter the ${what} as a whole number, e.g. ${example}.` })
    .transform((raw, ctx) => {
      if (String(raw).trim() === '') return undefined;
      const parsed = required.safeParse(raw);
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
      return z.NEVER;
    });
}

const percentage = z
  .union([z.string(), z.number()], { error: 'Enter the sampling percentage as a number between 0 and 100.' })
  .transform((raw, ctx) => {
    const text = String(raw).trim();
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(text) || Number(text) > 100) {
      ctx.addIssue({
        code: 'custom',
        message: 'The sampling percentage must be between 0 and 100, in steps of 0.01 (e.g. 1 or 12.5).',
      });
      return z.NEVER;
    }
    return Number(text);
  });

const environmentId = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (value === '') {
      ctx.addIssue({
        code: 'custom',
        message: 'Enter your Dynatrace environment ID: the first part of https://<environment-id>.live.dynatrace.com.',
      });
    } else if (/[/:.]/.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message: 'Enter only the environment ID (e.g. abc12345), not a URL or host name.',
      });
    } else if (/[A-Z]/.test(value)) {
      ctx.addIssue({ code: 'custom', message: 'Environment IDs are lowercase, e.g. abc12345.' });
    } else if (value.length > 63 || !DNS1123_LABEL.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message: 'An environment ID has only lowercase letters and digits (e.g. abc12345).',
      });
    }
  });

const hostName = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (value === '') return; // required-ness depends on the environment kind; checked below
    if (/^[a-z]+:\/\//i.test(value) || value.includes('/')) {
      ctx.addIssue({
        code: 'custom',
        message: 'Enter the host name only, e.g. dynatrace.example.com (no https://, no path).',
      });
    } else if (value.includes(':')) {
      ctx.addIssue({ code: 'custom', message: 'Enter the port in its own field, not after the host name.' });
    } else if (!isFullyQualifiedHostName(value)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'Enter a fully qualified host name such as dynatrace.example.com: lowercase labels separated by dots. Istio cannot route to IP addresses or short names here.',
      });
    }
  });

/** Istio's ValidateFQDN plus "must contain a dot" and "not an IP address" (facts §2). */
export function isFullyQualifiedHostName(host: string): boolean {
  if (host.length > 253 || !host.includes('.')) return false;
  const labels = host.split('.');
  if (labels.some((label) => label.length > 63 || !DNS1123_LABEL.test(label))) return false;
  return !/^\d+$/.test(labels[labels.length - 1] ?? '');
}

const apiToken = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (value === '') return; // whether a token is needed depends on the mode; checked below
    if (/^api-token\s/i.test(value)) {
      ctx.addIssue({ code: 'custom', message: "Paste only the token itself, without the 'Api-Token ' prefix." });
    } else if (/^dt0[a-z]\d\d\./i.test(value) && !value.startsWith('dt0c01.')) {
      ctx.addIssue({
        code: 'custom',
        message: `This is not a classic API token (it starts with ${value.slice(0, 6)}). Create an access token in Dynatrace (Access tokens → Generate new token); it starts with dt0c01.`,
      });
    } else if (!API_TOKEN.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'A Dynatrace API token looks like dt0c01.<24 characters>.<64 characters> (uppercase letters and digits). Check that it was copied whole.',
      });
    }
  });

// An istio.io/rev label value names the revision; istiod and the Helm chart use it in resource names
// (istio/istio pilot/pkg/bootstrap/mesh.go, manifests/charts/istio-control/istio-discovery/templates/deployment.yaml).
const istioRevision = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (value === '') return;
    if (value === 'default') {
      ctx.addIssue({
        code: 'custom',
        message: 'The revision “default” is the control plane without a revision: leave this field empty.',
      });
    } else if (value.length > 63 || !DNS1123_LABEL.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message:
          "A revision is an istio.io/rev label value such as 1-24-3 or canary: lowercase letters, digits and '-', at most 63 characters, starting and ending with a letter or digit.",
      });
    }
  });

// istiod names Kubernetes services <name>.<namespace>.svc.<domain> (istio/istio pilot/pkg/serviceregistry/kube/conversion.go,
// flag --domain in pilot/cmd/pilot-discovery/app/cmd.go, default cluster.local).
const clusterDomain = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (value === '') {
      ctx.addIssue({ code: 'custom', message: 'Enter the cluster domain; it is cluster.local unless changed.' });
    } else if (value.length > 253 || !DNS1123_SUBDOMAIN.test(value) || value.split('.').some((l) => l.length > 63)) {
      ctx.addIssue({
        code: 'custom',
        message: 'The cluster domain is a DNS name such as cluster.local: lowercase labels separated by dots.',
      });
    } else if (value.startsWith('svc.')) {
      ctx.addIssue({
        code: 'custom',
        message: 'Enter the domain without svc., e.g. cluster.local (the wizard adds .svc. itself).',
      });
    }
  });

const labelSchema = z.object({
  key: z
    .string()
    .trim()
    .min(1, { error: 'Enter the label key, e.g. app.' })
    .max(317, { error: 'Label keys are at most 253 characters of prefix plus 63 of name.' })
    .refine(
      (key) => {
        const [prefix, name] = key.includes('/') ? key.split('/', 2) : [undefined, key];
        if (prefix !== undefined && (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) return false;
        return name !== undefined && name.length <= 63 && LABEL_NAME.test(name);
      },
      { error: 'A label key is a name like app or app.kubernetes.io/name (letters, digits, -, _ and .).' },
    ),
  value: z.string().trim().max(63, { error: 'Label values are at most 63 characters.' }).regex(LABEL_VALUE, {
    error: 'A label value may contain letters, digits, -, _ and ., and must start and end with a letter or digit.',
  }),
});

// Namespaces typed as one text (`shop, payments` or `shop payments`), kept as a list.
const caNamespaceList = z
  .string()
  .max(2048)
  .transform((text, ctx) => {
    const names = text.split(/[\s,]+/).filter((name) => name !== '');
    const bad = names.find((name) => name.length > 63 || !DNS1123_LABEL.test(name));
    if (bad !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `${bad} is not a namespace name: lowercase letters, digits and '-', separated by commas or spaces.`,
      });
      return z.NEVER;
    }
    return [...new Set(names)];
  });

export const modelSchema = z
  .object({
    mode: z.enum(DEPLOYMENT_MODES, { error: 'Choose how traces reach Dynatrace: operator or standalone.' }),
    istio: z.object({
      version: z
        .string()
        .trim()
        .refine((value) => parseIstioVersion(value) !== undefined, {
          error: 'Enter the Istio version as major.minor or major.minor.patch, e.g. 1.24 or 1.24.3.',
        }),
      ambient: z.boolean({ error: 'Say whether Istio runs in ambient mode.' }),
      ambientTracing: z
        .enum(AMBIENT_TRACING_CHOICES, { error: 'Choose sidecar or waypoints for tracing in ambient mode.' })
        .default('sidecar'),
      rootNamespace: kubernetesLabel('Istio root namespace'),
      istiodNamespace: kubernetesLabel('istiod namespace'),
      revision: istioRevision,
      clusterDomain,
      // The Sail operator's Istio resource is named on its own (`kubectl get istio`), not after the revision
      // (istio-ecosystem/sail-operator 1.30.3 controllers/istio/istio_controller.go getActiveRevisionName).
      sailName: kubernetesLabel('Sail Istio resource name'),
      kubernetesVersion: z
        .string()
        .trim()
        .max(4096)
        .refine((value) => value === '' || parseKubernetesVersion(value) !== undefined, {
          error: 'Enter the Kubernetes version as major.minor, e.g. 1.33, or paste the output of kubectl version.',
        }),
      nativeSidecars: z.enum(NATIVE_SIDECAR_CHOICES, {
        error: 'Choose keep, off-istiod or off-workloads for native sidecars.',
      }),
    }),
    operator: z.object({
      dynakubeName: kubernetesLabel('DynaKube name')
        .max(46, { error: 'The DynaKube name can be at most 46 characters (the ingest service name adds 17).' })
        .regex(DNS1035_LABEL, { error: 'The DynaKube name must start with a letter.' }),
      namespace: kubernetesLabel('Dynatrace Operator namespace'),
      serviceName: z
        .string()
        .trim()
        .refine((value) => value === '' || (value.length <= 63 && DNS1035_LABEL.test(value)), {
          error: "The service name must start with a letter and contain only lowercase letters, digits and '-'.",
        })
        .superRefine((value, ctx) => {
          // The Operator refuses these suffixes (Dynatrace/dynatrace-operator pkg/api/validation/dynakube/telemetryservice.go).
          const suffix = FORBIDDEN_INGEST_SERVICE_SUFFIXES.find((end) => value.endsWith(end));
          if (suffix === undefined) return;
          ctx.addIssue({
            code: 'custom',
            message:
              suffix === '-telemetry-ingest'
                ? "Leave this empty to use the default '<dynakube>-telemetry-ingest'; a custom name may not end in -telemetry-ingest."
                : `The Dynatrace Operator rejects a service name ending in ${suffix} (also -telemetry-ingest, -extension-controller, -activegate and -webhook).`,
          });
        }),
      telemetryIngestEnabled: z.boolean(),
      enableIstio: z.boolean(),
    }),
    dynatrace: z.object({
      environmentKind: z.enum(ENVIRONMENT_KINDS, { error: 'Choose SaaS, Managed or Environment ActiveGate.' }),
      environmentId,
      host: hostName,
      port: optionalInteger('port', 1, 65535, '9999'),
      // Only the Dynatrace sampler reads it (its cluster_id, facts §6); required below when the sampler is on.
      clusterId: optionalInteger('Dynatrace cluster ID', INT32_MIN, INT32_MAX, '-1743916452'),
      tls: z.enum(TENANT_TLS_MODES, { error: 'Choose how the sidecars verify the certificate.' }),
      caCertificates: z
        .string()
        .trim()
        .regex(/^\/[A-Za-z0-9._/-]{1,254}$/, {
          error: 'Enter an absolute file path inside the istio-proxy container, e.g. /etc/dynatrace-ca/ca.crt.',
        }),
      // With your CA: how the proxies get it, and which ones do (generate/private-ca.ts).
      caDelivery: z.enum(CA_DELIVERIES, { error: 'Choose file or configmap for your CA.' }),
      caNamespaces: caNamespaceList,
      caSelector: z.array(labelSchema).max(16, { error: 'Use at most 16 labels.' }),
      caGatewayNamespace: z
        .string()
        .trim()
        .refine((value) => value === '' || (value.length <= 63 && DNS1123_LABEL.test(value)), {
          error: "The gateway's namespace may contain only lowercase letters, digits and '-'.",
        }),
      caGatewaySelector: z.array(labelSchema).max(16, { error: 'Use at most 16 labels.' }),
    }),
    token: z.object({
      value: apiToken,
      storage: z.enum(TOKEN_STORAGES, { error: 'Choose where the API token is kept.' }),
      envName: z.string().trim().regex(ENV_VAR_NAME, {
        error: 'An environment variable name has letters, digits and _, and does not start with a digit.',
      }),
      secretName: z
        .string()
        .trim()
        .min(1, { error: 'Enter the name of the Kubernetes Secret.' })
        .max(253, { error: 'Secret names are at most 253 characters.' })
        .regex(DNS1123_SUBDOMAIN, { error: "A Secret name has lowercase letters, digits, '-' and '.'." }),
    }),
    provider: z.object({
      name: z
        .string()
        .trim()
        .min(1, { error: 'Enter a name for the extension provider, e.g. dynatrace-otel.' })
        .max(253, { error: 'Keep the provider name under 253 characters.' })
        .regex(/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/, {
          error: "The provider name may contain letters, digits, '-', '_' and '.'.",
        }),
      // Go duration syntax, as istiod parses it (go-duration.ts); Envoy needs it above zero.
      timeout: z
        .string()
        .trim()
        .superRefine((value, ctx) => {
          const seconds = parseGoDuration(value);
          if (seconds === undefined) {
            ctx.addIssue({
              code: 'custom',
              message: 'Write the timeout as a duration with a unit, e.g. 10s, 2.5s, 500ms or 1m30s.',
            });
          } else if (seconds <= 0) {
            ctx.addIssue({ code: 'custom', message: 'The timeout must be longer than 0s.' });
          } else if (seconds > 86400) {
            ctx.addIssue({ code: 'custom', message: 'Keep the timeout under a day (e.g. 10s).' });
          }
        }),
      resourceDetector: z.boolean(),
      sampler: z.boolean(),
      rootSpansPerMinute: optionalInteger('root spans per minute', 1, UINT32_MAX, '1000'),
      samplerFromTenant: z.boolean(),
      // Istio 1.30+ (version-gates.ts); refused below in superRefine for older versions.
      serviceAttributeEnrichment: z.boolean(),
    }),
    telemetry: z.object({
      namespace: kubernetesLabel('Telemetry namespace'),
      selector: z.array(labelSchema).max(16, { error: 'Use at most 16 labels.' }),
      samplingPercentage: percentage,
      customTags: z.array(customTagSchema).max(16, { error: 'Use at most 16 custom tags.' }),
      // Checked in waypointIssues, only when the user traces at waypoints.
      waypoint: z
        .object({ name: z.string().trim(), namespace: z.string().trim() })
        .default({ name: '', namespace: '' }),
    }),
    output: z.object({
      meshConfigFormat: z.enum(MESH_CONFIG_FORMATS, { error: 'Choose istio-operator, helm, configmap or sail.' }),
    }),
  })
  .superRefine((model, ctx) => {
    const kind = model.dynatrace.environmentKind;
    if (kind !== 'saas' && model.dynatrace.host === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['dynatrace', 'host'],
        message:
          kind === 'managed'
            ? 'Enter the host of your Managed cluster, e.g. dynatrace.example.com (from https://dynatrace.example.com/e/<id>).'
            : 'Enter the host of your Environment ActiveGate, e.g. activegate.example.com.',
      });
    }
    if (model.provider.sampler && model.dynatrace.clusterId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['dynatrace', 'clusterId'],
        message: CLUSTER_ID_NEEDED,
      });
    }
    const storage = effectiveTokenStorage(model.token.storage, model.istio.version);
    if (needsToken(model) && storage === 'inline' && model.token.value === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['token', 'value'],
        message:
          model.mode === 'standalone'
            ? 'Enter the Dynatrace API token (scope openTelemetryTrace.ingest, plus adaptiveTrafficManagement.read for the sampler), or keep it in a Kubernetes Secret instead.'
            : 'Enter the Dynatrace API token with scope adaptiveTrafficManagement.read, or keep it in a Kubernetes Secret instead.',
      });
    }
    const tokenRefusal = versionRefusal('tokenFromIstiodEnv', model.istio.version);
    if (tokenRefusal && storage === 'istiod-env' && needsToken(model)) {
      ctx.addIssue({
        code: 'custom',
        path: ['token', 'storage'],
        message: `${tokenRefusal} Choose “in the mesh config” for this version.`,
      });
    }
    const enrichmentRefusal = versionRefusal('serviceAttributeEnrichment', model.istio.version);
    if (enrichmentRefusal && model.provider.serviceAttributeEnrichment) {
      ctx.addIssue({
        code: 'custom',
        path: ['provider', 'serviceAttributeEnrichment'],
        message: `${enrichmentRefusal} Turn it off for this version.`,
      });
    }
    for (const issue of customTagIssues(model.telemetry.customTags, model.istio.version)) {
      ctx.addIssue({
        code: 'custom',
        path: ['telemetry', 'customTags', issue.index, issue.field],
        message: issue.message,
      });
    }
    if (
      model.telemetry.selector.length > 0 &&
      model.telemetry.namespace === model.istio.rootNamespace &&
      // With a waypoint target the Telemetry lives in the waypoint's namespace; waypointIssues reports the selector.
      !waypointTarget(model)
    ) {
      // istiod applies selector Telemetries from the proxy's own namespace only; from the root namespace it
      // takes just the selector-less one (istio/istio pilot/pkg/model/telemetry.go applicableTelemetries).
      ctx.addIssue({
        code: 'custom',
        path: ['telemetry', 'namespace'],
        message: `A Telemetry with a workload selector applies only to pods in its own namespace: in the root namespace ${model.istio.rootNamespace} it would match only pods there, not the whole mesh. Enter the namespace of the workloads you select.`,
      });
    }
    for (const issue of waypointIssues(model)) ctx.addIssue({ code: 'custom', ...issue });
    for (const issue of privateCaIssues(model)) ctx.addIssue({ code: 'custom', ...issue });
    const seen = new Set<string>();
    model.telemetry.selector.forEach((label, index) => {
      if (seen.has(label.key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['telemetry', 'selector', index, 'key'],
          message: `The label ${label.key} is listed twice.`,
        });
      }
      seen.add(label.key);
    });
  })
  // The generators see where the token really goes; 'auto' stays in the form, links and drafts.
  .transform((model) => ({
    ...model,
    token: { ...model.token, storage: effectiveTokenStorage(model.token.storage, model.istio.version) },
  }));

/** What the user has typed: numbers may still be strings. */
export type ModelInput = z.input<typeof modelSchema>;
/** A validated configuration: the only thing the generators accept. */
export type Model = z.output<typeof modelSchema>;

export type Validation = { ok: true; model: Model } | { ok: false; issues: FieldIssue[] };

/** Validates anything (form values, CLI flags, decoded links, JSON files). Never throws. */
export function validateModel(input: unknown): Validation {
  const result = modelSchema.safeParse(input);
  if (result.success) return { ok: true, model: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  };
}
