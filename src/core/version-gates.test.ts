import { describe, expect, it } from 'vitest';
import { defaultTokenStorage } from './defaults';
import meshFacts from './__fixtures__/mesh-config-fields.json';
import { TELEMETRY_FIELDS } from './telemetry-fields';
import { hasFeature, VERSION_GATES, versionRefusal, type GatedFeature } from './version-gates';

describe('version gates', () => {
  it('hold each feature’s first minor with the source it was traced to', () => {
    for (const gate of Object.values(VERSION_GATES)) {
      expect(gate.minor).toBeGreaterThanOrEqual(20);
      expect(gate.source).toMatch(/istio\/api .*first tagged 1\.\d+\.0/);
    }
  });

  it('open a feature from its minor on, patch releases included', () => {
    expect(hasFeature('customTagFormatter', '1.28.9')).toBe(false);
    expect(hasFeature('customTagFormatter', '1.29')).toBe(true);
    expect(hasFeature('customTagFormatter', 'v1.30.0')).toBe(true);
    expect(hasFeature('tokenFromIstiodEnv', '1.25.4')).toBe(false);
    expect(hasFeature('tokenFromIstiodEnv', '1.26.0')).toBe(true);
    expect(hasFeature('telemetryTargetRefs', '2.0')).toBe(true);
  });

  it('refuse with the version needed, and drive the token storage default', () => {
    expect(versionRefusal('tokenFromIstiodEnv', '1.24')).toBe(
      'Reading the token from istiod’s environment (header envName) needs Istio 1.26 or later; this setup is for Istio 1.24.',
    );
    expect(versionRefusal('tokenFromIstiodEnv', '1.26')).toBeUndefined();
    expect(defaultTokenStorage('1.25')).toBe('inline');
    expect(defaultTokenStorage('1.26')).toBe('istiod-env');
    expect(defaultTokenStorage('nonsense')).toBe('inline');
  });
});

describe('the version gates agree with the generated field tables', () => {
  const meshSince = (message: string, field: string) =>
    (meshFacts.messages as Record<string, { name: string; firstSeen: string }[]>)[message]!.find(
      (entry) => entry.name === field,
    )!.firstSeen;
  const minorOf = (tag: string) => Number(tag.split('.')[1]);
  const otel = 'MeshConfig.ExtensionProvider.OpenTelemetryTracingProvider';
  const traced: Record<GatedFeature, number> = {
    tokenFromIstiodEnv: minorOf(meshSince('MeshConfig.ExtensionProvider.HttpHeader', 'env_name')),
    serviceAttributeEnrichment: minorOf(meshSince(otel, 'service_attribute_enrichment')),
    customTagFormatter: minorOf(TELEMETRY_FIELDS['spec.tracing[].customTags{}.formatter']!.since),
    telemetryTargetRefs: minorOf(TELEMETRY_FIELDS['spec.targetRefs']!.since),
  };

  it.each(Object.entries(traced))('%s opens at the minor whose schema first has the field (1.%i)', (feature, minor) => {
    expect(VERSION_GATES[feature as GatedFeature].minor).toBe(minor);
  });

  it('serviceAttributeEnrichment opens at 1.30, not 1.29', () => {
    expect(hasFeature('serviceAttributeEnrichment', '1.29.6')).toBe(false);
    expect(hasFeature('serviceAttributeEnrichment', '1.30')).toBe(true);
  });
});
