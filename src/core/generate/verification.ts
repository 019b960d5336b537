import { tenantOf, tenantUrl, TENANT_PLAIN_PORT } from '../endpoints';
import type { Model } from '../model';
import { resolveSetup, type ResolvedSetup } from '../setup/resolved-setup';
import type { CommandStep, TroubleshootingRow } from './command-step';
import { pinnedHelmUpgradeCommand } from './helm-upgrade';
import { MESH_CONFIG_FILE_NAME } from './mesh-config';
import { RESTART_WHEN_NEEDED } from './restart';
import { NATIVE_SIDECAR_ENV } from '../native-sidecars';
import { SAIL_ENV_VAR_FROM_BROKEN } from './sail';
import { CA_FILE_VARIABLE, caFileParts } from './tenant-tls';
import {
  CA_CREDENTIAL_KEY,
  CA_CREDENTIAL_SECRET_NAME,
  CA_SECRET_READER_ROLE,
  CONFIGMAP_UNDOCUMENTED,
} from './private-ca';
import { shellQuote } from './shell-quote';
import { SERVICE_ENTRY_FILE_NAME } from './service-entry';
import { TELEMETRY_FILE_NAME } from './telemetry';
import { waypointChecks, waypointTroubleshooting } from './waypoint-verification';

/*
 * The commands that apply the files, restart the proxies and prove that traces flow, plus a
 * troubleshooting table by symptom (facts §8, §9). Commands are single shell lines a person can copy;
 * anything in <angle brackets> is for the user to fill in. Names, namespaces and proxies come from the
 * resolved setup, the same answers the files and the verifier read.
 */

export type { CommandStep, TroubleshootingRow };

export interface Verification {
  apply: CommandStep[];
  restart: CommandStep[];
  checks: CommandStep[];
  troubleshooting: TroubleshootingRow[];
}

export { shellQuote };

