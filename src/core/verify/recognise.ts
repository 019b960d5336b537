import { parseAllDocuments } from 'yaml';
import { camelCase, MESH_CONFIG_TOP_LEVEL_FIELDS } from '../mesh-config-schema';
import { MAX_ALIAS_COUNT, readExistingMeshConfig } from '../merge/read-existing';
import { asObject, textOf, type Plain } from '../plain-data';
import { isAccessLogLine, readLogEntries } from './read-log';
import { repairUtf16, splitChunks, splitJsonValues, splitSections, type Chunk } from './split-outputs';
import { INPUT_KIND_LABELS, type InputKind } from './types';

/*
 * Names what was pasted. Untrusted input: size is capped as for the merge, YAML aliases are bounded,
 * and anything unexpected is a value with a message, never an exception.
 */

export interface TelemetryResource {
  name: string;
  namespace: string;
  creationTimestamp: string;
  spec: Plain;
}

export interface AnalyzeMessage {
  level: string;
  code: string;
  origin: string;
  text: string;
}

type RecognisedBody =
  | { kind: 'mesh-config'; label: string; mesh: Plain | undefined; name?: string; namespace?: string }
  | { kind: 'telemetry'; label: string; telemetries: TelemetryResource[] }
  | { kind: 'istiod-log' | 'proxy-log'; label: string; lines: string[] }
  | { kind: 'proxy-clusters'; label: string; clusters: Plain[] }
  | { kind: 'proxy-listeners'; label: string; listeners: Plain[]; rejected?: RejectedListener[] }
  | { kind: 'dynakube'; label: string; dynakube: Plain }
  | { kind: 'analyze'; label: string; messages: AnalyzeMessage[]; clean: boolean }
  | { kind: 'unknown'; label: string; problem: string };

/** A listener the proxy refused, from the errorState of a full config dump (envoy admin ListenersConfigDump). */
export interface RejectedListener {
  name: string;
  details: string;
}

export type Recognised = RecognisedBody & {
  /** The command a collect.sh separator names for the section this came from. */
  section?: string;
  /** Something the reader did that the user should know (e.g. read only the newest part of a long log). */
  notice?: string;
};

export const EXPECTED_INPUTS = (Object.keys(INPUT_KIND_LABELS) as InputKind[]).map((kind) => INPUT_KIND_LABELS[kind]);

function unknown(problem: string): Recognised {
  return { kind: 'unknown', label: 'not recognised', problem };
}

function notRecognised(what: string): Recognised {
  return unknown(`Not recognised: ${what}. Expected one of: ${EXPECTED_INPUTS.join('; ')}.`);
}

// Envoy's lines and pilot-agent's tell an istio-proxy log from istiod's (formats in read-log.ts).
const PILOT_AGENT_LINE =
  /\t(?:xdsproxy|sds|cache|healthcheck|envoy|dns|iptables|wasm)\t|Envoy proxy is ready|Workload SDS socket|pilot-agent/;
const ENVOY_MESSAGE =
  /OTLP HTTP exporter|sampling configuration from Dynatrace|SamplerConfigProviderImpl|\[cluster = [^\]]*\] is not configured|(?:gRPC|delta) config for \S+ rejected/;
const ISTIOD_MESSAGE =
  /Not able to configure requested tracing provider|found invalid extension provider|could not find cluster for|dynatrace sampler could not get http settings|ACK ERROR|mesh config|mesh configuration/;
// istioctl analyze prints "<Level> [ISTnnnn] (<resource>) <message>" (istio/istio pkg/config/analysis/diag/message.go String).
const ANALYZE_LINE = /^(Error|Warning|Info)\s+\[(IST\d{4})\]\s*(?:\[cluster-[^\]]*\]\s*)?(\(([^)]*)\))?\s*(.*)$/;
const ANALYZE_CLEAN = /No validation issues found when analyzing/;

/** Logs longer than this are read from their newest end; resources and dumps up to MAX_DUMP_CHARS. */
export const MAX_LOG_CHARS = 2 * 1024 * 1024;
export const MAX_DUMP_CHARS = 32 * 1024 * 1024;
const MAX_YAML_CHARS = 2 * 1024 * 1024;

