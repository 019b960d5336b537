import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { operatorSaas, standalone } from '../__fixtures__/models';
import type { Model } from '../model';
import type { Plain } from '../plain-data';
import { fixture } from './__fixtures__/read-fixture';
import { checkDynakube, type DynakubeContext } from './check-dynakube';
import { verifyTargetOf } from './target';

/*
 * The DynaKube check on `kubectl get dynakube -o yaml` (dynakube.pass.yaml: dynatrace.com/v1beta6, the fields of
 * Dynatrace/dynatrace-operator pkg/api/latest/dynakube; status conditions as the Operator sets them, v1.10.2:
 * {type, status: "False", reason, message}). What must fail, what must not, and the texts that name the setting.
 */

const pass = fixture('dynakube.pass.yaml');
const operator = operatorSaas();

function check(text: string, model: Model = operator, context?: DynakubeContext) {
  return checkDynakube(parse(text) as Plain, model, verifyTargetOf(model), context);
}
const codes = (item: { problems: { code: string }[] }) => item.problems.map((problem) => problem.code);
const withConditions = (conditions: string) => `${pass}  conditions:\n${conditions}`;
const condition = (type: string, status = '"False"', reason = 'TokenError', message = 'token is invalid') =>
  `  - type: ${type}\n    status: ${status}\n    reason: ${reason}\n    message: ${message}\n`;

describe('DynaKube: the passing one', () => {
  it('passes with nothing to note, and names itself and its apiVersion in the summary', () => {
    const item = check(pass);
    expect(item).toMatchObject({ id: 'dynatrace.dynakube', status: 'pass', problems: [], notes: [] });
    expect(item.summary).toBe('DynaKube dynatrace/dynakube (dynatrace.com/v1beta6).');
  });

  it('without namespace or apiVersion the summary leaves them out', () => {
    const bare = pass.replace('apiVersion: dynatrace.com/v1beta6\n', '').replace('  namespace: dynatrace\n', '');
    expect(check(bare).summary).toBe('DynaKube dynakube.');
    expect(check(bare).status).toBe('pass');
  });

  it('in standalone mode nothing in it counts: a note, never a problem', () => {
    const item = check(pass.replace('phase: Running', 'phase: Error'), standalone('saas'));
    expect(item.status).toBe('pass');
    expect(item.notes).toEqual([
      {
        code: 'dynakube.standalone',
        message: 'Standalone mode does not use the DynaKube for traces; nothing here affects them.',
      },
    ]);
    expect(item.summary).toBe('DynaKube dynakube (not used in standalone mode).');
  });
});

describe('DynaKube: name, namespace and service name against step 2', () => {
  it('another name names both and how to fix it', () => {
    const item = check(pass.replace('  name: dynakube', '  name: prod'));
    expect(codes(item)).toEqual(['dynakube.other-name']);
    expect(item.problems[0]?.message).toBe('This DynaKube is prod; the configuration expects dynakube.');
    expect(item.problems[0]?.fix).toBe('Set the DynaKube name to prod on step 2, then apply the regenerated files.');
    expect(item.problems[0]?.cause).toMatch(/named after the DynaKube/);
  });

  it('another namespace names both and how to fix it', () => {
    const item = check(pass.replace('  namespace: dynatrace', '  namespace: dt-system'));
    expect(codes(item)).toEqual(['dynakube.other-namespace']);
    expect(item.problems[0]?.message).toBe('This DynaKube is in dt-system; the configuration expects dynatrace.');
    expect(item.problems[0]?.fix).toBe(
      'Set the Operator namespace to dt-system on step 2, then apply the regenerated files.',
    );
  });

  it('a service name differing from the expected default, and the default differing from an expected name', () => {
    const named = check(pass.replace('  telemetryIngest:\n', '  telemetryIngest:\n    serviceName: traces\n'));
    expect(codes(named)).toEqual(['dynakube.service-name']);
    expect(named.problems[0]?.message).toBe(
      'telemetryIngest.serviceName is traces; the configuration expects the default.',
    );
    expect(named.problems[0]?.fix).toBe('Set the telemetry-ingest service name on step 2 to traces.');
    const expectsNamed = check(pass, operatorSaas({ operator: { serviceName: 'traces' } }));
    expect(codes(expectsNamed)).toEqual(['dynakube.service-name']);
    expect(expectsNamed.problems[0]?.message).toBe(
      'telemetryIngest.serviceName is (default: <dynakube>-telemetry-ingest); the configuration expects traces.',
    );
    expect(expectsNamed.problems[0]?.fix).toBe(
      'Set the telemetry-ingest service name on step 2 to empty (the default).',
    );
    const same = pass.replace('  telemetryIngest:\n', '  telemetryIngest:\n    serviceName: traces\n');
    expect(check(same, operatorSaas({ operator: { serviceName: 'traces' } })).status).toBe('pass');
  });
});