export function applySteps(model: Model, setup: ResolvedSetup = resolveSetup(model)): CommandStep[] {
  const steps: CommandStep[] = [];
  const { controlPlane, endpoints, token, tls } = setup;
  const q = shellQuote;
  const istiodNs = q(controlPlane.istiodNamespace);
  if (token.storage === 'istiod-env') {
    const env = token.envName;
    steps.push({
      id: 'token-secret',
      title: 'Store the API token in a Secret',
      description: `istiod reads the Authorization header from ${env}, filled from this Secret. Set ${env} in your shell to the token first; the Secret holds the whole header value "Api-Token <token>". Safe to run again. istiod reads the variable when it starts: after rotating the token, run ${istiodRestartCommand(setup)}.`,
      command: `kubectl -n ${q(token.secretNamespace)} create secret generic ${q(token.secretName)} --from-literal=${env}="Api-Token \${${env}}" --dry-run=client -o yaml | kubectl apply -f -`,
    });
    if (model.output.meshConfigFormat === 'configmap') {
      steps.push({
        id: 'istiod-env',
        title: 'Give istiod the token variable',
        description:
          'The ConfigMap cannot change istiod’s environment, so add the variable to the deployment directly (your installer will undo this on upgrade unless you add it there too).',
        command: `kubectl -n ${istiodNs} set env deployment/${controlPlane.istiodDeployment} --from=secret/${q(token.secretName)}`,
      });
    }
  }
  if (model.output.meshConfigFormat === 'configmap' && setup.nativeSidecars.istiodEnv) {
    steps.push({
      id: 'native-sidecars-istiod',
      title: 'Turn native sidecars off in istiod',
      description: `A ConfigMap cannot change istiod’s environment. ${NATIVE_SIDECAR_ENV}=false makes istiod inject istio-proxy as a regular container into pods created from now on, so the Dynatrace Operator’s metadata reaches it; running pods keep their native sidecar until restarted. Your installer undoes this on upgrade unless you set it there too.`,
      command: `kubectl -n ${istiodNs} set env deployment/${controlPlane.istiodDeployment} ${NATIVE_SIDECAR_ENV}=false`,
    });
  }
  switch (model.output.meshConfigFormat) {
    case 'istio-operator':
      steps.push({
        id: 'mesh-config',
        title: 'Apply the mesh configuration',
        description:
          'Installs Istio with the extension provider in its mesh config. istioctl installs its own version: use the istioctl that matches the running control plane (istioctl version shows both), or this also upgrades istiod. It asks for confirmation; add -y to skip it.',
        command: `istioctl install -f ${MESH_CONFIG_FILE_NAME}`,
      });
      break;
    case 'helm':
      steps.push({
        id: 'mesh-config',
        title: 'Apply the mesh configuration',
        description:
          'Adds these values to the istiod release, pinned to the chart version it already runs (read from the release): without --version, helm upgrade would take the newest chart in your repository and upgrade istiod.',
        command: pinnedHelmUpgradeCommand(model),
      });
      break;
    case 'configmap':
      steps.push({
        id: 'mesh-config',
        title: 'Apply the mesh configuration',
        description: `Replaces the ${controlPlane.meshConfigMapName} ConfigMap in ${controlPlane.istiodNamespace}, where istiod reads it; istiod picks up the change within seconds.`,
        command: `kubectl apply -f ${MESH_CONFIG_FILE_NAME}`,
      });
      break;
    case 'sail': {
      // The patch holds spec.values only: version, updateStrategy and profile stay as they are (sail.ts).
      const patch = `kubectl patch istio ${q(controlPlane.sailName)} --type merge --patch-file ${MESH_CONFIG_FILE_NAME}`;
      const brokenSail = `Sail operator ${SAIL_ENV_VAR_FROM_BROKEN} drops pilot.envVarFrom, so istiod would run without ${model.token.envName}: check with kubectl get istio ${controlPlane.sailName} -o jsonpath='{.spec.values.pilot.envVarFrom}' after this step, and upgrade Sail to 1.26.3 or later if it is empty.`;
      steps.push({
        id: 'mesh-config',
        title: 'Patch the mesh configuration into your Istio resource',
        description: `Merges spec.values of this file into the Istio resource ${controlPlane.sailName}; spec.version, spec.updateStrategy and spec.profile are not touched. Lists in values are replaced, not merged: meshConfig.extensionProviders${token.storage === 'istiod-env' ? ' and pilot.envVarFrom' : ''} become the file’s (merge into yours with --merge if you have others). The operator rolls the change out to istiod.${token.storage === 'istiod-env' ? ` ${brokenSail}` : ''}`,
        command: token.storage === 'istiod-env' ? `echo ${q(`Note: ${brokenSail}`)} >&2; ${patch}` : patch,
      });
      break;
    }
  }
  const nativeAnnotations = setup.nativeSidecars.podAnnotations;
  if (nativeAnnotations) {
    steps.push({
      id: 'native-sidecars-workloads',
      title: 'Turn native sidecars off in the traced workloads (PATCH_WORKLOADS=1)',
      description: `Adds ${annotationList(nativeAnnotations)} to the pod template of every Deployment in the traced namespaces, which rolls them out: their istio-proxy then runs as a regular container, where the Dynatrace Operator’s metadata reaches it. Other pods keep native sidecars. Runs only with PATCH_WORKLOADS=1; otherwise add the annotation yourself.`,
      command: patchDeploymentsCommand(setup.restart.namespacesWords, nativeAnnotations),
    });
  }
  steps.push(...caSteps(model, setup));
  if (endpoints.tenant && endpoints.serviceEntryNamespace !== undefined) {
    const tenant = endpoints.tenant;
    const namespaces = new Set([endpoints.serviceEntryNamespace, ...tls.rules.map((rule) => rule.namespace)]);
    // kubectl apply -n X refuses documents of another namespace: with rules in several, each carries its own.
    const apply =
      namespaces.size === 1
        ? `kubectl apply -n ${q(endpoints.serviceEntryNamespace)} -f ${SERVICE_ENTRY_FILE_NAME}`
        : `kubectl apply -f ${SERVICE_ENTRY_FILE_NAME}`;
    const stale = tls.kind === 'ca-certificates' ? tls.staleRootRule : undefined;
    steps.push({
      id: 'service-entry',
      title: 'Deploy the ServiceEntry and DestinationRule',
      description: `Registers ${tenant.host} in the mesh and originates TLS to it.${rulesSentence(setup)}${stale ? ` Then deletes a DestinationRule ${stale.name} in ${stale.namespace} if there is one (from an earlier run or the Dynatrace guide): it would reach every sidecar without a rule of its own, including those without the file.` : ''}`,
      command: stale
        ? `${apply} && kubectl -n ${q(stale.namespace)} delete destinationrule ${q(stale.name)} --ignore-not-found`
        : apply,
    });
  }
  steps.push({
    id: 'telemetry',
    title: 'Enable the tracing provider',
    description: setup.telemetry.description,
    command: `kubectl apply -n ${q(setup.telemetry.namespace)} -f ${TELEMETRY_FILE_NAME}`,
  });
  return steps;
}