// Table outputs: the headers istioctl's writers and kubectl print. Each is refused with the command that prints
// something readable. istio/istio istioctl/pkg/writer/envoy/configdump/cluster.go, listener.go, configdump.go
// (1.22.0–1.30.3); kubectl prints a CRD's additionalPrinterColumns (Telemetry: Age, manifests/charts/base/files/
// crd-all.gen.yaml; DynaKube: ApiUrl, Status, Age, dynatrace-operator pkg/api/latest/dynakube/dynakube_types.go).
const TABLES: readonly { header: RegExp; what: string; command: string }[] = [
  {
    header: /^(?:NAME\s+)?SERVICE FQDN\s+PORT\s+SUBSET\s+DIRECTION\s+TYPE/,
    what: 'the table istioctl proxy-config cluster prints',
    command: 'istioctl proxy-config cluster <pod> -n <namespace> -o json',
  },
  {
    header: /^(?:NAME\s+)?ADDRESS(?:ES)?\s+PORT\s+(?:MATCH|TYPE)\b/,
    what: 'the table istioctl proxy-config listener prints',
    command: 'istioctl proxy-config listener <pod> -n <namespace> -o json',
  },
  {
    header: /^------ [A-Z ]+ ------$/,
    what: 'the summary istioctl proxy-config all prints',
    command: 'istioctl proxy-config all <pod> -n <namespace> -o json',
  },
  {
    header: /^(?:NAMESPACE\s+)?NAME\s+APIURL\s+STATUS\s+AGE/,
    what: 'the table kubectl get dynakube prints',
    command: 'kubectl -n <namespace> get dynakube <name> -o yaml',
  },
  {
    header: /^(?:NAMESPACE\s+)?NAME\s+DATA\s+AGE\s*$/,
    what: 'the table kubectl get configmap prints',
    command: 'kubectl -n <istiod namespace> get configmap istio -o yaml',
  },
  {
    header: /^(?:NAMESPACE\s+)?NAME\s+AGE\s*$/,
    what: 'a table kubectl get prints (e.g. kubectl get telemetry -A)',
    command: 'kubectl get telemetry -A -o yaml',
  },
];

export function recognise(input: string): Recognised[] {
  if (input.length > MAX_DUMP_CHARS) {
    return [
      unknown(
        `This is ${(input.length / 1024 / 1024).toFixed(0)} MB; at most ${MAX_DUMP_CHARS / 1024 / 1024} MB is read. For a proxy, filter the dump (istioctl proxy-config listener <pod> --port 15001 -o json, or cluster <pod> --fqdn <host> -o json); for a log, keep its newest part (| tail -n 20000).`,
      ),
    ];
  }
  const repaired = repairUtf16(input);
  if (repaired.problem) return [unknown(repaired.problem)];
  const unmarked = repaired.text.replace(/^\uFEFF/, '');
  // Copying megabytes only when there is a carriage return to drop.
  const text = unmarked.includes('\r') ? unmarked.replace(/\r\n?/g, '\n') : unmarked;
  if (text.trim() === '') return [unknown('Nothing to read yet: paste the output of one of the commands.')];

  const results: Recognised[] = [];
  for (const section of splitSections(text)) {
    const found: Recognised[] = [];
    if (section.text.trim() === '') {
      found.push(unknown('The command printed nothing.'));
    } else {
      const json = wholeJson(section.text);
      if (json) found.push(...readValues([json.value]));
      else {
        const chunks = splitChunks(section.text);
        if (chunks.length === 0) found.push(notRecognised('only kubectl warnings, no output'));
        for (const chunk of chunks) found.push(...readChunk(chunk));
      }
    }
    for (const result of found) results.push(section.command ? { ...result, section: section.command } : result);
  }
  return results;
}

/**
 * A section that is one JSON value (a proxy dump of many megabytes, kubectl -o json) is parsed in one go, without
 * the line-by-line reading logs need. A lone JSON log line is left to the log reader.
 */
