import {
  reachesTenant,
  telemetryIngestServiceHost,
  tenantOf,
  tenantUrl,
  TENANT_PLAIN_PORT,
  TELEMETRY_INGEST_OTLP_HTTP_PORT,
} from '../endpoints';
import type { Model } from '../model';
import { MESH_CONFIG_FILE_NAME, usesIstiodTokenEnv } from './mesh-config';
import { SERVICE_ENTRY_FILE_NAME } from './service-entry';
import { TELEMETRY_FILE_NAME } from './telemetry';
import { telemetryNamespace, tracesAtWaypoints, waypointTarget } from '../ambient-tracing';
import { proxyUnderTest, waypointChecks, waypointTroubleshooting } from './waypoint-verification';

/*
 * The commands that apply the files, restart the proxies and prove that traces flow, plus a
 * troubleshooting table by symptom (facts §8, §9). Commands are single shell lines a person can copy;
 * anything in <angle brackets> is for the user to fill in.
 */

export interface CommandStep {
  id: string;
  title: string;
  /** One or two sentences: why this step, and what a good result looks like. */
  description: string;
  /** Absent for steps a person does in the Dynatrace UI. */
  command?: string;
  link?: string;
}

export interface TroubleshootingRow {
  symptom: string;
  cause: string;
  fix: string;
}

export interface Verification {
  apply: CommandStep[];
  restart: CommandStep[];
  checks: CommandStep[];
  troubleshooting: TroubleshootingRow[];
}

