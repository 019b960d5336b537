import {
  AMBIENT_TRACING_CHOICES,
  CA_DELIVERIES,
  defaultModel,
  MESH_CONFIG_FORMATS,
  NATIVE_SIDECAR_CHOICES,
  TENANT_TLS_MODES,
  TOKEN_STORAGES,
} from '../core';

/*
 * Every command-line flag, declared once. Both commands' parsers, `--help` of each, the messages that name the
 * flag behind a model field, and the README's flag list are produced from this table, so a flag cannot mean one
 * thing to `generate` and another to `verify`.
 */

export type FlagGroup = 'Dynatrace' | 'Dynatrace Operator' | 'Provider' | 'Istio' | 'Input and output';

/** `configuration` flags describe the setup (both commands); the others belong to one command. */
export type FlagUse = 'configuration' | 'generate' | 'verify' | 'both';

export interface FlagSpec {
  name: string;
  type: 'string' | 'boolean';
  multiple?: true;
  short?: string;
  /** How the value is written in help, e.g. `NS` or `KEY=VALUE`; absent for booleans. */
  value?: string;
  /** The values the flag takes, when it is a choice (help shows them as the value). */
  allowed?: readonly string[];
  /** Model fields the flag sets (dot paths), for messages that name a field's flag. */
  paths?: readonly string[];
  /**
   * Without it a flag with one path sets that field to its value as written (a switch: to `sets`); `custom`
   * flags are read by hand in args.ts (they combine, default from each other or need parsing).
   */
  mapping?: 'custom';
  /** The value a switch sets its field to. */
  sets?: boolean;
  group: FlagGroup;
  use: FlagUse;
  /** Help text; `\n` starts a continuation line. */
  help: string;
}

