import { parseGoDuration } from './go-duration';
/*
 * The part of Istio's MeshConfig that this tool writes, as field names and types from
 * istio/api mesh/v1alpha1/config.proto (facts §1). istiod silently drops unknown or misspelt keys
 * (facts §1.5), so we check our own output, and the user's pasted config, against this table.
 * Proto JSON accepts both the lowerCamelCase and the original snake_case name of every field.
 */

type Scalar = 'string' | 'bool' | 'uint32' | 'int32' | 'double' | 'duration';
type FieldType =
  | Scalar
  | { kind: 'message'; fields: Fields; oneof?: string[][] }
  | { kind: 'list'; of: FieldType }
  | { kind: 'enum'; values: string[] }
  | { kind: 'any' };

interface Field {
  type: FieldType;
  /** First Istio minor version whose API has the field. */
  since?: number;
}

type Fields = Record<string, Field>;

const message = (fields: Fields, oneof?: string[][]): FieldType => ({
  kind: 'message',
  fields,
  ...(oneof ? { oneof } : {}),
});
const list = (of: FieldType): FieldType => ({ kind: 'list', of });
const any: FieldType = { kind: 'any' };

const httpHeader = message(
  { name: { type: 'string' }, value: { type: 'string' }, env_name: { type: 'string', since: 26 } },
  [['value', 'env_name']],
);
const httpService = message({
  path: { type: 'string' },
  timeout: { type: 'duration' },
  headers: { type: list(httpHeader) },
});
const grpcService = message({ timeout: { type: 'duration' }, initial_metadata: { type: list(httpHeader) } });
const dynatraceSampler = message({
  tenant: { type: 'string' },
  cluster_id: { type: 'int32' },
  root_spans_per_minute: { type: 'uint32' },
  http_service: {
    type: message({ service: { type: 'string' }, port: { type: 'uint32' }, http: { type: httpService } }),
  },
});
const openTelemetry = message(
  {
    service: { type: 'string' },
    port: { type: 'uint32' },
    max_tag_length: { type: 'uint32' },
    http: { type: httpService, since: 22 },
    resource_detectors: {
      type: message({ environment: { type: message({}) }, dynatrace: { type: message({}) } }),
      since: 22,
    },
    dynatrace_sampler: { type: dynatraceSampler, since: 22 },
    grpc: { type: grpcService, since: 24 },
    service_attribute_enrichment: {
      type: { kind: 'enum', values: ['ISTIO_CANONICAL', 'OTEL_SEMANTIC_CONVENTIONS'] },
      since: 30,
    },
  },
  [['http', 'grpc']],
);

/** The provider types of ExtensionProvider's `oneof provider` (facts §1.2). */
export const PROVIDER_TYPES = [
  'envoy_ext_authz_http',
  'envoy_ext_authz_grpc',
  'zipkin',
  'lightstep',
  'datadog',
  'stackdriver',
  'opencensus',
  'skywalking',
  'prometheus',
  'envoy_file_access_log',
  'envoy_http_als',
  'envoy_tcp_als',
  'envoy_otel_als',
  'opentelemetry',
  'sds',
] as const;

/** Provider types that produce traces, and so compete for `defaultProviders.tracing`. */
export const TRACING_PROVIDER_TYPES = [
  'zipkin',
  'lightstep',
  'datadog',
  'stackdriver',
  'opencensus',
  'skywalking',
  'opentelemetry',
];

const extensionProvider = message(
  {
    name: { type: 'string' },
    ...Object.fromEntries(
      PROVIDER_TYPES.map((type) => [type, { type: type === 'opentelemetry' ? openTelemetry : any }]),
    ),
  },
  [[...PROVIDER_TYPES]],
);

/** Top-level MeshConfig fields (config.proto, Istio 1.22–1.30). Values other than ours are not type-checked. */
export const MESH_CONFIG_TOP_LEVEL_FIELDS = [
  'proxy_listen_port',
  'proxy_inbound_listen_port',
  'proxy_http_port',
  'connect_timeout',
  'protocol_detection_timeout',
  'tcp_keepalive',
  'ingress_class',
  'ingress_service',
  'ingress_controller_mode',
  'ingress_selector',
  'enable_tracing',
  'access_log_file',
  'access_log_format',
  'access_log_encoding',
  'enable_envoy_access_log_service',
  'disable_envoy_listener_log',
  'default_config',
  'outbound_traffic_policy',
  'inbound_traffic_policy',
  'config_sources',
  'enable_auto_mtls',
  'trust_domain',
  'trust_domain_aliases',
  'default_service_export_to',
  'default_virtual_service_export_to',
  'default_destination_rule_export_to',
  'root_namespace',
  'locality_lb_setting',
  'dns_refresh_rate',
  'h2_upgrade_policy',
  'inbound_cluster_stat_name',
  'outbound_cluster_stat_name',
  'certificates',
  'service_settings',
  'enable_prometheus_merge',
  'verify_certificate_at_client',
  'ca',
  'extension_providers',
  'default_providers',
  'discovery_selectors',
  'path_normalization',
  'default_http_retry_policy',
  'mesh_mTLS',
  'tls_defaults',
  'ca_certificates',
  'service_scope_configs',
  'thrift_config',
  'enable_sds_token_mount',
  'sds_uds_path',
  'mesh_networks',
  'trust_domain_aliases',
];

