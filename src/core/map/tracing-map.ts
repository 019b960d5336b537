import { GATEWAY_NAME_LABEL, matchLabelsOf, WAYPOINT_GATEWAY_CLASS } from '../istiod/telemetry-attachment';
import { loadMeshConfig, type LoadedMesh, type LoadedProvider } from '../istiod/mesh-providers';
import { resolveTracing, type ProxyInput, type SideOutcome, type TelemetryInput } from '../istiod/tracing-rules';
import type { Model } from '../model';
import { resolveSetup, type ResolvedSetup } from '../setup/resolved-setup';
import type { ClusterSnapshot, NamespaceInfo, PodInfo } from './read-cluster';

/*
 * The tracing map: for every workload of the cluster, whether its spans reach Dynatrace, through which provider,
 * which Telemetries decide, and, where nothing arrives, why and what to do. Every verdict on Telemetries comes from
 * the istiod rules module (istiod/tracing-rules.ts); this file only finds the proxy that handles a workload's
 * requests and the mesh config of the control plane that configures it.
 *
 * Which proxy, read from what the cluster prints (istio/istio at 1.28.0):
 * - an `istio-proxy` container: a sidecar; an `istio-proxy` init container: a native sidecar (1.27+ on Kubernetes
 *   1.33+, pkg/kube/inject/webhook.go); the injector labels the pod `istio.io/rev` ("default" without a revision,
 *   manifests/charts/istio-control/istio-discovery/files/injection-template.yaml);
 * - pods labelled `gateway.networking.k8s.io/gateway-name` are deployed from a Gateway API Gateway (files/waypoint.yaml,
 *   files/kube-gateway.yaml): a waypoint when its Gateway's class is istio-waypoint, else a gateway; pods labelled
 *   `istio: ingressgateway|egressgateway` are classic gateways;
 * - without a proxy in the pod: ambient when the pod or its namespace is labelled istio.io/dataplane-mode=ambient
 *   (spans only from a waypoint: istio.io/use-waypoint on the pod or namespace), else not in the mesh.
 * The mesh ConfigMap of a revision is `istio` (default) or `istio-<revision>` and carries the label istio.io/rev
 * (istio-discovery templates/configmap.yaml, same at 1.22.0).
 */

export type WorkloadStatus =
  | 'sends'
  | 'partial'
  | 'other-provider'
  | 'no-provider'
  | 'disabled'
  | 'sampling-zero'
  | 'ambient-no-waypoint'
  | 'not-injected'
  | 'not-in-mesh'
  | 'unknown';

export const STATUS_LABELS: Record<WorkloadStatus, string> = {
  sends: 'sends spans',
  partial: 'sends some spans',
  'other-provider': 'another provider',
  'no-provider': 'no provider',
  disabled: 'span reporting disabled',
  'sampling-zero': 'sampling 0 %',
  'ambient-no-waypoint': 'ambient without waypoint',
  'not-injected': 'not injected',
  'not-in-mesh': 'not in the mesh',
  unknown: 'not known',
};

/** How the summary says it: singular, plural. */
const SUMMARY_VERBS: Record<WorkloadStatus, [string, string]> = {
  sends: ['sends spans', 'send spans'],
  partial: ['sends spans on one side only', 'send spans on one side only'],
  'other-provider': ['sends spans to another provider', 'send spans to another provider'],
  'no-provider': ['has no tracing provider in effect', 'have no tracing provider in effect'],
  disabled: ['has span reporting disabled', 'have span reporting disabled'],
  'sampling-zero': ['samples 0 % of requests', 'sample 0 % of requests'],
  'ambient-no-waypoint': ['is ambient without a waypoint', 'are ambient without a waypoint'],
  'not-injected': ['is not injected', 'are not injected'],
  'not-in-mesh': ['is not in the mesh', 'are not in the mesh'],
  unknown: ['could not be judged', 'could not be judged'],
};

export type DataPlane = 'sidecar' | 'native-sidecar' | 'gateway' | 'waypoint' | 'ambient' | 'ambient-waypoint' | 'none';

export const DATA_PLANE_LABELS: Record<DataPlane, string> = {
  sidecar: 'sidecar',
  'native-sidecar': 'native sidecar',
  gateway: 'gateway',
  waypoint: 'waypoint',
  ambient: 'ambient, no waypoint',
  'ambient-waypoint': 'ambient with waypoint',
  none: 'no proxy',
};

