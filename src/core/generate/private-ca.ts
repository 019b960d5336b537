import type { CaDelivery } from '../choices';
import { isAtLeast, parseIstioVersion } from '../istio-version';

/*
 * Which proxies trust a private CA, and how, when the Managed cluster or ActiveGate is not publicly trusted.
 * Verified at the source (istio/istio, tags 1.22.0, 1.25.0, 1.26.0, 1.30.3 and 1.31.0-rc.0):
 *
 * Which DestinationRule a proxy takes (pilot/pkg/model/push_context.go destinationRule, setDestinationRules;
 * pilot/pkg/model/sidecar.go SidecarScope.DestinationRule; unchanged 1.22.0 → 1.31.0-rc.0):
 * - a proxy looks in its own namespace first (every rule there, exported or not), then the Service's namespace
 *   (the ServiceEntry's: the root namespace), then the root namespace: the first level with a rule for the host wins,
 *   and the levels below are never consulted;
 * - a rule with a workloadSelector is private to its namespace (istiod forces exportTo "."), and applies only to the
 *   proxies of that namespace whose labels match; a proxy there that matches none of them takes the namespace's rule
 *   without a selector, or none at all: it does not fall back to the root namespace;
 * - exportTo ["."] keeps a rule without a selector to its own namespace's proxies.
 * So one rule per namespace, exportTo ".", and no root-namespace rule reaches exactly the sidecars that have the file.
 *
 * credentialName (pilot/pkg/networking/core/cluster_tls.go buildUpstreamClusterTLSContext):
 * - a Secret on a rule without a workloadSelector gives a sidecar no TLS context at all (plaintext); gateways and
 *   waypoints are not sidecars, and a rule with a selector is fine for sidecars too;
 * - `configmap://<ns>/<name>` (1.26.0+) is exempt: every proxy gets a TLS context, selector or not. istiod reads the
 *   ConfigMap itself (pilot/pkg/credentials/kube/secrets.go GetConfigMapCaCert, keys `cacert` or `ca.crt`) and serves
 *   it to any proxy (pilot/pkg/xds/sds.go filterAuthorizedResources: "we allow any configmap references"); the
 *   webhook refuses a ConfigMap outside the rule's own namespace (pkg/config/validation/agent/validation.go
 *   ValidateTLS: "namespace must match the configuration namespace"). No feature flag. Not in istio/api's
 *   DestinationRule documentation. Absent at 1.25.0.
 * - a Secret is read from the proxy's own namespace (pilot/pkg/model/credentials/resource.go ParseResourceName,
 *   kubernetes://); SIMPLE asks only for `<name>-cacert`, found in Secret `<name>-cacert` or `<name>` under key
 *   `cacert` or `ca.crt` (pilot/pkg/credentials/kube/secrets.go GetCaCert, ExtractRoot). Before 1.25.0 istiod hands it
 *   only to a proxy whose service account may list Secrets in its namespace (sds.go filterAuthorizedResources with a
 *   SubjectAccessReview); from 1.25.0 a CA-only resource is handed out without that.
 * Gateways and waypoints cannot mount the file: the sidecar.istio.io/userVolume annotations act in sidecar
 * injection only (facts §12). Waypoint pods carry gateway.networking.k8s.io/gateway-name: <Gateway name>
 * (manifests/charts/istio-control/istio-discovery/files/waypoint.yaml, 1.22.0–1.30.3); their service account is named
 * after the Gateway (pilot/pkg/config/kube/gateway/deploymentcontroller.go).
 */

/** The name of every DestinationRule towards the tenant that is not a gateway's or waypoint's (the guide's name). */
export const DESTINATION_RULE_NAME = 'dynatrace-dr-otel';
export const CA_CONFIGMAP_NAME = 'dynatrace-ca';
/** The Secret a gateway's or waypoint's rule names in credentialName; its key is `cacert`. */
export const CA_CREDENTIAL_SECRET_NAME = 'dynatrace-ca-credential';
export const CA_CREDENTIAL_KEY = 'cacert';
export const GATEWAY_RULE_NAME = 'dynatrace-dr-otel-gateway';
export const WAYPOINT_RULE_NAME = 'dynatrace-dr-otel-waypoint';
/** The Role that lets a waypoint's service account list Secrets before Istio 1.25. */
export const CA_SECRET_READER_ROLE = 'dynatrace-ca-secret-reader';
export const WAYPOINT_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

/** First Istio minor whose istiod takes `credentialName: configmap://…` (see above). */
export const CONFIGMAP_CREDENTIAL_MINOR = 26;
/** First Istio minor that hands a CA-only Secret to a proxy without the service account's permission. */
export const CA_SECRET_WITHOUT_PERMISSION_MINOR = 25;

/** Said wherever the ConfigMap is offered. */
export const CONFIGMAP_UNDOCUMENTED =
  'istiod has accepted credentialName: configmap://<namespace>/<name> on a DestinationRule since Istio 1.26.0 (pilot/pkg/model/credentials/resource.go), but Istio’s DestinationRule documentation does not describe it.';

