import { parseIstioVersion } from '../istio-version';

/*
 * The control-plane behaviours that change istiod's Telemetry rules, per version, each with the tag where it
 * changed (read at the tags in istio/istio; see tracing-rules.ts for the paths). A version without a patch
 * ("1.30") is read as the newest patch of its minor, and `patchUnknown` says a patch-level rule was guessed.
 */

export interface IstiodRules {
  /** The version as given, for messages. */
  text: string;
  /**
   * Ties in creationTimestamp: 1.22 compares `name.namespace` as one string (pilot/pkg/model/config.go
   * sortByCreationComparator at 1.22.0); from 1.23.0 the name, then the namespace (sortConfigByCreationTime).
   */
  tieBreak: 'name.namespace' | 'name-then-namespace';
  /**
   * From 1.24.0 (#52748) a Telemetry with targetRefs is not namespace-wide and attaches through them
   * (pilot/pkg/model/telemetry.go namespaceWideTelemetryConfig, applicableTelemetries). On 1.22–1.23 only
   * matchLabels count: a targetRefs-only Telemetry is namespace-wide and its targetRefs are never consulted.
   */
  targetRefsAttach: boolean;
  /** From 1.25.0 a root-namespace Telemetry may target GatewayClass istio-waypoint (policyattachment.go). */
  gatewayClassTarget: boolean;
  /** From 1.25.0 a Gateway target attaches only from the proxy's own namespace (policyattachment.go). */
  gatewayTargetSameNamespace: boolean;
  /**
   * From 1.30.3 (and 1.31) a waypoint serving a Service of another namespace also reads that namespace's
   * namespace-wide Telemetry, and then looks for attached Telemetries only there (#60673; telemetry.go
   * applicableTelemetries at 1.30.3 vs 1.30.2).
   */
  waypointServiceNamespace: boolean;
  /** True when a rule above depends on a patch the version did not give (e.g. "1.30"). */
  patchUnknown: boolean;
  /** targetRefs kinds the webhook accepts (pkg/config/validation: allowedTargetRefs): 1.24 + ServiceEntry, 1.25 + GatewayClass. */
  targetRefKinds: readonly string[];
  /** False when the text could not be read: the newest known rules are used. */
  known: boolean;
}

/** The newest stable release whose rules were read at source (facts §12). */
export const NEWEST_READ = '1.30.3';

export function istiodRulesFor(text: string): IstiodRules {
  const parsed = parseIstioVersion(text);
  const known = parsed !== undefined && parsed.major === 1;
  const minor = known ? parsed.minor : 31;
  const patch = known ? parsed.patch : undefined;
  const atLeast = (m: number, p = 0) => minor > m || (minor === m && (patch ?? Number.MAX_SAFE_INTEGER) >= p);
  return {
    text: text.trim(),
    tieBreak: minor <= 22 ? 'name.namespace' : 'name-then-namespace',
    targetRefsAttach: atLeast(24),
    gatewayClassTarget: atLeast(25),
    gatewayTargetSameNamespace: atLeast(25),
    waypointServiceNamespace: atLeast(30, 3),
    patchUnknown: known && patch === undefined && minor === 30,
    targetRefKinds: [
      'Gateway',
      'Service',
      ...(atLeast(24) ? ['ServiceEntry'] : []),
      ...(atLeast(25) ? ['GatewayClass'] : []),
    ],
    known,
  };
}

/** `a` compared with `b` as Istio versions with patch ("1.30" counts as 1.30.0 here); undefined when unreadable. */
export function compareIstioVersions(a: string, b: string): number | undefined {
  const pa = parseIstioVersion(a);
  const pb = parseIstioVersion(b);
  if (!pa || !pb) return undefined;
  return pa.major - pb.major || pa.minor - pb.minor || (pa.patch ?? 0) - (pb.patch ?? 0);
}