export interface MapWorkload {
  namespace: string;
  /** `Deployment/checkout`, `StatefulSet/db`, or `Pod/name` for a bare pod. */
  owner: string;
  kind: string;
  name: string;
  pods: number;
  dataPlane: DataPlane;
  /** The istio.io/rev that injected it (sidecars) or the waypoint that serves it (ambient). */
  revision?: string;
  waypoint?: string;
  status: WorkloadStatus;
  /** True when the configuration's Telemetry is meant to reach this workload. */
  targeted: boolean;
  /** The provider its spans go to, when any. */
  provider?: string;
  sampling?: number;
  customTags?: string;
  /** The Telemetries that decide, in istiod's order, `namespace/name`. */
  chain: string[];
  /** Why it does or does not send spans, one sentence. */
  reason: string;
  /** What to do; empty when nothing is needed. */
  fix: string;
  /** Things that are true but do not stop spans (native sidecars without Dynatrace metadata, guesses). */
  notes: string[];
}

export interface MapNamespace {
  name: string;
  dataPlane: string;
  workloads: MapWorkload[];
  counts: Partial<Record<WorkloadStatus, number>>;
}

export interface TracingMap {
  namespaces: MapNamespace[];
  workloads: MapWorkload[];
  summary: MapSummary;
  /** What the map could not know, one sentence each. */
  caveats: string[];
}

export interface MapSummary {
  workloads: number;
  targeted: number;
  sending: number;
  counts: Partial<Record<WorkloadStatus, number>>;
  /** The first lines people read: "412 of 530 workloads send spans to Dynatrace", then the largest causes. */
  sentences: string[];
  /** True when every workload the configuration targets sends spans to Dynatrace. */
  allTargetedSend: boolean;
}

const PROXY_CONTAINER = 'istio-proxy';

interface WorkloadGroup {
  namespace: string;
  kind: string;
  name: string;
  pods: PodInfo[];
}

/** Pods grouped by their controller: a ReplicaSet's pods count as its Deployment (pod-template-hash). */
function groupPods(pods: readonly PodInfo[]): WorkloadGroup[] {
  const groups = new Map<string, WorkloadGroup>();
  for (const pod of pods) {
    let kind = pod.ownerKind || 'Pod';
    let name = pod.ownerKind ? pod.ownerName : pod.name;
    const hash = pod.labels['pod-template-hash'];
    if (kind === 'ReplicaSet' && hash !== undefined && name.endsWith(`-${hash}`)) {
      kind = 'Deployment';
      name = name.slice(0, -hash.length - 1);
    }
    const key = `${pod.namespace}\u0000${kind}\u0000${name}`;
    const group = groups.get(key) ?? { namespace: pod.namespace, kind, name, pods: [] };
    group.pods.push(pod);
    groups.set(key, group);
  }
  return [...groups.values()];
}

interface MapContext {
  setup: ResolvedSetup;
  providerName: string;
  snapshot: ClusterSnapshot;
  namespaces: Map<string, NamespaceInfo>;
  meshes: Map<string, LoadedMesh>;
  waypointClasses: Map<string, string>;
  telemetriesByNamespace: Map<string, TelemetryInput[]>;
  ourProvider: LoadedProvider;
  /** Operator mode with the resource detector: spans then need the Operator's metadata files in istio-proxy. */
  enrichmentMatters: boolean;
  selectorKeys: Map<string, string[]>;
}

