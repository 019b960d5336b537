import type { EnvironmentKind } from './defaults';
import type { Model } from './model';

/*
 * Where traces and the sampler's requests go, per deployment mode and environment kind.
 * The only place that knows Dynatrace URLs and ports.
 */

/** A Dynatrace environment reached over HTTPS from the mesh. */
export interface DynatraceTenant {
  /** Host name the ServiceEntry declares, e.g. abc12345.live.dynatrace.com. */
  host: string;
  /** The HTTPS port the tenant really listens on (443, or 9999 for an ActiveGate). */
  httpsPort: number;
  /** Path prefix before /api: empty for SaaS, /e/<id> for Managed and ActiveGate. */
  pathPrefix: string;
}

/** Where the OpenTelemetry exporter sends spans, as istiod's extension provider names it. */
export interface TraceEndpoint {
  /** `[<namespace>/]<hostname>` as the provider's `service` field takes it. */
  service: string;
  port: number;
  path: string;
}

/** The plain-HTTP port the sidecar exports to; the DestinationRule originates TLS from it (facts §4.2). */
export const TENANT_PLAIN_PORT = 80;
/** The OTLP/HTTP port of the Dynatrace Operator's telemetry-ingest service (facts §5). */
export const TELEMETRY_INGEST_OTLP_HTTP_PORT = 4318;
export const DEFAULT_ACTIVEGATE_PORT = 9999;

export function tenantOf(model: Model): DynatraceTenant {
  const { environmentKind, environmentId, host, port } = model.dynatrace;
  switch (environmentKind) {
    case 'saas':
      return { host: `${environmentId}.live.dynatrace.com`, httpsPort: 443, pathPrefix: '' };
    case 'managed':
      return { host, httpsPort: port ?? 443, pathPrefix: `/e/${environmentId}` };
    case 'activegate':
      return { host, httpsPort: port ?? DEFAULT_ACTIVEGATE_PORT, pathPrefix: `/e/${environmentId}` };
  }
}

/** The tenant's base URL as a person would open it, e.g. https://abc12345.live.dynatrace.com. */
export function tenantUrl(tenant: DynatraceTenant): string {
  const port = tenant.httpsPort === 443 ? '' : `:${tenant.httpsPort}`;
  return `https://${tenant.host}${port}${tenant.pathPrefix}`;
}

export function telemetryIngestServiceHost(model: Model): string {
  const name = model.operator.serviceName || `${model.operator.dynakubeName}-telemetry-ingest`;
  // istiod's registry knows Kubernetes services only by <name>.<namespace>.svc.<cluster domain>
  // (istio/istio pilot/pkg/serviceregistry/kube/conversion.go ServiceHostname).
  return `${name}.${model.operator.namespace}.svc.${model.istio.clusterDomain}`;
}

/**
 * The tenant host as the provider references it. The namespace prefix pins the lookup to our
 * ServiceEntry, so a same-host entry made by the Operator's enableIstio never makes it ambiguous (facts §2).
 * It must name the namespace the ServiceEntry is in: istiod looks `<ns>/<host>` up by the service's own
 * namespace (istio/istio pilot/pkg/model/telemetry_logging.go LookupCluster). The ServiceEntry stays in
 * the root namespace, Istio's home for mesh-wide configuration, and is visible to every namespace
 * (no exportTo), so the reference names the root namespace, not istiod's.
 */
export function tenantServiceReference(model: Model): string {
  return `${model.istio.rootNamespace}/${tenantOf(model).host}`;
}

export function traceEndpoint(model: Model): TraceEndpoint {
  if (model.mode === 'operator') {
    return { service: telemetryIngestServiceHost(model), port: TELEMETRY_INGEST_OTLP_HTTP_PORT, path: '/v1/traces' };
  }
  const tenant = tenantOf(model);
  return {
    service: tenantServiceReference(model),
    port: TENANT_PLAIN_PORT,
    path: `${tenant.pathPrefix}/api/v2/otlp/v1/traces`,
  };
}

export function samplingConfigurationPath(model: Model): string {
  return `${tenantOf(model).pathPrefix}/api/v2/samplingConfiguration`;
}

/** Whether any traffic goes from the mesh straight to the tenant (and so needs a ServiceEntry). */
export function reachesTenant(model: Model): boolean {
  return model.mode === 'standalone' || (model.provider.sampler && model.provider.samplerFromTenant);
}

export interface ParsedEnvironmentUrl {
  environmentKind: EnvironmentKind;
  environmentId: string;
  host: string;
  port?: number;
}

/**
 * Reads an environment URL the way users copy it from the browser or from Dynatrace snippets:
 * https://abc12345.live.dynatrace.com/…, https://abc12345.apps.dynatrace.com/…,
 * https://managed.example.com/e/<id>/…, https://activegate.example.com:9999/e/<id>/….
 */
export function parseEnvironmentUrl(text: string): ParsedEnvironmentUrl | undefined {
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(text.trim()) ? text.trim() : `https://${text.trim()}`);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const host = url.hostname.toLowerCase();
  const saas = /^([a-z0-9][a-z0-9-]*)\.(?:live|apps)\.dynatrace\.com$/.exec(host);
  if (saas?.[1]) return { environmentKind: 'saas', environmentId: saas[1], host: '' };
  const managed = /^\/e\/([a-z0-9][a-z0-9-]*)(?:\/|$)/.exec(url.pathname);
  if (!managed?.[1]) return undefined;
  const port = url.port === '' ? undefined : Number(url.port);
  const kind: EnvironmentKind = port === DEFAULT_ACTIVEGATE_PORT ? 'activegate' : 'managed';
  return { environmentKind: kind, environmentId: managed[1], host, ...(port === undefined ? {} : { port }) };
}
