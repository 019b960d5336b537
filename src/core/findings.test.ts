import { describe, expect, it } from 'vitest';
import { model, operatorSaas, standalone } from './__fixtures__/models';
import { findRequirements, hasBlocker } from './findings';

const ids = (findings: { id: string }[]) => findings.map((finding) => finding.id);

describe('requirement findings', () => {
  it('stop Istio 1.21 and older with the Envoy code module advice', () => {
    const findings = findRequirements(model({ istio: { version: '1.21.4' } }));
    const old = findings.find((finding) => finding.id === 'istio-too-old');
    expect(old?.level).toBe('blocker');
    expect(old?.fix).toMatch(/Envoy code module/);
    expect(hasBlocker(findRequirements(model({ istio: { version: '1.22.0' } })))).toBe(false);
  });

  it('stop ambient mode: there is no end-to-end tracing there', () => {
    const findings = findRequirements(model({ istio: { ambient: true } }));
    expect(findings.find((finding) => finding.id === 'ambient-mode')?.level).toBe('blocker');
  });

  it('stop Operator mode without telemetry ingest, and not standalone mode', () => {
    expect(hasBlocker(findRequirements(operatorSaas({ operator: { telemetryIngestEnabled: false } })))).toBe(true);
    expect(hasBlocker(findRequirements(standalone('saas', { operator: { telemetryIngestEnabled: false } })))).toBe(
      false,
    );
  });

  it('warn about standalone caveats and enableIstio', () => {
    expect(ids(findRequirements(standalone('saas')))).toContain('standalone-caveats');
    expect(ids(findRequirements(standalone('saas', { operator: { enableIstio: true } })))).toContain(
      'standalone-enable-istio',
    );
    expect(ids(findRequirements(operatorSaas({ operator: { enableIstio: true } })))).not.toContain(
      'standalone-enable-istio',
    );
  });

  it('always remind about the OneAgent Envoy code module and the pod restart', () => {
    for (const m of [operatorSaas(), standalone('managed')]) {
      expect(ids(findRequirements(m))).toEqual(expect.arrayContaining(['envoy-code-module', 'restart-pods']));
    }
  });

  it('explain the sampler’s fallback rate in Operator mode, with the configured rate', () => {
    const finding = findRequirements(operatorSaas({ provider: { rootSpansPerMinute: '300' } })).find(
      (f) => f.id === 'sampler-fallback-rate',
    );
    expect(finding?.message).toContain('300 root spans per minute');
    expect(
      ids(findRequirements(operatorSaas({ provider: { samplerFromTenant: true }, token: { storage: 'istiod-env' } }))),
    ).not.toContain('sampler-fallback-rate');
  });

  it('warn when the token sits in the mesh config in clear text, and suggest the Secret on 1.26+', () => {
    const inline = findRequirements(standalone('saas', { istio: { version: '1.26' } })).find(
      (f) => f.id === 'token-in-mesh-config',
    );
    expect(inline?.level).toBe('warning');
    expect(inline?.fix).toMatch(/Secret/);
    expect(ids(findRequirements(standalone('saas', { token: { storage: 'istiod-env' } })))).toContain(
      'token-in-istiod-env',
    );
  });

  it('name the token scopes this configuration needs', () => {
    const finding = findRequirements(standalone('saas')).find((f) => f.id === 'token-scopes');
    expect(finding?.message).toContain('openTelemetryTrace.ingest and adaptiveTrafficManagement.read');
  });

  it('warn about the whole-installation nature of each mesh-config format', () => {
    expect(ids(findRequirements(operatorSaas()))).toContain('istioctl-install-whole-config');
    expect(ids(findRequirements(operatorSaas({ output: { meshConfigFormat: 'helm' } })))).toContain(
      'helm-lists-replace',
    );
    expect(ids(findRequirements(operatorSaas({ output: { meshConfigFormat: 'configmap' } })))).toContain(
      'configmap-replaces-mesh',
    );
  });

  it('warn about sampling everything, or nothing, when the sampler is off', () => {
    expect(
      ids(findRequirements(operatorSaas({ provider: { sampler: false }, telemetry: { samplingPercentage: '100' } }))),
    ).toContain('sampling-high');
    expect(
      ids(findRequirements(operatorSaas({ provider: { sampler: false }, telemetry: { samplingPercentage: '0' } }))),
    ).toContain('sampling-zero');
    expect(
      ids(findRequirements(operatorSaas({ provider: { sampler: false }, telemetry: { samplingPercentage: '5' } }))),
    ).not.toContain('sampling-high');
  });
});