export function buildTracingMap(snapshot: ClusterSnapshot, model: Model): TracingMap {
  const setup = resolveSetup(model);
  const telemetriesByNamespace = new Map<string, TelemetryInput[]>();
  for (const telemetry of snapshot.telemetries) {
    const list = telemetriesByNamespace.get(telemetry.namespace) ?? [];
    list.push(telemetry);
    telemetriesByNamespace.set(telemetry.namespace, list);
  }
  const context: MapContext = {
    setup,
    providerName: model.provider.name,
    snapshot,
    namespaces: new Map(snapshot.namespaces.map((ns) => [ns.name, ns])),
    meshes: new Map(snapshot.meshConfigs.map((cm) => [cm.revision, loadMeshConfig(cm.mesh)])),
    waypointClasses: new Map(snapshot.gateways.map((gw) => [`${gw.namespace}/${gw.name}`, gw.gatewayClassName])),
    telemetriesByNamespace,
    ourProvider: {
      name: model.provider.name,
      entry: undefined,
      customSampler: model.provider.sampler,
      openTelemetry: true,
    },
    enrichmentMatters: model.mode === 'operator' && model.provider.resourceDetector,
    selectorKeys: new Map(),
  };
  const caveats: string[] = [];
  if (!snapshot.read.pods) caveats.push('No pods were given: paste the output of the pod command.');
  if (!snapshot.read.telemetries)
    caveats.push('No Telemetries were given: the map assumes there are none (kubectl get telemetry -A -o yaml).');
  if (!snapshot.read.meshConfigs)
    caveats.push(
      `No mesh ConfigMap was given: the map assumes the provider ${model.provider.name} is in every control plane's mesh config, as generated.`,
    );
  if (!snapshot.read.namespaces)
    caveats.push('No namespaces were given: injection and ambient labels of namespaces are not known.');

  const cache = new Map<string, Omit<MapWorkload, 'namespace' | 'owner' | 'kind' | 'name' | 'pods'>>();
  const workloads = groupPods(snapshot.pods).map((group): MapWorkload => {
    const pod = group.pods[0]!;
    // Pods of one controller share labels but pod-template-hash; the verdict is the same for all of them.
    const key = verdictKey(pod, context);
    let verdict = cache.get(key);
    if (!verdict) {
      verdict = judge(pod, context);
      cache.set(key, verdict);
    }
    return {
      namespace: group.namespace,
      owner: `${group.kind}/${group.name}`,
      kind: group.kind,
      name: group.name,
      pods: group.pods.length,
      ...verdict,
      fix: verdict.fix.replace('<owner>', `${group.kind.toLowerCase()}/${group.name}`),
      chain: [...verdict.chain],
      notes: [...verdict.notes],
    };
  });
  workloads.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.owner.localeCompare(b.owner));

  const byNamespace = new Map<string, MapWorkload[]>();
  for (const workload of workloads) {
    const list = byNamespace.get(workload.namespace);
    if (list) list.push(workload);
    else byNamespace.set(workload.namespace, [workload]);
  }
  for (const ns of snapshot.namespaces) if (!byNamespace.has(ns.name)) byNamespace.set(ns.name, []);
  const namespaces = [...byNamespace.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, list]) => ({
      name,
      dataPlane: namespaceDataPlane(context.namespaces.get(name)),
      workloads: list,
      counts: countStatuses(list),
    }));
  return { namespaces, workloads, summary: summarise(workloads, model.provider.name), caveats };
}

/** Labels that decide anything here: the proxy and mesh labels, and every key a selector of these namespaces reads. */
const DECIDING_LABELS = [
  'istio.io/rev',
  'istio',
  GATEWAY_NAME_LABEL,
  'gateway.istio.io/managed',
  'istio.io/dataplane-mode',
  'istio.io/use-waypoint',
  'istio.io/use-waypoint-namespace',
  'sidecar.istio.io/inject',
];

/**
 * Workloads whose verdict must be the same share a key: same namespace, containers and deciding labels. With
 * thousands of workloads and a few selectors per namespace, most share one, so istiod's rules run once per key.
 */
function verdictKey(pod: PodInfo, context: MapContext): string {
  const keys = new Set([...DECIDING_LABELS, ...selectorKeys(pod.namespace, context)]);
  const labels = [...keys].sort().map((key) => [key, pod.labels[key]]);
  return JSON.stringify([
    pod.namespace,
    labels,
    pod.containers.includes(PROXY_CONTAINER),
    pod.initContainers.includes(PROXY_CONTAINER),
  ]);
}

function selectorKeys(namespace: string, context: MapContext): string[] {
  const cached = context.selectorKeys.get(namespace);
  if (cached) return cached;
  const keys = new Set(Object.keys(context.setup.telemetry.matchLabels));
  for (const ns of [namespace, context.setup.controlPlane.rootNamespace])
    for (const telemetry of context.telemetriesByNamespace.get(ns) ?? [])
      for (const key of Object.keys(matchLabelsOf(telemetry.spec))) keys.add(key);
  const list = [...keys];
  context.selectorKeys.set(namespace, list);
  return list;
}