/** What the model asks about a private CA: its fields as the schema has parsed them. */
export interface PrivateCaAnswers {
  mode: 'operator' | 'standalone';
  istio: { version: string; ambient: boolean; ambientTracing?: string; rootNamespace: string };
  dynatrace: {
    environmentKind: string;
    tls: string;
    caDelivery: CaDelivery;
    caNamespaces: readonly string[];
    caSelector: readonly { key: string; value: string }[];
    caGatewayNamespace: string;
    caGatewaySelector: readonly { key: string; value: string }[];
  };
  provider: { sampler: boolean; samplerFromTenant: boolean };
  telemetry: { namespace: string; waypoint?: { name?: string; namespace?: string } };
}

/** True when istiod of this version takes a ConfigMap in credentialName; false when the version cannot be read. */
export function configMapCredentialSupported(istioVersion: string): boolean {
  const version = parseIstioVersion(istioVersion);
  return version !== undefined && isAtLeast(version, 1, CONFIGMAP_CREDENTIAL_MINOR);
}

/** True when istiod of this version needs the proxy's permission to list Secrets before it hands out a CA Secret. */
export function caSecretNeedsPermission(istioVersion: string): boolean {
  const version = parseIstioVersion(istioVersion);
  return version === undefined || !isAtLeast(version, 1, CA_SECRET_WITHOUT_PERMISSION_MINOR);
}

/** The proxies reach the tenant with the user's CA (standalone, or the sampler asking the tenant). */
export function usesPrivateCa(model: PrivateCaAnswers): boolean {
  const reaches = model.mode === 'standalone' || (model.provider.sampler && model.provider.samplerFromTenant);
  return reaches && model.dynatrace.environmentKind !== 'saas' && model.dynatrace.tls === 'ca-certificates';
}

function atWaypoints(model: PrivateCaAnswers): boolean {
  return model.istio.ambient && model.istio.ambientTracing === 'waypoints';
}

/** The named waypoint, when spans come from waypoints and the user named one. */
export function caWaypoint(model: PrivateCaAnswers): { name: string; namespace: string } | undefined {
  if (!atWaypoints(model)) return undefined;
  const name = model.telemetry.waypoint?.name?.trim() ?? '';
  const namespace = model.telemetry.waypoint?.namespace?.trim() ?? '';
  return name === '' ? undefined : { name, namespace };
}

/**
 * The namespaces whose sidecars get the CA file: the ones the user listed, else the Telemetry's namespace when it is
 * not the root namespace (its workloads are the ones traced). Empty for a mesh-wide Telemetry with nothing listed,
 * and when spans come from waypoints (no sidecar traces then) unless namespaces are listed.
 */
export function caFileNamespaces(model: PrivateCaAnswers): string[] {
  const listed = [...new Set(model.dynatrace.caNamespaces)];
  if (listed.length > 0) return listed;
  if (atWaypoints(model)) return [];
  const telemetry = model.telemetry.namespace;
  return telemetry === model.istio.rootNamespace ? [] : [telemetry];
}

export interface PrivateCaIssue {
  path: (string | number)[];
  message: string;
}

/** What makes a private-CA arrangement impossible to build safely, as field issues. */
export function privateCaIssues(model: PrivateCaAnswers): PrivateCaIssue[] {
  if (!usesPrivateCa(model)) return [];
  const issues: PrivateCaIssue[] = [];
  const { dynatrace } = model;
  if (dynatrace.caDelivery === 'configmap') {
    if (!configMapCredentialSupported(model.istio.version)) {
      issues.push({
        path: ['dynatrace', 'caDelivery'],
        message: `Taking the CA from a ConfigMap needs Istio 1.${CONFIGMAP_CREDENTIAL_MINOR}.0 or later (istiod’s code from 1.26.0); this setup is for Istio ${model.istio.version.trim()}. Choose the mounted file.`,
      });
    }
  } else {
    if (!atWaypoints(model) && caFileNamespaces(model).length === 0) {
      issues.push({
        path: ['dynatrace', 'caNamespaces'],
        message: `List the namespaces whose pods get the CA file mounted (e.g. shop, payments). The DestinationRule goes into each of them only: a rule in the root namespace would reach every sidecar, and one without the file sends nothing.${configMapCredentialSupported(model.istio.version) ? ' Or take the CA from a ConfigMap, which needs no file.' : ''}`,
      });
    }
    if (atWaypoints(model) && !caWaypoint(model)) {
      issues.push({
        path: ['dynatrace', 'caDelivery'],
        message: `Waypoints cannot mount the CA file: name the waypoint on the Telemetry step, so that its own DestinationRule can select it${configMapCredentialSupported(model.istio.version) ? ', or take the CA from a ConfigMap, which reaches every waypoint' : ''}.`,
      });
    }
    if (dynatrace.caGatewayNamespace !== '' && dynatrace.caGatewaySelector.length === 0) {
      issues.push({
        path: ['dynatrace', 'caGatewaySelector'],
        message:
          'Enter the gateway pods’ labels, e.g. istio=ingressgateway: the rule that gives the gateway your CA must select it, or the sidecars of its namespace would take it and send plaintext.',
      });
    }
    if (dynatrace.caGatewayNamespace === '' && dynatrace.caGatewaySelector.length > 0) {
      issues.push({
        path: ['dynatrace', 'caGatewayNamespace'],
        message:
          'Enter the namespace of the gateway these labels select (a rule with a selector acts in its own namespace only).',
      });
    }
  }
  return issues;
}
