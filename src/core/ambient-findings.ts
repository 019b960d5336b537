import { tracesAtWaypoints, waypointTarget, type AmbientTracing } from './ambient-tracing';
import type { Finding } from './finding';
import { isAtLeast, parseIstioVersion, type IstioVersion } from './istio-version';
import type { Model } from './model';

/*
 * What ambient users get, as findings: the guide's blocker while they keep "switch to sidecars", and an
 * honest warning plus the waypoint path's requirements and known bugs when they trace at waypoints.
 */

export const DYNATRACE_ISTIO_GUIDE = 'https://docs.dynatrace.com/docs/ingest-from/opentelemetry/integrations/istio';

/** Dynatrace's own words on ambient mode (Configure OpenTelemetry tracing with Istio, "Istio ambient mode support"). */
export const DYNATRACE_AMBIENT_STATEMENT =
  "Istio in ambient mode doesn't rely on Envoy proxies to route traffic, so tracing Istio traffic using the OpenTelemetry integration is not possible. If waypoint proxies are used, those would still emit traces, but the metadata would be misleading or wrong. Currently, there is no solution for end-to-end tracing in Istio ambient mode.";

const ISSUE = (number: number) => `https://github.com/istio/istio/issues/${number}`;

/** Commands that check what each namespace runs, and the waypoint path's requirements. */
export const AMBIENT_COMMANDS = {
  namespaceModes: 'kubectl get namespaces -L istio.io/dataplane-mode -L istio-injection -L istio.io/use-waypoint',
  istioVersion: 'istioctl version',
  gatewayApiCrds: 'kubectl get crd gateways.gateway.networking.k8s.io',
  // istioctl waypoint apply: Gateway of class istio-waypoint, --enroll-namespace labels the namespace
  // istio.io/use-waypoint=<name> (istio/istio istioctl/pkg/waypoint/waypoint.go; flag present since 1.22).
  applyWaypoint: 'istioctl waypoint apply -n <namespace> --enroll-namespace --wait',
  labelService: 'kubectl label service <service> -n <namespace> istio.io/use-waypoint=waypoint',
  // Lists Gateways of class istio-waypoint (waypoint.go "list"). The Gateways themselves carry no
  // gateway.istio.io/managed label: istiod puts it on the Deployment, Service and pods it creates
  // (manifests/charts/istio-control/istio-discovery/files/waypoint.yaml), hence the second command.
  listWaypoints: 'istioctl waypoint list -A',
  waypointDeployments: 'kubectl get deployments -A -l gateway.istio.io/managed=istio.io-mesh-controller',
} as const;

export interface WaypointRequirement {
  id: string;
  title: string;
  detail: string;
  command: string;
}

/** The waypoint path's requirements, each with the command that checks (or meets) it on the cluster. */
export const WAYPOINT_REQUIREMENTS: readonly WaypointRequirement[] = [
  {
    id: 'waypoint-istio-version',
    title: 'Istio 1.24 or later',
    detail:
      'Telemetry customisation in waypoint proxies arrived in Istio 1.24.0 (release note “Added support for Telemetry customization in the waypoint proxy”).',
    command: AMBIENT_COMMANDS.istioVersion,
  },
  {
    id: 'waypoint-gateway-api',
    title: 'Gateway API CRDs installed',
    detail: 'Waypoints are Gateway API Gateways (class istio-waypoint); without the CRDs there are none.',
    command: AMBIENT_COMMANDS.gatewayApiCrds,
  },
  {
    id: 'waypoint-enrolled',
    title: 'A waypoint for each namespace or service to trace',
    detail:
      'Only requests that pass through a waypoint are traced. This deploys one and enrolls the namespace (label istio.io/use-waypoint); to enroll single services, label them instead.',
    command: AMBIENT_COMMANDS.applyWaypoint,
  },
  {
    id: 'waypoint-label-service',
    title: 'Or: enroll single services',
    detail: 'Binds one Service to the waypoint named “waypoint” in its namespace.',
    command: AMBIENT_COMMANDS.labelService,
  },
  {
    id: 'waypoint-list',
    title: 'See the waypoints you have',
    detail: `Lists the waypoint Gateways in every namespace. Their Deployments (same name) are listed by: ${AMBIENT_COMMANDS.waypointDeployments}`,
    command: AMBIENT_COMMANDS.listWaypoints,
  },
];