function namespaceDataPlane(ns: NamespaceInfo | undefined): string {
  if (!ns) return 'labels not known';
  const labels = ns.labels;
  if (labels['istio.io/dataplane-mode'] === 'ambient')
    return labels['istio.io/use-waypoint'] ? `ambient, waypoint ${labels['istio.io/use-waypoint']}` : 'ambient';
  if (labels['istio.io/rev']) return `sidecars, revision ${labels['istio.io/rev']}`;
  if (labels['istio-injection'] === 'enabled') return 'sidecars';
  return 'not in the mesh';
}

function countStatuses(list: readonly MapWorkload[]): Partial<Record<WorkloadStatus, number>> {
  const counts: Partial<Record<WorkloadStatus, number>> = {};
  for (const workload of list) counts[workload.status] = (counts[workload.status] ?? 0) + 1;
  return counts;
}

type Verdict = Omit<MapWorkload, 'namespace' | 'owner' | 'kind' | 'name' | 'pods'>;

function judge(pod: PodInfo, context: MapContext): Verdict {
  const ns = context.namespaces.get(pod.namespace);
  const nsLabels = ns?.labels ?? {};
  const targeted = isTargeted(pod, nsLabels, context);
  const gatewayName = pod.labels[GATEWAY_NAME_LABEL];
  const hasProxy = pod.containers.includes(PROXY_CONTAINER);
  const nativeProxy = pod.initContainers.includes(PROXY_CONTAINER);

  if (gatewayName !== undefined && hasProxy) {
    const gatewayClass = context.waypointClasses.get(`${pod.namespace}/${gatewayName}`);
    const isWaypoint =
      gatewayClass === WAYPOINT_GATEWAY_CLASS ||
      (gatewayClass === undefined && pod.labels['gateway.istio.io/managed'] === 'istio.io-mesh-controller');
    const proxy: ProxyInput = isWaypoint
      ? {
          kind: 'waypoint',
          namespace: pod.namespace,
          labels: pod.labels,
          gatewayName,
          service: { namespace: pod.namespace, name: '(a service of its namespace)', kind: 'Service' },
        }
      : { kind: 'gateway', namespace: pod.namespace, labels: pod.labels, gatewayName };
    return fromRules(proxy, isWaypoint ? 'waypoint' : 'gateway', revisionOf(pod, nsLabels), targeted, context);
  }
  if (hasProxy || nativeProxy) {
    const classic = pod.labels.istio === 'ingressgateway' || pod.labels.istio === 'egressgateway';
    const proxy: ProxyInput = {
      kind: classic ? 'gateway' : 'sidecar',
      namespace: pod.namespace,
      labels: pod.labels,
    };
    const verdict = fromRules(
      proxy,
      classic ? 'gateway' : nativeProxy ? 'native-sidecar' : 'sidecar',
      revisionOf(pod, nsLabels),
      targeted,
      context,
    );
    if (nativeProxy && context.enrichmentMatters && verdict.status === 'sends')
      verdict.notes.push(
        'Native sidecar: the Dynatrace Operator’s metadata enrichment reaches only regular containers, so its spans carry no Kubernetes metadata from the resource detector (a restart does not help). Annotate the pod sidecar.istio.io/nativeSidecar: "false" (istio 1.27.0 pkg/kube/inject/inject.go), or set ENABLE_NATIVE_SIDECARS=false on istiod.',
      );
    return verdict;
  }
  const ambientNamespace = nsLabels['istio.io/dataplane-mode'] === 'ambient';
  const ambientOptOut = ambientNamespace && pod.labels['istio.io/dataplane-mode'] === 'none';
  const ambient = pod.labels['istio.io/dataplane-mode'] === 'ambient' || (ambientNamespace && !ambientOptOut);
  if (ambient) {
    const waypoint = waypointOf(pod, nsLabels);
    if (waypoint === undefined) {
      return {
        dataPlane: 'ambient',
        status: 'ambient-no-waypoint',
        targeted,
        chain: [],
        reason: 'Ambient without a waypoint: ztunnel handles only L4 and emits no spans.',
        fix: `Give the namespace a waypoint: istioctl waypoint apply -n ${pod.namespace} --enroll-namespace (or run the workload with a sidecar).`,
        notes: [],
      };
    }
    const proxy: ProxyInput = {
      kind: 'waypoint',
      namespace: waypoint.namespace,
      labels: { [GATEWAY_NAME_LABEL]: waypoint.name },
      gatewayName: waypoint.name,
      service: { namespace: pod.namespace, name: '(its service)', kind: 'Service' },
    };
    const verdict = fromRules(proxy, 'ambient-waypoint', undefined, targeted, context);
    verdict.waypoint = `${waypoint.namespace}/${waypoint.name}`;
    verdict.reason = `Spans come from the waypoint ${verdict.waypoint}: ${verdict.reason}`;
    return verdict;
  }
  const enrolled = nsLabels['istio-injection'] === 'enabled' || nsLabels['istio.io/rev'] !== undefined;
  const optedOut = pod.labels['sidecar.istio.io/inject'] === 'false';
  if (enrolled && !optedOut) {
    return {
      dataPlane: 'none',
      status: 'not-injected',
      targeted,
      chain: [],
      reason: `Its namespace is labelled for injection, but the pod has no istio-proxy: it was created before the label (or the injector was down).`,
      fix: `Restart it: kubectl -n ${pod.namespace} rollout restart <owner>.`,
      notes: [],
    };
  }
  if (enrolled && optedOut) {
    // The injector's webhooks skip pods labelled sidecar.istio.io/inject: "false" (istio/istio 1.28.0
    // manifests/charts/istio-control/istio-discovery/templates/mutatingwebhook.yaml, objectSelector).
    return {
      dataPlane: 'none',
      status: 'not-in-mesh',
      targeted,
      chain: [],
      reason:
        'The pod opts out of injection (sidecar.istio.io/inject: "false"), though its namespace is labelled for it.',
      fix: targeted
        ? `If it should be traced, remove sidecar.istio.io/inject: "false" from its pod template and restart it: kubectl -n ${pod.namespace} rollout restart <owner>.`
        : '',
      notes: [],
    };
  }
  if (ambientOptOut) {
    // istio.io/dataplane-mode: none on a pod keeps it out of its ambient namespace (pkg/config/constants
    // DataplaneModeNone, 1.28.0).
    return {
      dataPlane: 'none',
      status: 'not-in-mesh',
      targeted,
      chain: [],
      reason:
        'The pod opts out of ambient mode (istio.io/dataplane-mode: none), though its namespace is in ambient mode.',
      fix: targeted
        ? 'If it should be traced, remove the label istio.io/dataplane-mode=none from the pod and its template.'
        : '',
      notes: [],
    };
  }
  return {
    dataPlane: 'none',
    status: 'not-in-mesh',
    targeted,
    chain: [],
    reason: optedOut
      ? 'The pod opts out of injection (sidecar.istio.io/inject: "false").'
      : 'No istio-proxy and its namespace is not labelled for injection or ambient mode.',
    fix: targeted
      ? `Label the namespace (kubectl label namespace ${pod.namespace} ${context.setup.controlPlane.injectionLabels[0] ?? 'istio-injection=enabled'}) and restart the workload.`
      : '',
    notes: [],
  };
}