/**
 * With a private CA: the CA goes into the cluster, and into the proxies that need a file, before the rules that name
 * it (the service-entry step comes after these). A rule that asks for a file a proxy lacks leaves that proxy without a
 * TLS context for the tenant (SDS waits for the file forever, istio#26741; facts §12).
 */
function caSteps(model: Model, setup: ResolvedSetup): CommandStep[] {
  const { tls } = setup;
  const q = shellQuote;
  const ca = `"\${${CA_FILE_VARIABLE}}"`;
  const fromFile = (kind: 'secret generic' | 'configmap', name: string, namespace: string, key: string) =>
    `kubectl -n ${q(namespace)} create ${kind} ${q(name)} --from-file=${key}=${ca} --dry-run=client -o yaml | kubectl apply -f -`;
  if (tls.kind === 'ca-configmap') {
    const { configMap } = tls;
    return [
      {
        id: 'ca-configmap',
        title: 'Give istiod your CA certificate (ConfigMap)',
        description: `Set ${CA_FILE_VARIABLE} to your CA file (PEM) first. This stores it as the ConfigMap ${configMap.name} (key ${configMap.key}) in ${configMap.namespace}, the namespace of the DestinationRule that names it: istiod reads it and hands it to every proxy, so nothing is mounted and no pod restarts. ${CONFIGMAP_UNDOCUMENTED} Safe to run again.`,
        command: fromFile('configmap', configMap.name, configMap.namespace, configMap.key),
      },
    ];
  }
  if (tls.kind !== 'ca-certificates') return [];
  const steps: CommandStep[] = [];
  const { file } = caFileParts(model);
  if (tls.mountNamespaces.length > 0) {
    const words = tls.mountNamespaces.map(q).join(' ');
    steps.push({
      id: 'ca-secret',
      title: 'Give the sidecars your CA certificate',
      description: `Set ${CA_FILE_VARIABLE} to your CA file (PEM) first. This stores it as the Secret ${tls.secretName} (key ${file}) in ${tls.mountNamespaces.join(', ')}: pods mount only Secrets of their own namespace. The DestinationRule of each of these namespaces points caCertificates to the file in istio-proxy; other namespaces get no rule.`,
      command: `for ns in ${words}; do kubectl -n "$ns" create secret generic ${q(tls.secretName)} --from-file=${file}=${ca} --dry-run=client -o yaml | kubectl apply -f -; done`,
    });
    steps.push({
      id: 'ca-mount',
      title: 'Mount the CA file into istio-proxy, before the DestinationRule (PATCH_WORKLOADS=1)',
      description: `Adds ${annotationList(tls.podAnnotations)} to the pod template of every Deployment in ${tls.mountNamespaces.join(', ')} and waits for the rollout, so istio-proxy has ${tls.caFile} before the DestinationRule asks for it. Runs only with PATCH_WORKLOADS=1; otherwise add the annotations to each workload whose spans go to Dynatrace yourself (StatefulSets and DaemonSets too), roll them out and run again with CA_MOUNTED=1: the script stops here until then. A pod of these namespaces without the file sends no spans to Dynatrace. Ingress gateways and waypoints take no sidecar annotations: they get the CA through a Secret of their own (next step).`,
      command: patchDeploymentsCommand(words, tls.podAnnotations, 'CA_MOUNTED'),
    });
  }
  const credentials = tls.carriers.filter((carrier) => carrier.use === 'credential');
  if (credentials.length > 0) {
    const readers = tls.secretReaders;
    const roleLines = readers.flatMap((reader) =>
      reader.serviceAccount === undefined
        ? []
        : [
            `kubectl -n ${q(reader.namespace)} create role ${CA_SECRET_READER_ROLE} --verb=get,list,watch --resource=secrets --dry-run=client -o yaml | kubectl apply -f -`,
            `kubectl -n ${q(reader.namespace)} create rolebinding ${CA_SECRET_READER_ROLE} --role=${CA_SECRET_READER_ROLE} --serviceaccount=${reader.namespace}:${reader.serviceAccount} --dry-run=client -o yaml | kubectl apply -f -`,
          ],
    );
    const permission =
      readers.length === 0
        ? ''
        : ` Istio ${setup.istio.version} hands a CA Secret only to a proxy whose service account may list the Secrets of its namespace (from 1.25 it no longer asks): ${readers.map((reader) => reader.what).join('; ')}.${roleLines.length > 0 ? ` This step grants the waypoint’s service account get/list/watch on the Secrets of its namespace (Role ${CA_SECRET_READER_ROLE}): it can then read every Secret there.` : ''} Check with kubectl auth can-i list secrets -n <namespace> --as system:serviceaccount:<namespace>:<service-account>.`;
    steps.push({
      id: 'ca-credential',
      title: 'Give the gateway and waypoint your CA certificate (Secret for credentialName)',
      description: `Set ${CA_FILE_VARIABLE} to your CA file (PEM) first. This stores it as the Secret ${CA_CREDENTIAL_SECRET_NAME} (key ${CA_CREDENTIAL_KEY}) in ${[...new Set(credentials.map((c) => c.namespace))].join(', ')}: istiod reads it for the DestinationRule that selects the gateway or waypoint there (credentialName; a Secret is read from the proxy’s own namespace). No mount and no restart.${permission}`,
      command: [
        ...credentials.map((carrier) => fromFile('secret generic', carrier.name, carrier.namespace, carrier.key)),
        ...roleLines,
      ].join(' && '),
    });
  }
  return steps;
}

