import { FIND_ISTIOD_COMMAND } from './control-plane';

/** The commands that check each requirement on the user's cluster (step 1), copyable as they are. */
export const REQUIREMENT_COMMANDS = {
  istioVersion: 'istioctl version',
  ambientNamespaces: 'kubectl get namespaces -L istio.io/dataplane-mode -L istio-injection',
  telemetryIngest: `kubectl get dynakube -A -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name}: telemetryIngest={.spec.telemetryIngest}{"\\n"}{end}'`,
  enableIstio: `kubectl get dynakube -A -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name}: enableIstio={.spec.enableIstio}{"\\n"}{end}'`,
  // The ingest Service's component label: dynatrace-otel-collector from Operator 1.8, dynatrace-opentelemetry-collector
  // in 1.6 and 1.7 (Dynatrace/dynatrace-operator pkg/util/kubernetes/fields/k8slabel/labels.go OTelColComponentLabel).
  ingestService:
    "kubectl get services -A -l 'app.kubernetes.io/component in (dynatrace-otel-collector,dynatrace-opentelemetry-collector)'",
  istiod: FIND_ISTIOD_COMMAND,
} as const;
