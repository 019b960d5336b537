import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { operatorSaas } from '../__fixtures__/models';
import { validateIstioResource } from '../__fixtures__/istio-schemas';
import { generateTelemetry } from './telemetry';

const read = (text: string) => parse(text, { version: '1.1' }) as Record<string, any>;

describe('Telemetry', () => {
  it('enables the provider mesh-wide from the root namespace, telemetry.istio.io/v1', async () => {
    const text = generateTelemetry(operatorSaas()).text;
    const doc = read(text);
    expect(doc.apiVersion).toBe('telemetry.istio.io/v1');
    expect(doc.metadata).toEqual({ name: 'dynatrace-telemetry-otel', namespace: 'istio-system' });
    expect(doc.spec).toEqual({ tracing: [{ providers: [{ name: 'dynatrace-otel' }] }] });
    await expect(text).toMatchFileSnapshot('__golden__/dt-telemetry.mesh-wide.yaml');
  });

  it('references the provider by the name given in the mesh config', () => {
    expect(read(generateTelemetry(operatorSaas({ provider: { name: 'dt' } })).text).spec.tracing[0].providers).toEqual([
      { name: 'dt' },
    ]);
  });

  it('selects workloads by label in a namespace', () => {
    const doc = read(
      generateTelemetry(
        operatorSaas({
          telemetry: { namespace: 'shop', selector: [{ key: 'app.kubernetes.io/name', value: 'cart' }] },
        }),
      ).text,
    );
    expect(doc.metadata.namespace).toBe('shop');
    expect(doc.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'cart' } });
  });

  it('sets the sampling percentage only when the Dynatrace sampler is off (istiod ignores it otherwise)', () => {
    expect(
      read(generateTelemetry(operatorSaas({ telemetry: { samplingPercentage: '5' } })).text).spec.tracing[0],
    ).not.toHaveProperty('randomSamplingPercentage');
    const off = read(
      generateTelemetry(operatorSaas({ provider: { sampler: false }, telemetry: { samplingPercentage: '12.5' } })).text,
    );
    expect(off.spec.tracing[0].randomSamplingPercentage).toBe(12.5);
  });

  it('validates against Istio’s Telemetry CRD schema', () => {
    for (const m of [
      operatorSaas(),
      operatorSaas({ provider: { sampler: false }, telemetry: { samplingPercentage: '100' } }),
      operatorSaas({
        telemetry: {
          namespace: 'shop',
          selector: [
            { key: 'app', value: 'x' },
            { key: 'tier', value: '' },
          ],
        },
      }),
    ]) {
      expect(() => validateIstioResource(read(generateTelemetry(m).text))).not.toThrow();
    }
  });
});
