import { describe, expect, it } from 'vitest';
import { model, operatorSaas, standalone } from './__fixtures__/models';
import {
  ambientRequirementFindings,
  DYNATRACE_AMBIENT_STATEMENT,
  DYNATRACE_ISTIO_GUIDE,
  hasCrossNamespaceTargetRefsBug,
  WAYPOINT_REQUIREMENTS,
} from './ambient-findings';
import { checkRequirements, findRequirements, hasBlocker } from './findings';
import { parseIstioVersion } from './istio-version';

const waypoints = { ambient: true, ambientTracing: 'waypoints' } as const;
const byId = <T extends { id: string }>(findings: T[], id: string) => findings.find((finding) => finding.id === id);
const requirements = (version: string, ambientTracing: 'sidecar' | 'waypoints' = 'waypoints') =>
  checkRequirements({
    mode: 'operator',
    istio: { version, ambient: true, ambientTracing },
    operator: { telemetryIngestEnabled: true, enableIstio: false },
  });

describe('ambient findings', () => {
  it('say nothing when ambient mode is not in use', () => {
    expect(
      ambientRequirementFindings({ istio: { version: '1.28', ambient: false, ambientTracing: 'waypoints' } }),
    ).toEqual([]);
  });

  it('block ambient mode while the user keeps the sidecar advice, quoting and linking Dynatrace', () => {
    const finding = byId(requirements('1.28', 'sidecar'), 'ambient-mode');
    expect(finding?.level).toBe('blocker');
    expect(finding?.message).toContain(DYNATRACE_AMBIENT_STATEMENT);
    expect(finding?.fix).toContain('istio-injection=enabled');
    expect(finding?.link).toBe(DYNATRACE_ISTIO_GUIDE);
  });

  it('turn into a warning that still quotes Dynatrace when the user traces at waypoints', () => {
    const findings = requirements('1.28');
    expect(hasBlocker(findings)).toBe(false);
    const finding = byId(findings, 'ambient-mode');
    expect(finding?.level).toBe('warning');
    expect(finding?.message).toContain('does not support');
    expect(finding?.message).toContain(DYNATRACE_AMBIENT_STATEMENT);
    expect(finding?.link).toBe(DYNATRACE_ISTIO_GUIDE);
  });

  it('say what each part of a mixed mesh gets, with the command that shows the modes', () => {
    for (const choice of ['sidecar', 'waypoints'] as const) {
      const finding = byId(requirements('1.28', choice), 'ambient-mixed-mesh');
      expect(finding?.message).toMatch(/sidecar mode/);
      expect(finding?.fix).toContain('-L istio.io/dataplane-mode');
    }
    expect(byId(requirements('1.28'), 'ambient-mixed-mesh')?.message).toMatch(/only from their waypoint/);
  });

  it('name the span service name the Istio version puts on waypoint spans', () => {
    expect(byId(requirements('1.29.1'), 'ambient-mode')?.message).toMatch(/destination service’s host name as their/);
    expect(byId(requirements('1.30'), 'ambient-mode')?.message).toMatch(/waypoint’s own name/);
    expect(byId(requirements('1.26'), 'ambient-mode')?.message).toMatch(/waypoint’s own name/);
  });

  it('block the waypoint path before Istio 1.24, where waypoints take no Telemetry customisation', () => {
    expect(byId(requirements('1.23.4'), 'waypoint-istio-too-old')?.level).toBe('blocker');
    expect(byId(requirements('1.24.0'), 'waypoint-istio-too-old')).toBeUndefined();
  });

  it('warn about istio#61154 on 1.30.2, not on other versions', () => {
    expect(byId(requirements('1.30.2'), 'waypoint-bug-61154')?.level).toBe('warning');
    expect(byId(requirements('1.30'), 'waypoint-bug-61154')).toBeUndefined();
    expect(byId(requirements('1.30.3'), 'waypoint-bug-61154')).toBeUndefined();
    expect(byId(requirements('1.29.6'), 'waypoint-bug-61154')).toBeUndefined();
  });

  it('know which versions miss cross-namespace services with a Gateway-targeted Telemetry (istio#61538)', () => {
    const affected = (text: string) => hasCrossNamespaceTargetRefsBug(parseIstioVersion(text));
    expect(['1.30.3', '1.30.4', '1.30', '1.31.0', '2.0'].map(affected)).toEqual([true, true, true, true, true]);
    expect(['1.24.0', '1.29.6', '1.30.2'].map(affected)).toEqual([false, false, false]);
  });

  it('list every waypoint requirement with a command that checks it', () => {
    expect(WAYPOINT_REQUIREMENTS.map((requirement) => requirement.id)).toEqual([
      'waypoint-istio-version',
      'waypoint-gateway-api',
      'waypoint-enrolled',
      'waypoint-label-service',
      'waypoint-list',
    ]);
    for (const requirement of WAYPOINT_REQUIREMENTS) expect(requirement.command).toMatch(/^(istioctl|kubectl) /);
    expect(WAYPOINT_REQUIREMENTS.map((r) => r.command)).toEqual(
      expect.arrayContaining([
        'istioctl waypoint apply -n <namespace> --enroll-namespace --wait',
        'istioctl waypoint list -A',
      ]),
    );
  });
});

