import { stringify } from 'yaml';
import { POD_LIST_HEADER, readCluster, type ClusterSnapshot } from '../read-cluster';
import type { MapWorkload, TracingMap } from '../tracing-map';

/*
 * Small clusters for the map's decision tests, written in the formats kubectl prints (see README.md here): a
 * `kind: List` of Namespaces, Telemetries and mesh ConfigMaps (`-o yaml`), and the pod command's compact list.
 */

export interface SmallPod {
  namespace: string;
  name: string;
  /** `ReplicaSet/web-5d8f7c9b4`, `StatefulSet/db`, or '' for a bare pod. */
  owner?: string;
  labels?: Record<string, string>;
  containers?: string[];
  initContainers?: string[];
}

export interface SmallTelemetry {
  namespace: string;
  name: string;
  created?: string;
  spec: Record<string, unknown>;
}

export interface SmallCluster {
  namespaces?: Record<string, Record<string, string>>;
  pods?: SmallPod[];
  telemetries?: SmallTelemetry[];
  /** Revision → the `mesh` text's object (ConfigMap `istio` for default, else `istio-<revision>`). */
  meshes?: Record<string, Record<string, unknown>>;
  gateways?: { namespace: string; name: string; className: string }[];
}

// kubectl (Go's YAML) quotes a string a YAML 1.1 reader would take for another type (`off`, `yes`): so does this.
const yaml11 = (value: unknown) => stringify(value, { version: '1.1' });
const list = (items: unknown[]) => yaml11({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } });

export function podLine(pod: SmallPod): string {
  return [
    pod.namespace,
    pod.name,
    pod.owner ?? '/',
    JSON.stringify(pod.labels ?? {}),
    (pod.containers ?? ['app', 'istio-proxy']).join(' '),
    (pod.initContainers ?? []).join(' '),
  ].join('\t');
}

/** The texts people paste, one per kind given. */
export function smallClusterTexts(cluster: SmallCluster): { name: string; text: string }[] {
  const texts: { name: string; text: string }[] = [];
  if (cluster.namespaces)
    texts.push({
      name: 'namespaces.yaml',
      text: list(
        Object.entries(cluster.namespaces).map(([name, labels]) => ({
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { labels: { 'kubernetes.io/metadata.name': name, ...labels }, name },
        })),
      ),
    });
  if (cluster.pods)
    texts.push({ name: 'pods.txt', text: `${POD_LIST_HEADER}\n${cluster.pods.map(podLine).join('\n')}\n` });
  if (cluster.telemetries)
    texts.push({
      name: 'telemetry.yaml',
      text: list(
        cluster.telemetries.map((t) => ({
          apiVersion: 'telemetry.istio.io/v1',
          kind: 'Telemetry',
          metadata: {
            ...(t.created ? { creationTimestamp: t.created } : {}),
            name: t.name,
            namespace: t.namespace,
          },
          spec: t.spec,
        })),
      ),
    });
  if (cluster.meshes)
    texts.push({
      name: 'mesh-configmaps.yaml',
      text: list(
        Object.entries(cluster.meshes).map(([revision, mesh]) => ({
          apiVersion: 'v1',
          data: { mesh: yaml11(mesh) },
          kind: 'ConfigMap',
          metadata: {
            labels: { 'istio.io/rev': revision },
            name: revision === 'default' ? 'istio' : `istio-${revision}`,
            namespace: 'istio-system',
          },
        })),
      ),
    });
  if (cluster.gateways)
    texts.push({
      name: 'gateways.yaml',
      text: list(
        cluster.gateways.map((g) => ({
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'Gateway',
          metadata: { name: g.name, namespace: g.namespace },
          spec: { gatewayClassName: g.className },
        })),
      ),
    });
  return texts;
}

export function smallCluster(cluster: SmallCluster): ClusterSnapshot {
  const snapshot = readCluster(smallClusterTexts(cluster));
  if (snapshot.problems.length > 0) throw new Error(`small cluster not readable: ${snapshot.problems.join('; ')}`);
  return snapshot;
}

/** A mesh config with the Dynatrace provider (and zipkin), as the wizard writes it. */
export function meshWith(options: { sampler?: boolean; defaultTracing?: string[]; extra?: unknown[] } = {}) {
  return {
    extensionProviders: [
      {
        name: 'dynatrace-otel',
        opentelemetry: {
          port: 4318,
          service: 'dynakube-telemetry-ingest.dynatrace.svc.cluster.local',
          http: { path: '/v1/traces', timeout: '10s' },
          ...(options.sampler ? { dynatrace_sampler: { tenant: 'abc12345', cluster_id: -1743916452 } } : {}),
        },
      },
      { name: 'zipkin', zipkin: { service: 'zipkin.istio-system.svc.cluster.local', port: 9411 } },
      ...(options.extra ?? []),
    ],
    ...(options.defaultTracing ? { defaultProviders: { tracing: options.defaultTracing } } : {}),
    rootNamespace: 'istio-system',
  };
}

/** A creation time on one morning, minute by minute: later minutes are newer Telemetries. */
export const TIME = (minute: number) => `2026-11-02T09:${String(minute).padStart(2, '0')}:00Z`;
/** A tracing entry naming our provider. */
export const OURS = { providers: [{ name: 'dynatrace-otel' }] };
/** The wizard's mesh-wide Telemetry in istio-system, the oldest. */
export const meshWide = {
  namespace: 'istio-system',
  name: 'mesh-default',
  created: TIME(0),
  spec: { tracing: [OURS] },
};

/** The workload of a namespace by its owner; throws, naming those there are, when it is missing. */
export function findWorkload(map: TracingMap, namespace: string, owner: string): MapWorkload {
  const found = map.workloads.find((w) => w.namespace === namespace && w.owner === owner);
  if (!found) throw new Error(`no ${namespace}/${owner} in ${map.workloads.map((w) => w.owner).join(', ')}`);
  return found;
}

/** A pod with an injected sidecar (istio-proxy container, istio-init init container). */
export const sidecar = (namespace: string, name: string, labels: Record<string, string> = {}): SmallPod => ({
  namespace,
  name,
  labels,
  containers: ['app', 'istio-proxy'],
  initContainers: ['istio-init'],
});

/** A pod without a proxy. */
export const noProxy = (namespace: string, name: string, labels: Record<string, string> = {}): SmallPod => ({
  namespace,
  name,
  labels,
  containers: ['app'],
});
