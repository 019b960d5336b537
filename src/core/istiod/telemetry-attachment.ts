import { asObject, textOf, type Plain } from '../plain-data';
import type { IstiodRules } from './istiod-version';

/*
 * Whether a Telemetry that is not namespace-wide attaches to a proxy, per version (istio/istio
 * pilot/pkg/model/policyattachment.go WorkloadPolicyMatcher.ShouldAttachPolicy, read at 1.22.0, 1.23.0,
 * 1.24.0, 1.25.0, 1.28.0, 1.30.3; tests TestPolicyMatcher in policyattachment_test.go):
 * - a proxy without the label gateway.networking.k8s.io/gateway-name (sidecars, classic ingress gateways)
 *   uses the selector only; a policy with targetRefs is ignored for it altogether;
 * - a Gateway API gateway without targetRefs falls back to the selector (ENABLE_SELECTOR_BASED_K8S_GATEWAY_POLICY,
 *   default true); a waypoint never uses a selector;
 * - targetRefs: kind Gateway names the proxy's Gateway (its namespace empty or the proxy's; from 1.25.0 the
 *   policy must also sit in the proxy's namespace); for waypoints from 1.24.0 kind Service / ServiceEntry
 *   names the Service being served, the policy sitting in the Service's namespace; from 1.25.0 a
 *   root-namespace policy with kind GatewayClass istio-waypoint reaches waypoints.
 * Whether targetRefs are consulted at all for a Telemetry depends on the version: see tracing-rules.ts.
 */

export const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';
export const WAYPOINT_GATEWAY_CLASS = 'istio-waypoint';

export interface TargetRef {
  group: string;
  kind: string;
  name: string;
  namespace: string;
}

export interface ServedService {
  namespace: string;
  name: string;
  /** `Service` (Kubernetes registry) or `ServiceEntry` (external registry). */
  kind?: 'Service' | 'ServiceEntry' | undefined;
}

export interface AttachProxy {
  isWaypoint: boolean;
  namespace: string;
  /** undefined: the pod's labels are not known. */
  labels: Record<string, string> | undefined;
  service?: ServedService | undefined;
}

export type Attachment = { attaches: true; why: string } | { attaches: false; why: string; unsure?: boolean };

/** spec.selector.matchLabels as strings. */
export function matchLabelsOf(spec: Plain): Record<string, string> {
  const labels = asObject(asObject(spec.selector)?.matchLabels) ?? {};
  return Object.fromEntries(Object.entries(labels).map(([key, value]) => [key, textOf(value)]));
}

/** targetRefs, or the older singular targetRef when targetRefs is empty (policyattachment.go GetTargetRefs). */
export function targetRefsOf(spec: Plain): TargetRef[] {
  const list = Array.isArray(spec.targetRefs) ? spec.targetRefs : [];
  const refs = list.length > 0 ? list : asObject(spec.targetRef) ? [spec.targetRef] : [];
  return refs.map((raw) => {
    const ref = asObject(raw) ?? {};
    return {
      group: textOf(ref.group),
      kind: textOf(ref.kind),
      name: textOf(ref.name),
      namespace: textOf(ref.namespace),
    };
  });
}

// config.CanonicalGroup: the empty group is "core".
const canonical = (group: string) => (group === '' ? 'core' : group);
const GROUP_OF: Record<string, string> = {
  Service: 'core',
  ServiceEntry: 'networking.istio.io',
  Gateway: 'gateway.networking.k8s.io',
  GatewayClass: 'gateway.networking.k8s.io',
};
const isKind = (ref: TargetRef, kind: string) => ref.kind === kind && canonical(ref.group) === GROUP_OF[kind];

export function describeRef(ref: TargetRef): string {
  return `${ref.kind || '(no kind)'} ${ref.name || '(no name)'}`;
}

export function shouldAttach(
  telemetry: { namespace: string; spec: Plain },
  proxy: AttachProxy,
  rules: IstiodRules,
  rootNamespace: string,
): Attachment {
  const gatewayName = proxy.labels?.[GATEWAY_NAME_LABEL];
  const refs = targetRefsOf(telemetry.spec);
  const wanted = matchLabelsOf(telemetry.spec);
  const selected = () => selectorAttachment(wanted, proxy.labels);

  if (gatewayName === undefined) {
    if (refs.length > 0)
      return {
        attaches: false,
        why: 'it has targetRefs, which sidecars and gateways not deployed from a Gateway API Gateway ignore',
      };
    return selected();
  }
  if (refs.length === 0) {
    if (proxy.isWaypoint) return { attaches: false, why: 'waypoints ignore workload selectors (they need targetRefs)' };
    return selected();
  }
  for (const ref of refs) {
    if (!rules.targetRefsAttach) {
      // 1.22–1.23 matcher; a Telemetry reaches it only with a selector as well (which the CRD refuses).
      const sameNs = ref.namespace === '' || ref.namespace === proxy.namespace;
      if (isKind(ref, 'Gateway') && ref.name === gatewayName && sameNs)
        return { attaches: true, why: `its targetRefs name this Gateway (${gatewayName})` };
      if (proxy.isWaypoint && isKind(ref, 'Service') && ref.name === proxy.service?.name && sameNs)
        return { attaches: true, why: `its targetRefs name the Service ${ref.name}` };
      continue;
    }
    const service = proxy.service;
    const serviceKind = service?.kind ?? 'Service';
    if (proxy.isWaypoint && service && isKind(ref, serviceKind) && ref.name === service.name) {
      if (telemetry.namespace === service.namespace)
        return {
          attaches: true,
          why: `its targetRefs name the ${serviceKind} ${service.namespace}/${service.name} this waypoint serves`,
        };
      continue;
    }
    if (
      rules.gatewayClassTarget &&
      proxy.isWaypoint &&
      telemetry.namespace === rootNamespace &&
      isKind(ref, 'GatewayClass') &&
      ref.name === WAYPOINT_GATEWAY_CLASS
    )
      return {
        attaches: true,
        why: `its targetRefs name the GatewayClass ${WAYPOINT_GATEWAY_CLASS} from the root namespace`,
      };
    if (rules.gatewayTargetSameNamespace && telemetry.namespace !== proxy.namespace) continue;
    if (!(ref.namespace === '' || ref.namespace === proxy.namespace)) continue;
    if (isKind(ref, 'Gateway') && ref.name === gatewayName)
      return { attaches: true, why: `its targetRefs name this Gateway (${gatewayName})` };
  }
  return {
    attaches: false,
    why: `its targetRefs (${refs.map(describeRef).join(', ')}) do not name this ${proxy.isWaypoint ? 'waypoint' : 'gateway'}${
      proxy.isWaypoint && proxy.service
        ? ` or the Service ${proxy.service.namespace}/${proxy.service.name} it serves`
        : ''
    }`,
  };
}

function selectorAttachment(wanted: Record<string, string>, labels: Record<string, string> | undefined): Attachment {
  const entries = Object.entries(wanted);
  const text = entries.map(([key, value]) => `${key}=${value}`).join(',');
  if (labels === undefined)
    return { attaches: false, unsure: true, why: `its selector (${text}) may match: the pod's labels are not known` };
  return entries.every(([key, value]) => labels[key] === value)
    ? { attaches: true, why: `its selector (${text}) matches the pod's labels` }
    : { attaches: false, why: `its selector (${text}) does not match the pod's labels` };
}
