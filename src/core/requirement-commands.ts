/** The commands that check each requirement on the user's cluster (step 1), copyable as they are. */
export const REQUIREMENT_COMMANDS = {
  istioVersion: 'istioctl version',
  ambientNamespaces: 'kubectl get namespaces -L istio.io/dataplane-mode -L istio-injection',
  telemetryIngest: `kubectl get dynakube -A -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name}: telemetryIngest={.spec.telemetryIngest}{"\\n"}{end}'`,
  enableIstio: `kubectl get dynakube -A -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name}: enableIstio={.spec.enableIstio}{"\\n"}{end}'`,
  ingestService: 'kubectl get services -A -l app.kubernetes.io/component=telemetry-ingest',
} as const;
