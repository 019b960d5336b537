import { TENANT_PLAIN_PORT } from '../endpoints';
import { resolveSetup, type TenantRule } from '../setup/resolved-setup';
import type { Model } from '../model';
import { toYamlStream } from '../yaml-text';
import { DESTINATION_RULE_NAME } from './private-ca';

/*
 * The ServiceEntry + DestinationRules that let the proxies reach the tenant. Current Dynatrace form
 * (facts §4.2, istio#53382): the exporter speaks plain HTTP to port 80, which maps to the tenant's
 * HTTPS port, and TLS is originated on port 80 only. Apps calling the tenant over HTTPS themselves
 * keep working, which the old "443 + tls: SIMPLE" snippet broke. The rules, and which proxies each one
 * reaches, are the resolved setup's TLS arrangement (one in the root namespace, or one per namespace with
 * a private CA file; private-ca.ts).
 */

export const SERVICE_ENTRY_FILE_NAME = 'dt-serviceentry.yaml';
export const SERVICE_ENTRY_NAME = 'dynatrace-se-otel';
export { DESTINATION_RULE_NAME };

export type ServiceEntryResult =
  | {
      needed: true;
      fileName: string;
      documents: Record<string, unknown>[];
      text: string;
      /** With a private CA: which proxies each DestinationRule reaches, then what the arrangement leaves out. */
      scope: string[];
    }
  | { needed: false; reason: string };

export function generateServiceEntry(model: Model): ServiceEntryResult {
  const { endpoints, tls } = resolveSetup(model);
  if (!endpoints.tenant || endpoints.serviceEntryNamespace === undefined) {
    return {
      needed: false,
      reason:
        'Nothing to apply: in Operator mode the sidecars send traces to the telemetry-ingest service inside the cluster, and nothing in this configuration calls the tenant directly.',
    };
  }
  const tenant = endpoints.tenant;
  const namespace = endpoints.serviceEntryNamespace;
  const serviceEntry = {
    apiVersion: 'networking.istio.io/v1',
    kind: 'ServiceEntry',
    metadata: { name: SERVICE_ENTRY_NAME, namespace },
    spec: {
      hosts: [tenant.host],
      ports: [
        { number: TENANT_PLAIN_PORT, name: 'http-port', protocol: 'HTTP', targetPort: tenant.httpsPort },
        { number: tenant.httpsPort, name: 'https-port', protocol: 'HTTPS' },
      ],
      resolution: 'DNS',
      location: 'MESH_EXTERNAL',
    },
  };
  const documents = [serviceEntry, ...tls.rules.map((rule) => destinationRule(rule, tenant.host))];
  const scope =
    tls.kind === 'ca-certificates' || tls.kind === 'ca-configmap'
      ? [...tls.rules.map((rule) => `${rule.namespace}/${rule.name}: ${rule.description}.`), tls.tradeOff]
      : [];
  return { needed: true, fileName: SERVICE_ENTRY_FILE_NAME, documents, text: toYamlStream(documents), scope };
}

/** One rule as a DestinationRule: TLS originated on port 80 only. */
export function destinationRule(rule: TenantRule, host: string): Record<string, unknown> {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: rule.name, namespace: rule.namespace },
    spec: {
      host,
      ...(rule.workloadSelector ? { workloadSelector: { matchLabels: rule.workloadSelector } } : {}),
      ...(rule.exportTo ? { exportTo: rule.exportTo } : {}),
      trafficPolicy: {
        portLevelSettings: [{ port: { number: TENANT_PLAIN_PORT }, tls: { ...rule.tls } }],
      },
    },
  };
}
