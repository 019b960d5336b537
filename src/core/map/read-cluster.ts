import { parseAllDocuments } from 'yaml';
import { inputSizeProblem, utf8ByteLength } from '../merge/input-size';
import { MAX_ALIAS_COUNT } from '../merge/read-existing';
import { asObject, textOf, type Plain } from '../plain-data';
import type { TelemetryInput } from '../istiod/tracing-rules';

/*
 * Reads what `kubectl get … -A` prints for the tracing map: namespaces, pods (the compact command below, or
 * `kubectl get pods -A -o yaml`), Telemetries, the mesh ConfigMaps of each revision and Gateway API Gateways. Any
 * number of them, in one text or several. Untrusted input: capped in size, YAML aliases bounded, every problem a
 * value with a message.
 */

/**
 * The pods, one line each: namespace, name, owner, labels (kubectl's jsonpath prints a map as JSON), container and
 * init-container names. About 250 bytes a pod, so 5,000 pods fit well under the 2 MB cap; `-o yaml` prints 5–20 KB a
 * pod. The first line names the format so a paste is recognised.
 */
export const POD_LIST_HEADER = '# dt-istio-pods v1: namespace name owner labels containers initContainers';
export const POD_LIST_COMMAND = `kubectl get pods -A -o jsonpath='{"${POD_LIST_HEADER}\\n"}{range .items[*]}{.metadata.namespace}{"\\t"}{.metadata.name}{"\\t"}{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}{"\\t"}{.metadata.labels}{"\\t"}{.spec.containers[*].name}{"\\t"}{.spec.initContainers[*].name}{"\\n"}{end}'`;

export const MAP_COMMANDS = {
  namespaces: 'kubectl get namespaces -o yaml',
  pods: POD_LIST_COMMAND,
  telemetries: 'kubectl get telemetry -A -o yaml',
  meshConfigs: 'kubectl get configmap -A -l istio.io/rev -o yaml',
  gateways: 'kubectl get gateways.gateway.networking.k8s.io -A -o yaml',
} as const;

export interface NamespaceInfo {
  name: string;
  labels: Record<string, string>;
}

export interface PodInfo {
  namespace: string;
  name: string;
  ownerKind: string;
  ownerName: string;
  labels: Record<string, string>;
  containers: string[];
  initContainers: string[];
}

export interface MeshConfigInfo {
  /** The ConfigMap's namespace and name (`istio` or `istio-<revision>`). */
  namespace: string;
  name: string;
  /** `default` for ConfigMap `istio`, else the part after `istio-`. */
  revision: string;
  mesh: Plain | undefined;
}

export interface GatewayInfo {
  namespace: string;
  name: string;
  gatewayClassName: string;
}

export interface ClusterSnapshot {
  namespaces: NamespaceInfo[];
  pods: PodInfo[];
  telemetries: TelemetryInput[];
  meshConfigs: MeshConfigInfo[];
  gateways: GatewayInfo[];
  /** Which kinds of output were read at all (a missing kind is "not pasted", not "empty"). */
  read: { namespaces: boolean; pods: boolean; telemetries: boolean; meshConfigs: boolean; gateways: boolean };
  /** One sentence per input that could not be read, naming it. */
  problems: string[];
}

export interface ClusterInput {
  name: string;
  text: string;
}

export function emptySnapshot(): ClusterSnapshot {
  return {
    namespaces: [],
    pods: [],
    telemetries: [],
    meshConfigs: [],
    gateways: [],
    read: { namespaces: false, pods: false, telemetries: false, meshConfigs: false, gateways: false },
    problems: [],
  };
}

export function readCluster(inputs: readonly ClusterInput[]): ClusterSnapshot {
  const snapshot = emptySnapshot();
  for (const input of inputs) readOne(input, snapshot);
  return snapshot;
}

function readOne(input: ClusterInput, snapshot: ClusterSnapshot): void {
  const tooLarge = inputSizeProblem(utf8ByteLength(input.text), 'cluster-output');
  if (tooLarge) {
    snapshot.problems.push(`${input.name}: ${tooLarge}`);
    return;
  }
  const text = input.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') {
    snapshot.problems.push(`${input.name}: empty.`);
    return;
  }
  const lines = text.split('\n');
  const header = lines.findIndex((line) => line.trim() === POD_LIST_HEADER);
  if (header >= 0) {
    // The compact list may follow other outputs in one file; everything before its header is read as YAML.
    const before = lines.slice(0, header).join('\n');
    if (before.trim() !== '') readYaml(input.name, before, snapshot);
    readPodLines(input.name, lines.slice(header + 1), snapshot);
    return;
  }
  readYaml(input.name, text, snapshot);
}

function readPodLines(name: string, lines: string[], snapshot: ClusterSnapshot): void {
  snapshot.read.pods = true;
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const fields = line.split('\t');
    if (fields.length < 5) {
      snapshot.problems.push(
        `${name}, line ${index + 2}: expected namespace, name, owner, labels and containers separated by tabs; copy the command again.`,
      );
      return;
    }
    const [namespace = '', podName = '', owner = '', labels = '', containers = '', init = ''] = fields;
    const slash = owner.indexOf('/');
    snapshot.pods.push({
      namespace,
      name: podName,
      ownerKind: slash >= 0 ? owner.slice(0, slash) : '',
      ownerName: slash >= 0 ? owner.slice(slash + 1) : '',
      labels: readLabels(labels),
      containers: words(containers),
      initContainers: words(init),
    });
  });
}

