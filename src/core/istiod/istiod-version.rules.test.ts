import { describe, expect, it } from 'vitest';
import { compareIstioVersions, istiodRulesFor, NEWEST_READ } from './istiod-version';

/*
 * Each rule at the tag where it changed and the one before it (istio/istio):
 * - tie-break: pilot/pkg/model/config.go sortByCreationComparator (1.22.0, `name.namespace`) →
 *   sortConfigByCreationTime (1.23.0, name then namespace);
 * - targetRefs attach a Telemetry from 1.24.0 (pilot/pkg/model/telemetry.go namespaceWideTelemetryConfig);
 * - GatewayClass targets and the same-namespace rule for Gateway targets from 1.25.0 (policyattachment.go);
 * - a waypoint reads the served Service's namespace from 1.30.3, not 1.30.2 (telemetry.go applicableTelemetries);
 * - allowed targetRefs kinds: pkg/config/validation/validation.go allowedTargetRefs at 1.23.0 (Service,
 *   Gateway), 1.24.0 (+ ServiceEntry), 1.25.0 (+ GatewayClass).
 */

const rulesAt = (version: string) => {
  const { text, known, patchUnknown, ...rules } = istiodRulesFor(version);
  return { text, known, patchUnknown, rules };
};

describe('istiodRulesFor', () => {
  it('1.22: name.namespace ties, targetRefs not consulted, Service and Gateway targets only', () => {
    expect(istiodRulesFor('1.22.3')).toEqual({
      text: '1.22.3',
      tieBreak: 'name.namespace',
      targetRefsAttach: false,
      gatewayClassTarget: false,
      gatewayTargetSameNamespace: false,
      waypointServiceNamespace: false,
      patchUnknown: false,
      targetRefKinds: ['Gateway', 'Service'],
      known: true,
    });
  });

  it('1.23.0 changes only the tie-break', () => {
    expect(rulesAt('1.23.0').rules).toEqual({
      ...rulesAt('1.22.3').rules,
      tieBreak: 'name-then-namespace',
    });
  });

  it('1.24.0 attaches by targetRefs and accepts ServiceEntry targets; nothing of 1.25 yet', () => {
    expect(rulesAt('1.24.0').rules).toEqual({
      tieBreak: 'name-then-namespace',
      targetRefsAttach: true,
      gatewayClassTarget: false,
      gatewayTargetSameNamespace: false,
      waypointServiceNamespace: false,
      targetRefKinds: ['Gateway', 'Service', 'ServiceEntry'],
    });
    expect(istiodRulesFor('1.23.9').targetRefsAttach).toBe(false);
  });

  it('1.25.0 adds GatewayClass targets and the same-namespace Gateway rule', () => {
    expect(rulesAt('1.25.0').rules).toEqual({
      tieBreak: 'name-then-namespace',
      targetRefsAttach: true,
      gatewayClassTarget: true,
      gatewayTargetSameNamespace: true,
      waypointServiceNamespace: false,
      targetRefKinds: ['Gateway', 'Service', 'ServiceEntry', 'GatewayClass'],
    });
    expect(istiodRulesFor('1.24.9')).toMatchObject({ gatewayClassTarget: false, gatewayTargetSameNamespace: false });
  });

  it('the waypoint reads the Service namespace from 1.30.3, not on 1.30.2, and on every later minor', () => {
    expect(istiodRulesFor('1.30.2').waypointServiceNamespace).toBe(false);
    expect(istiodRulesFor('1.30.3').waypointServiceNamespace).toBe(true);
    expect(istiodRulesFor('1.29.9').waypointServiceNamespace).toBe(false);
    expect(istiodRulesFor('1.31.0').waypointServiceNamespace).toBe(true);
    expect(istiodRulesFor('1.31.0-rc.0').waypointServiceNamespace).toBe(true);
  });

  it('a version without a patch is read as its newest patch; only on 1.30 is that a guess', () => {
    expect(rulesAt('1.30')).toMatchObject({ known: true, patchUnknown: true });
    expect(istiodRulesFor('1.30').waypointServiceNamespace).toBe(true);
    expect(istiodRulesFor('1.30.3').patchUnknown).toBe(false);
    // 1.24 and 1.29 have no patch-level rule: reading them as their newest patch guesses nothing.
    expect(rulesAt('1.24')).toMatchObject({ known: true, patchUnknown: false });
    expect(istiodRulesFor('1.24').targetRefsAttach).toBe(true);
    expect(rulesAt('1.29').patchUnknown).toBe(false);
    expect(rulesAt('1.31').patchUnknown).toBe(false);
  });

  it('an unreadable version or another major uses the newest rules and says it is not known', () => {
    for (const text of ['latest', '', '2.0.0']) {
      const rules = istiodRulesFor(text);
      expect(rules, text).toMatchObject({
        known: false,
        patchUnknown: false,
        tieBreak: 'name-then-namespace',
        targetRefsAttach: true,
        gatewayClassTarget: true,
        waypointServiceNamespace: true,
      });
    }
    expect(istiodRulesFor('  1.28.0 \n')).toMatchObject({ text: '1.28.0', known: true });
  });

  it('names the newest release read at source', () => {
    expect(NEWEST_READ).toBe('1.30.3');
    expect(istiodRulesFor(NEWEST_READ).waypointServiceNamespace).toBe(true);
  });
});

describe('compareIstioVersions', () => {
  it('compares major, then minor, then patch (a missing patch counts as 0)', () => {
    expect(compareIstioVersions('1.29.0', '1.29.0')).toBe(0);
    expect(compareIstioVersions('1.28.9', '1.29.0')).toBeLessThan(0);
    expect(compareIstioVersions('1.29.1', '1.29.0')).toBeGreaterThan(0);
    expect(compareIstioVersions('1.30', '1.29.9')).toBeGreaterThan(0);
    expect(compareIstioVersions('1.29', '1.29.0')).toBe(0);
    expect(compareIstioVersions('1.29.0', '1.29.1')).toBeLessThan(0);
    expect(compareIstioVersions('2.0.0', '1.99.99')).toBeGreaterThan(0);
    expect(compareIstioVersions('1.99.99', '2.0.0')).toBeLessThan(0);
  });

  it('is undefined when either side does not read as a version', () => {
    expect(compareIstioVersions('x', '1.29.0')).toBeUndefined();
    expect(compareIstioVersions('1.29.0', 'x')).toBeUndefined();
  });
});