function wholeJson(text: string): { value: unknown } | undefined {
  if (!/^\s*[[{]/.test(text)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const object = asObject(value);
  if (object && ('msg' in object || 'message' in object) && ('level' in object || 'severity' in object))
    return undefined;
  return { value };
}

function readChunk(chunk: Chunk): Recognised[] {
  if (chunk.shape === 'log') return [readLog(chunk.text)];
  if (chunk.shape === 'analyze') return [readAnalyze(chunk.text.split('\n'))];
  const first = chunk.text.split('\n').find((line) => line.trim() !== '') ?? '';
  const table = TABLES.find((candidate) => candidate.header.test(first.trim()));
  if (table) {
    return [
      unknown(
        `This is ${table.what}, which does not carry the details to check. Run it with a machine-readable output: ${table.command}`,
      ),
    ];
  }
  if (/^Error from server|^error: /.test(first)) {
    return [unknown(`The command failed: ${first.trim().slice(0, 300)}`)];
  }
  if (/^\s*[[{]/.test(chunk.text)) return readJson(chunk.text);
  // Message lines without their time and level (grepped, or cut from a screen) are still log lines.
  if (!/^\s*[\w"-]+:(?:\s|$)/.test(first) && (ENVOY_MESSAGE.test(chunk.text) || ISTIOD_MESSAGE.test(chunk.text))) {
    return [readLog(chunk.text)];
  }
  if (chunk.text.length > MAX_YAML_CHARS) {
    return [
      unknown(
        `This YAML is ${(chunk.text.length / 1024 / 1024).toFixed(1)} MB; resources to check are kilobytes. Paste one resource at a time (e.g. kubectl -n <istiod namespace> get configmap istio -o yaml).`,
      ),
    ];
  }
  return readYaml(chunk.text);
}

function readAnalyze(lines: string[]): Recognised {
  const messages: AnalyzeMessage[] = [];
  let clean = false;
  for (const line of lines) {
    const match = ANALYZE_LINE.exec(line.trim());
    if (match) {
      messages.push({ level: match[1]!, code: match[2]!, origin: match[4] ?? '', text: match[5] ?? '' });
    } else if (ANALYZE_CLEAN.test(line)) clean = true;
  }
  return {
    kind: 'analyze',
    label: INPUT_KIND_LABELS.analyze,
    messages,
    clean: clean && messages.length === 0,
  };
}

function readLog(text: string): Recognised {
  let body = text;
  let notice: string | undefined;
  if (body.length > MAX_LOG_CHARS) {
    // The newest lines are at the end; start at a line boundary.
    const tail = body.slice(body.length - MAX_LOG_CHARS);
    body = tail.slice(tail.indexOf('\n') + 1);
    notice = `This log is ${(text.length / 1024 / 1024).toFixed(1)} MB; only its newest ${(body.length / 1024 / 1024).toFixed(1)} MB was read. For a shorter one, keep the lines that matter: … | grep -E "tracing|opentelemetry|ACK ERROR|rejected|mesh config|extension provider"`;
  }
  const entries = readLogEntries(body.split('\n'));
  const proxy = entries.some(
    (entry) =>
      entry.format === 'envoy' ||
      PILOT_AGENT_LINE.test(entry.text) ||
      ENVOY_MESSAGE.test(entry.text) ||
      isAccessLogLine(entry.text),
  );
  const lines = entries.map((entry) => entry.text);
  const kind = proxy ? 'proxy-log' : 'istiod-log';
  return { kind, label: INPUT_KIND_LABELS[kind], lines, ...(notice ? { notice } : {}) };
}

function readJson(text: string): Recognised[] {
  const parts = splitJsonValues(text);
  const results: Recognised[] = [];
  for (const part of parts) {
    let value: unknown;
    try {
      value = JSON.parse(part);
    } catch (error) {
      results.push(
        unknown(
          `This starts like JSON but cannot be read: ${(error as Error).message}. Paste the whole output of the command (istioctl proxy-config … -o json, kubectl get … -o json).`,
        ),
      );
      continue;
    }
    results.push(...readValues([value]));
  }
  return results;
}

function readArray(value: unknown[]): Recognised {
  const objects = value.map(asObject).filter((item): item is Plain => item !== undefined);
  if (value.length === 0) {
    return unknown(
      'An empty list: the proxy returned nothing, or istioctl analyze -o json found nothing. For a proxy, check the pod name and namespace, and that the pod has an istio-proxy sidecar; for analyze, run it without -o json.',
    );
  }
  // istioctl analyze -o json: a list of {code, level, message, origin, documentationUrl}
  // (istio/istio pkg/config/analysis/diag/message.go Unstructured, 1.22.0–1.30.3).
  if (objects.length > 0 && objects.every((item) => typeof item.code === 'string' && /^IST\d{4}$/.test(item.code))) {
    return {
      kind: 'analyze',
      label: INPUT_KIND_LABELS.analyze,
      messages: objects.map((item) => ({
        level: textOf(item.level),
        code: textOf(item.code),
        origin: textOf(item.origin),
        text: textOf(item.message),
      })),
      clean: false,
    };
  }
  // Clusters print as bare Cluster messages (istioctl/pkg/writer/envoy/configdump/cluster.go PrintClusterDump), listeners
  // as Listener messages with filterChains (listener.go PrintListenerDump); jsonpb writes lowerCamelCase names.
  if (objects.some((item) => 'filterChains' in item || 'filter_chains' in item)) {
    return { kind: 'proxy-listeners', label: INPUT_KIND_LABELS['proxy-listeners'], listeners: objects };
  }
  if (
    objects.some(
      (item) =>
        typeof item.name === 'string' &&
        ('connectTimeout' in item || 'connect_timeout' in item || 'type' in item || 'edsClusterConfig' in item),
    )
  ) {
    return { kind: 'proxy-clusters', label: INPUT_KIND_LABELS['proxy-clusters'], clusters: objects };
  }
  return notRecognised('a JSON list that holds neither Envoy clusters nor listeners');
}

const CONFIG_DUMP_TYPE = /\.(Clusters|Listeners)ConfigDump$/;

/**
 * A whole Envoy config dump (istioctl proxy-config all -o json, or /config_dump): {configs: [...]} with one entry
 * per type (envoy api/envoy/admin/v3/config_dump_shared.proto: ClustersConfigDump static_clusters,
 * dynamic_active_clusters, dynamic_warming_clusters; ListenersConfigDump static_listeners, dynamic_listeners with
 * active_state / warming_state / draining_state and error_state {failed_configuration, details}).
 */
function readConfigDump(configs: unknown[]): Recognised[] {
  const clusters: Plain[] = [];
  const listeners: Plain[] = [];
  const rejected: RejectedListener[] = [];
  const list = (object: Plain, camel: string): Plain[] => {
    const snake = camel.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
    const value = object[camel] ?? object[snake];
    return Array.isArray(value) ? value.map(asObject).filter((item): item is Plain => item !== undefined) : [];
  };
  const inner = (object: Plain | undefined, key: string): Plain | undefined => asObject(object?.[key]);
  for (const config of configs.map(asObject)) {
    const type = CONFIG_DUMP_TYPE.exec(textOf(config?.['@type']))?.[1];
    if (!config || !type) continue;
    if (type === 'Clusters') {
      for (const key of ['staticClusters', 'dynamicActiveClusters', 'dynamicWarmingClusters']) {
        for (const entry of list(config, key)) {
          const cluster = inner(entry, 'cluster');
          if (cluster) clusters.push(cluster);
        }
      }
      continue;
    }
    for (const entry of list(config, 'staticListeners')) {
      const listener = inner(entry, 'listener');
      if (listener) listeners.push(listener);
    }
    for (const entry of list(config, 'dynamicListeners')) {
      const state = inner(entry, 'activeState') ?? inner(entry, 'active_state');
      const listener = inner(state, 'listener');
      if (listener) listeners.push(listener);
      const error = inner(entry, 'errorState') ?? inner(entry, 'error_state');
      if (error) rejected.push({ name: textOf(entry.name), details: textOf(error.details) });
    }
  }
  const results: Recognised[] = [];
  if (clusters.length)
    results.push({
      kind: 'proxy-clusters',
      label: `${INPUT_KIND_LABELS['proxy-clusters']} (from a full config dump)`,
      clusters,
    });
  if (listeners.length || rejected.length) {
    results.push({
      kind: 'proxy-listeners',
      label: `${INPUT_KIND_LABELS['proxy-listeners']} (from a full config dump)`,
      listeners,
      ...(rejected.length ? { rejected } : {}),
    });
  }
  if (results.length === 0) return [notRecognised('an Envoy config dump without clusters or listeners')];
  return results;
}

function readYaml(text: string): Recognised[] {
  try {
    const docs = parseAllDocuments(text, { version: '1.1', uniqueKeys: false });
    if (!Array.isArray(docs)) return [notRecognised('no YAML document')];
    const broken = docs.find((doc) => doc.errors.length > 0);
    if (broken) {
      const error = broken.errors[0]!;
      const at = error.linePos?.[0];
      return [
        unknown(
          `This looks like neither a log nor valid YAML/JSON${at ? ` (line ${at.line}, column ${at.col})` : ''}: ${error.message.split('\n')[0]}. Expected one of: ${EXPECTED_INPUTS.join('; ')}.`,
        ),
      ];
    }
    return readValues(docs.map((doc) => doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown));
  } catch (error) {
    return [unknown(`This YAML cannot be read: ${(error as Error).message.split('\n')[0]}`)];
  }
}

function readValues(values: unknown[]): Recognised[] {
  const present = values.filter((value) => value !== null && value !== undefined);
  // istioctl proxy-config … -o yaml prints the same list as -o json.
  if (present.length === 1 && Array.isArray(present[0])) return [readArray(present[0] as unknown[])];
  const objects = present.map(asObject).filter((item): item is Plain => item !== undefined);
  if (objects.length === 1 && Array.isArray(objects[0]!.configs))
    return readConfigDump(objects[0]!.configs as unknown[]);
  if (objects.length === 0) return [notRecognised('text that is not a Kubernetes resource, log or command output')];

  const resources: Plain[] = [];
  let emptyList = false;
  for (const object of objects) {
    if (object.kind === 'List' || (typeof object.kind === 'string' && object.kind.endsWith('List'))) {
      const items = Array.isArray(object.items) ? object.items : [];
      if (items.length === 0) emptyList = true;
      for (const item of items) {
        const resource = asObject(item);
        if (resource) resources.push(resource);
      }
    } else resources.push(object);
  }
  if (resources.length === 0 && emptyList) {
    // `kubectl get telemetry -A -o yaml` with nothing to list prints exactly this; no other command here does.
    return [{ kind: 'telemetry', label: `${INPUT_KIND_LABELS.telemetry}: an empty list`, telemetries: [] }];
  }

  const results: Recognised[] = [];
  const telemetries: TelemetryResource[] = [];
  const others: string[] = [];
  const configMaps: Recognised[] = [];
  for (const resource of resources) {
    const kind = resource.kind;
    const metadata = asObject(resource.metadata) ?? {};
    if (kind === 'Telemetry') {
      telemetries.push({
        name: typeof metadata.name === 'string' ? metadata.name : '(no name)',
        namespace: typeof metadata.namespace === 'string' ? metadata.namespace : '',
        creationTimestamp: typeof metadata.creationTimestamp === 'string' ? metadata.creationTimestamp : '',
        spec: asObject(resource.spec) ?? {},
      });
    } else if (kind === 'ConfigMap') {
      configMaps.push(readMeshConfigMap(resource, metadata));
    } else if (kind === 'DynaKube') {
      results.push({ kind: 'dynakube', label: INPUT_KIND_LABELS.dynakube, dynakube: resource });
    } else if (kind === undefined && Object.keys(resource).some(isMeshConfigKey)) {
      results.push({ kind: 'mesh-config', label: 'live mesh config (data.mesh)', mesh: resource });
    } else {
      others.push(typeof kind === 'string' ? kind : 'map without a kind');
    }
  }
  // `kubectl get cm -o yaml` lists other ConfigMaps too (istio-sidecar-injector, istio-ca-root-cert): only when
  // none holds data.mesh is that worth saying.
  const meshMaps = configMaps.filter((result) => result.kind === 'mesh-config');
  results.unshift(...(meshMaps.length > 0 ? meshMaps : configMaps));
  if (telemetries.length > 0) {
    results.unshift({
      kind: 'telemetry',
      label: `${INPUT_KIND_LABELS.telemetry}: ${telemetries.length}`,
      telemetries,
    });
  }
  if (others.length > 0 && results.length === 0) {
    const kinds = [...new Set(others)].join(', ');
    const hint =
      kinds === 'IstioOperator'
        ? ' This is the install file; paste what istiod really reads: the istio ConfigMap.'
        : '';
    return [notRecognised(`${kinds}${hint}`)];
  }
  return results;
}

function readMeshConfigMap(resource: Plain, metadata: Plain): Recognised {
  const data = asObject(resource.data);
  const name = typeof metadata.name === 'string' ? metadata.name : undefined;
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
  if (typeof data?.mesh !== 'string') {
    return unknown(
      `The ConfigMap ${name ?? ''} has no data.mesh, so it is not the mesh config. istiod reads ConfigMap istio (istio-<revision> for a revision) in its own namespace.`,
    );
  }
  const read = readExistingMeshConfig(data.mesh);
  const mesh = read.ok ? read.config.mesh : undefined;
  if (!read.ok && !/Nothing to read/.test(read.problem.message)) {
    return unknown(`data.mesh of ConfigMap ${name ?? ''} cannot be read: ${read.problem.message}`);
  }
  return {
    kind: 'mesh-config',
    label: `live mesh config (ConfigMap ${namespace ? `${namespace}/` : ''}${name ?? ''})`,
    mesh,
    ...(name === undefined ? {} : { name }),
    ...(namespace === undefined ? {} : { namespace }),
  };
}

function isMeshConfigKey(key: string): boolean {
  return MESH_CONFIG_TOP_LEVEL_FIELDS.some((field) => field === key || camelCase(field) === key);
}
