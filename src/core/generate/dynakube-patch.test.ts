import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'yaml';
import { operatorSaas } from '../__fixtures__/models';
import { applyMergePatch } from '../__fixtures__/merge-patch';
import { checkStructural, type StructuralSchema } from '../__fixtures__/structural-schema';
import { checkDynakube } from '../verify/check-dynakube';
import { verifyTargetOf } from '../verify/target';
import type { Plain } from '../plain-data';
import { DYNAKUBE_API_VERSION, DYNAKUBE_PATCH_FILE_NAME, dynakubeTelemetryIngestPatch } from './dynakube-patch';

// The DynaKube CRD's v1beta6 schema, trimmed (its $comment names the source: dynatrace-operator v1.10.2).
const crd = JSON.parse(readFileSync('src/core/__fixtures__/dynakube-v1beta6.schema.json', 'utf8')) as {
  version: string;
  group: string;
  storage: boolean;
  schema: StructuralSchema;
};
// Dynatrace/dynatrace-operator v1.10.2 pkg/otelcgen/otelcgen.go RegisteredProtocols.
const OPERATOR_PROTOCOLS = ['otlp', 'jaeger', 'statsd', 'zipkin'];
const noIngest = parse(readFileSync('src/core/verify/__fixtures__/dynakube.no-ingest.yaml', 'utf8')) as Plain;

const answers = { dynakubeName: 'dynakube', namespace: 'dynatrace', serviceName: '' };

describe('the DynaKube merge patch that turns telemetry ingest on', () => {
  it('names the stored DynaKube version of the CRD', () => {
    expect(`${crd.group}/${crd.version}`).toBe(DYNAKUBE_API_VERSION);
    expect(crd.storage).toBe(true);
  });

  it('fits the CRD schema, with protocols the Operator knows, for any service name', () => {
    fc.assert(
      fc.property(fc.constantFrom('', 'telemetry-ingest', 'otel'), (serviceName) => {
        const { patch } = dynakubeTelemetryIngestPatch({ ...answers, serviceName });
        expect(checkStructural(patch, crd.schema)).toEqual([]);
        // spec is trimmed in the fixture (its other fields are not checked): its keys are checked here by name.
        for (const key of Object.keys(patch.spec)) expect(crd.schema.properties?.spec?.properties).toHaveProperty(key);
        for (const protocol of patch.spec.telemetryIngest.protocols) expect(OPERATOR_PROTOCOLS).toContain(protocol);
      }),
    );
  });

  it('is the text it claims, as YAML, and touches nothing but spec.telemetryIngest', () => {
    const result = dynakubeTelemetryIngestPatch(answers);
    expect(parse(result.text)).toEqual(result.patch);
    expect(result.patch).toEqual({ spec: { telemetryIngest: { protocols: ['otlp'] } } });
    const patched = applyMergePatch(noIngest, result.patch) as Plain;
    expect({ ...(patched.spec as Plain), telemetryIngest: undefined }).toEqual({
      ...(noIngest.spec as Plain),
      telemetryIngest: undefined,
    });
    expect(patched.metadata).toEqual(noIngest.metadata);
  });

  it('leaves only the collector image to the user: the verify check then finds just that missing', () => {
    const model = operatorSaas();
    const before = checkDynakube(noIngest, model, verifyTargetOf(model)).problems.map((p) => p.code);
    expect(before).toContain('dynakube.telemetry-ingest-off');
    const patched = applyMergePatch(noIngest, dynakubeTelemetryIngestPatch(answers).patch) as Plain;
    const after = checkDynakube(patched, model, verifyTargetOf(model)).problems.map((p) => p.code);
    expect(after).toEqual(['dynakube.no-collector-image']);
    expect(dynakubeTelemetryIngestPatch(answers).alsoNeeded).toContain('spec.templates.otelCollector.imageRef');
  });

  it('keeps a custom service name, which the provider points at', () => {
    const model = operatorSaas({ operator: { serviceName: 'otel' } });
    const { patch } = dynakubeTelemetryIngestPatch({ ...answers, serviceName: 'otel' });
    expect(patch.spec.telemetryIngest.serviceName).toBe('otel');
    const patched = applyMergePatch(noIngest, patch) as Plain;
    const codes = checkDynakube(patched, model, verifyTargetOf(model)).problems.map((p) => p.code);
    expect(codes).not.toContain('dynakube.service-name');
  });

  it('quotes odd names in the command, and keeps them out of the file', () => {
    const result = dynakubeTelemetryIngestPatch({ dynakubeName: "dk'\nx", namespace: 'dt', serviceName: '' });
    expect(result.command).toBe(
      `kubectl patch dynakube 'dk'"'"'\nx' -n dt --type merge --patch-file ${DYNAKUBE_PATCH_FILE_NAME}`,
    );
    expect(result.text).not.toContain('dk');
  });
});