/**
 * The waypoint an ambient pod uses: istio.io/use-waypoint on the pod, else on its namespace, with the namespace from
 * istio.io/use-waypoint-namespace on that same object (default: the pod's namespace); `none` opts out. istio/istio
 * 1.28.0 pilot/pkg/serviceregistry/kube/controller/ambient/waypoints.go (fetchWaypointForTarget, getUseWaypoint).
 */
function waypointOf(pod: PodInfo, nsLabels: Record<string, string>): { name: string; namespace: string } | undefined {
  const object = pod.labels['istio.io/use-waypoint'] !== undefined ? pod.labels : nsLabels;
  const name = object['istio.io/use-waypoint'];
  if (name === undefined || name === 'none') return undefined;
  return { name, namespace: object['istio.io/use-waypoint-namespace'] ?? pod.namespace };
}

/** The revision whose istiod configures the proxy: the pod's istio.io/rev, else its namespace's. */
function revisionOf(pod: PodInfo, nsLabels: Record<string, string>): string {
  return pod.labels['istio.io/rev'] ?? nsLabels['istio.io/rev'] ?? 'default';
}

/** Whether the configuration's Telemetry is meant to reach this pod. */
function isTargeted(pod: PodInfo, nsLabels: Record<string, string>, context: MapContext): boolean {
  const { telemetry } = context.setup;
  const inMesh =
    pod.containers.includes(PROXY_CONTAINER) ||
    pod.initContainers.includes(PROXY_CONTAINER) ||
    nsLabels['istio-injection'] === 'enabled' ||
    nsLabels['istio.io/rev'] !== undefined ||
    nsLabels['istio.io/dataplane-mode'] === 'ambient' ||
    pod.labels['istio.io/dataplane-mode'] === 'ambient';
  if (!inMesh) return false;
  switch (telemetry.scope) {
    case 'mesh':
      return true;
    case 'namespace':
      return pod.namespace === telemetry.namespace;
    case 'selector':
      return (
        pod.namespace === telemetry.namespace &&
        Object.entries(telemetry.matchLabels).every(([key, value]) => pod.labels[key] === value)
      );
    case 'waypoint': {
      const waypoint = telemetry.waypoint!;
      // The waypoint itself; another gateway or waypoint uses none.
      if (pod.labels[GATEWAY_NAME_LABEL] !== undefined)
        return pod.namespace === waypoint.namespace && pod.labels[GATEWAY_NAME_LABEL] === waypoint.name;
      const used = waypointOf(pod, nsLabels);
      return used?.name === waypoint.name && used.namespace === waypoint.namespace;
    }
  }
}

