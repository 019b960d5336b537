import { AMBIENT_COMMANDS } from '../ambient-findings';
import { tracesAtWaypoints, waypointTarget, type WaypointRef } from '../ambient-tracing';
import {
  injectionLabelSelectors,
  istiodDeploymentName,
  istiodHelmReleaseName,
  meshConfigMapName,
} from '../control-plane';
import type { MeshConfigFormat } from '../defaults';
import {
  reachesTenant,
  samplingConfigurationPath,
  tenantOf,
  traceEndpoint,
  TENANT_PLAIN_PORT,
  type DynatraceTenant,
  type TraceEndpoint,
} from '../endpoints';
import { parseIstioVersion, type IstioVersion } from '../istio-version';
import type { Model } from '../model';
import { nativeSidecarPlan, type NativeSidecarPlan } from '../native-sidecars';
import { shellQuote } from '../generate/shell-quote';
import { CA_SECRET_NAME, caFileParts, caVolumeAnnotations } from '../generate/tenant-tls';
import {
  CA_CONFIGMAP_NAME,
  CA_CREDENTIAL_KEY,
  CA_CREDENTIAL_SECRET_NAME,
  CONFIGMAP_UNDOCUMENTED,
  DESTINATION_RULE_NAME,
  GATEWAY_RULE_NAME,
  WAYPOINT_NAME_LABEL,
  WAYPOINT_RULE_NAME,
  caFileNamespaces,
  caSecretNeedsPermission,
  caWaypoint,
} from '../generate/private-ca';

/*
 * The resolved setup: every question about the installation being configured, answered once from a valid model.
 * Generators, the verify checklist and its commands, the trace path, the findings and the CLI's next steps read it
 * instead of asking the raw model again ("which istiod", "which ConfigMap", "which proxy traces", "where does the
 * Telemetry live"), so that a file and the check of that file cannot disagree.
 *
 * Plain data, no functions: it can be printed, compared in tests and sent to a worker as it is.
 */

export interface ResolvedSetup {
  istio: {
    /** As the user gave it, trimmed. */
    version: string;
    /** Undefined when it does not read as a version (the model refuses that, so only for hand-made models). */
    parsed?: IstioVersion;
    ambient: boolean;
  };
  controlPlane: ControlPlane;
  endpoints: Endpoints;
  token: TokenPlace;
  tls: TlsArrangement;
  dataPlane: DataPlane;
  telemetry: TelemetryPlacement;
  restart: RestartPlan;
  nativeSidecars: NativeSidecarPlan;
}

export interface ControlPlane {
  /** Where istiod runs: its ConfigMap, its Secret and its Deployment are there. */
  istiodNamespace: string;
  /** The istio.io/rev value; '' for the control plane without a revision. */
  revision: string;
  /** ConfigMap `istio` or `istio-<revision>` in istiod's namespace (istio/istio pilot/pkg/bootstrap/mesh.go). */
  meshConfigMapName: string;
  /** Deployment `istiod` or `istiod-<revision>` (istio-discovery chart templates/deployment.yaml). */
  istiodDeployment: string;
  /** `deploy/<istiod deployment>`, as kubectl and istioctl take it. */
  istiodResource: string;
  /** The Helm release of the istiod chart by the install docs' convention (apply.sh looks it up, see helm-upgrade.ts). */
  helmRelease: string;
  /** Where mesh-wide configuration lives (meshConfig.rootNamespace). */
  rootNamespace: string;
  clusterDomain: string;
  /** Namespace label selectors that make this control plane inject sidecars. */
  injectionLabels: string[];
  /** The Sail operator's Istio resource (`kubectl get istio`): its own name, not the revision. */
  sailName: string;
  install: InstallPath;
}

export interface InstallPath {
  format: MeshConfigFormat;
  /** The command that applies the mesh config file, as a person reads it (the exact line is in apply.sh). */
  command: string;
  /** What applying the file replaces in the cluster, in one sentence. */
  replaces: string;
  /** What applying it keeps, in one sentence. */
  keeps: string;
  /** What restarts when it is applied, in one sentence. */
  restarts: string;
  /**
   * What a whole-install file (IstioOperator, raw ConfigMap) must repeat so that applying it does not drop what
   * the user runs; undefined fields are not written. The Sail patch and the Helm values never need them: they
   * leave everything they do not name in place.
   */
  keepsInFile: { profile?: 'ambient'; rootNamespace?: string; revision?: string };
}

