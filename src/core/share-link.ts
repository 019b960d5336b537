import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';
import { WIZARD_STEPS, type WizardStep } from './wizard-steps';
import { defaultModel, sanitizeModelInput } from './defaults';
import type { ModelInput } from './model';
import type { ProblemCode } from './problems';
import { crc32 } from './crc32';

/*
 * Model ⇄ URL fragment. The fragment never reaches a server. Only what differs from the defaults is
 * encoded, the API token never is, and the payload is deflated and base64url-encoded behind a version:
 *   #s=2.<base64url(deflate-raw(JSON) + CRC-32(JSON), big-endian)>
 *   #s=1.<base64url(deflate-raw(JSON))>   (older links, still read; no checksum)
 * The checksum makes a damaged link fail instead of opening a slightly different configuration.
 * Decoding treats the link as hostile: bounded sizes, no eval, unknown keys dropped, every value forced
 * to the type the form expects.
 */

export const SHARE_LINK_VERSION = 2;
const PREFIX = 's=';
/** Links longer than this are not ours; chat tools truncate far shorter ones anyway. */
export const MAX_FRAGMENT_LENGTH = 8192;
/** Bounds decompression (deflate bombs). */
export const MAX_DECODED_BYTES = 64 * 1024;

export interface SharedState {
  values: ModelInput;
  step: WizardStep;
}

export type DecodedLink =
  { ok: true; state: SharedState; notes: string[] } | { ok: false; code: ProblemCode; message: string };

const damaged = (message: string): DecodedLink => ({ ok: false, code: 'LINK_DAMAGED', message });

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
  'provider.serviceAttributeEnrichment',
  'istio.sailName',
  'istio.kubernetesVersion',
  'istio.nativeSidecars',
  'dynatrace.caDelivery',
  'dynatrace.caNamespaces',
  'dynatrace.caSelector',
  'dynatrace.caGatewayNamespace',
  'dynatrace.caGatewaySelector',
] as const;

/** istio.version's slot. Every link names its version: the default moves with the release table. */
const ISTIO_VERSION_FIELD = FIELDS.indexOf('istio.version');
/** The default when links were made without istio.version (before the release table): read them as it. */
const LINKS_OLD_DEFAULT_ISTIO_VERSION = '1.28';

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
    const differs = JSON.stringify(value) !== JSON.stringify(read(defaultModel, path));
    if (differs || index === ISTIO_VERSION_FIELD) fields.push([index, value]);
  });
  const stepIndex = WIZARD_STEPS.indexOf(step);
  const payload = { f: fields, ...(stepIndex > 0 ? { s: stepIndex } : {}) };
  const json = strToU8(JSON.stringify(payload));
  const deflated = deflateSync(json, { level: 9 });
  const bytes = new Uint8Array(deflated.length + 4);
  bytes.set(deflated);
  new DataView(bytes.buffer).setUint32(deflated.length, crc32(json));
  return `${PREFIX}${SHARE_LINK_VERSION}.${toBase64Url(bytes)}`;
}

/** Reads a fragment (with or without `#`) or a whole URL. Never throws. */
export function decodeShareFragment(input: string): DecodedLink {
  const hashIndex = input.indexOf('#');
  const fragment = hashIndex >= 0 ? input.slice(hashIndex + 1) : input;
  if (fragment.length > MAX_FRAGMENT_LENGTH) {
    return {
      ok: false,
      code: 'LINK_TOO_LONG',
      message: `This link is ${fragment.length} characters long; wizard links are far shorter, so it was not opened.`,
    };
  }
  if (!fragment.startsWith(PREFIX))
    return { ok: false, code: 'LINK_NOT_WIZARD', message: 'This link holds no wizard configuration.' };
  const body = fragment.slice(PREFIX.length);
  const dot = body.indexOf('.');
  const version = Number(body.slice(0, dot));
  if (dot < 0 || !/^\d+$/.test(body.slice(0, dot)))
    return damaged('This link is damaged (no version); it may have been cut off when it was copied.');
  if (version > SHARE_LINK_VERSION) {
    return {
      ok: false,
      code: 'LINK_NEWER_FORMAT',
      message: `This link was made by a newer version of the wizard (format ${version}); this one reads format ${SHARE_LINK_VERSION}. Open it where it was made, or ask for a new link.`,
    };
  }
  if (version < 1) return damaged('This link is damaged (unknown format).');

  let json: string;
  try {
    const bytes = fromBase64Url(body.slice(dot + 1));
    if (version === 1) json = strFromU8(inflateBounded(bytes, MAX_DECODED_BYTES));
    else {
      if (bytes.length < 5) throw new Error('truncated');
      const inflated = inflateBounded(bytes.subarray(0, -4), MAX_DECODED_BYTES);
      const expected = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 4, 4).getUint32(0);
      if (crc32(inflated) !== expected) throw new Error('checksum');
      json = strFromU8(inflated);
    }
  } catch (error) {
    return (error as Error).message.startsWith('too large')
      ? {
          ok: false,
          code: 'LINK_TOO_LARGE',
          message: 'This link expands to far more data than a configuration holds, so it was not opened.',
        }
      : damaged('This link is damaged; it may have been cut off when it was copied.');
  }
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    return damaged('This link is damaged; its content is not readable.');
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return damaged('This link is damaged; its content is not a configuration.');
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
  if (read(partial, 'istio.version') === undefined) write(partial, 'istio.version', LINKS_OLD_DEFAULT_ISTIO_VERSION);
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