function fromRules(
  proxy: ProxyInput,
  dataPlane: DataPlane,
  revision: string | undefined,
  targeted: boolean,
  context: MapContext,
): Verdict {
  const { setup } = context;
  const mesh = revision === undefined ? onlyMesh(context) : context.meshes.get(revision);
  // Only the root namespace's and the proxy's (and a waypoint's Service's) Telemetries can apply: pass just those.
  const namespaces = new Set([setup.controlPlane.rootNamespace, proxy.namespace, proxy.service?.namespace ?? '']);
  const telemetries = [...namespaces].flatMap((ns) => context.telemetriesByNamespace.get(ns) ?? []);
  const resolution = resolveTracing({
    telemetries,
    rootNamespace: setup.controlPlane.rootNamespace,
    proxy,
    istioVersion: setup.istio.version,
    mesh,
    assumedProviders: [context.ourProvider],
  });
  const sides = resolution.reads.map((side) => resolution[side]);
  const ours = (side: SideOutcome) =>
    side.status === 'traces' && side.provider?.value.toLowerCase() === context.providerName.toLowerCase();
  const chain = resolution.applied.map((verdict) => verdict.id);
  const notes = [...resolution.caveats.filter((caveat) => !caveat.startsWith('Without the live mesh config'))];
  const base = {
    dataPlane,
    ...(revision === undefined ? {} : { revision }),
    targeted,
    chain,
    notes,
  };
  const sending = sides.filter(ours);
  const first = sending[0] ?? sides[0]!;
  const sampling = first.sampling.percent;
  const tags = first.customTags ? Object.keys(first.customTags.value).join(', ') : undefined;
  // Sampling and tags matter only where spans are produced with our provider.
  const extras = sending.length > 0 ? { sampling, ...(tags ? { customTags: tags } : {}) } : {};
  const decidedBy = first.provider?.from ?? chain[chain.length - 1];
  if (sending.length > 0 && sampling === 0) {
    return {
      ...base,
      ...extras,
      status: 'sampling-zero',
      provider: first.provider?.value,
      reason: `Sampling is 0 % (${first.sampling.from ?? first.sampling.source}): no request is traced.`,
      fix: `Set randomSamplingPercentage above 0 in ${first.sampling.from ?? 'the Telemetry'}, or use the Dynatrace sampler.`,
    };
  }
  if (sending.length === sides.length) {
    return {
      ...base,
      ...extras,
      status: 'sends',
      provider: first.provider?.value,
      reason: `Traces go to ${first.provider?.value} (from ${decidedBy}).`,
      fix: '',
    };
  }
  if (sending.length > 0) {
    const missing = sides.filter((side) => !ours(side));
    return {
      ...base,
      ...extras,
      status: 'partial',
      provider: first.provider?.value,
      reason: `Only the ${sending.map((s) => s.side.toUpperCase()).join(' and ')} side traces to ${context.providerName}; ${missing.map((s) => `${s.side.toUpperCase()}: ${s.reason}`).join('; ')}.`,
      fix: 'Give the other side the provider too: a tracing entry without match.mode covers both.',
    };
  }
  const side = sides[0]!;
  switch (side.status) {
    case 'traces':
      return {
        ...base,
        ...extras,
        status: 'other-provider',
        provider: side.provider?.value,
        reason: `Traces go to ${side.provider?.value}, not ${context.providerName}: ${side.provider?.from} decides.`,
        // The rules module names the mesh config's default as the source when no Telemetry names a provider.
        fix:
          side.provider?.from === 'defaultProviders.tracing'
            ? `Put ${context.providerName} first in defaultProviders.tracing of ${meshConfigName(revision)}, or apply a Telemetry that names it.`
            : `Name ${context.providerName} in ${side.provider?.from ?? 'the Telemetry that applies'} (istiod uses only its first provider), or remove that Telemetry.`,
      };
    case 'disabled':
      return {
        ...base,
        ...extras,
        status: 'disabled',
        reason: `Span reporting is disabled: ${side.reason}.`,
        fix: `Remove disableSpanReporting from ${side.disableSpanReporting?.from ?? 'that Telemetry'}.`,
      };
    case 'unknown-provider':
      return {
        ...base,
        ...extras,
        status: 'no-provider',
        provider: side.provider?.value,
        reason: `No spans: ${side.reason}${revision ? ` (the mesh config of revision ${revision})` : ''}.`,
        fix: `Add the provider to ${meshConfigName(revision)}, or fix the name in the Telemetry.`,
      };
    default:
      return {
        ...base,
        ...extras,
        status: 'no-provider',
        reason: `No spans: ${side.reason}.`,
        fix: targeted
          ? `Apply the wizard's Telemetry (${setup.telemetry.namespace}); check that no newer Telemetry here removes the provider.`
          : `This workload is outside the configuration's scope (${setup.telemetry.description.replace(/^Turns tracing on /, '').replace(/\.$/, '')}).`,
      };
  }
}