export const FLAGS: readonly FlagSpec[] = [
  // Dynatrace
  {
    name: 'mode',
    type: 'string',
    allowed: ['operator', 'standalone'],
    paths: ['mode'],
    group: 'Dynatrace',
    use: 'configuration',
    help: 'how traces reach Dynatrace (default: operator)',
  },
  {
    name: 'tenant',
    type: 'string',
    value: 'ID',
    paths: ['dynatrace.environmentId'],
    group: 'Dynatrace',
    use: 'configuration',
    help: 'environment ID, e.g. abc12345',
  },
  {
    name: 'environment-url',
    mapping: 'custom',
    type: 'string',
    value: 'URL',
    paths: ['dynatrace.environmentKind', 'dynatrace.host', 'dynatrace.port'],
    group: 'Dynatrace',
    use: 'configuration',
    help: 'instead of --tenant: https://abc12345.live.dynatrace.com,\nhttps://{domain}/e/{id} (Managed), https://{host}:9999/e/{id} (ActiveGate)',
  },
  {
    name: 'cluster-id',
    type: 'string',
    value: 'N',
    paths: ['dynatrace.clusterId'],
    group: 'Dynatrace',
    use: 'configuration',
    help: 'Dynatrace cluster ID (signed 32-bit integer, cluster_id in the Hub\nsnippet); needed only with the Dynatrace sampler (on by default)',
  },
  {
    name: 'tls',
    type: 'string',
    allowed: TENANT_TLS_MODES,
    paths: ['dynatrace.tls'],
    group: 'Dynatrace',
    use: 'configuration',
    help: 'Managed/ActiveGate certificate: publicly trusted (default), signed by\nyour CA (file mounted into the sidecars), or not verified (insecure)',
  },
  {
    name: 'ca-certificates',
    type: 'string',
    value: 'PATH',
    paths: ['dynatrace.caCertificates'],
    group: 'Dynatrace',
    use: 'configuration',
    help: "the CA file's path in the sidecar (default: /etc/dynatrace-ca/ca.crt)",
  },
  {
    name: 'ca-delivery',
    type: 'string',
    allowed: CA_DELIVERIES,
    paths: ['dynatrace.caDelivery'],
    group: 'Dynatrace',
    use: 'configuration',
    help: 'with --tls ca-certificates: file (default; mounted into the sidecars of\n--ca-namespaces) or configmap (Istio 1.26+: istiod reads the CA from a\nConfigMap for every proxy; in istiod’s code, not in Istio’s DestinationRule docs)',
  },
  {
    name: 'ca-namespaces',
    type: 'string',
    value: 'NS[,NS…]',
    paths: ['dynatrace.caNamespaces'],
    group: 'Dynatrace',
    use: 'configuration',
    help: 'with the CA file: the namespaces whose pods mount it; each gets its own\nDestinationRule (exportTo "."), others send nothing to the endpoint\n(default: --telemetry-namespace unless mesh-wide)',
  },
  {
    name: 'ca-selector',
    mapping: 'custom',
    type: 'string',
    multiple: true,
    value: 'KEY=VALUE',
    paths: ['dynatrace.caSelector'],
    group: 'Dynatrace',
    use: 'configuration',
    help: 'with the CA file: only pods with these labels in --ca-namespaces\n(repeatable)',
  },
  {
    name: 'ca-gateway-namespace',
    type: 'string',
    value: 'NS',
    paths: ['dynatrace.caGatewayNamespace'],
    group: 'Dynatrace',
    use: 'configuration',
    help: 'with the CA file, when traces start at an ingress gateway: its namespace\n(it gets a Secret with key cacert and a DestinationRule with credentialName)',
  },
  {
    name: 'ca-gateway-selector',
    mapping: 'custom',
    type: 'string',
    multiple: true,
    value: 'KEY=VALUE',
    paths: ['dynatrace.caGatewaySelector'],
    group: 'Dynatrace',
    use: 'configuration',
    help: "the gateway pods' labels, e.g. istio=ingressgateway (repeatable)",
  },
  {
    name: 'token',
    mapping: 'custom',
    type: 'string',
    value: 'T',
    paths: ['token.value'],
    group: 'Dynatrace',
    use: 'configuration',
    help: 'API token (dt0c01.…); prefer --token-env',
  },
  {
    name: 'token-env',
    mapping: 'custom',
    type: 'string',
    value: 'VAR',
    paths: ['token.value'],
    group: 'Dynatrace',
    use: 'configuration',
    help: 'read the API token from environment variable VAR',
  },
  {
    name: 'token-storage',
    mapping: 'custom',
    type: 'string',
    allowed: TOKEN_STORAGES,
    paths: ['token.storage'],
    group: 'Dynatrace',
    use: 'configuration',
    help: 'keep the token in the mesh config, or (Istio 1.26+) in a Secret read\nby istiod; auto: the Secret on 1.26+, else the mesh config\n(default: inline when a token is given, else auto)',
  },
  {
    name: 'token-env-name',
    type: 'string',
    value: 'NAME',
    paths: ['token.envName'],
    group: 'Dynatrace',
    use: 'configuration',
    help: 'istiod variable holding the header (default: DYNATRACE_API_TOKEN)',
  },
  {
    name: 'token-secret',
    type: 'string',
    value: 'NAME',
    paths: ['token.secretName'],
    group: 'Dynatrace',
    use: 'configuration',
    help: 'Secret holding it (default: dynatrace-otel-token)',
  },
  // Dynatrace Operator
  {
    name: 'dynakube',
    type: 'string',
    value: 'NAME',
    paths: ['operator.dynakubeName'],
    group: 'Dynatrace Operator',
    use: 'configuration',
    help: 'DynaKube name (default: dynakube)',
  },
  {
    name: 'operator-namespace',
    type: 'string',
    value: 'NS',
    paths: ['operator.namespace'],
    group: 'Dynatrace Operator',
    use: 'configuration',
    help: 'its namespace (default: dynatrace)',
  },
  {
    name: 'ingest-service',
    type: 'string',
    value: 'NAME',
    paths: ['operator.serviceName'],
    group: 'Dynatrace Operator',
    use: 'configuration',
    help: 'custom telemetry-ingest service name',
  },
  {
    name: 'sampler-from-tenant',
    type: 'boolean',
    sets: true,
    paths: ['provider.samplerFromTenant'],
    group: 'Dynatrace Operator',
    use: 'configuration',
    help: 'let the sampler fetch its rate from the tenant (needs a token)',
  },
  // Provider
  {
    name: 'provider-name',
    type: 'string',
    value: 'N',
    paths: ['provider.name'],
    group: 'Provider',
    use: 'configuration',
    help: 'extension provider name (default: dynatrace-otel)',
  },
  {
    name: 'timeout',
    type: 'string',
    value: 'D',
    paths: ['provider.timeout'],
    group: 'Provider',
    use: 'configuration',
    help: 'export timeout in seconds, e.g. 10s (default: 10s)',
  },
  {
    name: 'no-resource-detector',
    type: 'boolean',
    sets: false,
    paths: ['provider.resourceDetector'],
    group: 'Provider',
    use: 'configuration',
    help: 'leave out the Dynatrace resource detector',
  },
  {
    name: 'no-sampler',
    type: 'boolean',
    sets: false,
    paths: ['provider.sampler'],
    group: 'Provider',
    use: 'configuration',
    help: 'leave out the Dynatrace sampler',
  },
  {
    name: 'root-spans-per-minute',
    type: 'string',
    value: 'N',
    paths: ['provider.rootSpansPerMinute'],
    group: 'Provider',
    use: 'configuration',
    help: 'sampler fallback rate (default: 1000)',
  },
  {
    name: 'service-attribute-enrichment',
    type: 'boolean',
    sets: true,
    paths: ['provider.serviceAttributeEnrichment'],
    group: 'Provider',
    use: 'configuration',
    help: 'Istio 1.30+: serviceAttributeEnrichment OTEL_SEMANTIC_CONVENTIONS (service.name\nand resource attributes by OpenTelemetry conventions)',
  },
  // Istio
  {
    name: 'istio-version',
    type: 'string',
    value: 'V',
    paths: ['istio.version'],
    group: 'Istio',
    use: 'configuration',
    help: `e.g. 1.24.3 (default: ${defaultModel.istio.version}, the newest release this tool knows)`,
  },
  {
    name: 'ambient',
    type: 'boolean',
    sets: true,
    paths: ['istio.ambient'],
    group: 'Istio',
    use: 'configuration',
    help: "Istio runs in ambient mode: stops with the guide's advice (run the\nworkloads to trace in sidecar mode), exit code 3",
  },
  {
    // Written `--ambient waypoints`: the parser moves the choice here (argv.ts expandAmbientChoice).
    name: 'ambient-tracing',
    type: 'string',
    allowed: AMBIENT_TRACING_CHOICES,
    paths: ['istio.ambientTracing'],
    group: 'Istio',
    use: 'configuration',
    help: 'with --ambient: sidecar (the guide’s advice) or waypoints: trace at waypoints\nand gateways only (not supported by Dynatrace: spans come from the waypoint,\nnot the workload); --ambient waypoints is the same. Waypoints need Istio 1.24+',
  },
  {
    name: 'waypoint',
    mapping: 'custom',
    type: 'string',
    value: 'NAME[:NAMESPACE]',
    paths: ['telemetry.waypoint.name', 'telemetry.waypoint.namespace'],
    group: 'Istio',
    use: 'configuration',
    help: 'with --ambient waypoints: target this waypoint Gateway (targetRefs),\nNAMESPACE defaults to --telemetry-namespace',
  },
  {
    name: 'root-namespace',
    type: 'string',
    value: 'NS',
    paths: ['istio.rootNamespace'],
    group: 'Istio',
    use: 'configuration',
    help: 'default: istio-system',
  },
  {
    name: 'istiod-namespace',
    type: 'string',
    value: 'NS',
    paths: ['istio.istiodNamespace'],
    group: 'Istio',
    use: 'configuration',
    help: "istiod's namespace, where its mesh ConfigMap and Secret live\n(default: istio-system; find it with\nkubectl get pods -A -l app=istiod -L istio.io/rev)",
  },
  {
    name: 'revision',
    type: 'string',
    value: 'REV',
    paths: ['istio.revision'],
    group: 'Istio',
    use: 'configuration',
    help: "istiod's revision (istio.io/rev), e.g. 1-24-3 (default: none)",
  },
  {
    name: 'cluster-domain',
    type: 'string',
    value: 'D',
    paths: ['istio.clusterDomain'],
    group: 'Istio',
    use: 'configuration',
    help: "the cluster's DNS domain, Istio's global.proxy.clusterDomain\n(istiod --domain; default: cluster.local)",
  },
  {
    name: 'sail-name',
    type: 'string',
    value: 'NAME',
    paths: ['istio.sailName'],
    group: 'Istio',
    use: 'configuration',
    help: "with --format sail: your Istio resource's name (kubectl get istio;\ndefault: default), not the revision",
  },
  {
    name: 'kubernetes-version',
    type: 'string',
    value: 'V',
    paths: ['istio.kubernetesVersion'],
    group: 'Istio',
    use: 'configuration',
    help: "the cluster's Kubernetes version, e.g. 1.33 (kubectl version);\nfrom 1.33 Istio 1.27+ injects native sidecars",
  },
  {
    name: 'native-sidecars',
    type: 'string',
    allowed: NATIVE_SIDECAR_CHOICES,
    paths: ['istio.nativeSidecars'],
    group: 'Istio',
    use: 'configuration',
    help: 'keep (default), off-istiod (istiod env ENABLE_NATIVE_SIDECARS=false)\nor off-workloads (pod annotation sidecar.istio.io/nativeSidecar: "false")',
  },
  {
    name: 'telemetry-namespace',
    mapping: 'custom',
    type: 'string',
    value: 'NS',
    paths: ['telemetry.namespace'],
    group: 'Istio',
    use: 'configuration',
    help: 'default: the root namespace (mesh-wide)',
  },
  {
    name: 'selector',
    mapping: 'custom',
    type: 'string',
    multiple: true,
    value: 'KEY=VALUE',
    paths: ['telemetry.selector'],
    group: 'Istio',
    use: 'configuration',
    help: 'select workloads by label (repeatable); needs\n--telemetry-namespace: a selector matches pods in its own namespace only',
  },
  {
    name: 'sampling',
    type: 'string',
    value: 'P',
    paths: ['telemetry.samplingPercentage'],
    group: 'Istio',
    use: 'configuration',
    help: 'sampling percentage when the sampler is off (default: 1); with the\nsampler Istio samples 100 % and the sampler decides',
  },
  {
    name: 'tag',
    mapping: 'custom',
    type: 'string',
    multiple: true,
    value: 'NAME=KIND:VALUE',
    paths: ['telemetry.customTags'],
    group: 'Istio',
    use: 'configuration',
    help: 'a custom tag on every span (repeatable): NAME=literal:VALUE,\nNAME=header:HEADER[:DEFAULT], NAME=env:VARIABLE[:DEFAULT],\nNAME=formatter:FORMAT (Istio 1.29+)',
  },
  {
    name: 'format',
    type: 'string',
    allowed: MESH_CONFIG_FORMATS,
    paths: ['output.meshConfigFormat'],
    group: 'Istio',
    use: 'configuration',
    help: "mesh-config output format (default: istio-operator); sail writes\nthe Sail operator's Istio resource (sailoperator.io/v1)",
  },
  // Input and output
  {
    name: 'config',
    type: 'string',
    value: 'FILE',
    group: 'Input and output',
    use: 'both',
    help: 'JSON of the configuration model; flags override it',
  },
  {
    name: 'link',
    type: 'string',
    value: 'URL',
    group: 'Input and output',
    use: 'both',
    help: 'a share link from the wizard (it never holds the token: add\n--token-env VAR, or use the Secret on Istio 1.26+)',
  },
  {
    name: 'merge',
    type: 'string',
    value: 'FILE',
    group: 'Input and output',
    use: 'generate',
    help: 'merge the provider into your existing mesh config (IstioOperator,\nistiod Helm values, the istio ConfigMap, a Sail Istio resource\nor a meshConfig block);\nmeshconfig.yaml is then your file with the provider added',
  },
  {
    name: 'merge-telemetry',
    type: 'string',
    value: 'FILE',
    group: 'Input and output',
    use: 'generate',
    help: 'your Telemetry resources (one, several, or kubectl get telemetry -A\n-o yaml); when one conflicts with ours, dt-telemetry.yaml is that\nTelemetry with the provider added to its tracing',
  },
  {
    name: 'out',
    type: 'string',
    value: 'DIR',
    group: 'Input and output',
    use: 'generate',
    help: 'directory to write the files to',
  },
  {
    name: 'print-link',
    type: 'string',
    value: '[BASE_URL]',
    group: 'Input and output',
    use: 'generate',
    help: 'print the share link that opens the wizard on this configuration\n(never with the token), e.g. for a reviewer; --out is then optional',
  },
  {
    name: 'map',
    type: 'boolean',
    group: 'Input and output',
    use: 'verify',
    help: 'read the FILEs as the cluster (namespaces, pods, Telemetries, mesh ConfigMaps,\nGateways) and print the tracing map: which workloads send spans to Dynatrace,\nand why the others do not; exit 1 unless every workload the configuration\ntargets sends spans',
  },
  {
    name: 'json',
    type: 'boolean',
    group: 'Input and output',
    use: 'verify',
    help: 'with --map: print the map as JSON',
  },
  {
    name: 'help',
    type: 'boolean',
    short: 'h',
    group: 'Input and output',
    use: 'both',
    help: 'show this help',
  },
];

