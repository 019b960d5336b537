import type { CustomTagInput } from './custom-tags';

/** A preset: a custom tag of a fixed kind, as the form and the model take it. */
export type ClusterTag = CustomTagInput & { type: 'environment' | 'literal' };

/*
 * Telling clusters apart when several send traces to one Dynatrace environment: a custom span tag per cluster.
 * - From the proxy's environment: ISTIO_META_CLUSTER_ID is set on every proxy istiod injects or deploys (sidecar,
 *   gateway, waypoint and kube-gateway templates, istio/istio manifests/charts/istio-control/istio-discovery/files/ at
 *   1.22.0 … 1.30.3) to `global.multiCluster.clusterName`, default `Kubernetes`. Istio itself also tags spans with it as
 *   `istio.cluster_id` while its own tags are on (tracing.go buildServiceTags; Telemetry enableIstioTags, 1.25+, can
 *   turn them off). It tells clusters apart only where each cluster's Istio was installed with its own clusterName.
 * - A literal per cluster: works whatever the install, but needs one bundle per cluster.
 */

/** The OpenTelemetry semantic-convention name for a Kubernetes cluster. */
export const CLUSTER_TAG_NAME = 'k8s.cluster.name';
export const CLUSTER_ID_VARIABLE = 'ISTIO_META_CLUSTER_ID';

/** A custom tag from the proxy's ISTIO_META_CLUSTER_ID (Istio's clusterName; `Kubernetes` unless set at install). */
export function clusterTagFromProxy(name: string = CLUSTER_TAG_NAME): ClusterTag {
  return { name, type: 'environment', value: CLUSTER_ID_VARIABLE, defaultValue: '' };
}

/** A custom tag with the cluster's name written in: one bundle per cluster. */
export function literalClusterTag(cluster: string, name: string = CLUSTER_TAG_NAME): ClusterTag {
  return { name, type: 'literal', value: cluster, defaultValue: '' };
}

/** The CLI flag for either preset, e.g. `--tag k8s.cluster.name=literal:eu-west-1`. */
export function clusterTagFlag(tag: CustomTagInput): string {
  return tag.type === 'literal' ? `${tag.name}=literal:${tag.value}` : `${tag.name}=env:${tag.value}`;
}