export interface Endpoints {
  /** The provider's `service`, `port` and OTLP path. */
  trace: TraceEndpoint;
  /** The host part of `trace.service` (without the `<namespace>/` prefix). */
  collectorHost: string;
  collectorPort: number;
  /** `outbound|<port>||<host>` as istiod names the Envoy cluster (pilot/pkg/model/telemetry_logging.go). */
  collectorCluster: string;
  /** Where the Dynatrace sampler asks for its rate; undefined without the sampler. */
  sampler?: SamplerEndpoint;
  /** True when any traffic goes from the mesh straight to the tenant (ServiceEntry + DestinationRule needed). */
  reachesTenant: boolean;
  /** The tenant, when the mesh reaches it. */
  tenant?: DynatraceTenant;
  /** The namespace of the ServiceEntry and DestinationRule, when they are needed: the root namespace. */
  serviceEntryNamespace?: string;
}

export interface SamplerEndpoint {
  host: string;
  cluster: string;
  path: string;
  /** True when the sampler has its own http_service (tenant), false when it asks the exporter's host. */
  ownEndpoint: boolean;
}

export type TokenPlace =
  | { needed: false; storage: 'none' }
  | { needed: true; storage: 'inline' }
  | { needed: true; storage: 'istiod-env'; envName: string; secretName: string; secretNamespace: string };

/** The `tls` of a DestinationRule's port-80 setting towards the tenant. */
export interface TenantTls {
  mode: 'SIMPLE';
  caCertificates?: string;
  credentialName?: string;
  insecureSkipVerify?: true;
}

/**
 * One DestinationRule for the tenant's host, and which proxies take it (generate/private-ca.ts says how istiod
 * picks a rule for a proxy). Every arrangement lists its rules; the ServiceEntry file holds them all.
 */
export interface TenantRule {
  name: string;
  namespace: string;
  /** `["."]`: the rule stays with its own namespace's proxies. */
  exportTo?: ['.'];
  /** Labels of the pods it selects, in its own namespace only. */
  workloadSelector?: Record<string, string>;
  tls: TenantTls;
  /** all: every proxy without a rule of its own; namespace: its namespace's sidecars; gateway; waypoint. */
  reaches: 'all' | 'namespace' | 'gateway' | 'waypoint';
  /** The file every proxy this rule reaches must have in istio-proxy (caCertificates). */
  needsFile?: string;
  /** Which proxies take it, as a person reads it. */
  description: string;
}

/** Where the CA certificate is stored in the cluster, before any rule that needs it. */
export interface CaCarrier {
  kind: 'Secret' | 'ConfigMap';
  name: string;
  namespace: string;
  /** The key that holds the PEM. */
  key: string;
  /** mount: a volume for the sidecars' file; credential: read by istiod for credentialName. */
  use: 'mount' | 'credential';
}

/** Before Istio 1.25 istiod hands a CA Secret only to a proxy whose service account may list Secrets. */
export interface SecretReader {
  namespace: string;
  /** The service account, when known (a waypoint's is named after its Gateway); undefined for a gateway. */
  serviceAccount?: string;
  what: string;
}

export type TlsArrangement =
  /** Operator mode without the tenant: plain OTLP/HTTP to the in-cluster collector. */
  | { kind: 'in-cluster'; rules: []; carriers: [] }
  /** The proxies originate TLS on port 80 → the tenant's HTTPS port, verified against their system CAs. */
  | { kind: 'public'; rules: TenantRule[]; carriers: [] }
  /**
   * The sidecars of the listed namespaces verify with a CA file mounted into istio-proxy: the Secret that holds it in
   * each of those namespaces, and the pod-template annotations that mount it (generate/tenant-tls.ts). One rule per
   * namespace, exportTo "." (no root-namespace rule), so no other sidecar is asked for a file it does not have.
   * Gateways and waypoints get a Secret through credentialName and a rule that selects them. The carriers and the
   * mounts must be in place, and the pods rolled out, before the rules.
   */
  | {
      kind: 'ca-certificates';
      caFile: string;
      secretName: string;
      podAnnotations: Record<string, string>;
      /** The namespaces whose pods get the file (the mount step patches their Deployments). */
      mountNamespaces: string[];
      rules: TenantRule[];
      carriers: CaCarrier[];
      secretReaders: SecretReader[];
      /** A root-namespace rule of the same name (an earlier run, the Dynatrace guide) would reach every sidecar. */
      staleRootRule?: { name: string; namespace: string };
      /** What this leaves out, in one or two sentences. */
      tradeOff: string;
    }
  /** Istio 1.26+: istiod reads the CA from a ConfigMap (credentialName configmap://), every proxy verifies with it. */
  | { kind: 'ca-configmap'; configMap: CaCarrier; rules: TenantRule[]; carriers: CaCarrier[]; tradeOff: string }
  | { kind: 'insecure-skip-verify'; rules: TenantRule[]; carriers: [] };

