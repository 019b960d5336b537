import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { operatorSaas } from '../__fixtures__/models';
import { defaultModel, MESH_CONFIG_FORMATS, withDefaults } from '../defaults';
import { checkMeshConfig } from '../mesh-config-schema';
import { validateModel, type Model } from '../model';
import { generateMeshConfig } from './mesh-config';

/*
 * serviceAttributeEnrichment: OTEL_SEMANTIC_CONVENTIONS (istio/api mesh/v1alpha1/config.proto
 * OpenTelemetryTracingProvider field 8, first tagged 1.30.0). Off by default; offered and written on 1.30+ only.
 */
const read = (text: string) => parse(text, { version: '1.1' }) as Record<string, any>;

function provider(model: Model): Record<string, any> {
  const doc = read(generateMeshConfig(model).text);
  const meshConfig =
    model.output.meshConfigFormat === 'istio-operator'
      ? doc.spec.meshConfig
      : model.output.meshConfigFormat === 'helm'
        ? doc.meshConfig
        : model.output.meshConfigFormat === 'configmap'
          ? read(doc.data.mesh)
          : doc.spec.values.meshConfig;
  return meshConfig.extensionProviders[0].opentelemetry;
}

describe('OpenTelemetry service attributes (serviceAttributeEnrichment)', () => {
  it('is off by default, and then nothing is written', () => {
    expect(defaultModel.provider.serviceAttributeEnrichment).toBe(false);
    for (const format of MESH_CONFIG_FORMATS) {
      const otel = provider(operatorSaas({ output: { meshConfigFormat: format } }));
      expect(otel).not.toHaveProperty('service_attribute_enrichment');
      expect(otel).not.toHaveProperty('serviceAttributeEnrichment');
    }
  });

  it('on 1.30+ writes OTEL_SEMANTIC_CONVENTIONS in every format, a field config.proto has from 1.30', () => {
    for (const version of ['1.30', '1.30.3', '1.31.0-rc.0']) {
      for (const format of MESH_CONFIG_FORMATS) {
        const m = operatorSaas({
          istio: { version },
          provider: { serviceAttributeEnrichment: true },
          output: { meshConfigFormat: format },
        });
        const otel = provider(m);
        const key = format === 'sail' ? 'serviceAttributeEnrichment' : 'service_attribute_enrichment';
        expect(otel[key]).toBe('OTEL_SEMANTIC_CONVENTIONS');
        // The Dynatrace resource detector stays; istiod adds the environment detector itself (tracing.go, 1.30.0).
        expect(otel.resource_detectors ?? otel.resourceDetectors).toEqual({ dynatrace: {} });
      }
    }
    const doc = read(
      generateMeshConfig(operatorSaas({ istio: { version: '1.30' }, provider: { serviceAttributeEnrichment: true } }))
        .text,
    );
    expect(checkMeshConfig(doc.spec.meshConfig, 30)).toEqual([]);
    expect(checkMeshConfig(doc.spec.meshConfig, 29)).not.toEqual([]);
  });

  it.each(['1.22', '1.24', '1.27', '1.29', '1.29.6'])('is refused on %s, with the version that has it', (version) => {
    const result = validateModel(
      withDefaults({
        istio: { version },
        dynatrace: { environmentId: 'abc12345', clusterId: '1' },
        provider: { serviceAttributeEnrichment: true },
      }),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues).toContainEqual({
      path: 'provider.serviceAttributeEnrichment',
      message: `Service attributes after the OpenTelemetry conventions (serviceAttributeEnrichment) needs Istio 1.30 or later; this setup is for Istio ${version}. Turn it off for this version.`,
    });
  });

  it('off is valid on every version', () => {
    for (const version of ['1.22', '1.29', '1.30', '1.40']) {
      const result = validateModel(
        withDefaults({ istio: { version }, dynatrace: { environmentId: 'abc12345', clusterId: '1' } }),
      );
      expect(result.ok).toBe(true);
    }
  });
});