/**
 * The SDS resource the proxy under test verifies the tenant with (istioctl proxy-config secret): the file for a
 * sidecar's caCertificates (file-root:<path>), the ConfigMap or Secret for credentialName with "-cacert" appended
 * (pilot/pkg/security/model/authentication.go ApplyCustomSDSToClientCommonTLSContext, credentials.ToResourceName).
 */
function caResourceOf(setup: ResolvedSetup): { id: string; name: string; which: string; none: string } | undefined {
  const { tls, dataPlane } = setup;
  if (tls.kind === 'ca-configmap') {
    const { configMap } = tls;
    return {
      id: 'ca-configmap-loaded',
      name: `configmap://${configMap.namespace}/${configMap.name}-cacert`,
      which: 'Any proxy will do.',
      none: `none means istiod could not read the ConfigMap ${configMap.namespace}/${configMap.name} (istiod logs “failed to fetch ca certificate”), or its Istio is older than 1.26.`,
    };
  }
  if (tls.kind !== 'ca-certificates') return undefined;
  if (dataPlane.kind === 'waypoints') {
    if (!tls.rules.some((rule) => rule.reaches === 'waypoint')) return undefined;
    return {
      id: 'ca-credential-loaded',
      name: `kubernetes://${CA_CREDENTIAL_SECRET_NAME}-cacert`,
      which: 'The waypoint takes the Secret through credentialName.',
      none: `none means the Secret ${CA_CREDENTIAL_SECRET_NAME} is missing from the waypoint’s namespace, the rule does not select the waypoint, or (before Istio 1.25) its service account may not list Secrets (istiod logs “attempted to access unauthorized certificates”).`,
    };
  }
  return {
    id: 'ca-file-loaded',
    name: `file-root:${tls.caFile}`,
    which: `Use a workload in ${tls.mountNamespaces.join(', ') || 'a namespace that mounts the file'}.`,
    none: 'none means the file is not mounted into istio-proxy (check the pod annotations), or the pod’s namespace has no DestinationRule of its own.',
  };
}