interface AmbientAnswers {
  istio: { version: string; ambient: boolean; ambientTracing?: AmbientTracing | undefined };
}

/** Findings of step 1 for ambient users; nothing when ambient mode is not in use. */
export function ambientRequirementFindings(model: AmbientAnswers): Finding[] {
  if (!model.istio.ambient) return [];
  const version = parseIstioVersion(model.istio.version);
  if (!tracesAtWaypoints(model)) {
    return [
      {
        id: 'ambient-mode',
        level: 'blocker',
        step: 'requirements',
        message: `In ambient mode ztunnel carries traffic at L4 and emits no spans, so the workloads cannot be traced end to end. Dynatrace: “${DYNATRACE_AMBIENT_STATEMENT}”`,
        fix: 'Run the workloads you want to trace in sidecar mode: label their namespace istio-injection=enabled instead of istio.io/dataplane-mode=ambient and restart their pods. There is currently no end-to-end tracing for ambient mode. If spans from waypoints and gateways are enough for you, choose “Trace at waypoints and gateways only”.',
        link: DYNATRACE_ISTIO_GUIDE,
      },
      mixedMeshFinding(false),
    ];
  }
  const findings: Finding[] = [
    {
      id: 'ambient-mode',
      level: 'warning',
      step: 'requirements',
      message: `You chose to trace at waypoints and gateways only, which Dynatrace does not support: “${DYNATRACE_AMBIENT_STATEMENT}” Spans come from the waypoint that handles a request and from gateways, not from the workloads. ${serviceNameOnWaypointSpans(version)}`,
      fix: 'Use these traces knowing their limits. For end-to-end traces with workload metadata, run the workloads in sidecar mode.',
      link: DYNATRACE_ISTIO_GUIDE,
    },
    mixedMeshFinding(true),
  ];
  if (version && !isAtLeast(version, 1, 24)) {
    findings.push({
      id: 'waypoint-istio-too-old',
      level: 'blocker',
      step: 'requirements',
      // Before 1.24.0 a targetRefs-only Telemetry had no selector and was taken as namespace-wide
      // (istio/istio pilot/pkg/model/telemetry.go namespaceWideTelemetryConfig at 1.23.0; fixed by #52748).
      message: `Istio ${model.istio.version} cannot customise telemetry in waypoint proxies: that arrived in Istio 1.24.0. Before it, istiod does not attach a Telemetry by its targetRefs at all: one that names a waypoint counts as a namespace-wide Telemetry of its namespace, so if it is the oldest namespace-wide one there it traces every sidecar and waypoint in that namespace, and otherwise it is ignored.`,
      fix: 'Upgrade Istio to 1.24 or later, or run the workloads to trace in sidecar mode.',
    });
  }
  if (version && version.major === 1 && version.minor === 30 && version.patch === undefined) {
    // Two known bugs on disjoint patches: one warning that names both, not two that contradict each other.
    findings.push({
      id: 'waypoint-1-30-patch',
      level: 'warning',
      step: 'requirements',
      message:
        'Istio 1.30 without a patch: on 1.30.2 waypoints have been reported to export no spans at all (istio#61154, open); from 1.30.3 a Telemetry that targets a waypoint Gateway misses services in other namespaces (istio#61538, open). Which one you meet depends on the patch.',
      fix: 'Give the full version (istioctl version prints it, e.g. 1.30.3) to see the one that applies and its workaround.',
      link: ISSUE(61538),
    });
  } else if (version && version.major === 1 && version.minor === 30 && version.patch === 2) {
    findings.push({
      id: 'waypoint-bug-61154',
      level: 'warning',
      step: 'requirements',
      message:
        'On Istio 1.30.2, waypoints have been reported to export no spans at all although the Telemetry is attached and the provider’s cluster exists (istio#61154, open; the cause is not known yet).',
      fix: 'No workaround is known. If the waypoint checks (istioctl proxy-config listener on the waypoint) find no OpenTelemetry tracer, try another Istio patch release and follow the issue.',
      link: ISSUE(61154),
    });
  }
  return findings;
}