export interface ProxyUnderTest {
  /** The istioctl/kubectl target, e.g. `deploy/waypoint` or `deploy/<your-app>`. */
  target: string;
  /** Its namespace, or `<namespace>` for the user to fill in. */
  namespace: string;
  /** One sentence: which proxy this is, or what to put in for the placeholders. */
  hint: string;
  /** True when target or namespace hold placeholders the user must replace. */
  placeholder: boolean;
}

export interface DataPlane {
  /** Which proxies emit the spans: sidecars (and gateways), or waypoints (and gateways) in an ambient mesh. */
  kind: 'sidecars' | 'waypoints';
  /** The waypoint the Telemetry targets, when one is named. */
  waypoint?: WaypointRef;
  /** The proxy whose configuration the checks read. */
  proxyUnderTest: ProxyUnderTest;
  /** The proxies that will trace under this configuration, as a person reads them. */
  tracingProxies: string;
}

export interface TelemetryPlacement {
  /** Where the Telemetry resource lives: the waypoint's namespace for a waypoint, else the chosen one. */
  namespace: string;
  scope: 'mesh' | 'namespace' | 'selector' | 'waypoint';
  /** The selector's labels (empty unless scope is 'selector'). */
  matchLabels: Record<string, string>;
  waypoint?: WaypointRef;
  /** One sentence a person reads: what the Telemetry turns on. */
  description: string;
}

export interface RestartPlan {
  /** Shell words for the namespaces whose pods are traced. */
  namespacesWords: string;
  /** The restart command for those pods (optional advice, never a setup step). */
  command: string;
  /** What the command restarts, in words. */
  scope: string;
}

const cache = new WeakMap<Model, ResolvedSetup>();

/** The resolved setup of a valid model; computed once per model object. */
export function resolveSetup(model: Model): ResolvedSetup {
  let setup = cache.get(model);
  if (!setup) {
    setup = computeSetup(model);
    cache.set(model, setup);
  }
  return setup;
}

function computeSetup(model: Model): ResolvedSetup {
  const version = model.istio.version.trim();
  const parsed = parseIstioVersion(version);
  const controlPlane = resolveControlPlane(model);
  const endpoints = resolveEndpoints(model);
  const telemetry = resolveTelemetry(model);
  return {
    istio: { version, ...(parsed ? { parsed } : {}), ambient: model.istio.ambient },
    controlPlane,
    endpoints,
    token: resolveToken(model, endpoints),
    tls: resolveTls(model, endpoints),
    dataPlane: resolveDataPlane(model),
    telemetry,
    restart: resolveRestart(model, controlPlane),
    nativeSidecars: nativeSidecarPlan(model),
  };
}

function resolveControlPlane(model: Model): ControlPlane {
  const istiodDeployment = istiodDeploymentName(model);
  return {
    istiodNamespace: model.istio.istiodNamespace,
    revision: model.istio.revision,
    meshConfigMapName: meshConfigMapName(model),
    istiodDeployment,
    istiodResource: `deploy/${istiodDeployment}`,
    helmRelease: istiodHelmReleaseName(model),
    rootNamespace: model.istio.rootNamespace,
    clusterDomain: model.istio.clusterDomain,
    injectionLabels: injectionLabelSelectors(model),
    sailName: model.istio.sailName,
    install: installPath(model),
  };
}

/**
 * meshConfig.rootNamespace defaults to istiod's namespace in the istiod chart (istio/istio 1.24.0
 * manifests/charts/istio-control/istio-discovery/templates/configmap.yaml: `.Values.meshConfig.rootNamespace |
 * default .Values.global.istioNamespace`) and to istio-system in a raw ConfigMap (pkg/config/mesh/mesh.go
 * DefaultMeshConfig): a whole-config file writes it unless both defaults give the right answer.
 */
