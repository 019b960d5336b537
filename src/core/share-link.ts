import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';
import { WIZARD_STEPS, type WizardStep } from './wizard-steps';
import { defaultModel, sanitizeModelInput } from './defaults';
import type { ModelInput } from './model';

/*
 * Model ⇄ URL fragment. The fragment never reaches a server. Only what differs from the defaults is
 * encoded, the API token never is, and the payload is deflated and base64url-encoded behind a version:
 *   #s=1.<base64url(deflate-raw(JSON))>
 * Decoding treats the link as hostile: bounded sizes, no eval, unknown keys dropped, every value forced
 * to the type the form expects.
 */

export const SHARE_LINK_VERSION = 1;
const PREFIX = 's=';
/** Links longer than this are not ours; chat tools truncate far shorter ones anyway. */
export const MAX_FRAGMENT_LENGTH = 8192;
/** Bounds decompression (deflate bombs). */
export const MAX_DECODED_BYTES = 64 * 1024;

export interface SharedState {
  values: ModelInput;
  step: WizardStep;
}

export type DecodedLink = { ok: true; state: SharedState; notes: string[] } | { ok: false; message: string };

/** The configuration without its secrets: the only shape that may leave the page. */
export function withoutSecrets(values: ModelInput): ModelInput {
  return { ...values, token: { ...values.token, value: '' } };
}

/*
 * Fields by number, so links stay short. Append-only: a field's number never changes, and a removed
 * field keeps its slot, so every link made so far still opens. The token is deliberately absent.
 */
const FIELDS = [
  'mode',
  'istio.version',
  'istio.ambient',
  'istio.rootNamespace',
  'operator.dynakubeName',
  'operator.namespace',
  'operator.serviceName',
  'operator.telemetryIngestEnabled',
  'operator.enableIstio',
  'dynatrace.environmentKind',
  'dynatrace.environmentId',
  'dynatrace.host',
  'dynatrace.port',
  'dynatrace.clusterId',
  'token.storage',
  'token.envName',
  'token.secretName',
  'provider.name',
  'provider.timeout',
  'provider.resourceDetector',
  'provider.sampler',
  'provider.rootSpansPerMinute',
  'provider.samplerFromTenant',
  'telemetry.namespace',
  'telemetry.selector',
  'telemetry.samplingPercentage',
  'output.meshConfigFormat',
  'istio.istiodNamespace',
  'istio.revision',
  'istio.clusterDomain',
  'dynatrace.tls',
  'dynatrace.caCertificates',
  'telemetry.customTags',
  'istio.ambientTracing',
  'telemetry.waypoint.name',
  'telemetry.waypoint.namespace',
] as const;

function read(values: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      values,
    );
}

function write(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
}

export function encodeShareFragment(values: ModelInput, step: WizardStep): string {
  const fields: [number, unknown][] = [];
  FIELDS.forEach((path, index) => {
    const value = read(values, path);
    if (JSON.stringify(value) !== JSON.stringify(read(defaultModel, path))) fields.push([index, value]);
  });
  const stepIndex = WIZARD_STEPS.indexOf(step);
  const payload = { f: fields, ...(stepIndex > 0 ? { s: stepIndex } : {}) };
  const bytes = deflateSync(strToU8(JSON.stringify(payload)), { level: 9 });
  return `${PREFIX}${SHARE_LINK_VERSION}.${toBase64Url(bytes)}`;
}

/** Reads a fragment (with or without `#`) or a whole URL. Never throws. */
export function decodeShareFragment(input: string): DecodedLink {
  const hashIndex = input.indexOf('#');
  const fragment = hashIndex >= 0 ? input.slice(hashIndex + 1) : input;
  if (fragment.length > MAX_FRAGMENT_LENGTH) {
    return {
      ok: false,
      message: `This link is ${fragment.length} characters long; wizard links are far shorter, so it was not opened.`,
    };
  }
  if (!fragment.startsWith(PREFIX)) return { ok: false, message: 'This link holds no wizard configuration.' };
  const body = fragment.slice(PREFIX.length);
  const dot = body.indexOf('.');
  const version = Number(body.slice(0, dot));
  if (dot < 0 || !Number.isInteger(version))
    return { ok: false, message: 'This link is damaged (no version); it may have been cut off when it was copied.' };
  if (version > SHARE_LINK_VERSION) {
    return {
      ok: false,
      message: `This link was made by a newer version of the wizard (format ${version}); this one reads format ${SHARE_LINK_VERSION}. Open it where it was made, or ask for a new link.`,
    };
  }
  if (version < 1) return { ok: false, message: 'This link is damaged (unknown format).' };

  let json: string;
  try {
    json = strFromU8(inflateBounded(fromBase64Url(body.slice(dot + 1)), MAX_DECODED_BYTES));
  } catch (error) {
    return {
      ok: false,
      message: (error as Error).message.startsWith('too large')
        ? 'This link expands to far more data than a configuration holds, so it was not opened.'
        : 'This link is damaged; it may have been cut off when it was copied.',
    };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    return { ok: false, message: 'This link is damaged; its content is not readable.' };
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return { ok: false, message: 'This link is damaged; its content is not a configuration.' };
  }
  const record = payload as { f?: unknown; s?: unknown };
  const partial: Record<string, unknown> = {};
  const notes: string[] = [];
  if (Array.isArray(record.f)) {
    for (const entry of record.f.slice(0, FIELDS.length * 2)) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'number') continue;
      const path = FIELDS[entry[0]];
      // Unknown numbers come from newer links of the same format: skipped, the rest still opens.
      if (path !== undefined) write(partial, path, entry[1]);
    }
  }
  // A token should never be in a link; if someone put one there by hand, it is not taken.
  if ('t' in record || 'token' in record) notes.push('The link carried an API token; it was ignored. Enter your own.');
  const values = sanitizeModelInput(partial);
  const step = (typeof record.s === 'number' ? WIZARD_STEPS[record.s] : undefined) ?? 'requirements';
  return { ok: true, state: { values: withoutSecrets(values), step }, notes };
}

function inflateBounded(data: Uint8Array, limit: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > limit) throw new Error('too large');
    chunks.push(chunk);
    if (final) done = true;
  });
  inflater.push(data, true);
  if (!done) throw new Error('truncated');
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