function mixedMeshFinding(atWaypoints: boolean): Finding {
  return {
    id: 'ambient-mixed-mesh',
    level: 'info',
    step: 'requirements',
    message: atWaypoints
      ? 'Mixed meshes: namespaces in sidecar mode get full spans from their sidecars with this same configuration. Ambient namespaces get spans only from their waypoint, and only for requests that pass through it; traffic that goes through ztunnel alone is not traced.'
      : 'Mixed meshes: namespaces in sidecar mode are traced with this configuration; their calls to and from ambient workloads show only the sidecar’s side.',
    fix: `See which namespace runs in which mode (and which waypoint it uses) with: ${AMBIENT_COMMANDS.namespaceModes}`,
  };
}

/*
 * The service name on a waypoint's spans: the destination service's host on 1.28 and 1.29, the proxy's own
 * cluster name (the waypoint) otherwise (istio/istio pilot/pkg/networking/core/tracing.go
 * configureFromProviderConfig: `svc.Hostname` at tags 1.28.0 and 1.29.0, `proxy.XdsNode.Cluster` at 1.24.0–1.27.0
 * and from 1.30.0, commit b29d7766ddc).
 */
function serviceNameOnWaypointSpans(version: IstioVersion | undefined): string {
  if (version && version.major === 1 && (version.minor === 28 || version.minor === 29)) {
    return 'On Istio 1.28 and 1.29 a waypoint’s spans carry the destination service’s host name as their service name.';
  }
  if (version) {
    return 'On this Istio version a waypoint’s spans carry the waypoint’s own name as their service name (1.28 and 1.29 used the destination service’s host name).';
  }
  return 'A waypoint’s spans carry the waypoint’s own name as their service name (on 1.28 and 1.29: the destination service’s host name).';
}

/** Istio 1.30.3 and later: a Gateway-targeted Telemetry misses services in other namespaces (istio#61538). */
export function hasCrossNamespaceTargetRefsBug(version: IstioVersion | undefined): boolean {
  if (!version) return false;
  // Introduced with #60673 (release note 60665.yaml), in tags 1.30.3 and 1.31.0-rc.0, not in 1.29.6 or 1.30.2.
  if (version.major === 1 && version.minor === 30) return version.patch === undefined || version.patch >= 3;
  return isAtLeast(version, 1, 31);
}