const meshConfig = message({
  ...Object.fromEntries(MESH_CONFIG_TOP_LEVEL_FIELDS.map((name) => [name, { type: any }])),
  extension_providers: { type: list(extensionProvider) },
  default_providers: {
    type: message({
      tracing: { type: list('string') },
      metrics: { type: list('string') },
      access_logging: { type: list('string') },
    }),
  },
  enable_tracing: { type: 'bool' },
});

export interface SchemaIssue {
  path: string;
  message: string;
}

/** snake_case → lowerCamelCase, as protobuf's JSON mapping names fields. */
export function camelCase(name: string): string {
  return name.replace(/_([a-zA-Z])/g, (_, c: string) => c.toUpperCase());
}

// Every accepted spelling of every field, per message, built once (large configs have thousands of entries).
const spellings = new WeakMap<Fields, Map<string, [string, Field]>>();

function lookup(fields: Fields, key: string): [string, Field] | undefined {
  let table = spellings.get(fields);
  if (!table) {
    table = new Map();
    for (const [name, field] of Object.entries(fields)) {
      table.set(name, [name, field]);
      table.set(camelCase(name), [name, field]);
    }
    spellings.set(fields, table);
  }
  return table.get(key);
}

/**
 * Checks a meshConfig object (as parsed from YAML) against the table above.
 * `istioMinor` (e.g. 24 for 1.24) also flags fields newer than the user's Istio.
 */
export function checkMeshConfig(value: unknown, istioMinor?: number): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  check(value, meshConfig, 'meshConfig', issues, istioMinor);
  return issues;
}

function check(value: unknown, type: FieldType, path: string, issues: SchemaIssue[], minor?: number): void {
  const fail = (message: string) => issues.push({ path, message });
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
        if (typeof value !== 'string') fail('must be a string');
        return;
      case 'bool':
        if (typeof value !== 'boolean') fail('must be true or false');
        return;
      case 'double':
        if (typeof value !== 'number') fail('must be a number');
        return;
      case 'uint32':
        if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 4294967295)
          fail('must be a whole number from 0 to 4294967295');
        return;
      case 'int32':
        if (!Number.isInteger(value) || (value as number) < -2147483648 || (value as number) > 2147483647) {
          fail('must be a whole number from -2147483648 to 2147483647 (a signed 32-bit integer)');
        }
        return;
      case 'duration':
        if (typeof value !== 'string' || parseGoDuration(value) === undefined)
          fail('must be a duration such as 10s, 500ms or 1m30s');
        return;
    }
  }
  switch (type.kind) {
    case 'any':
      return;
    case 'enum':
      if (typeof value !== 'string' || !type.values.includes(value)) fail(`must be one of ${type.values.join(', ')}`);
      return;
    case 'list':
      if (value === null || value === undefined) return;
      if (!Array.isArray(value)) {
        fail('must be a list');
        return;
      }
      value.forEach((item, index) => check(item, type.of, `${path}[${index}]`, issues, minor));
      return;
    case 'message': {
      if (value === null || value === undefined) return;
      if (typeof value !== 'object' || Array.isArray(value)) {
        fail('must be a map of fields');
        return;
      }
      const present = new Map<string, string>();
      for (const [key, child] of Object.entries(value)) {
        const found = lookup(type.fields, key);
        if (!found) {
          issues.push({
            path: `${path}.${key}`,
            message: 'is not a field Istio knows here; istiod would silently ignore it',
          });
          continue;
        }
        const [name, field] = found;
        if (present.has(name)) {
          issues.push({ path: `${path}.${key}`, message: `is given twice (also as ${present.get(name)})` });
        }
        present.set(name, key);
        if (minor !== undefined && field.since !== undefined && minor < field.since) {
          issues.push({ path: `${path}.${key}`, message: `needs Istio 1.${field.since} or later` });
        }
        check(child, field.type, `${path}.${key}`, issues, minor);
      }
      for (const group of type.oneof ?? []) {
        const set = [...present.keys()].filter((name) => group.includes(name));
        if (set.length > 1) fail(`may hold only one of ${set.map((name) => present.get(name)).join(', ')}`);
      }
      return;
    }
  }
}