describe('DynaKube: telemetry ingest', () => {
  it('no telemetryIngest (absent or null) fails once, without also asking for the collector image', () => {
    const off = pass.replace('  telemetryIngest:\n    protocols:\n    - otlp\n', '');
    expect(codes(check(off))).toEqual(['dynakube.telemetry-ingest-off']);
    expect(check(off).problems[0]?.message).toBe(
      'spec.telemetryIngest is not set: there is no telemetry-ingest service to send spans to.',
    );
    const noImage = off.replace(/ {2}templates:[\s\S]*?tag: 0\.38\.0\n/, '');
    expect(codes(check(noImage))).toEqual(['dynakube.telemetry-ingest-off']);
    const nulled = pass.replace('  telemetryIngest:\n    protocols:\n    - otlp\n', '  telemetryIngest: null\n');
    expect(codes(check(nulled))).toEqual(['dynakube.telemetry-ingest-off']);
  });

  it('protocols without otlp fail and list them; with otlp among others, or empty, they pass', () => {
    const zipkin = check(pass.replace('    - otlp', '    - zipkin\n    - jaeger'));
    expect(codes(zipkin)).toEqual(['dynakube.no-otlp']);
    expect(zipkin.problems[0]?.message).toBe('telemetryIngest.protocols is [zipkin, jaeger], without otlp.');
    expect(check(pass.replace('    - otlp', '    - zipkin\n    - otlp')).status).toBe('pass');
    expect(check(pass.replace('    protocols:\n    - otlp\n', '    protocols: []\n')).status).toBe('pass');
  });

  it('the collector image needs a repository', () => {
    const noRepository = pass.replace('        repository: public.ecr.aws/dynatrace/dynatrace-otel-collector\n', '');
    expect(codes(check(noRepository))).toEqual(['dynakube.no-collector-image']);
    expect(check(noRepository).problems[0]?.message).toBe(
      'spec.templates.otelCollector.imageRef is not set; the Operator rejects telemetry ingest without it.',
    );
  });

  it('TLS-only ingest fails unless the proxy originates TLS to the collector, and names the secret, host and port', () => {
    const tls = pass.replace('  telemetryIngest:\n', '  telemetryIngest:\n    tlsRefName: ingest-tls\n');
    const item = check(tls);
    expect(codes(item)).toEqual(['dynakube.tls-only-ingest']);
    expect(item.problems[0]?.message).toBe(
      'telemetryIngest.tlsRefName is ingest-tls: the collector accepts only TLS, and the provider sends plain HTTP to port 4318.',
    );
    expect(item.problems[0]?.fix).toBe(
      "Add a DestinationRule for dynakube-telemetry-ingest.dynatrace.svc.cluster.local with trafficPolicy.portLevelSettings port 4318, tls: {mode: SIMPLE} and the collector's CA; or remove tlsRefName.",
    );
    expect(codes(check(tls, operator, { collectorClusterHasTls: false }))).toEqual(['dynakube.tls-only-ingest']);
    const originated = check(tls, operator, { collectorClusterHasTls: true });
    expect(originated.status).toBe('pass');
    expect(originated.notes).toEqual([
      {
        code: 'dynakube.tls-ingest-originated',
        message: "telemetryIngest.tlsRefName is ingest-tls, and the proxy's cluster for the collector originates TLS.",
      },
    ]);
  });
});