/** Which proxies take which rule, when that is more than "every proxy" (the private-CA arrangements). */
function rulesSentence(setup: ResolvedSetup): string {
  const { tls } = setup;
  if (tls.kind === 'ca-certificates' || tls.kind === 'ca-configmap') {
    const rules = tls.rules.map((rule) => `${rule.namespace}/${rule.name} for ${rule.description}`).join('; ');
    return ` The DestinationRules: ${rules}. ${tls.tradeOff}`;
  }
  return '';
}

/** Optional: the restart is advice for the cases a push cannot cover, not a step of the setup. */
export function restartSteps(setup: ResolvedSetup): CommandStep[] {
  return [
    {
      id: 'restart',
      title: 'Restart workloads (only if needed)',
      description: `${RESTART_WHEN_NEEDED} The command restarts ${setup.restart.scope}.`,
      command: setup.restart.command,
    },
  ];
}

export function checkSteps(model: Model, setup: ResolvedSetup = resolveSetup(model)): CommandStep[] {
  const name = model.provider.name;
  const { controlPlane, endpoints, tls } = setup;
  const istiodNs = shellQuote(controlPlane.istiodNamespace);
  const checks: CommandStep[] = [
    {
      id: 'mesh-config-loaded',
      title: 'The provider is in the live mesh config',
      description: `Prints the provider as istiod sees it. Expect the ${name} entry with the values you chose.`,
      command: `kubectl -n ${istiodNs} get configmap ${controlPlane.meshConfigMapName} -o jsonpath='{.data.mesh}' | grep -A 20 ${shellQuote(`name: ${name}`)}`,
    },
    {
      id: 'istiod-log',
      title: 'istiod accepted it',
      description: 'Expect no output. Any line here names the problem (see troubleshooting below).',
      command: `kubectl -n ${istiodNs} logs ${controlPlane.istiodResource} --since=30m | grep -E 'invalid extension provider|Not able to configure requested tracing provider|could not find cluster|dynatrace sampler'`,
    },
    {
      id: 'analyze',
      title: 'No Telemetry conflicts',
      description:
        'Expect no IST0157, IST0159 or IST0160 messages (invalid provider, conflicting or duplicate Telemetry).',
      // analyze reads the mesh config from ConfigMap istio in --istioNamespace (default istio-system; facts §12).
      command: `istioctl analyze -A -i ${istiodNs}`,
    },
  ];
  const endpoint = { host: endpoints.collectorHost, port: endpoints.collectorPort };
  const proxy = setup.dataPlane.proxyUnderTest;
  // Placeholders stay readable; a named waypoint and namespace are DNS labels (checked by the model).
  const target = `${proxy.target} -n ${proxy.namespace}`;
  checks.push(
    ...waypointChecks(setup),
    {
      id: 'proxy-cluster',
      title: 'A proxy knows where to send spans',
      description: `${proxy.hint} Expect the cluster outbound|${endpoint.port}||${endpoint.host}.`,
      command: `istioctl proxy-config cluster ${target} --fqdn ${endpoint.host}`,
    },
    {
      id: 'proxy-tracer',
      title: 'The proxy’s listeners trace with OpenTelemetry',
      description: 'Expect a number greater than 0.',
      command: `istioctl proxy-config listener ${target} -o json | grep -c envoy.tracers.opentelemetry`,
    },
  );
  const caResource = caResourceOf(setup);
  if (caResource) {
    checks.push({
      id: caResource.id,
      title: 'The proxy loaded your CA certificate',
      description: `${caResource.which} Expect a line for ${caResource.name} marked ACTIVE; ${caResource.none}`,
      command: `istioctl proxy-config secret ${target} | grep ${shellQuote(caResource.name)}`,
    });
  }
  if (endpoints.tenant && model.provider.sampler) {
    const tenant = endpoints.tenant;
    const env = model.token.envName;
    checks.push({
      id: 'token-check',
      title: 'The token can read the sampling configuration',
      description: `Run with ${env} set to your token. Expect 200; 401 or 403 means the token or its scope (adaptiveTrafficManagement.read) is wrong.`,
      command: `curl -sS ${tls.kind === 'ca-certificates' || tls.kind === 'ca-configmap' ? `--cacert "\${${CA_FILE_VARIABLE}}" ` : ''}-o /dev/null -w '%{http_code}\\n' -H "Authorization: Api-Token \${${env}}" ${tenantUrl(tenant)}/api/v2/samplingConfiguration`,
    });
  }
  const link = tracesLink(model);
  checks.push({
    id: 'dynatrace-traces',
    title: 'Traces arrive in Dynatrace',
    description:
      setup.dataPlane.kind === 'waypoints'
        ? 'Send a few HTTP requests to a service that uses the waypoint, wait a minute, then open Distributed Traces in Dynatrace and look for spans from the waypoint.'
        : 'Send a few requests through the mesh, wait a minute, then open Distributed Traces in Dynatrace and look for spans from your services’ sidecars.',
    ...(link === undefined ? {} : { link }),
  });
  return checks;
}

