import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { operatorSaas } from '../__fixtures__/models';
import { validateIstioResource } from '../__fixtures__/istio-schemas';
import { generateTelemetry } from './telemetry';
import { runs } from '../../test-setup/runs';

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

  describe('in ambient mode, tracing at waypoints', () => {
    const waypoints = { ambient: true, ambientTracing: 'waypoints' } as const;
    const targeted = operatorSaas({
      istio: waypoints,
      telemetry: { namespace: 'istio-system', waypoint: { name: 'waypoint', namespace: 'shop' } },
    });

    it('targets the waypoint Gateway with targetRefs, in the Gateway’s own namespace', async () => {
      const text = generateTelemetry(targeted).text;
      const doc = read(text);
      expect(doc.metadata).toEqual({ name: 'dynatrace-telemetry-otel', namespace: 'shop' });
      expect(doc.spec).toEqual({
        targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'waypoint' }],
        tracing: [{ providers: [{ name: 'dynatrace-otel' }] }],
      });
      await expect(text).toMatchFileSnapshot('__golden__/dt-telemetry.waypoint.yaml');
    });

    it('never writes the apiVersion form istiod rejects, nor a namespace in the reference (istio#57261)', () => {
      const [ref] = read(generateTelemetry(targeted).text).spec.targetRefs;
      expect(Object.keys(ref).sort()).toEqual(['group', 'kind', 'name']);
    });

    it('stays mesh-wide or namespace-wide without a named waypoint (the root namespace reaches every waypoint)', () => {
      const meshWide = generateTelemetry(operatorSaas({ istio: waypoints })).text;
      expect(read(meshWide).spec).toEqual({ tracing: [{ providers: [{ name: 'dynatrace-otel' }] }] });
      expect(meshWide).toBe(generateTelemetry(operatorSaas()).text);
      const namespaced = read(
        generateTelemetry(operatorSaas({ istio: waypoints, telemetry: { namespace: 'shop' } })).text,
      );
      expect(namespaced.metadata.namespace).toBe('shop');
      expect(namespaced.spec).not.toHaveProperty('targetRefs');
    });

    it('ignores a waypoint left in the form once ambient mode is off', () => {
      const off = operatorSaas({
        istio: { ambient: false, ambientTracing: 'waypoints' },
        telemetry: { waypoint: { name: 'waypoint', namespace: 'shop' } },
      });
      expect(generateTelemetry(off).text).toBe(generateTelemetry(operatorSaas()).text);
    });

    it('writes any valid waypoint name and namespace back exactly, and stays schema-valid', () => {
      const dns1035 = fc.stringMatching(/^[a-z]([-a-z0-9]{0,20}[a-z0-9])?$/);
      // Names YAML 1.1 would read as booleans or numbers unless quoted.
      const name = fc.oneof(fc.constantFrom('yes', 'no', 'on', 'off', 'y', 'n', 'e1'), dns1035);
      const namespace = fc.oneof(fc.constantFrom('yes', 'on', '0755', '1e3', 'null'), dns1035);
      fc.assert(
        fc.property(name, namespace, (waypointName, waypointNamespace) => {
          const doc = read(
            generateTelemetry(
              operatorSaas({
                istio: waypoints,
                telemetry: { waypoint: { name: waypointName, namespace: waypointNamespace } },
              }),
            ).text,
          );
          expect(doc.metadata.namespace).toBe(waypointNamespace);
          expect(doc.spec.targetRefs[0].name).toBe(waypointName);
          validateIstioResource(doc);
        }),
        { numRuns: runs(60) },
      );
    });

    it('validates against Istio’s Telemetry CRD schema, sampler on and off', () => {
      for (const m of [
        targeted,
        operatorSaas({
          istio: waypoints,
          provider: { sampler: false },
          telemetry: { samplingPercentage: '10', waypoint: { name: 'wp-1', namespace: 'infra' } },
        }),
      ]) {
        expect(() => validateIstioResource(read(generateTelemetry(m).text))).not.toThrow();
      }
    });
  });
});