function rootNamespaceToWrite(model: Model): string | undefined {
  const { rootNamespace, istiodNamespace } = model.istio;
  return rootNamespace === 'istio-system' && istiodNamespace === 'istio-system' ? undefined : rootNamespace;
}

function installPath(model: Model): InstallPath {
  const configMap = meshConfigMapName(model);
  const rootNamespace = rootNamespaceToWrite(model);
  const revision = model.istio.revision === '' ? undefined : model.istio.revision;
  // The token goes into istiod's environment only when the mesh sends it to the tenant (resolveToken): in Operator
  // mode without the tenant the file has no token variable, whatever the resolved storage says.
  const tokenInIstiodEnv = model.token.storage === 'istiod-env' && reachesTenant(model);
  const istiodEnvChanges = tokenInIstiodEnv || model.istio.nativeSidecars === 'off-istiod';
  const istiodRestart = istiodEnvChanges
    ? `istiod (deploy/${istiodDeploymentName(model)}) restarts because its environment changes; proxies keep running`
    : 'nothing: istiod reads the mesh config within seconds and pushes it to the proxies';
  switch (model.output.meshConfigFormat) {
    case 'istio-operator':
      return {
        format: 'istio-operator',
        command: 'istioctl install -f meshconfig.yaml',
        // istioctl install prunes every component the new manifest does not have (istio/istio 1.24.0
        // operator/pkg/install/install.go prune; facts §12).
        replaces:
          'the whole installation: every install option and component not in the file is reset to its default or removed',
        keeps:
          'what the file names: the ambient profile (ztunnel, CNI) when the mesh is ambient, the revision and a custom root namespace; nothing else',
        restarts: `istiod (deploy/${istiodDeploymentName(model)}) and any component whose settings differ from the file; an istioctl of another version upgrades or downgrades the control plane`,
        keepsInFile: {
          ...(model.istio.ambient ? { profile: 'ambient' as const } : {}),
          ...(rootNamespace ? { rootNamespace } : {}),
          ...(revision ? { revision } : {}),
        },
      };
    case 'helm':
      return {
        format: 'helm',
        command: `helm upgrade ${istiodHelmReleaseName(model)} istio/istiod --reuse-values -f meshconfig.yaml`,
        // Helm merges maps but replaces lists (facts §12).
        replaces:
          'the lists it sets (meshConfig.extensionProviders, and envVarFrom when the token is in a Secret); other values are kept',
        keeps: 'every other value of the release (maps are merged) and the chart version it runs (pinned by apply.sh)',
        restarts: istiodRestart,
        keepsInFile: { ...(revision ? { revision } : {}) },
      };
    case 'configmap':
      return {
        format: 'configmap',
        command: 'kubectl apply -f meshconfig.yaml',
        replaces: `the whole mesh config in ConfigMap ${configMap}`,
        keeps: 'the installation itself; a custom root namespace is written into the mesh config',
        restarts:
          'nothing: istiod reads the ConfigMap within seconds (the next helm upgrade or istioctl install overwrites it)',
        keepsInFile: { ...(rootNamespace ? { rootNamespace } : {}) },
      };
    case 'sail':
      return {
        format: 'sail',
        command: `kubectl patch istio ${model.istio.sailName} --type merge --patch-file meshconfig.yaml`,
        // A JSON merge patch (RFC 7386) replaces lists and merges maps; it names spec.values only, so spec.version,
        // spec.updateStrategy, spec.profile and spec.namespace stay as they are (facts §12).
        replaces:
          'the lists it sets in spec.values of your Istio resource (meshConfig.extensionProviders, and pilot.envVarFrom when the token is in a Secret)',
        keeps: 'spec.version, spec.updateStrategy, spec.profile, spec.namespace and every other value',
        restarts: istiodEnvChanges
          ? 'istiod: the operator rolls it out because its environment changes; proxies keep running'
          : 'nothing: the operator updates the mesh config and istiod pushes it to the proxies',
        // Not needed under a merge patch (maps merge), written anyway so the file says where mesh-wide is.
        keepsInFile: { ...(rootNamespace ? { rootNamespace } : {}) },
      };
  }
}