function tracesLink(model: Model): string | undefined {
  const { environmentKind, environmentId } = model.dynatrace;
  if (environmentKind === 'saas')
    return `https://${environmentId}.apps.dynatrace.com/ui/apps/dynatrace.distributedtracing/`;
  // An ActiveGate serves APIs, not the UI; for Managed the environment's own address is the way in.
  return environmentKind === 'managed' ? tenantUrl(tenantOf(model)) : undefined;
}

export function troubleshooting(model: Model, setup: ResolvedSetup = resolveSetup(model)): TroubleshootingRow[] {
  const rows: TroubleshootingRow[] = [
    {
      symptom: 'istiod logs “Not able to configure requested tracing provider … could not find cluster”',
      cause:
        model.mode === 'operator'
          ? 'The telemetry-ingest service does not exist under that name, or telemetry ingest is not enabled in the DynaKube.'
          : 'The ServiceEntry is missing, or in another namespace than the provider’s service reference.',
      fix:
        model.mode === 'operator'
          ? `Check kubectl -n ${model.operator.namespace} get service ${setup.endpoints.collectorHost.split('.')[0]}; fix the DynaKube name or service name.`
          : `Apply ${SERVICE_ENTRY_FILE_NAME} in ${setup.controlPlane.rootNamespace}.`,
    },
    {
      symptom: 'istiod logs “found invalid extension provider”',
      // A warning only: validation.go logs it and mesh.go keeps the config (istio/istio
      // pkg/config/validation/agent/validation.go ValidateMeshConfig, pkg/config/mesh/mesh.go).
      cause:
        'A field of a provider fails istiod’s validation. This is a warning: istiod keeps the provider and still pushes it, so the proxies may get a broken tracer.',
      fix: 'The log line names the provider and the field: compare the live mesh config with the generated file and fix that field.',
    },
    {
      symptom: 'Everything applied, but no spans and no errors',
      cause:
        'The Telemetry names a provider that is not in the mesh config (names must match exactly), or the pods have no sidecar.',
      fix: `Make sure the Telemetry references ${model.provider.name}, and that the pods run an istio-proxy container of this control plane.`,
    },
    {
      symptom: 'Proxy logs “OTLP HTTP exporter received a non-success status code: 401” or 403',
      cause: 'The API token is wrong, expired, or lacks openTelemetryTrace.ingest.',
      fix:
        setup.token.storage === 'istiod-env'
          ? `Create a token with the scopes shown in step 2, update the Secret ${setup.token.secretName}, then run ${istiodRestartCommand(setup)}: istiod reads the token only when it starts.`
          : 'Create a token with the scopes shown in step 2 and update the header.',
    },
    {
      symptom: 'Proxy logs flooded with “non-success status code: 503”',
      cause: model.provider.sampler
        ? 'Dynatrace is rejecting or throttling span ingest. With the sampler on, istiod sets 100 % random sampling so that every request consults the sampler (istio#53012); the sampler then keeps about the rate it fetched from Dynatrace, which replaces any configured root spans per minute.'
        : 'Dynatrace is rejecting or throttling span ingest at the sampling percentage you chose.',
      fix: model.provider.sampler
        ? 'Check the ingest limits of your environment. Lowering the fallback root spans per minute changes nothing while the sampler can fetch its rate; it applies only when fetching fails.'
        : 'Lower the sampling percentage, or check the ingest limits of your environment.',
    },
    {
      symptom: 'Proxy logs “[cluster = outbound|…] is not configured”',
      cause:
        'outboundTrafficPolicy REGISTRY_ONLY or a Sidecar resource hides the endpoint from the proxy (istio#53701).',
      fix: `Add the provider’s host to the Sidecar’s egress hosts, e.g. ${sidecarEgressHost(model, setup)}.`,
    },
    samplerQueryRow(model, setup),
    {
      symptom: 'Apps that call Dynatrace over HTTPS broke after applying',
      cause: 'An older snippet originated TLS on port 443 for the tenant host (istio#53382).',
      fix: `Delete the old DestinationRule for port 443; the generated one originates TLS on port ${TENANT_PLAIN_PORT} only.`,
    },
    {
      symptom: 'Traces appear for some services only',
      cause:
        'The Telemetry is in a single namespace or has a selector (which matches pods in its own namespace only), another Telemetry overrides it, or some pods have no sidecar.',
      fix: 'Check kubectl get telemetry -A, and the namespaces’ injection labels.',
    },
  ];
  rows.push(...waypointTroubleshooting(setup));
  if (model.mode === 'standalone') {
    rows.push({
      symptom: 'Traces arrive without Kubernetes workload or service names',
      cause: 'Standalone mode has no metadata enrichment.',
      fix: 'Use Operator mode with telemetry ingest to get Kubernetes metadata.',
    });
  }
  if (model.dynatrace.environmentKind !== 'saas' && setup.endpoints.reachesTenant) {
    const { tls } = setup;
    const what = model.dynatrace.environmentKind === 'activegate' ? 'ActiveGate' : 'Managed cluster';
    rows.push({
      symptom: `Proxy access log shows CERTIFICATE_VERIFY_FAILED (or the exporter logs non-success status codes) for the ${what}`,
      cause:
        tls.kind === 'ca-certificates'
          ? `The proxy cannot verify the ${what}’s certificate with ${tls.caFile} (sidecars) or the Secret ${CA_CREDENTIAL_SECRET_NAME} (gateway, waypoint): the file is not mounted into istio-proxy, or it is not the CA that signed the certificate.`
          : tls.kind === 'ca-configmap'
            ? `The proxies verify the ${what}’s certificate with the ConfigMap ${tls.configMap.namespace}/${tls.configMap.name}: it is missing, has no key ${tls.configMap.key}, or holds another CA than the one that signed the certificate.`
            : `The ${what}’s certificate is self-signed or from a private CA that the sidecars do not trust, so the TLS handshake fails and spans are dropped.`,
      fix:
        tls.kind === 'ca-certificates' || tls.kind === 'ca-configmap'
          ? 'Run the CA check above; check that the Secret or ConfigMap holds the issuing CA (openssl s_client -connect <host>:<port> -showcerts shows the chain).'
          : 'On step 2 (advanced), choose “Trust my CA certificate” and follow the apply step it adds, or give the endpoint a publicly trusted certificate.',
    });
    if (tls.kind === 'ca-certificates') {
      rows.push({
        symptom: 'Spans from some namespaces (or an ingress gateway) never reach Dynatrace, with no error',
        cause: `With your CA in a mounted file, only the proxies a DestinationRule of their own reaches can speak TLS to the ${what}. ${tls.tradeOff}`,
        fix: 'Add the namespace to the private-CA namespaces (step 4; --ca-namespaces), mount the file there and apply again; for a gateway, give its namespace and labels (--ca-gateway-namespace, --ca-gateway-selector).',
      });
    }
  }
  if (setup.tls.kind === 'insecure-skip-verify') {
    rows.push({
      symptom: 'Security review flags insecureSkipVerify',
      cause:
        'The DestinationRule does not verify the endpoint’s certificate at all: anyone who can intercept the traffic can read the API token and the spans.',
      fix: 'Switch to “Trust my CA certificate” as soon as you have the CA file.',
    });
  }
  return rows;
}