describe('DynaKube: facts that are notes, not failures', () => {
  it('enableIstio differing from step 1 either way is a note with both values', () => {
    const on = check(pass.replace('  apiUrl:', '  enableIstio: true\n  apiUrl:'));
    expect(on.status).toBe('pass');
    expect(on.notes[0]?.code).toBe('dynakube.enable-istio-differs');
    expect(on.notes[0]?.message).toMatch(/^enableIstio is true; on step 1 you said false\./);
    const expected = operatorSaas({ operator: { enableIstio: true } });
    expect(check(pass, expected).notes[0]?.message).toMatch(/^enableIstio is false; on step 1 you said true\./);
    expect(check(pass.replace('  apiUrl:', '  enableIstio: true\n  apiUrl:'), expected).notes).toEqual([]);
    // Only the boolean true turns it on.
    expect(check(pass.replace('  apiUrl:', '  enableIstio: "true"\n  apiUrl:'), expected).notes[0]?.code).toBe(
      'dynakube.enable-istio-differs',
    );
  });

  it('metadata enrichment switched off is a note; left on or unset is not', () => {
    const off = check(pass.replace('    enabled: true', '    enabled: false'));
    expect(off.status).toBe('pass');
    expect(off.notes).toEqual([
      {
        code: 'dynakube.no-metadata-enrichment',
        message: 'metadataEnrichment.enabled is false: spans arrive without Kubernetes metadata.',
      },
    ]);
    expect(check(pass.replace('  metadataEnrichment:\n    enabled: true\n', '')).notes).toEqual([]);
  });
});

describe('DynaKube: status', () => {
  it('phase Error and Deploying fail and point at describe with the DynaKube found', () => {
    const error = check(pass.replace('phase: Running', 'phase: Error').replace('  name: dynakube', '  name: prod'));
    expect(codes(error)).toEqual(['dynakube.other-name', 'dynakube.phase-error']);
    expect(error.problems[1]?.message).toBe('status.phase is Error: the Operator could not reconcile this DynaKube.');
    expect(error.problems[1]?.fix).toBe(
      "Read the conditions below and the Operator's log: kubectl -n dynatrace describe dynakube prod; kubectl -n dynatrace logs deploy/dynatrace-operator.",
    );
    const deploying = check(pass.replace('phase: Running', 'phase: Deploying'));
    expect(codes(deploying)).toEqual(['dynakube.phase-deploying']);
    expect(deploying.problems[0]?.fix).toBe(
      'Wait until the phase is Running, then check again (kubectl -n dynatrace describe dynakube dynakube).',
    );
    const unnamed = check(pass.replace('phase: Running', 'phase: Deploying').replace('  name: dynakube\n', ''));
    expect(unnamed.problems[0]?.fix).toContain('describe dynakube dynakube)');
  });

  it('a token condition that is False fails as tokens, naming the condition and the token Secret', () => {
    const item = check(withConditions(condition('Tokens')));
    expect(codes(item)).toEqual(['dynakube.tokens']);
    expect(item.problems[0]?.message).toBe('Condition Tokens is False (TokenError): token is invalid');
    expect(item.problems[0]?.cause).toMatch(/^Without valid tokens/);
    expect(item.problems[0]?.fix).toBe(
      'Fix what the condition names (the token Secret dynakube in dynatrace holds apiToken and dataIngestToken), then check again.',
    );
    expect(codes(check(withConditions(condition('DataIngestToken'))))).toEqual(['dynakube.tokens']);
    expect(codes(check(withConditions(condition('APIToken'))))).toEqual(['dynakube.tokens']);
  });

  it("a collector condition that is False fails as the collector's", () => {
    for (const type of ['OTELCService', 'OtelpApiEndpointConfigMap', 'TelemetryIngestService']) {
      const item = check(withConditions(condition(type, '"False"', 'ServiceNotCreated', 'service missing')));
      expect(codes(item), type).toEqual(['dynakube.ingest-condition']);
      expect(item.problems[0]?.cause).toBe(
        'The Operator could not set up the telemetry-ingest collector or its service.',
      );
    }
  });

  it('conditions that are True never fail; other False conditions are notes', () => {
    expect(check(withConditions(condition('Tokens', '"True"', 'TokenReady', 'ok'))).status).toBe('pass');
    expect(check(withConditions(condition('Tokens', '"Unknown"', 'Pending', 'wait'))).status).toBe('pass');
    const other = check(withConditions(condition('KSPMTokenSecret', '"False"', 'KubeApiError', 'x')));
    expect(other.status).toBe('pass');
    expect(other.notes).toEqual([
      {
        code: 'dynakube.other-condition',
        message: 'Condition KSPMTokenSecret is False (KubeApiError): x (not on the path of the traces).',
      },
    ]);
    // A type that only contains a collector word is not the collector's condition.
    expect(check(withConditions(condition('MyOTELCService', '"False"', 'r', 'm'))).status).toBe('pass');
    expect(check(withConditions(condition('OTELCServiceX-', '"False"', 'r', 'm'))).status).toBe('pass');
  });
});
