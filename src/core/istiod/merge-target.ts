import { istiodRulesFor, type IstiodRules } from './istiod-version';
import type { TracingScope } from './scope-proxy';
import { matchLabelsOf, targetRefsOf, type TargetRef } from './telemetry-attachment';
import { sortTelemetries } from './telemetry-order';
import { isNamespaceWide, type TelemetryInput } from './tracing-rules';

/*
 * Which existing Telemetry a new one for this scope would collide with, and so which one a merge must edit:
 * the one that takes effect among those attached the same way as ours.
 * - Namespace-wide (no selector; on 1.22–1.23 also a targetRefs-only one): istiod uses the OLDEST of the
 *   namespace (telemetry.go namespaceWideTelemetryConfig); a second one would be ignored, so ours goes into it.
 * - Same selector, or targetRefs naming the same waypoint Gateway (1.24+): istiod applies them all, oldest
 *   first, so the NEWEST wins (telemetry.go applicableTelemetries, since 1.20.0 / PR #47162); ours goes there.
 */

export interface MergeTargetChoice<T extends TelemetryInput> {
  target: T | undefined;
  /** Why this one, in a sentence. */
  why: string;
  /** The other Telemetries attached the same way, which the target overrides (or which override nothing). */
  others: T[];
  /** How ours attaches under these rules. */
  attachment: 'namespace-wide' | 'selector' | 'waypoint';
  rules: IstiodRules;
}

/** The spec fields that attach a Telemetry for this scope (what the wizard generates). */
export function scopeAttachmentSpec(scope: TracingScope): Record<string, unknown> {
  if (scope.waypoint)
    return { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: scope.waypoint }] };
  if (Object.keys(scope.matchLabels).length > 0) return { selector: { matchLabels: { ...scope.matchLabels } } };
  return {};
}

export function chooseMergeTarget<T extends TelemetryInput>(
  telemetries: readonly T[],
  scope: TracingScope,
  istioVersion: string,
): MergeTargetChoice<T> {
  const rules = istiodRulesFor(istioVersion);
  const inNamespace = sortTelemetries(
    telemetries.filter((t) => t.namespace === scope.namespace),
    rules,
  );
  const ours = scopeAttachmentSpec(scope);
  if (isNamespaceWide(ours, rules)) {
    const wide = inNamespace.filter((t) => isNamespaceWide(t.spec, rules));
    const [target, ...others] = wide;
    return {
      target,
      others,
      attachment: 'namespace-wide',
      rules,
      why: target
        ? `istiod uses only the oldest namespace-wide Telemetry of ${scope.namespace}${
            scope.waypoint ? ` (on Istio ${rules.text} a Telemetry with targetRefs counts as namespace-wide)` : ''
          }, so a second one would be ignored`
        : `${scope.namespace} has no namespace-wide Telemetry yet`,
    };
  }
  const same = scope.waypoint
    ? inNamespace.filter((t) => targetRefsOf(t.spec).some((ref) => namesGateway(ref, scope.waypoint!, scope.namespace)))
    : inNamespace.filter(
        (t) => targetRefsOf(t.spec).length === 0 && sameLabels(matchLabelsOf(t.spec), scope.matchLabels),
      );
  const target = same[same.length - 1];
  return {
    target,
    others: same.slice(0, -1),
    attachment: scope.waypoint ? 'waypoint' : 'selector',
    rules,
    why: target
      ? `istiod applies every Telemetry ${scope.waypoint ? `that targets ${scope.waypoint}` : 'with this selector'}, oldest first, so the newest decides`
      : `no Telemetry in ${scope.namespace} ${scope.waypoint ? `targets the waypoint ${scope.waypoint}` : 'has this selector'}`,
  };
}

function namesGateway(ref: TargetRef, name: string, namespace: string): boolean {
  return (
    ref.kind === 'Gateway' &&
    ref.group === 'gateway.networking.k8s.io' &&
    ref.name === name &&
    (ref.namespace === '' || ref.namespace === namespace)
  );
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((key) => b[key] === a[key]);
}