/** Findings of the later steps for users who trace at waypoints. */
export function waypointFindings(model: Model): Finding[] {
  if (!tracesAtWaypoints(model)) return [];
  const findings: Finding[] = [];
  const version = parseIstioVersion(model.istio.version);
  const target = waypointTarget(model);
  const root = model.istio.rootNamespace;
  const namespace = model.telemetry.namespace;

  if (target) {
    findings.push({
      id: 'waypoint-telemetry-scope',
      level: 'info',
      step: 'telemetry',
      message: `The Telemetry targets the waypoint Gateway ${target.name} in ${target.namespace} (targetRefs, in the Gateway’s own namespace). It traces the requests that waypoint handles; sidecars and other waypoints are not affected.`,
      fix: `Check the waypoint’s name with ${AMBIENT_COMMANDS.listWaypoints}.`,
    });
    // 1.30 without a patch: the requirements step's waypoint-1-30-patch already names this bug and the other one.
    if (hasCrossNamespaceTargetRefsBug(version) && !(version?.minor === 30 && version.patch === undefined)) {
      findings.push({
        id: 'waypoint-cross-namespace-bug',
        level: 'warning',
        step: 'telemetry',
        // istiod looks for targeted Telemetry only in the service's namespace once it differs from the
        // waypoint's (istio/istio pilot/pkg/model/telemetry.go applicableTelemetries, from 1.30.3).
        message: `On Istio 1.30.3 and later, a Telemetry that targets a waypoint Gateway applies only to services in the waypoint’s own namespace (${target.namespace}): services in other namespaces that use this waypoint are not traced by it (istio#61538, open). Telemetry targetRefs to a Service apply only from the Service’s own namespace either.`,
        fix: `Workaround: add a namespace-wide Telemetry (no targetRefs) in each namespace whose services use this waypoint (cross-namespace waypoints read it from 1.30.3, istio#60665), or use the mesh-wide Telemetry in ${root}.`,
        link: ISSUE(61538),
      });
    }
  } else if (namespace === root) {
    findings.push({
      id: 'waypoint-telemetry-scope',
      level: 'info',
      step: 'telemetry',
      // The root namespace's selector-less Telemetry is read for every proxy (telemetry.go applicableTelemetries).
      message: `The Telemetry in ${root} (the root namespace) applies to every proxy: sidecars, waypoints and gateways.`,
      fix: 'To trace one waypoint only, name it on this step.',
    });
  } else {
    findings.push({
      id: 'waypoint-telemetry-scope',
      level: 'info',
      step: 'telemetry',
      message: `A Telemetry in ${namespace} applies to sidecars in ${namespace} and to waypoints deployed in ${namespace}, for every service they serve. ${
        version && !hasCrossNamespaceTargetRefsBug(version)
          ? `On this Istio version a waypoint in another namespace does not read it, even for services in ${namespace} (fixed in 1.30.3, istio#60665).`
          : `From Istio 1.30.3 a waypoint in another namespace also reads it for services in ${namespace} (istio#60665).`
      }`,
      fix: `Put the Telemetry in the waypoint’s namespace, or in ${root} to trace every waypoint.`,
    });
  }

  if (model.telemetry.selector.length > 0 && !target) {
    findings.push({
      id: 'waypoint-selector-ignored',
      level: 'warning',
      step: 'telemetry',
      // "waypoints never use selector" (istio/istio pilot/pkg/model/policyattachment.go ShouldAttachPolicy).
      message:
        'Waypoints ignore a Telemetry’s workload selector: this Telemetry traces only sidecar workloads with these labels, no waypoint.',
      fix: 'To trace at a waypoint, remove the labels and name the waypoint instead.',
    });
  }

  if (model.mode === 'operator' && model.provider.sampler && model.provider.samplerFromTenant) {
    findings.push({
      id: 'waypoint-sampler-endpoint',
      level: 'warning',
      step: 'mesh-config',
      // Waypoints get extra clusters only for the provider's `service`, not the sampler's http_service
      // (istio/istio pilot/pkg/model/push_context.go extraServicesForProxy). Read from code, not tested.
      message:
        'Waypoints get a cluster for the provider’s own service only, not for the sampler’s separate tenant endpoint (read from Istio’s code, not tested). On waypoints the sampler then cannot fetch its rate and keeps its fallback rate.',
      fix: `Expect the fallback of ${model.provider.rootSpansPerMinute ?? 1000} root spans per minute on waypoints; set root spans per minute to what suits them.`,
    });
  }

  if (model.mode === 'standalone' && version && version.major === 1 && version.minor === 24) {
    findings.push({
      id: 'waypoint-namespaced-service',
      level: 'warning',
      step: 'mesh-config',
      // 1.24 adds provider services to waypoints as plain host names; the <namespace>/<host> form is split
      // only from 1.25.0 (istio/istio pilot/pkg/model/push_context.go extraServicesForProxy). Read from code.
      message:
        'On Istio 1.24 a waypoint gets the provider’s cluster only when its service is a plain host name; the standalone provider names it istio-system/<host>, so waypoints may have no cluster to send spans to (read from Istio’s code, not tested).',
      fix: 'Upgrade to Istio 1.25 or later, or use Operator mode. istioctl proxy-config cluster on the waypoint shows whether it has it.',
    });
  }
  return findings;
}