/** istiod reads its environment (the token variable) only when it starts. */
export function istiodRestartCommand(setup: ResolvedSetup): string {
  return `kubectl -n ${shellQuote(setup.controlPlane.istiodNamespace)} rollout restart ${setup.controlPlane.istiodResource}`;
}

function annotationList(annotations: Record<string, string>): string {
  return Object.entries(annotations)
    .map(([key, value]) => `${key}: '${value}'`)
    .join(' and ');
}

/**
 * Adds pod-template annotations to every Deployment in the given namespaces and waits for each rollout; only when
 * PATCH_WORKLOADS=1, since it restarts workloads. The patch is built as data, so the annotations' JSON is escaped.
 * With `doneVariable`, the script stops unless the user says (doneVariable=1) that they added the annotations
 * themselves: the next steps need them in place.
 */
function patchDeploymentsCommand(
  namespacesWords: string,
  annotations: Record<string, string>,
  doneVariable?: string,
): string {
  const patch = shellQuote(JSON.stringify({ spec: { template: { metadata: { annotations } } } }));
  const patchAll = `for ns in ${namespacesWords}; do for d in $(kubectl -n "$ns" get deployment -o name); do kubectl -n "$ns" patch "$d" --type merge -p ${patch} && kubectl -n "$ns" rollout status "$d" --timeout=300s; done; done`;
  const todo = `add to the pod template of each traced workload ${annotationList(annotations)} and roll it out`;
  if (doneVariable === undefined) {
    return `if [ "\${PATCH_WORKLOADS:-0}" = "1" ]; then ${patchAll}; else echo ${shellQuote(`Skipped (PATCH_WORKLOADS is not 1): ${todo}.`)}; fi`;
  }
  const stop = shellQuote(
    `Stopped: ${todo}, then run again with ${doneVariable}=1 (or let this script do it with PATCH_WORKLOADS=1).`,
  );
  return `if [ "\${PATCH_WORKLOADS:-0}" = "1" ]; then ${patchAll}; elif [ "\${${doneVariable}:-0}" != "1" ]; then echo ${stop} >&2; exit 1; fi`;
}

