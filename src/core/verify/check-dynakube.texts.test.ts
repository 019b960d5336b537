import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { operatorSaas } from '../__fixtures__/models';
import type { Plain } from '../plain-data';
import { fixture } from './__fixtures__/read-fixture';
import { checkDynakube } from './check-dynakube';
import { verifyTargetOf } from './target';

/*
 * Survivors of the mutation run on check-dynakube.ts (MUTATION.md): which status conditions are on the path of the
 * traces (the Operator's condition types, dynatrace-operator v1.10.2: "Tokens", "OTELCService",
 * "OTELCConfigurationConfigMap", "OtelpApiEndpointConfigMap"), and the cause and fix texts that tell the user what to
 * change. The DynaKube is `kubectl get dynakube -o yaml` (dynakube.pass.yaml, dynatrace.com/v1beta6).
 */

const pass = fixture('dynakube.pass.yaml');
const operator = operatorSaas();
const check = (text: string) => checkDynakube(parse(text) as Plain, operator, verifyTargetOf(operator));
const falseCondition = (type: string) =>
  `${pass}  conditions:\n  - type: ${type}\n    status: "False"\n    reason: Failed\n    message: it failed\n`;

describe('DynaKube conditions on the path of the traces', () => {
  it.each([
    ['OTELCService', 'dynakube.ingest-condition'],
    ['OTELCConfigurationConfigMap', 'dynakube.ingest-condition'],
    ['OtelpApiEndpointConfigMap', 'dynakube.ingest-condition'],
    ['TelemetryIngestService', 'dynakube.ingest-condition'],
    ['Tokens', 'dynakube.tokens'],
    ['DataIngestToken', 'dynakube.tokens'],
  ])('%s False fails as %s', (type, code) => {
    const item = check(falseCondition(type));
    expect(item.status).toBe('fail');
    expect(item.problems.map((problem) => problem.code)).toEqual([code]);
    expect(item.notes).toEqual([]);
  });

  it.each(['TokensRotated', 'MyTokens', 'LogMonitoringOtelCollector', 'ActiveGateStatefulSet'])(
    '%s False is only a note: it begins or ends like an ingest condition but is none',
    (type) => {
      const item = check(falseCondition(type));
      expect(item.status).toBe('pass');
      expect(item.problems).toEqual([]);
      expect(item.notes.map((note) => note.code)).toEqual(['dynakube.other-condition']);
    },
  );

  it('the token fix names the token Secret of the DynaKube found, not the one configured', () => {
    const item = check(falseCondition('Tokens').replace('  name: dynakube\n', '  name: prod\n'));
    const tokens = item.problems.find((problem) => problem.code === 'dynakube.tokens');
    expect(tokens?.fix).toBe(
      'Fix what the condition names (the token Secret prod in dynatrace holds apiToken and dataIngestToken), then check again.',
    );
  });
});

describe('DynaKube texts that say what to change', () => {
  it('phase Error says why later steps may not run; Deploying says what is not ready', () => {
    const error = check(pass.replace('phase: Running', 'phase: Error')).problems[0];
    expect(error?.cause).toMatch(/reconcile step failed .* the collector among them, may not run/);
    const deploying = check(pass.replace('phase: Running', 'phase: Deploying')).problems[0];
    expect(deploying?.message).toBe(
      'status.phase is Deploying: some component (possibly the telemetry-ingest collector) is not ready yet.',
    );
  });

  it('telemetry ingest off, no otlp, no collector image: each fix names the field to set', () => {
    const off = check(pass.replace(/ {2}telemetryIngest:\n {4}protocols:\n {4}- otlp\n/, '')).problems;
    expect(off.find((problem) => problem.code === 'dynakube.telemetry-ingest-off')?.fix).toBe(
      'Add spec.telemetryIngest: {protocols: [otlp]} and spec.templates.otelCollector.imageRef to the DynaKube.',
    );
    const noOtlp = check(pass.replace('    - otlp\n', '    - zipkin\n')).problems;
    expect(noOtlp.find((problem) => problem.code === 'dynakube.no-otlp')?.fix).toBe(
      'Add otlp to spec.telemetryIngest.protocols.',
    );
    const noImage = check(pass.replace(/ {2}templates:\n(?: {4,}.*\n)+/, '')).problems;
    expect(noImage.find((problem) => problem.code === 'dynakube.no-collector-image')?.fix).toMatch(
      /^Set spec\.templates\.otelCollector\.imageRef\.repository and tag/,
    );
  });

  it('a TLS-only collector: the cause says the sidecar sends plain HTTP without a DestinationRule', () => {
    const tls = pass.replace('  telemetryIngest:\n', '  telemetryIngest:\n    tlsRefName: ingest-tls\n');
    expect(check(tls).problems.find((problem) => problem.code === 'dynakube.tls-only-ingest')?.cause).toBe(
      'The sidecar sends plain HTTP unless a DestinationRule originates TLS for the ingest service.',
    );
  });
});