function hostOf(service: string): string {
  const slash = service.indexOf('/');
  return slash >= 0 ? service.slice(slash + 1) : service;
}

export function outboundClusterName(host: string, port: number): string {
  return `outbound|${port}||${host}`;
}

function resolveEndpoints(model: Model): Endpoints {
  const trace = traceEndpoint(model);
  const collectorHost = hostOf(trace.service);
  const collectorCluster = outboundClusterName(collectorHost, trace.port);
  const toTenant = reachesTenant(model);
  const endpoints: Endpoints = {
    trace,
    collectorHost,
    collectorPort: trace.port,
    collectorCluster,
    reachesTenant: toTenant,
  };
  if (toTenant) {
    endpoints.tenant = tenantOf(model);
    endpoints.serviceEntryNamespace = model.istio.rootNamespace;
  }
  if (model.provider.sampler) {
    // The sampler gets its own http_service towards the tenant in Operator mode (the collector has no sampling
    // endpoint) and for Managed/ActiveGate (the path carries /e/<id>); otherwise it asks the exporter's host at
    // /api/v2/samplingConfiguration with no prefix (istio/istio pilot/pkg/networking/core/tracing.go,
    // configureDynatraceSampler).
    const own = toTenant && (model.mode === 'operator' || model.dynatrace.environmentKind !== 'saas');
    endpoints.sampler = own
      ? {
          host: tenantOf(model).host,
          cluster: outboundClusterName(tenantOf(model).host, TENANT_PLAIN_PORT),
          path: samplingConfigurationPath(model),
          ownEndpoint: true,
        }
      : {
          host: collectorHost,
          cluster: collectorCluster,
          path: '/api/v2/samplingConfiguration',
          ownEndpoint: false,
        };
  }
  return endpoints;
}

function resolveToken(model: Model, endpoints: Endpoints): TokenPlace {
  if (!endpoints.reachesTenant) return { needed: false, storage: 'none' };
  if (model.token.storage === 'istiod-env') {
    return {
      needed: true,
      storage: 'istiod-env',
      envName: model.token.envName,
      secretName: model.token.secretName,
      secretNamespace: model.istio.istiodNamespace,
    };
  }
  return { needed: true, storage: 'inline' };
}

function resolveTls(model: Model, endpoints: Endpoints): TlsArrangement {
  if (!endpoints.reachesTenant || !endpoints.tenant) return { kind: 'in-cluster', rules: [], carriers: [] };
  const root = model.istio.rootNamespace;
  const everyProxy = (tls: TenantTls): TenantRule => ({
    name: DESTINATION_RULE_NAME,
    namespace: root,
    tls,
    reaches: 'all',
    description: 'every proxy of the mesh (sidecars, gateways, waypoints) that has no rule of its own for the host',
  });
  if (model.dynatrace.environmentKind === 'saas')
    return { kind: 'public', rules: [everyProxy({ mode: 'SIMPLE' })], carriers: [] };
  switch (model.dynatrace.tls) {
    case 'public':
      return { kind: 'public', rules: [everyProxy({ mode: 'SIMPLE' })], carriers: [] };
    case 'insecure-skip-verify':
      return {
        kind: 'insecure-skip-verify',
        rules: [everyProxy({ mode: 'SIMPLE', insecureSkipVerify: true })],
        carriers: [],
      };
    case 'ca-certificates':
      return model.dynatrace.caDelivery === 'configmap' ? configMapArrangement(model) : fileArrangement(model);
  }
}

function configMapArrangement(model: Model): TlsArrangement {
  const root = model.istio.rootNamespace;
  // The ConfigMap must be in the rule's own namespace (ValidateTLS); istiod serves it to any proxy (private-ca.ts).
  const configMap: CaCarrier = {
    kind: 'ConfigMap',
    name: CA_CONFIGMAP_NAME,
    namespace: root,
    key: CA_CREDENTIAL_KEY,
    use: 'credential',
  };
  return {
    kind: 'ca-configmap',
    configMap,
    carriers: [configMap],
    rules: [
      {
        name: DESTINATION_RULE_NAME,
        namespace: root,
        tls: { mode: 'SIMPLE', credentialName: `configmap://${root}/${CA_CONFIGMAP_NAME}` },
        reaches: 'all',
        description: 'every proxy of the mesh (sidecars, gateways, waypoints) that has no rule of its own for the host',
      },
    ],
    tradeOff: `No file to mount and no namespace to list: istiod reads your CA from the ConfigMap ${root}/${CA_CONFIGMAP_NAME} and hands it to every proxy. ${CONFIGMAP_UNDOCUMENTED} A namespace with a DestinationRule of its own for this host keeps using that one.`,
  };
}