/** What a Sidecar's egress.hosts needs: `<namespace>/<host>` of the service the provider names. */
function sidecarEgressHost(model: Model, setup: ResolvedSetup): string {
  const { endpoints } = setup;
  if (endpoints.tenant && endpoints.serviceEntryNamespace !== undefined) {
    return `${endpoints.serviceEntryNamespace}/${endpoints.tenant.host}`;
  }
  return `${model.operator.namespace}/${endpoints.collectorHost}`;
}

function samplerQueryRow(model: Model, setup: ResolvedSetup): TroubleshootingRow {
  const symptom =
    'Proxy logs “Failed to get sampling configuration from Dynatrace” or “Stopped to query sampling configuration”';
  if (setup.endpoints.sampler?.ownEndpoint === false && model.mode === 'operator') {
    // Without http_service the sampler asks the exporter's host, here the collector, which answers 404: any
    // status other than 200/429/5xx stops the queries (envoy source/extensions/tracers/opentelemetry/samplers/
    // dynatrace/sampler_config_provider.cc), and the configured fallback rate stays in force.
    return {
      symptom,
      cause:
        'Expected in this mode: the sampler asks the telemetry-ingest collector for its rate, gets 404 and stops asking. It keeps sampling at its fallback rate (root spans per minute, 1000 when empty). No token is involved.',
      fix: 'Nothing to fix. For the adaptive rate from your tenant, turn on “Sampler fetches its rate from the tenant” (step 2).',
    };
  }
  return {
    symptom,
    cause:
      'The sampler cannot read its rate: wrong endpoint path, or the token lacks adaptiveTrafficManagement.read. It keeps sampling at its fallback rate.',
    fix: 'Run the token check above; for Managed and ActiveGate the path must start with /e/<environment-id>.',
  };
}

export function generateVerification(model: Model): Verification {
  const setup = resolveSetup(model);
  return {
    apply: applySteps(model, setup),
    restart: restartSteps(setup),
    checks: checkSteps(model, setup),
    troubleshooting: troubleshooting(model, setup),
  };
}