describe('waypoint findings on the later steps', () => {
  const targeted = (version: string) =>
    model({
      istio: { version, ...waypoints },
      telemetry: { waypoint: { name: 'waypoint', namespace: 'shop' } },
    });

  it('describe what a waypoint-targeted Telemetry covers, and drop the namespace-wide warnings that do not apply', () => {
    const ids = findRequirements(targeted('1.28')).map((finding) => finding.id);
    expect(ids).toContain('waypoint-telemetry-scope');
    expect(ids).not.toContain('one-telemetry-per-namespace');
    expect(ids).not.toContain('telemetry-namespace-scope');
    expect(ids).not.toContain('waypoint-cross-namespace-bug');
  });

  it('warn about istio#61538 with its workaround on 1.30.3 and later', () => {
    const finding = byId(findRequirements(targeted('1.30.3')), 'waypoint-cross-namespace-bug');
    expect(finding?.level).toBe('warning');
    expect(finding?.message).toContain('shop');
    expect(finding?.fix).toMatch(/namespace-wide Telemetry/);
    expect(finding?.link).toBe('https://github.com/istio/istio/issues/61538');
  });

  it('with 1.30 and no patch, fire one warning naming both patch-specific bugs, not two for disjoint patches', () => {
    const all = findRequirements(targeted('1.30'));
    const ids = all.map((finding) => finding.id);
    expect(ids.filter((id) => id === 'waypoint-1-30-patch')).toHaveLength(1);
    expect(ids).not.toContain('waypoint-bug-61154');
    expect(ids).not.toContain('waypoint-cross-namespace-bug');
    const message = byId(all, 'waypoint-1-30-patch')?.message ?? '';
    expect(message).toContain('istio#61154');
    expect(message).toContain('istio#61538');
    expect(findRequirements(targeted('1.30.3')).map((finding) => finding.id)).not.toContain('waypoint-1-30-patch');
  });

  it('state precisely why 1.22–1.23 cannot target a waypoint: targetRefs do not attach, the Telemetry is namespace-wide', () => {
    const message = byId(requirements('1.23'), 'waypoint-istio-too-old')?.message ?? '';
    expect(message).toMatch(/does not attach a Telemetry by its targetRefs/);
    expect(message).toMatch(/oldest namespace-wide/);
  });

  it('say that the root namespace’s Telemetry reaches every waypoint and gateway', () => {
    const finding = byId(findRequirements(model({ istio: waypoints })), 'waypoint-telemetry-scope');
    expect(finding?.message).toMatch(/every proxy: sidecars, waypoints and gateways/);
  });

  it('say when a namespace Telemetry does not reach waypoints in other namespaces (before 1.30.3)', () => {
    const at = (version: string) =>
      byId(
        findRequirements(model({ istio: { version, ...waypoints }, telemetry: { namespace: 'shop' } })),
        'waypoint-telemetry-scope',
      )?.message;
    expect(at('1.28')).toMatch(/does not read it/);
    expect(at('1.30.3')).toMatch(/also reads it/);
  });

  it('warn that waypoints ignore a workload selector', () => {
    const finding = byId(
      findRequirements(
        model({ istio: waypoints, telemetry: { namespace: 'shop', selector: [{ key: 'app', value: 'x' }] } }),
      ),
      'waypoint-selector-ignored',
    );
    expect(finding?.level).toBe('warning');
  });

  it('warn where waypoints miss a cluster: the sampler’s own endpoint, and ns/host services on 1.24', () => {
    const sampler = findRequirements(
      operatorSaas({ istio: waypoints, provider: { samplerFromTenant: true }, token: { storage: 'istiod-env' } }),
    );
    expect(byId(sampler, 'waypoint-sampler-endpoint')?.level).toBe('warning');
    expect(byId(findRequirements(operatorSaas({ istio: waypoints })), 'waypoint-sampler-endpoint')).toBeUndefined();
    expect(
      byId(
        findRequirements(standalone('saas', { istio: { version: '1.24.3', ...waypoints } })),
        'waypoint-namespaced-service',
      ),
    ).toBeDefined();
    expect(
      byId(
        findRequirements(standalone('saas', { istio: { version: '1.25', ...waypoints } })),
        'waypoint-namespaced-service',
      ),
    ).toBeUndefined();
  });

  it('add nothing for sidecar users', () => {
    const ids = findRequirements(operatorSaas()).map((finding) => finding.id);
    expect(ids.filter((id) => id.startsWith('waypoint') || id.startsWith('ambient'))).toEqual([]);
  });
});