export type Command = 'generate' | 'verify';

/** The flags a command accepts: every configuration flag, and its own. */
export function flagsOf(command: Command): FlagSpec[] {
  return FLAGS.filter((flag) => flag.use === 'configuration' || flag.use === 'both' || flag.use === command);
}

export function flagNamed(name: string): FlagSpec | undefined {
  return FLAGS.find((flag) => flag.name === name);
}

/** node:util parseArgs options for a command. */
export function parseArgsOptions(
  command: Command,
): Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> {
  return Object.fromEntries(
    flagsOf(command).map((flag) => [
      flag.name,
      {
        type: flag.type,
        ...(flag.multiple ? { multiple: true } : {}),
        ...(flag.short ? { short: flag.short } : {}),
      },
    ]),
  );
}

/** Whether a flag takes a value (so the word after it is never a file to read). */
export function optionTakesValue(name: string): boolean {
  return flagNamed(name)?.type === 'string';
}

/** The flag that sets a model field, for messages ("--tenant (dynatrace.environmentId): …"). */
export function flagForPath(path: string): string {
  const exact = FLAGS.filter((flag) => flag.paths?.includes(path));
  // A field set by two flags names both (the token: --token or --token-env).
  if (exact.length > 0) return exact.map((flag) => `--${flag.name}`).join(' / ');
  const prefix = FLAGS.find((flag) => flag.paths?.some((p) => path.startsWith(`${p}.`) || path.startsWith(`${p}[`)));
  return prefix ? `--${prefix.name}` : path;
}

