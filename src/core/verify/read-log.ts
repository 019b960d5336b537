/*
 * Log lines as people paste them, brought to one form before any pattern is matched:
 * "<time>\t<level>\t<scope and message>", with the lines that continue an entry (multi-line messages,
 * Go multierror lists, Envoy's NACK details) joined to it by "\n".
 *
 * Formats read (each cited at its source):
 * - istio text: RFC 3339 time with microseconds, a tab, the lowercase level, a tab, the scope (istio/istio
 *   pkg/log/config.go defaultEncoderConfig + formatDate, 1.22.0–1.31.0-rc.0); tabs may have become spaces
 *   when the text was copied from a terminal.
 * - istio JSON (global.logAsJson, --log_as_json): zap's JSON encoder with the keys level, time, scope, msg
 *   (same file); quotes inside msg are escaped, so the line is decoded before matching.
 * - Envoy in istio-proxy, text: "%Y-%m-%dT%T.%fZ\t%l\tenvoy %n %g:%#\t%v\tthread=%t"; JSON: keys time, level,
 *   scope ("envoy %n"), msg, caller, thread (istio/istio tools/packaging/common/envoy_bootstrap.json, 1.30.3).
 * - Envoy's own default: "[time][thread][level][logger] [file:line] message".
 * - `kubectl logs --timestamps` puts an RFC 3339 time and a space before each line; `--prefix` puts
 *   "[pod/<name>/<container>] " before it (kubectl logs --help).
 */

export interface LogEntry {
  /** The normalised first line plus any continuation lines, joined by "\n". */
  text: string;
  level: string;
  /** 'istio' for istio's own format, 'envoy' for Envoy's (in istio-proxy or its default format). */
  format: 'istio' | 'envoy' | 'other';
}

const KUBECTL_PREFIX = /^\[pod\/[^\]\s]+\]\s/;
// kubectl separates its time from the line by one space; istio's own time is followed by a tab.
const KUBECTL_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d) (?=\S)/;
const LEVELS = 'debug|info|warn|warning|error|critical|fatal|trace|panic|dpanic';
const ISTIO_TEXT = new RegExp(
  `^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z)[\\t ]+(${LEVELS})[\\t ]+(.*)$`,
);
const ENVOY_DEFAULT = /^\[(\d{4}-\d\d-\d\d[ T][\d:.]+Z?)\]\[\d+\]\[(\w+)\]\[([\w.]+)\]\s?(.*)$/;
// Access log lines (text "[<start time>] \"GET …" or JSON) stand alone; they never continue a message.
const STANDALONE_LINE = /^\[\d{4}-\d\d-\d\dT[^\]]*\]\s|^\{"/;
const JSON_LOG_START = /^\{\s*"(?:level|time|severity|timestamp|msg|scope)"\s*:/;

/** Strips what kubectl puts before a line (--prefix, --timestamps) when a log line follows. */
export function stripKubectlPrefixes(line: string): string {
  let rest = line.replace(KUBECTL_PREFIX, '');
  const stamped = KUBECTL_TIMESTAMP.exec(rest);
  if (stamped) {
    const after = rest.slice(stamped[0].length);
    if (ISTIO_TEXT.test(after) || ENVOY_DEFAULT.test(after) || JSON_LOG_START.test(after)) rest = after;
  }
  return rest;
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
}

/** One JSON log line in the text form, or undefined when it is not one. */
function fromJson(line: string): LogEntry | undefined {
  if (!JSON_LOG_START.test(line)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const message = textOf(record.msg ?? record.message);
  const level = textOf(record.level ?? record.severity).toLowerCase();
  const time = textOf(record.time ?? record.timestamp);
  const scope = textOf(record.scope ?? record.logger);
  if (!message && !level) return undefined;
  const envoy = scope.startsWith('envoy');
  // Fields zap adds after msg (e.g. ttl=…, resource=…) stay readable at the end, as the text encoder prints them.
  const known = new Set([
    'msg',
    'message',
    'level',
    'severity',
    'time',
    'timestamp',
    'scope',
    'logger',
    'caller',
    'thread',
  ]);
  const fields = Object.entries(record)
    .filter(([key]) => !known.has(key))
    .map(([key, item]) => `${key}=${textOf(item)}`);
  const head = envoy
    ? `${time}\t${level}\t${scope} ${textOf(record.caller)}\t${message}\tthread=${textOf(record.thread)}`
    : `${time}\t${level}\t${scope ? `${scope}\t` : ''}${message}${fields.length ? `\t${fields.join('\t')}` : ''}`;
  return { text: head, level, format: envoy ? 'envoy' : 'istio' };
}

/** The head of a log entry in the text form, or undefined for a line that continues the one before. */
export function readLogHead(raw: string): LogEntry | undefined {
  const line = stripKubectlPrefixes(raw);
  const json = fromJson(line);
  if (json) return json;
  const istio = ISTIO_TEXT.exec(line);
  if (istio) {
    const level = istio[2]!.toLowerCase();
    const rest = istio[3]!;
    return { text: `${istio[1]}\t${level}\t${rest}`, level, format: /^envoy\s/.test(rest) ? 'envoy' : 'istio' };
  }
  const envoy = ENVOY_DEFAULT.exec(line);
  if (envoy) {
    const level = envoy[2]!.toLowerCase();
    return { text: `${envoy[1]}\t${level}\tenvoy ${envoy[3]}\t${envoy[4]}`, level, format: 'envoy' };
  }
  return undefined;
}

export function isLogHead(line: string): boolean {
  return readLogHead(line) !== undefined;
}

/**
 * An Envoy access log line: the text format starts with "[%START_TIME%] \"" (envoy's default access log format,
 * Istio's meshConfig.accessLogFormat default), the JSON encoding (accessLogEncoding: JSON) is one object per line.
 * Only an istio-proxy log holds them.
 */
export function isAccessLogLine(line: string): boolean {
  if (/^\[\d{4}-\d\d-\d\dT[^\]]*\]\s"/.test(line)) return true;
  // A compact Kubernetes resource (kubectl -o json | jq -c) is not an access log line.
  return /^\{".*\}\s*$/.test(line) && !/"(?:apiVersion|kind)"\s*:/.test(line);
}

/** Groups lines into entries; lines before the first head (e.g. a banner) become entries of their own. */
export function readLogEntries(lines: readonly string[]): LogEntry[] {
  const entries: LogEntry[] = [];
  let current: LogEntry | undefined;
  for (const raw of lines) {
    const head = readLogHead(raw);
    if (head) {
      if (current) entries.push(current);
      current = head;
    } else if (current && raw.trim() !== '' && !STANDALONE_LINE.test(raw)) {
      current.text += `\n${raw}`;
    } else if (raw.trim() !== '') {
      entries.push({ text: raw, level: '', format: 'other' });
    }
  }
  if (current) entries.push(current);
  return entries;
}
