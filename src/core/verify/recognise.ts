import { parseAllDocuments } from 'yaml';
import { camelCase, MESH_CONFIG_TOP_LEVEL_FIELDS } from '../mesh-config-schema';
import { inputSizeProblem, utf8ByteLength } from '../merge/input-size';
import { MAX_ALIAS_COUNT, readExistingMeshConfig } from '../merge/read-existing';
import { asObject, type Plain } from '../plain-data';
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

export type Recognised =
  | { kind: 'mesh-config'; label: string; mesh: Plain | undefined; name?: string; namespace?: string }
  | { kind: 'telemetry'; label: string; telemetries: TelemetryResource[] }
  | { kind: 'istiod-log' | 'proxy-log'; label: string; lines: string[] }
  | { kind: 'proxy-clusters'; label: string; clusters: Plain[] }
  | { kind: 'proxy-listeners'; label: string; listeners: Plain[] }
  | { kind: 'dynakube'; label: string; dynakube: Plain }
  | { kind: 'analyze'; label: string; messages: AnalyzeMessage[]; clean: boolean }
  | { kind: 'unknown'; label: string; problem: string };

export const EXPECTED_INPUTS = (Object.keys(INPUT_KIND_LABELS) as InputKind[]).map((kind) => INPUT_KIND_LABELS[kind]);

function unknown(problem: string): Recognised {
  return { kind: 'unknown', label: 'not recognised', problem };
}

function notRecognised(what: string): Recognised {
  return unknown(`Not recognised: ${what}. Expected one of: ${EXPECTED_INPUTS.join('; ')}.`);
}

// istio's log format: RFC 3339 time with microseconds, a tab, the level (istio/istio pkg/log/config.go formatDate,
// LowercaseLevelEncoder); Envoy in istio-proxy adds "envoy <logger>" (istio/istio pkg/bootstrap: text_format
// "%Y-%m-%dT%T.%fZ\t%l\tenvoy %n %g:%#\t%v\tthread=%t").
const ISTIO_LOG_LINE =
  /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z\t(?:debug|info|warn|warning|error|critical|fatal|trace)\t/;
const ENVOY_IN_ISTIO_PROXY = /^\d{4}-\d\d-\d\dT\S+\t\w+\tenvoy /;
// Envoy's own default format: [time][thread][level][logger] [file:line] message
const ENVOY_DEFAULT_LINE = /^\[\d{4}-\d\d-\d\d[ T][\d:.]+\]\[\d+\]\[\w+\]\[[\w.]+\]/;
// pilot-agent shares istio's format in the istio-proxy container; these scopes and lines are its own.
const PILOT_AGENT_LINE =
  /\t(?:xdsproxy|sds|cache|healthcheck|envoy)\t|Envoy proxy is ready|Workload SDS socket|pilot-agent/;
const ENVOY_MESSAGE =
  /OTLP HTTP exporter|sampling configuration from Dynatrace|SamplerConfigProviderImpl|\[cluster = [^\]]*\] is not configured/;
const ISTIOD_MESSAGE =
  /Not able to configure requested tracing provider|found invalid extension provider|could not find cluster for|dynatrace sampler could not get http settings/;
// istioctl analyze prints "<Level> [ISTnnnn] (<resource>) <message>" (istio/istio pkg/config/analysis/diag/message.go String).
const ANALYZE_LINE = /^(Error|Warning|Info)\s+\[(IST\d{4})\]\s*(?:\[cluster-[^\]]*\]\s*)?(\(([^)]*)\))?\s*(.*)$/;
const ANALYZE_CLEAN = /No validation issues found when analyzing/;

export function recognise(input: string): Recognised[] {
  const tooLarge = inputSizeProblem(utf8ByteLength(input), 'cluster-output');
  if (tooLarge) return [unknown(tooLarge)];
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') return [unknown('Nothing to read yet: paste the output of one of the commands.')];

  const lines = text.split('\n');
  const analyze = readAnalyze(lines);
  if (analyze) return [analyze];
  const log = readLog(lines);
  if (log) return [log];
  if (/^\s*\[/.test(text)) return [readJsonArray(text)];
  return readYaml(text);
}

function readAnalyze(lines: string[]): Recognised | undefined {
  const messages: AnalyzeMessage[] = [];
  let clean = false;
  for (const line of lines) {
    const match = ANALYZE_LINE.exec(line.trim());
    if (match) {
      messages.push({ level: match[1]!, code: match[2]!, origin: match[4] ?? '', text: match[5] ?? '' });
    } else if (ANALYZE_CLEAN.test(line)) clean = true;
  }
  if (messages.length === 0 && !clean) return undefined;
  return {
    kind: 'analyze',
    label: INPUT_KIND_LABELS.analyze,
    messages,
    clean: clean && messages.length === 0,
  };
}

function readLog(lines: string[]): Recognised | undefined {
  let istio = 0;
  let envoy = 0;
  let istiodMessages = 0;
  for (const line of lines) {
    if (ENVOY_IN_ISTIO_PROXY.test(line) || ENVOY_DEFAULT_LINE.test(line) || PILOT_AGENT_LINE.test(line)) envoy++;
    else if (ISTIO_LOG_LINE.test(line)) istio++;
    else if (ENVOY_MESSAGE.test(line)) envoy++;
    if (ISTIOD_MESSAGE.test(line)) istiodMessages++;
  }
  if (envoy > 0) return { kind: 'proxy-log', label: INPUT_KIND_LABELS['proxy-log'], lines };
  if (istio > 0 || istiodMessages > 0) return { kind: 'istiod-log', label: INPUT_KIND_LABELS['istiod-log'], lines };
  return undefined;
}

function readJsonArray(text: string): Recognised {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return unknown(
      `This starts like JSON but cannot be read: ${(error as Error).message}. Paste the whole output of istioctl proxy-config … -o json.`,
    );
  }
  if (!Array.isArray(value)) return notRecognised('a JSON value that is not a list');
  return readProxyDump(value);
}

function readProxyDump(value: unknown[]): Recognised {
  const objects = value.map(asObject).filter((item): item is Plain => item !== undefined);
  if (value.length === 0) {
    return unknown(
      'An empty list: the proxy returned nothing. Check the pod name and namespace, and that the pod has an istio-proxy sidecar.',
    );
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

function readYaml(text: string): Recognised[] {
  let objects: Plain[];
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
    const values = docs.map((doc) => doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown);
    // istioctl proxy-config … -o yaml prints the same list as -o json.
    if (values.length === 1 && Array.isArray(values[0])) return [readProxyDump(values[0] as unknown[])];
    objects = values.map(asObject).filter((item): item is Plain => item !== undefined);
  } catch (error) {
    return [unknown(`This YAML cannot be read: ${(error as Error).message.split('\n')[0]}`)];
  }
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
      results.push(readMeshConfigMap(resource, metadata));
    } else if (kind === 'DynaKube') {
      results.push({ kind: 'dynakube', label: INPUT_KIND_LABELS.dynakube, dynakube: resource });
    } else if (kind === undefined && Object.keys(resource).some(isMeshConfigKey)) {
      results.push({ kind: 'mesh-config', label: 'live mesh config (data.mesh)', mesh: resource });
    } else {
      others.push(typeof kind === 'string' ? kind : 'map without a kind');
    }
  }
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