function words(text: string): string[] {
  return text.split(/\s+/).filter((word) => word !== '');
}

function readLabels(text: string): Record<string, string> {
  if (text.trim() === '') return {};
  try {
    return stringMap(JSON.parse(text));
  } catch {
    return {};
  }
}

function stringMap(value: unknown): Record<string, string> {
  const object = asObject(value) ?? {};
  return Object.fromEntries(Object.entries(object).map(([key, inner]) => [key, textOf(inner)]));
}

function readYaml(name: string, text: string, snapshot: ClusterSnapshot): void {
  let documents;
  try {
    documents = parseAllDocuments(text, { version: '1.1', uniqueKeys: false });
  } catch (error) {
    snapshot.problems.push(`${name}: not readable as YAML (${(error as Error).message}).`);
    return;
  }
  const list = Array.isArray(documents) ? documents : [documents];
  let found = 0;
  for (const document of list) {
    if (document.errors.length > 0) {
      const error = document.errors[0]!;
      const where = error.linePos?.[0] ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}` : '';
      snapshot.problems.push(`${name}: not readable as YAML${where}: ${error.message.split('\n')[0]}`);
      continue;
    }
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      snapshot.problems.push(`${name}: ${(error as Error).message}`);
      continue;
    }
    found += readObject(value, snapshot);
  }
  if (found === 0)
    snapshot.problems.push(
      `${name}: nothing the map reads (namespaces, pods, Telemetries, mesh ConfigMaps or Gateways).`,
    );
}

/** Reads one object (or a `kind: List` of them); returns how many it took. */
function readObject(value: unknown, snapshot: ClusterSnapshot): number {
  const object = asObject(value);
  if (!object) return 0;
  const kind = textOf(object.kind);
  if (kind === 'List' || kind.endsWith('List')) {
    const items = Array.isArray(object.items) ? object.items : [];
    // An empty list still says "there are none of these": the command names the kind.
    if (items.length === 0) markEmptyList(kind, snapshot);
    return items.reduce((sum: number, item) => sum + readObject(item, snapshot), items.length === 0 ? 1 : 0);
  }
  const metadata = asObject(object.metadata) ?? {};
  const namespace = textOf(metadata.namespace);
  const name = textOf(metadata.name);
  switch (kind) {
    case 'Namespace':
      snapshot.read.namespaces = true;
      snapshot.namespaces.push({ name, labels: stringMap(metadata.labels) });
      return 1;
    case 'Pod': {
      snapshot.read.pods = true;
      const spec = asObject(object.spec) ?? {};
      const owner = asObject(Array.isArray(metadata.ownerReferences) ? metadata.ownerReferences[0] : undefined);
      const names = (list: unknown) =>
        Array.isArray(list) ? list.map((c) => textOf(asObject(c)?.name)).filter((n) => n !== '') : [];
      snapshot.pods.push({
        namespace,
        name,
        ownerKind: textOf(owner?.kind),
        ownerName: textOf(owner?.name),
        labels: stringMap(metadata.labels),
        containers: names(spec.containers),
        initContainers: names(spec.initContainers),
      });
      return 1;
    }
    case 'Telemetry':
      snapshot.read.telemetries = true;
      snapshot.telemetries.push({
        name,
        namespace,
        creationTimestamp: textOf(metadata.creationTimestamp) || undefined,
        spec: asObject(object.spec) ?? {},
      });
      return 1;
    case 'ConfigMap': {
      const data = asObject(object.data);
      const meshText = data?.mesh;
      if (typeof meshText !== 'string' || !/^istio(-.+)?$/.test(name)) return 0;
      snapshot.read.meshConfigs = true;
      let mesh: Plain | undefined;
      try {
        mesh = asObject(parseAllDocuments(meshText, { version: '1.1' })[0]?.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
      } catch {
        mesh = undefined;
      }
      snapshot.meshConfigs.push({ namespace, name, revision: name === 'istio' ? 'default' : name.slice(6), mesh });
      return 1;
    }
    case 'Gateway': {
      if (!textOf(object.apiVersion).startsWith('gateway.networking.k8s.io/')) return 0;
      snapshot.read.gateways = true;
      snapshot.gateways.push({
        namespace,
        name,
        gatewayClassName: textOf(asObject(object.spec)?.gatewayClassName),
      });
      return 1;
    }
    default:
      return 0;
  }
}

function markEmptyList(kind: string, snapshot: ClusterSnapshot): void {
  // kubectl prints `kind: List` for every `get -A -o yaml`; an empty one cannot say what it lists, so only typed
  // lists (NamespaceList, TelemetryList, …) mark their kind as read.
  if (kind === 'NamespaceList') snapshot.read.namespaces = true;
  if (kind === 'PodList') snapshot.read.pods = true;
  if (kind === 'TelemetryList') snapshot.read.telemetries = true;
  if (kind === 'GatewayList') snapshot.read.gateways = true;
}