const HELP_COLUMN = 34;

/** One flag as the help shows it, e.g. `  --tls public|ca-certificates|…   the certificate…`. */
function helpLines(flag: FlagSpec): string[] {
  const value = flag.allowed ? flag.allowed.join('|') : flag.value;
  const label = `  --${flag.name}${value === undefined ? '' : ` ${value}`}`;
  const [first = '', ...rest] = flag.help.split('\n');
  const pad = ' '.repeat(HELP_COLUMN);
  const head = label.length < HELP_COLUMN - 1 ? [`${label.padEnd(HELP_COLUMN)}${first}`] : [label, `${pad}${first}`];
  return [...head, ...rest.map((line) => `${pad}${line}`)];
}

const GROUPS: readonly FlagGroup[] = ['Dynatrace', 'Dynatrace Operator', 'Provider', 'Istio', 'Input and output'];

/** The flag sections of a command's help, grouped as in the table. */
export function flagHelp(command: Command): string {
  const flags = flagsOf(command);
  return GROUPS.map((group) => {
    const inGroup = flags.filter((flag) => flag.group === group);
    return inGroup.length === 0 ? '' : [group, ...inGroup.flatMap(helpLines)].join('\n');
  })
    .filter((section) => section !== '')
    .join('\n\n');
}

/** The README's flag list: one Markdown table of every flag and which command takes it. */
export function flagTableMarkdown(): string {
  const rows = FLAGS.map((flag) => {
    const value = flag.allowed ? flag.allowed.join('\\|') : (flag.value ?? '');
    const name = `\`--${flag.name}${value === '' ? '' : ` ${value}`}\``;
    const commands = flag.use === 'generate' || flag.use === 'verify' ? flag.use : 'generate, verify';
    const help = flag.help.replace(/\n/g, ' ').replace(/\|/g, '\\|');
    return `| ${name} | ${commands} | ${help} |`;
  });
  return ['| flag | commands | what it sets |', '| --- | --- | --- |', ...rows].join('\n');
}