function fileArrangement(model: Model): TlsArrangement {
  const caFile = model.dynatrace.caCertificates;
  const { file } = caFileParts(model);
  const mountNamespaces = caFileNamespaces(model);
  const selector = labelsOf(model.dynatrace.caSelector);
  const rules: TenantRule[] = mountNamespaces.map((namespace) => ({
    name: DESTINATION_RULE_NAME,
    namespace,
    exportTo: ['.'],
    ...(selector ? { workloadSelector: selector } : {}),
    tls: { mode: 'SIMPLE', caCertificates: caFile },
    reaches: 'namespace',
    needsFile: caFile,
    description: selector
      ? `the sidecars in ${namespace} labelled ${labelText(selector)}`
      : `the sidecars in ${namespace}`,
  }));
  const carriers: CaCarrier[] = mountNamespaces.map((namespace) => ({
    kind: 'Secret',
    name: CA_SECRET_NAME,
    namespace,
    key: file,
    use: 'mount',
  }));
  const secretReaders: SecretReader[] = [];
  const needsPermission = caSecretNeedsPermission(model.istio.version);
  const credential = (namespace: string) => {
    if (!carriers.some((c) => c.use === 'credential' && c.namespace === namespace)) {
      carriers.push({
        kind: 'Secret',
        name: CA_CREDENTIAL_SECRET_NAME,
        namespace,
        key: CA_CREDENTIAL_KEY,
        use: 'credential',
      });
    }
    return { mode: 'SIMPLE' as const, credentialName: CA_CREDENTIAL_SECRET_NAME };
  };
  const gatewayNamespace = model.dynatrace.caGatewayNamespace;
  const gatewaySelector = labelsOf(model.dynatrace.caGatewaySelector);
  if (gatewayNamespace !== '' && gatewaySelector) {
    rules.push({
      name: GATEWAY_RULE_NAME,
      namespace: gatewayNamespace,
      exportTo: ['.'],
      workloadSelector: gatewaySelector,
      tls: credential(gatewayNamespace),
      reaches: 'gateway',
      description: `the gateway pods in ${gatewayNamespace} labelled ${labelText(gatewaySelector)}`,
    });
    if (needsPermission) {
      secretReaders.push({
        namespace: gatewayNamespace,
        what: `the gateway’s service account in ${gatewayNamespace} (the istio gateway Helm chart grants it with rbac.enabled, its default; a gateway deployed for a Gateway API Gateway has no such Role)`,
      });
    }
  }
  const waypoint = caWaypoint(model);
  if (waypoint) {
    const namespace = waypoint.namespace;
    rules.push({
      name: WAYPOINT_RULE_NAME,
      namespace,
      exportTo: ['.'],
      workloadSelector: { [WAYPOINT_NAME_LABEL]: waypoint.name },
      tls: credential(namespace),
      reaches: 'waypoint',
      description: `the waypoint ${namespace}/${waypoint.name}`,
    });
    if (needsPermission) {
      secretReaders.push({
        namespace,
        serviceAccount: waypoint.name,
        what: `the waypoint’s service account ${namespace}/${waypoint.name}`,
      });
    }
  }
  const root = model.istio.rootNamespace;
  const listed = mountNamespaces.length > 0 ? mountNamespaces.join(', ') : 'no namespace';
  return {
    kind: 'ca-certificates',
    caFile,
    secretName: CA_SECRET_NAME,
    podAnnotations: caVolumeAnnotations(model),
    mountNamespaces,
    rules,
    carriers,
    secretReaders,
    ...(mountNamespaces.includes(root) ? {} : { staleRootRule: { name: DESTINATION_RULE_NAME, namespace: root } }),
    tradeOff: `Only ${inWords(rules.map((rule) => rule.description))} send spans to the private-CA endpoint. Sidecars in other namespaces (now: all but ${listed}) send nothing there: no rule reaches them, so they would speak plain HTTP to its HTTPS port. Add a namespace to the list, and mount the file there, when its workloads should be traced.${gatewayNamespace === '' && !waypoint ? ' Traces that start at an ingress gateway need its namespace and labels too.' : ''}`,
  };
}

