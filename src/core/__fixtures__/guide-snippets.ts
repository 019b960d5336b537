/*
 * The Dynatrace guide's own snippets (shared/reference/dynatrace-istio-otel-guide.md step 3, and the
 * current standalone snippet in istio-dynatrace-facts.md §4.2), re-indented, placeholders intact.
 */
export const GUIDE_OPERATOR_MESH_CONFIG = `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
spec:
  meshConfig:
    extensionProviders:
    - name: dynatrace-otel
      opentelemetry:
        port: 4318
        service: "<dynakube-name>-telemetry-ingest.<dynatrace-operator-namespace>.svc.cluster.local"
        http:
          path: "/v1/traces"
          timeout: 10s
        resource_detectors:
          dynatrace: {}
        dynatrace_sampler:
          tenant: "<your-tenant-id>"
          cluster_id: <cluster-id>
`;

export const FACTS_STANDALONE_MESH_CONFIG = `extensionProviders:
- name: dynatrace-otel
  opentelemetry:
    port: 80
    service: "istio-system/<your-environment-id>.live.dynatrace.com"
    http:
      path: "/api/v2/otlp/v1/traces"
      timeout: 10s
      headers:
      - name: "Authorization"
        value: "Api-Token <API_TOKEN>"
    resource_detectors:
      dynatrace: {}
    dynatrace_sampler:
      tenant: "<your-tenant-id>"
      cluster_id: <cluster-id>
`;

export const FACTS_STANDALONE_SERVICE_ENTRY = `apiVersion: networking.istio.io/v1alpha3
kind: ServiceEntry
metadata: { name: dynatrace-se-otel }
spec:
  hosts: [ <your-environment-id>.live.dynatrace.com ]
  ports:
  - { number: 80,  name: http-port,  protocol: HTTP,  targetPort: 443 }
  - { number: 443, name: https-port, protocol: HTTPS }
  resolution: DNS
  location: MESH_EXTERNAL
---
apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata: { name: dynatrace-dr-otel }
spec:
  host: <your-environment-id>.live.dynatrace.com
  trafficPolicy:
    portLevelSettings:
    - port: { number: 80 }
      tls: { mode: SIMPLE }
`;

export function fill(snippet: string, values: Record<string, string>): string {
  return snippet.replace(/<([a-z_A-Z-]+)>/g, (whole, name: string) => values[name] ?? whole);
}