/** Quotes a value for POSIX shells. Values from the model are already restricted; this is defence in depth. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'"'"'`)}'`;
}

const ISTIOD_NAMESPACE = 'istio-system';

export function applySteps(model: Model): CommandStep[] {
  const steps: CommandStep[] = [];
  const root = model.istio.rootNamespace;
  const q = shellQuote;
  if (usesIstiodTokenEnv(model)) {
    const env = model.token.envName;
    steps.push({
      id: 'token-secret',
      title: 'Store the API token in a Secret',
      description: `istiod reads the Authorization header from ${env}, filled from this Secret. Set ${env} in your shell to the token first; the Secret holds the whole header value "Api-Token <token>". Safe to run again.`,
      command: `kubectl -n ${ISTIOD_NAMESPACE} create secret generic ${q(model.token.secretName)} --from-literal=${env}="Api-Token \${${env}}" --dry-run=client -o yaml | kubectl apply -f -`,
    });
    if (model.output.meshConfigFormat === 'configmap') {
      steps.push({
        id: 'istiod-env',
        title: 'Give istiod the token variable',
        description:
          'The ConfigMap cannot change istiod’s environment, so add the variable to the deployment directly (your installer will undo this on upgrade unless you add it there too).',
        command: `kubectl -n ${ISTIOD_NAMESPACE} set env deployment/istiod --from=secret/${q(model.token.secretName)}`,
      });
    }
  }
  switch (model.output.meshConfigFormat) {
    case 'istio-operator':
      steps.push({
        id: 'mesh-config',
        title: 'Apply the mesh configuration',
        description:
          'Installs Istio with the extension provider in its mesh config. istioctl asks for confirmation; add -y to skip it.',
        command: `istioctl install -f ${MESH_CONFIG_FILE_NAME}`,
      });
      break;
    case 'helm':
      steps.push({
        id: 'mesh-config',
        title: 'Apply the mesh configuration',
        description: 'Upgrades the istiod release with these values on top of the ones it already has.',
        command: `helm upgrade istiod istio/istiod -n ${ISTIOD_NAMESPACE} --reuse-values -f ${MESH_CONFIG_FILE_NAME}`,
      });
      break;
    case 'configmap':
      steps.push({
        id: 'mesh-config',
        title: 'Apply the mesh configuration',
        description: 'Replaces the istio ConfigMap; istiod picks up the change within seconds.',
        command: `kubectl apply -f ${MESH_CONFIG_FILE_NAME}`,
      });
      break;
  }
  if (reachesTenant(model)) {
    steps.push({
      id: 'service-entry',
      title: 'Deploy the ServiceEntry and DestinationRule',
      description: `Registers ${tenantOf(model).host} in the mesh and originates TLS to it.`,
      command: `kubectl apply -n ${q(root)} -f ${SERVICE_ENTRY_FILE_NAME}`,
    });
  }
  const waypoint = waypointTarget(model);
  steps.push({
    id: 'telemetry',
    title: 'Enable the tracing provider',
    description: waypoint
      ? `Turns tracing on at the waypoint ${waypoint.namespace}/${waypoint.name}.`
      : model.telemetry.namespace === root
        ? 'Turns tracing on for the whole mesh.'
        : `Turns tracing on for workloads in ${model.telemetry.namespace}.`,
    command: `kubectl apply -n ${q(telemetryNamespace(model))} -f ${TELEMETRY_FILE_NAME}`,
  });
  return steps;
}

export function restartSteps(model: Model): CommandStep[] {
  const ns = model.telemetry.namespace;
  if (ns !== model.istio.rootNamespace) {
    return [
      {
        id: 'restart',
        title: 'Restart the workloads',
        description: 'Proxies read the new mesh config when their pods start.',
        command: `kubectl rollout restart deployment -n ${shellQuote(ns)}`,
      },
    ];
  }
  return [
    {
      id: 'restart',
      title: 'Restart the workloads',
      description:
        'Proxies read the new mesh config when their pods start. This restarts the deployments in every namespace with sidecar injection enabled; restart StatefulSets and DaemonSets the same way.',
      command:
        'for ns in $(kubectl get namespaces -l istio-injection=enabled -o jsonpath=\'{.items[*].metadata.name}\'); do kubectl rollout restart deployment -n "$ns"; done',
    },
  ];
}

export function checkSteps(model: Model): CommandStep[] {
  const name = model.provider.name;
  const checks: CommandStep[] = [
    {
      id: 'mesh-config-loaded',
      title: 'The provider is in the live mesh config',
      description: `Prints the provider as istiod sees it. Expect the ${name} entry with the values you chose.`,
      command: `kubectl -n ${ISTIOD_NAMESPACE} get configmap istio -o jsonpath='{.data.mesh}' | grep -A 20 ${shellQuote(`name: ${name}`)}`,
    },
    {
      id: 'istiod-log',
      title: 'istiod accepted it',
      description: 'Expect no output. Any line here names the problem (see troubleshooting below).',
      command: `kubectl -n ${ISTIOD_NAMESPACE} logs deploy/istiod --since=30m | grep -E 'invalid extension provider|Not able to configure requested tracing provider|could not find cluster|dynatrace sampler'`,
    },
    {
      id: 'analyze',
      title: 'No Telemetry conflicts',
      description:
        'Expect no IST0157, IST0159 or IST0160 messages (invalid provider, conflicting or duplicate Telemetry).',
      command: 'istioctl analyze -A',
    },
  ];
  const endpoint =
    model.mode === 'operator'
      ? { host: telemetryIngestServiceHost(model), port: TELEMETRY_INGEST_OTLP_HTTP_PORT }
      : { host: tenantOf(model).host, port: TENANT_PLAIN_PORT };
  const proxy = proxyUnderTest(model);
  // Placeholders stay readable; a named waypoint and namespace are DNS labels (checked by the model).
  const target = `${proxy.target} -n ${proxy.namespace}`;
  checks.push(
    ...waypointChecks(model),
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
  if (reachesTenant(model) && model.provider.sampler) {
    const tenant = tenantOf(model);
    const env = model.token.envName;
    checks.push({
      id: 'token-check',
      title: 'The token can read the sampling configuration',
      description: `Run with ${env} set to your token. Expect 200; 401 or 403 means the token or its scope (adaptiveTrafficManagement.read) is wrong.`,
      command: `curl -sS -o /dev/null -w '%{http_code}\\n' -H "Authorization: Api-Token \${${env}}" ${tenantUrl(tenant)}/api/v2/samplingConfiguration`,
    });
  }
  const link = tracesLink(model);
  checks.push({
    id: 'dynatrace-traces',
    title: 'Traces arrive in Dynatrace',
    description: tracesAtWaypoints(model)
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

export function troubleshooting(model: Model): TroubleshootingRow[] {
  const rows: TroubleshootingRow[] = [
    {
      symptom: 'istiod logs “Not able to configure requested tracing provider … could not find cluster”',
      cause:
        model.mode === 'operator'
          ? 'The telemetry-ingest service does not exist under that name, or telemetry ingest is not enabled in the DynaKube.'
          : 'The ServiceEntry is missing, or in another namespace than the provider’s service reference.',
      fix:
        model.mode === 'operator'
          ? `Check kubectl -n ${model.operator.namespace} get service ${telemetryIngestServiceHost(model).split('.')[0]}; fix the DynaKube name or service name.`
          : `Apply ${SERVICE_ENTRY_FILE_NAME} in ${model.istio.rootNamespace}.`,
    },
    {
      symptom: 'istiod logs “found invalid extension provider”',
      cause: 'A field of the provider is wrong; istiod ignores the provider and keeps running.',
      fix: 'Compare the live mesh config with the generated file; the log line names the field.',
    },
    {
      symptom: 'Everything applied, but no spans and no errors',
      cause:
        'The Telemetry names a provider that is not in the mesh config (names must match exactly), or pods were not restarted.',
      fix: `Make sure the Telemetry references ${model.provider.name}, then restart the workloads.`,
    },
    {
      symptom: 'Proxy logs “OTLP HTTP exporter received a non-success status code: 401” or 403',
      cause: 'The API token is wrong, expired, or lacks openTelemetryTrace.ingest.',
      fix: 'Create a token with the scopes shown in step 2 and update the header or Secret.',
    },
    {
      symptom: 'Proxy logs flooded with “non-success status code: 503”',
      cause: 'Dynatrace is throttling ingest: with the sampler, istiod sends every request to it (istio#53012).',
      fix: 'Lower root spans per minute, or check the ingest limits of your environment.',
    },
    {
      symptom: 'Proxy logs “[cluster = outbound|…] is not configured”',
      cause:
        'outboundTrafficPolicy REGISTRY_ONLY or a Sidecar resource hides the endpoint from the proxy (istio#53701).',
      fix: 'Add the provider’s host to the Sidecar’s egress hosts, e.g. istio-system/<host>.',
    },
    {
      symptom:
        'Proxy logs “Failed to get sampling configuration from Dynatrace” or “Stopped to query sampling configuration”',
      cause:
        'The sampler cannot read its rate: wrong endpoint path, or the token lacks adaptiveTrafficManagement.read. It keeps sampling at its fallback rate.',
      fix: 'Run the token check above; for Managed and ActiveGate the path must start with /e/<environment-id>.',
    },
    {
      symptom: 'Apps that call Dynatrace over HTTPS broke after applying',
      cause: 'An older snippet originated TLS on port 443 for the tenant host (istio#53382).',
      fix: `Delete the old DestinationRule for port 443; the generated one originates TLS on port ${TENANT_PLAIN_PORT} only.`,
    },
    {
      symptom: 'Traces appear for some services only',
      cause:
        'The Telemetry is in a single namespace, another Telemetry overrides it, or some pods still run old proxies.',
      fix: 'Check kubectl get telemetry -A and restart the remaining workloads.',
    },
  ];
  rows.push(...waypointTroubleshooting(model));
  if (model.mode === 'standalone') {
    rows.push({
      symptom: 'Traces arrive without Kubernetes workload or service names',
      cause: 'Standalone mode has no metadata enrichment.',
      fix: 'Use Operator mode with telemetry ingest to get Kubernetes metadata.',
    });
  }
  if (model.dynatrace.environmentKind === 'activegate' && reachesTenant(model)) {
    rows.push({
      symptom: 'Proxy logs TLS errors such as CERTIFICATE_VERIFY_FAILED for the ActiveGate',
      cause: 'The ActiveGate’s certificate is not trusted by the sidecars.',
      fix: 'Add the ActiveGate’s CA as tls.caCertificates in the DestinationRule, or give it a trusted certificate.',
    });
  }
  return rows;
}

export function generateVerification(model: Model): Verification {
  return {
    apply: applySteps(model),
    restart: restartSteps(model),
    checks: checkSteps(model),
    troubleshooting: troubleshooting(model),
  };
}