/** `a`, `a and b`, `a, b and c`. */
function inWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function labelsOf(labels: readonly { key: string; value: string }[]): Record<string, string> | undefined {
  return labels.length === 0 ? undefined : Object.fromEntries(labels.map((label) => [label.key, label.value]));
}

function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

function resolveDataPlane(model: Model): DataPlane {
  if (!tracesAtWaypoints(model)) {
    // Mesh-wide, any traced workload will do; otherwise one in the Telemetry's namespace.
    const namespace =
      model.telemetry.namespace === model.istio.rootNamespace ? '<namespace>' : model.telemetry.namespace;
    return {
      kind: 'sidecars',
      proxyUnderTest: {
        target: 'deploy/<your-app>',
        namespace,
        hint:
          namespace === '<namespace>'
            ? 'Replace <your-app> and <namespace> with a traced workload.'
            : `Replace <your-app> with a traced workload in ${namespace}.`,
        placeholder: true,
      },
      tracingProxies: 'the sidecars (and gateways) of the traced workloads',
    };
  }
  const waypoint = waypointTarget(model);
  if (waypoint) {
    return {
      kind: 'waypoints',
      waypoint,
      // A waypoint's Deployment is named after its Gateway (pilot/pkg/config/kube/gatewaycommon/classinfo.go
      // DisableNameSuffix).
      proxyUnderTest: {
        target: `deploy/${waypoint.name}`,
        namespace: waypoint.namespace,
        hint: `Reads the waypoint ${waypoint.namespace}/${waypoint.name}.`,
        placeholder: false,
      },
      tracingProxies: `the waypoint ${waypoint.namespace}/${waypoint.name}`,
    };
  }
  return {
    kind: 'waypoints',
    proxyUnderTest: {
      target: 'deploy/<waypoint>',
      namespace: '<namespace>',
      hint: `Replace <waypoint> and <namespace> with a waypoint from ${AMBIENT_COMMANDS.listWaypoints}.`,
      placeholder: true,
    },
    tracingProxies: 'the waypoints (and gateways) of the ambient mesh',
  };
}

function resolveTelemetry(model: Model): TelemetryPlacement {
  const waypoint = waypointTarget(model);
  if (waypoint) {
    return {
      // A Gateway-targeted policy must sit in the Gateway's own namespace (istio/api type/v1beta1/selector.proto).
      namespace: waypoint.namespace,
      scope: 'waypoint',
      matchLabels: {},
      waypoint,
      description: `Turns tracing on at the waypoint ${waypoint.namespace}/${waypoint.name}.`,
    };
  }
  const namespace = model.telemetry.namespace;
  const matchLabels = Object.fromEntries(model.telemetry.selector.map((label) => [label.key, label.value]));
  const labels = Object.entries(matchLabels)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  if (labels !== '') {
    return {
      namespace,
      scope: 'selector',
      matchLabels,
      description: `Turns tracing on for the pods labelled ${labels} in ${namespace} only.`,
    };
  }
  if (namespace === model.istio.rootNamespace) {
    return { namespace, scope: 'mesh', matchLabels, description: 'Turns tracing on for the whole mesh.' };
  }
  return {
    namespace,
    scope: 'namespace',
    matchLabels,
    description: `Turns tracing on for workloads in ${namespace}.`,
  };
}

/** The pods a restart concerns: the chosen namespace's, or every namespace this control plane injects. */
function resolveRestart(model: Model, controlPlane: ControlPlane): RestartPlan {
  const namespace = model.telemetry.namespace;
  if (namespace !== controlPlane.rootNamespace) {
    const ns = shellQuote(namespace);
    return {
      namespacesWords: ns,
      command: `kubectl rollout restart deployment -n ${ns}`,
      scope: `the deployments in ${namespace}`,
    };
  }
  const words = controlPlane.injectionLabels
    .map((selector) => `$(kubectl get namespaces -l ${selector} -o jsonpath='{.items[*].metadata.name}')`)
    .join(' ');
  return {
    namespacesWords: words,
    command: `for ns in ${words}; do kubectl rollout restart deployment -n "$ns"; done`,
    scope: `the deployments in every namespace labelled ${controlPlane.injectionLabels.join(' or ')}; restart StatefulSets and DaemonSets the same way`,
  };
}
