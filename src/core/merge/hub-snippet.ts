import { parseAllDocuments } from 'yaml';
import { parseEnvironmentUrl } from '../endpoints';
import { asObject, meshField, textOf, type Plain } from '../plain-data';
import type { ModelInput } from '../model';
import type { ProblemCode } from '../problems';
import { checkDocumentBounds, checkTextBounds } from './bounds';
import { MAX_INPUT_BYTES } from './input-size';

/*
 * Reads the snippets Dynatrace Hub's "Istio Service Mesh" setup produces (mesh config, and often the
 * ServiceEntry and Telemetry in the same paste) and picks out what the wizard asks for: environment,
 * cluster ID, endpoint and token. Users often start there.
 */

export interface HubSnippetValues {
  mode?: ModelInput['mode'];
  dynatrace: Partial<ModelInput['dynatrace']>;
  token?: string;
  providerName?: string;
  operator?: Partial<Pick<ModelInput['operator'], 'dynakubeName' | 'namespace' | 'serviceName'>>;
}

export type HubSnippetResult =
  { ok: true; values: HubSnippetValues; found: string[] } | { ok: false; code: ProblemCode; message: string };

export function readHubSnippet(text: string): HubSnippetResult {
  if (new TextEncoder().encode(text).length > MAX_INPUT_BYTES)
    return { ok: false, code: 'TOO_LARGE', message: 'This is far larger than a Hub snippet; paste only the snippet.' };
  let documents: unknown[];
  try {
    const normalized = text.replace(/\r\n?/g, '\n');
    const bounds = checkTextBounds(normalized);
    if (bounds) return { ok: false, code: bounds.code, message: bounds.message };
    const docs = parseAllDocuments(normalized, { version: '1.1' });
    if (!Array.isArray(docs))
      return {
        ok: false,
        code: 'EMPTY',
        message: 'Paste the snippet from Dynatrace Hub (Istio Service Mesh → Set up).',
      };
    const broken = docs.find((doc) => doc.errors.length > 0);
    if (broken) {
      const error = broken.errors[0]!;
      const position = error.linePos?.[0];
      return {
        ok: false,
        code: error.code === 'TAB_AS_INDENT' ? 'TAB_AS_INDENT' : 'INVALID_YAML',
        message: `The snippet is not valid YAML${position ? ` (line ${position.line}, column ${position.col})` : ''}: ${error.message.split('\n')[0]}`,
      };
    }
    for (const doc of docs) {
      const bounded = checkDocumentBounds(doc, normalized);
      if (bounded?.code === 'ALIAS_BOMB') return { ok: false, code: bounded.code, message: bounded.message };
    }
    documents = docs.map((doc) => doc.toJS({ maxAliasCount: -1 }) as unknown);
  } catch {
    return { ok: false, code: 'INVALID_YAML', message: 'The snippet could not be read as YAML.' };
  }

  const values: HubSnippetValues = { dynatrace: {} };
  const found: string[] = [];
  let activeGatePort: number | undefined;
  for (const document of documents) {
    const object = asObject(document);
    if (!object) continue;
    if (object.kind === 'ServiceEntry') {
      const ports = (asObject(object.spec)?.ports as Plain[] | undefined) ?? [];
      const target = ports.map((port) => Number(port.targetPort ?? port.number)).find((port) => port === 9999);
      if (target) activeGatePort = target;
      continue;
    }
    const mesh = asObject(asObject(object.spec)?.meshConfig) ?? asObject(object.meshConfig) ?? object;
    const providers = meshField(mesh, 'extension_providers');
    if (!Array.isArray(providers)) continue;
    for (const entry of providers.map(asObject)) {
      const otel = asObject(entry?.opentelemetry);
      if (!otel) continue;
      readProvider(textOf(entry?.name), otel, values, found);
      break;
    }
  }
  if (activeGatePort && values.dynatrace.environmentKind === 'managed') {
    values.dynatrace.environmentKind = 'activegate';
    values.dynatrace.port = String(activeGatePort);
  }
  if (found.length === 0) {
    return {
      ok: false,
      code: 'NO_PROVIDER',
      message:
        'No OpenTelemetry provider found. Paste the mesh configuration snippet from Dynatrace Hub (Istio Service Mesh → Set up).',
    };
  }
  return { ok: true, values, found };
}

function readProvider(name: string, otel: Plain, values: HubSnippetValues, found: string[]) {
  if (name) values.providerName = name;
  const sampler = asObject(meshField(otel, 'dynatrace_sampler'));
  const tenant = meshField(sampler, 'tenant');
  const clusterId = meshField(sampler, 'cluster_id');
  if (typeof tenant === 'string' && tenant !== '') {
    values.dynatrace.environmentId = tenant;
    found.push('environment ID');
  }
  if (typeof clusterId === 'number' || (typeof clusterId === 'string' && /^-?\d+$/.test(clusterId))) {
    values.dynatrace.clusterId = String(clusterId);
    found.push('cluster ID');
  }

  const service = textOf(otel.service);
  const host = service.includes('/') ? service.slice(service.indexOf('/') + 1) : service;
  const ingest = /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc(?:\.cluster\.local)?$/.exec(host);
  if (ingest && ingest[1]!.includes('telemetry-ingest')) {
    const [, name, namespace] = ingest as unknown as [string, string, string];
    values.mode = 'operator';
    // <dynakube>-telemetry-ingest is the Operator's default name; anything else is a custom service name.
    values.operator = name.endsWith('-telemetry-ingest')
      ? { dynakubeName: name.slice(0, -'-telemetry-ingest'.length), namespace }
      : { serviceName: name, namespace };
    found.push('Dynatrace Operator endpoint');
  } else if (host) {
    const path = textOf(asObject(otel.http)?.path);
    const environment = parseEnvironmentUrl(`https://${host}${path}`);
    if (environment) {
      values.mode = 'standalone';
      values.dynatrace.environmentKind = environment.environmentKind;
      values.dynatrace.host = environment.host;
      values.dynatrace.environmentId ??= environment.environmentId;
      found.push('endpoint');
    }
  }
  const headers = asObject(otel.http)?.headers;
  if (Array.isArray(headers)) {
    for (const header of headers.map(asObject)) {
      const value = header?.value;
      if (String(header?.name).toLowerCase() === 'authorization' && typeof value === 'string') {
        const token = /^Api-Token\s+(\S+)$/.exec(value.trim())?.[1];
        if (token && !token.startsWith('<')) {
          values.token = token;
          found.push('API token');
        }
      }
    }
  }
}
