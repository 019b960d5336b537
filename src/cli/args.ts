import { parseArgs } from 'node:util';
import {
  decodeShareFragment,
  defaultModel,
  isPlainObject,
  parseEnvironmentUrl,
  tracesAtWaypoints,
  withDefaults,
  type ModelInput,
} from '../core';
import { parseTagFlag } from '../core/runtime';
import { expandAmbientChoice, readWaypointFlag } from './ambient-flags';

/*
 * Command-line flags → the one configuration model. Everything is checked by the model's schema;
 * this file only maps flags to fields (and field paths back to flags for messages).
 */

export const USAGE = `Usage: npm run generate -- [options] --out DIR

Writes meshconfig.yaml, dt-serviceentry.yaml (when needed), dt-telemetry.yaml and apply.sh
for exporting Istio OpenTelemetry traces to Dynatrace.

Dynatrace
  --mode operator|standalone      how traces reach Dynatrace (default: operator)
  --tenant ID                     environment ID, e.g. abc12345
  --environment-url URL           instead of --tenant: https://abc12345.live.dynatrace.com,
                                  https://{domain}/e/{id} (Managed), https://{host}:9999/e/{id} (ActiveGate)
  --cluster-id N                  Dynatrace cluster ID for the sampler (signed 32-bit integer)
  --tls public|ca-certificates|insecure-skip-verify
                                  Managed/ActiveGate certificate: publicly trusted (default), signed by
                                  your CA (file mounted into the sidecars), or not verified (insecure)
  --ca-certificates PATH          the CA file's path in the sidecar (default: /etc/dynatrace-ca/ca.crt)
  --token T                       API token (dt0c01.…); prefer --token-env
  --token-env VAR                 read the API token from environment variable VAR
  --token-storage auto|inline|istiod-env
                                  keep the token in the mesh config, or (Istio 1.26+) in a Secret read
                                  by istiod; auto: the Secret on 1.26+, else the mesh config
                                  (default: inline when a token is given, else auto)
  --token-env-name NAME           istiod variable holding the header (default: DYNATRACE_API_TOKEN)
  --token-secret NAME             Secret holding it (default: dynatrace-otel-token)

Dynatrace Operator
  --dynakube NAME                 DynaKube name (default: dynakube)
  --operator-namespace NS         its namespace (default: dynatrace)
  --ingest-service NAME           custom telemetry-ingest service name
  --sampler-from-tenant           let the sampler fetch its rate from the tenant (needs a token)

Provider
  --provider-name N               extension provider name (default: dynatrace-otel)
  --timeout D                     export timeout in seconds, e.g. 10s (default: 10s)
  --no-resource-detector          leave out the Dynatrace resource detector
  --no-sampler                    leave out the Dynatrace sampler
  --root-spans-per-minute N       sampler fallback rate (default: 1000)

Istio
  --istio-version V               e.g. 1.24.3 (default: ${defaultModel.istio.version}, the newest release this tool knows)
  --ambient                       Istio runs in ambient mode: stops with the guide's advice (run the
                                  workloads to trace in sidecar mode), exit code 3
  --ambient waypoints             ambient mode, tracing at waypoints and gateways only (not supported
                                  by Dynatrace: spans come from the waypoint, not the workload);
                                  same as --ambient-tracing waypoints. Needs Istio 1.24+
  --waypoint NAME[:NAMESPACE]     with --ambient waypoints: target this waypoint Gateway (targetRefs),
                                  NAMESPACE defaults to --telemetry-namespace
  --root-namespace NS             default: istio-system
  --istiod-namespace NS           istiod's namespace, where its mesh ConfigMap and Secret live
                                  (default: istio-system; find it with
                                  kubectl get pods -A -l app=istiod -L istio.io/rev)
  --revision REV                  istiod's revision (istio.io/rev), e.g. 1-24-3 (default: none)
  --cluster-domain D              the cluster's DNS domain (default: cluster.local)
  --telemetry-namespace NS        default: the root namespace (mesh-wide)
  --selector KEY=VALUE            select workloads by label (repeatable); needs
                                  --telemetry-namespace: a selector matches pods in its own namespace only
  --sampling P                    sampling percentage when the sampler is off (default: 1); with the
                                  sampler Istio samples 100 % and the sampler decides
  --tag NAME=KIND:VALUE           a custom tag on every span (repeatable): NAME=literal:VALUE,
                                  NAME=header:HEADER[:DEFAULT], NAME=env:VARIABLE[:DEFAULT],
                                  NAME=formatter:FORMAT (Istio 1.29+)
  --format istio-operator|helm|configmap|sail
                                  mesh-config output format (default: istio-operator); sail writes
                                  the Sail operator's Istio resource (sailoperator.io/v1)

Input and output
  --config FILE                   JSON of the configuration model; flags override it
  --link URL                      a share link from the wizard (it never holds the token: add
                                  --token-env VAR, or use the Secret on Istio 1.26+)
  --merge FILE                    merge the provider into your existing mesh config (IstioOperator,
                                  istiod Helm values, the istio ConfigMap, a Sail Istio resource
                                  or a meshConfig block);
                                  meshconfig.yaml is then your file with the provider added
  --merge-telemetry FILE          your Telemetry resources (one, several, or kubectl get telemetry -A
                                  -o yaml); when one conflicts with ours, dt-telemetry.yaml is that
                                  Telemetry with the provider added to its tracing
  --out DIR                       directory to write the files to
  --print-link [BASE_URL]         print the share link that opens the wizard on this configuration
                                  (never with the token), e.g. for a reviewer; --out is then optional
  --verify FILE…                  instead of writing files, check what the cluster prints (the outputs
                                  of kubectl and istioctl, one or several per FILE; repeatable) against
                                  this configuration: the checks of npm run verify, same report
  --help                          show this help

Exit codes: 0 files written, 2 invalid input (nothing written), 3 a requirement blocks this setup.
With --verify: 0 every checked item passes, 1 a check fails, 2 invalid input (bad flags, unreadable
or unrecognised files).`;