/** The mesh config of a revision, with its ConfigMap; "the mesh config" when the revision is not known. */
function meshConfigName(revision: string | undefined): string {
  if (!revision) return 'the mesh config';
  return `the mesh config of revision ${revision} (ConfigMap ${revision === 'default' ? 'istio' : `istio-${revision}`})`;
}

/** For a waypoint we do not know the revision of: the only mesh config given, if exactly one. */
function onlyMesh(context: MapContext): LoadedMesh | undefined {
  return context.meshes.size === 1 ? [...context.meshes.values()][0] : context.meshes.get('default');
}

function summarise(workloads: readonly MapWorkload[], providerName: string): MapSummary {
  const counts = countStatuses(workloads);
  const sending = counts.sends ?? 0;
  const targeted = workloads.filter((workload) => workload.targeted);
  const sentences = [`${sending} of ${workloads.length} workloads send spans to Dynatrace (provider ${providerName}).`];
  const targetedSending = targeted.filter((workload) => workload.status === 'sends').length;
  if (targeted.length !== workloads.length)
    sentences.push(`This configuration targets ${targeted.length}; ${targetedSending} of them send spans.`);
  const causes = (Object.entries(counts) as [WorkloadStatus, number][])
    .filter(([status]) => status !== 'sends')
    .sort((a, b) => b[1] - a[1]);
  for (const [status, count] of causes) {
    const where = new Map<string, number>();
    for (const workload of workloads)
      if (workload.status === status) where.set(workload.namespace, (where.get(workload.namespace) ?? 0) + 1);
    const top = [...where.entries()].sort((a, b) => b[1] - a[1]);
    const place =
      top.length === 1
        ? ` in namespace ${top[0]![0]}`
        : top.length > 1
          ? `, most in ${top[0]![0]} (${top[0]![1]})`
          : '';
    const [one, many] = SUMMARY_VERBS[status];
    sentences.push(`${count} ${count === 1 ? `workload ${one}` : `workloads ${many}`}${place}.`);
  }
  return {
    workloads: workloads.length,
    targeted: targeted.length,
    sending,
    counts,
    sentences,
    allTargetedSend: targeted.every((workload) => workload.status === 'sends'),
  };
}