const OPTIONS = {
  mode: { type: 'string' },
  tenant: { type: 'string' },
  'environment-url': { type: 'string' },
  'cluster-id': { type: 'string' },
  tls: { type: 'string' },
  'ca-certificates': { type: 'string' },
  token: { type: 'string' },
  'token-env': { type: 'string' },
  'token-storage': { type: 'string' },
  'token-env-name': { type: 'string' },
  'token-secret': { type: 'string' },
  dynakube: { type: 'string' },
  'operator-namespace': { type: 'string' },
  'ingest-service': { type: 'string' },
  'sampler-from-tenant': { type: 'boolean' },
  'provider-name': { type: 'string' },
  timeout: { type: 'string' },
  'no-resource-detector': { type: 'boolean' },
  'no-sampler': { type: 'boolean' },
  'root-spans-per-minute': { type: 'string' },
  'istio-version': { type: 'string' },
  ambient: { type: 'boolean' },
  'ambient-tracing': { type: 'string' },
  waypoint: { type: 'string' },
  'root-namespace': { type: 'string' },
  'istiod-namespace': { type: 'string' },
  revision: { type: 'string' },
  'cluster-domain': { type: 'string' },
  'telemetry-namespace': { type: 'string' },
  selector: { type: 'string', multiple: true },
  sampling: { type: 'string' },
  tag: { type: 'string', multiple: true },
  format: { type: 'string' },
  config: { type: 'string' },
  merge: { type: 'string' },
  'merge-telemetry': { type: 'string' },
  link: { type: 'string' },
  out: { type: 'string' },
  'print-link': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Which flag sets each model field, to name it in messages. */
export const FLAG_FOR_PATH: Record<string, string> = {
  mode: '--mode',
  'istio.version': '--istio-version',
  'istio.ambient': '--ambient',
  'istio.ambientTracing': '--ambient',
  'telemetry.waypoint.name': '--waypoint',
  'telemetry.waypoint.namespace': '--waypoint',
  'istio.rootNamespace': '--root-namespace',
  'istio.istiodNamespace': '--istiod-namespace',
  'istio.revision': '--revision',
  'istio.clusterDomain': '--cluster-domain',
  'operator.dynakubeName': '--dynakube',
  'operator.namespace': '--operator-namespace',
  'operator.serviceName': '--ingest-service',
  'dynatrace.environmentKind': '--environment-url',
  'dynatrace.environmentId': '--tenant',
  'dynatrace.host': '--environment-url',
  'dynatrace.port': '--environment-url',
  'dynatrace.clusterId': '--cluster-id',
  'dynatrace.tls': '--tls',
  'dynatrace.caCertificates': '--ca-certificates',
  'token.value': '--token / --token-env',
  'token.storage': '--token-storage',
  'token.envName': '--token-env-name',
  'token.secretName': '--token-secret',
  'provider.name': '--provider-name',
  'provider.timeout': '--timeout',
  'provider.rootSpansPerMinute': '--root-spans-per-minute',
  'telemetry.namespace': '--telemetry-namespace',
  'telemetry.samplingPercentage': '--sampling',
  'output.meshConfigFormat': '--format',
};

export function flagForPath(path: string): string {
  if (path.startsWith('telemetry.selector')) return '--selector';
  if (path.startsWith('telemetry.customTags')) return '--tag';
  return FLAG_FOR_PATH[path] ?? path;
}

export type ParsedCommand =
  | { kind: 'help' }
  | { kind: 'error'; messages: string[] }
  | {
      kind: 'generate';
      input: ModelInput;
      /** Absent when only a link is asked for. */
      outDir?: string;
      merge?: { path: string; text: string };
      mergeTelemetry?: { path: string; text: string };
      /** The base URL to print the share link with ('' prints the fragment alone). */
      printLink?: string;
    };

export interface CliContext {
  env: Record<string, string | undefined>;
  readFile: (path: string) => string;
}

export function parseCommand(argv: string[], context: CliContext): ParsedCommand {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    return { kind: 'error', messages: [(error as Error).message, 'Run with --help for the list of options.'] };
  }
  if (values.help) return { kind: 'help' };

  const messages: string[] = [];
  let base: unknown = {};
  if (values.config !== undefined) {
    try {
      base = JSON.parse(context.readFile(values.config));
      const shapeProblems = configShapeProblems(base);
      messages.push(...shapeProblems.map((text) => `--config ${values.config}: ${text}`));
      if (shapeProblems.length > 0) base = {};
    } catch (error) {
      messages.push(`--config: cannot read ${values.config} as JSON: ${(error as Error).message}`);
    }
  }

  if (values.link !== undefined) {
    if (values.config !== undefined) messages.push('--link and --config: give only one of them.');
    const decoded = decodeShareFragment(values.link);
    if (decoded.ok) base = decoded.state.values;
    else messages.push(`--link: ${decoded.message}`);
  }

  const patch: Record<string, unknown> = {};
  const set = (group: string, key: string, value: unknown) => {
    if (value === undefined) return;
    const target = (patch[group] ??= {}) as Record<string, unknown>;
    target[key] = value;
  };
  if (values.mode !== undefined) patch.mode = values.mode;

  if (values['environment-url'] !== undefined) {
    const parsed = parseEnvironmentUrl(values['environment-url']);
    if (!parsed) {
      messages.push(
        '--environment-url: not a Dynatrace environment URL. Use https://<id>.live.dynatrace.com, https://<domain>/e/<id> or https://<activegate>:9999/e/<id>.',
      );
    } else {
      if (values.tenant !== undefined && values.tenant !== parsed.environmentId) {
        messages.push(
          `--tenant ${values.tenant} does not match the environment URL (which names ${parsed.environmentId}).`,
        );
      }
      set('dynatrace', 'environmentKind', parsed.environmentKind);
      set('dynatrace', 'environmentId', parsed.environmentId);
      set('dynatrace', 'host', parsed.host);
      set('dynatrace', 'port', parsed.port === undefined ? '' : String(parsed.port));
    }
  }
  set('dynatrace', 'environmentId', values.tenant);
  set('dynatrace', 'clusterId', values['cluster-id']);
  set('dynatrace', 'tls', values.tls);
  set('dynatrace', 'caCertificates', values['ca-certificates']);

  let tokenGiven = false;
  if (values.token !== undefined && values['token-env'] !== undefined) {
    messages.push('--token and --token-env: give only one of them.');
  } else if (values.token !== undefined) {
    set('token', 'value', values.token);
    tokenGiven = true;
  } else if (values['token-env'] !== undefined) {
    const token = context.env[values['token-env']];
    if (token === undefined || token === '') {
      messages.push(`--token-env: the environment variable ${values['token-env']} is not set.`);
    } else {
      set('token', 'value', token);
      tokenGiven = true;
    }
  }
  // A token given on the command line is meant to be used, so it goes into the mesh config unless told otherwise.
  set('token', 'storage', values['token-storage'] ?? (tokenGiven ? 'inline' : undefined));
  set('token', 'envName', values['token-env-name']);
  set('token', 'secretName', values['token-secret']);

  set('operator', 'dynakubeName', values.dynakube);
  set('operator', 'namespace', values['operator-namespace']);
  set('operator', 'serviceName', values['ingest-service']);
  if (values['sampler-from-tenant']) set('provider', 'samplerFromTenant', true);

  set('provider', 'name', values['provider-name']);
  set('provider', 'timeout', values.timeout);
  if (values['no-resource-detector']) set('provider', 'resourceDetector', false);
  if (values['no-sampler']) set('provider', 'sampler', false);
  set('provider', 'rootSpansPerMinute', values['root-spans-per-minute']);

  set('istio', 'version', values['istio-version']);
  if (values.ambient || values['ambient-tracing'] !== undefined) set('istio', 'ambient', true);
  set('istio', 'ambientTracing', values['ambient-tracing']);
  if (values.waypoint !== undefined) {
    const waypoint = readWaypointFlag(values.waypoint, values['telemetry-namespace']);
    if (waypoint.ok) set('telemetry', 'waypoint', { name: waypoint.name, namespace: waypoint.namespace });
    else messages.push(waypoint.message);
  }
  set('istio', 'rootNamespace', values['root-namespace']);
  set('istio', 'istiodNamespace', values['istiod-namespace']);
  set('istio', 'revision', values.revision);
  set('istio', 'clusterDomain', values['cluster-domain']);
  // Mesh-wide by default: the Telemetry follows the root namespace unless placed elsewhere.
  set('telemetry', 'namespace', values['telemetry-namespace'] ?? values['root-namespace']);
  if (values.selector !== undefined) {
    const selector = values.selector.map((pair) => {
      const index = pair.indexOf('=');
      if (index < 0) messages.push(`--selector ${pair}: write it as KEY=VALUE, e.g. app=checkout.`);
      return index < 0 ? { key: pair, value: '' } : { key: pair.slice(0, index), value: pair.slice(index + 1) };
    });
    set('telemetry', 'selector', selector);
  }
  set('telemetry', 'samplingPercentage', values.sampling);
  if (values.tag !== undefined) {
    const tags = values.tag.flatMap((flag) => {
      const parsed = parseTagFlag(flag);
      if (!parsed.ok) messages.push(parsed.message);
      return parsed.ok ? [parsed.tag] : [];
    });
    set('telemetry', 'customTags', tags);
  }
  set('output', 'meshConfigFormat', values.format);

  let merge: { path: string; text: string } | undefined;
  if (values.merge !== undefined) {
    try {
      merge = { path: values.merge, text: context.readFile(values.merge) };
    } catch (error) {
      messages.push(`--merge: cannot read ${values.merge}: ${(error as Error).message}`);
    }
  }
  let mergeTelemetry: { path: string; text: string } | undefined;
  if (values['merge-telemetry'] !== undefined) {
    try {
      mergeTelemetry = { path: values['merge-telemetry'], text: context.readFile(values['merge-telemetry']) };
    } catch (error) {
      messages.push(`--merge-telemetry: cannot read ${values['merge-telemetry']}: ${(error as Error).message}`);
    }
  }
  const printLink = values['print-link'];
  if (values.out === undefined && (printLink === undefined || values.merge !== undefined))
    messages.push('--out: give the directory to write the files to.');
  if (printLink !== undefined && printLink !== '' && !/^https?:\/\/[^\s#]+$/.test(printLink))
    messages.push(
      `--print-link ${printLink}: give the wizard's address, e.g. https://tools.example.com/istio-dynatrace/`,
    );
  if (messages.length > 0) return { kind: 'error', messages };

  // A storage left unchosen stays 'auto' and follows the Istio version (defaults.ts effectiveTokenStorage).
  const input = withDefaults(patch, withDefaults(base));
  if (values.waypoint !== undefined && !tracesAtWaypoints(input)) {
    return {
      kind: 'error',
      messages: ['--waypoint: only with --ambient waypoints (tracing at waypoints and gateways).'],
    };
  }
  return {
    kind: 'generate',
    input,
    ...(values.out === undefined ? {} : { outDir: values.out }),
    ...(merge ? { merge } : {}),
    ...(mergeTelemetry ? { mergeTelemetry } : {}),
    ...(printLink === undefined ? {} : { printLink }),
  };
}

/**
 * A --config file must have the model's shape before it is laid over the defaults: groups are objects
 * and each field has its default's type (the schema then checks the values). Named by field path.
 * Numbers where text is expected are taken as that text.
 */
export function configShapeProblems(config: unknown): string[] {
  if (!isPlainObject(config)) return [`expected a JSON object like {"mode": "operator", …}, not ${describe(config)}.`];
  const problems: string[] = [];
  const check = (expected: unknown, actual: unknown, path: string) => {
    if (actual === undefined) return;
    if (isPlainObject(expected)) {
      if (!isPlainObject(actual)) {
        problems.push(`${path} must be an object with ${Object.keys(expected).join(', ')}, not ${describe(actual)}.`);
        return;
      }
      for (const key of Object.keys(expected)) {
        // JSON writers put numbers where the model keeps text (a cluster ID, a version): they mean the same.
        if (typeof expected[key] === 'string' && typeof actual[key] === 'number' && Number.isFinite(actual[key]))
          actual[key] = String(actual[key]);
        check(expected[key], actual[key], `${path}.${key}`.replace(/^\./, ''));
      }
    } else if (Array.isArray(expected)) {
      if (!Array.isArray(actual)) problems.push(`${path} must be a list, not ${describe(actual)}.`);
    } else if (typeof actual !== typeof expected) {
      problems.push(
        `${path} must be a ${typeof expected} (e.g. ${JSON.stringify(expected)}), not ${describe(actual)}.`,
      );
    }
  };
  check(defaultModel, config, '');
  return problems;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? typeof value;
  return `${typeof value} ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`;
}

function parse(argv: string[]) {
  return parseArgs({
    args: joinNegativeNumbers(expandAmbientChoice(argv)),
    options: OPTIONS,
    strict: true,
    allowPositionals: false,
  });
}

/**
 * Negative cluster IDs are normal; node's parser would take `--cluster-id -5` for two options.
 * And --print-link's URL is optional, which node's parser cannot express.
 */
function joinNegativeNumbers(argv: string[]): string[] {
  const result: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    const takesValue = name !== undefined && (OPTIONS as Record<string, { type: string }>)[name]?.type === 'string';
    // --print-link takes an optional base URL.
    if (arg === '--print-link') {
      const base = next !== undefined && !next.startsWith('-') ? next : '';
      result.push(`--print-link=${base}`);
      if (base !== '') i++;
    } else if (takesValue && next !== undefined && /^-\d/.test(next)) {
      result.push(`${arg}=${next}`);
      i++;
    } else {
      result.push(arg);
    }
  }
  return result;
}

/** Whether a flag of the generator takes a value (for commands that add positional arguments, like verify). */
export function optionTakesValue(name: string): boolean {
  return (OPTIONS as Record<string, { type: string }>)[name]?.type === 'string';
}
