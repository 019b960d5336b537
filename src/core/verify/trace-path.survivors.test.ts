import { describe, expect, it } from 'vitest';
import { operatorSaas, standalone } from '../__fixtures__/models';
import { describeTracePath, tracePathOf, type Hop, type TracePath } from './trace-path';
import type { CheckId, CheckStatus, ChecklistItem, Diagnosis } from './types';

/*
 * Tests that pin what trace-path.ts decides where the mutation run (issue 27) found nothing asserting it: which
 * check results break or prove each hop, what each hop shows, and the sentences for screen readers.
 */

/** One check result: its id, its status and the problem codes it reports. */
function item(id: CheckId, status: CheckStatus, ...codes: string[]): ChecklistItem {
  return {
    id,
    stage: 'proxy',
    title: id,
    status,
    summary: '',
    problems: codes.map((code) => ({ code, message: code })),
    notes: [],
    command: '',
    needs: 'proxy-clusters',
  };
}

function diagnosis(...items: ChecklistItem[]): Diagnosis {
  const anyFail = items.some((entry) => entry.status === 'fail');
  return { inputs: [], items, allCheckedPass: !anyFail, anyFail };
}

const statuses = (path: TracePath) => Object.fromEntries(path.spans.map((hop) => [hop.id, hop.status]));

describe('what each hop of the path shows', () => {
  it('names the selected workloads by their labels in the Telemetry namespace (not the whole namespace)', () => {
    const path = tracePathOf(
      operatorSaas({
        telemetry: {
          namespace: 'shop',
          selector: [
            { key: 'app', value: 'cart' },
            { key: 'tier', value: 'web' },
          ],
        },
      }),
    );
    // Not an ambient mesh: no note on which Telemetry side is read, and no note on waypoint spans.
    expect(path.spans[0]).toEqual({
      id: 'sidecar',
      title: 'Workload sidecar',
      details: ['workloads app=cart, tier=web in shop', 'provider dynatrace-otel', 'Telemetry in shop'],
      checks: ['mesh.provider', 'mesh.provider-fields', 'telemetry.applies', 'istiod.log', 'proxy.tracer'],
      status: 'unknown',
    });
  });

  it('says mesh-wide for a Telemetry in the root namespace, and names the namespace otherwise', () => {
    expect(tracePathOf(operatorSaas({ telemetry: { namespace: 'istio-system' } })).spans[0]?.details).toEqual([
      'every namespace (mesh-wide)',
      'provider dynatrace-otel',
      'Telemetry in istio-system',
    ]);
    expect(tracePathOf(operatorSaas({ telemetry: { namespace: 'shop' } })).spans[0]?.details).toEqual([
      'namespace shop',
      'provider dynatrace-otel',
      'Telemetry in shop',
    ]);
  });

  it('in Operator mode goes to the telemetry-ingest service, then Dynatrace; the sampler gets no answer there', () => {
    const path = tracePathOf(operatorSaas());
    expect(path.spans.slice(1)).toEqual([
      {
        id: 'collector',
        title: 'Telemetry-ingest service',
        details: ['dynakube-telemetry-ingest.dynatrace.svc.cluster.local:4318', '/v1/traces', 'namespace dynatrace'],
        checks: ['proxy.cluster', 'dynatrace.dynakube', 'proxy.log', 'istiod.log'],
        status: 'unknown',
      },
      {
        id: 'tenant',
        title: 'Dynatrace',
        details: ['the collector forwards to your environment'],
        checks: [],
        status: 'unknown',
      },
    ]);
    expect(path.sampler).toEqual({
      id: 'sampler',
      title: 'Dynatrace sampler',
      details: [
        'dynakube-telemetry-ingest.dynatrace.svc.cluster.local:4318',
        '/api/v2/samplingConfiguration',
        'no answer here: keeps its fallback rate (expected)',
      ],
      checks: ['proxy.tracer', 'proxy.log', 'istiod.log'],
      status: 'unknown',
    });
  });

  it('in Operator mode with the sampler at the tenant keeps the spans on the collector (no egress hop)', () => {
    const path = tracePathOf(operatorSaas({ provider: { sampler: true, samplerFromTenant: true } }));
    expect(path.spans.map((hop) => hop.id)).toEqual(['sidecar', 'collector', 'tenant']);
    expect(path.sampler?.details).toEqual([
      'abc12345.live.dynatrace.com:80 → TLS',
      '/api/v2/samplingConfiguration',
      'namespace istio-system',
    ]);
  });

  it('in standalone SaaS goes through the ServiceEntry to the tenant on 443 (no port shown), sampler on the same host', () => {
    const path = tracePathOf(standalone('saas'));
    expect(path.spans.slice(1)).toEqual([
      {
        id: 'egress',
        title: 'ServiceEntry + DestinationRule',
        details: [
          'abc12345.live.dynatrace.com:80 → TLS to :443',
          'namespace istio-system',
          'cluster outbound|80||abc12345.live.dynatrace.com',
        ],
        checks: ['proxy.cluster', 'proxy.log', 'istiod.log'],
        status: 'unknown',
      },
      {
        id: 'tenant',
        title: 'Tenant OTLP endpoint',
        details: ['https://abc12345.live.dynatrace.com', '/api/v2/otlp/v1/traces'],
        checks: ['proxy.log'],
        status: 'unknown',
      },
    ]);
    expect(path.sampler?.details).toEqual([
      'abc12345.live.dynatrace.com:80',
      '/api/v2/samplingConfiguration',
      'same host as the exporter',
    ]);
  });

  it('shows a tenant port other than 443 in the tenant URL', () => {
    expect(tracePathOf(standalone('activegate')).spans[2]?.details[0]).toBe('https://activegate.example.com:9999');
  });
});

describe('which check results break a hop', () => {
  it('breaks the sidecar hop on a failure of any of its checks with a sidecar problem', () => {
    const model = operatorSaas();
    const cases: [CheckId, string][] = [
      ['mesh.provider', 'mesh.provider-missing'],
      ['mesh.provider-fields', 'mesh.provider-fields-differ'],
      ['telemetry.applies', 'telemetry.not-applied'],
      ['istiod.log', 'istiod.invalid-provider'],
    ];
    for (const [id, code] of cases) {
      expect(tracePathOf(model, diagnosis(item(id, 'fail', code))).spans[0]?.status, id).toBe('broken');
    }
  });

  it('does not break a hop on a failed check that is not one of its checks', () => {
    // The Telemetry reference check is not among the sidecar's checks, even with a telemetry.* problem.
    const sidecar = tracePathOf(
      operatorSaas(),
      diagnosis(item('telemetry.references-provider', 'fail', 'telemetry.default-provider')),
    );
    expect(sidecar.spans[0]?.status).toBe('unknown');
    // In standalone mode the DynaKube check is not on the egress hop, though egress reads dynakube.other-* codes.
    const egress = tracePathOf(
      standalone('saas'),
      diagnosis(item('dynatrace.dynakube', 'fail', 'dynakube.other-name'), item('proxy.cluster', 'pass')),
    );
    expect(egress.spans[1]?.status).toBe('ok');
  });

  it('breaks the egress hop on its cluster, proxy log or istiod log check failing with a cluster problem', () => {
    const model = standalone('saas');
    const cases: [CheckId, string][] = [
      ['proxy.cluster', 'proxy.cluster-no-tls'],
      ['proxy.log', 'proxy.cluster-not-configured'],
      ['istiod.log', 'istiod.provider-cluster-missing'],
    ];
    for (const [id, code] of cases) {
      expect(tracePathOf(model, diagnosis(item(id, 'fail', code))).spans[1]?.status, id).toBe('broken');
    }
  });

  it('breaks the collector hop on its DynaKube, proxy log or istiod log check failing', () => {
    const model = operatorSaas();
    const cases: [CheckId, string][] = [
      ['dynatrace.dynakube', 'dynakube.phase-error'],
      ['proxy.log', 'proxy.export-status'],
      ['istiod.log', 'istiod.provider-cluster-missing'],
    ];
    for (const [id, code] of cases) {
      expect(tracePathOf(model, diagnosis(item(id, 'fail', code))).spans[1]?.status, id).toBe('broken');
    }
  });

  it('breaks the tenant hop when the proxy log shows failed exports', () => {
    const path = tracePathOf(standalone('saas'), diagnosis(item('proxy.log', 'fail', 'proxy.export-status')));
    expect(path.spans[2]?.status).toBe('broken');
  });

  it('breaks the sampler hop on its tracer, proxy log or istiod log check failing with a sampler problem', () => {
    const model = operatorSaas();
    const cases: [CheckId, string][] = [
      ['proxy.tracer', 'proxy.sampler-wrong-cluster'],
      ['proxy.log', 'proxy.sampler-config-failed'],
      ['istiod.log', 'istiod.sampler-no-http'],
    ];
    for (const [id, code] of cases) {
      expect(tracePathOf(model, diagnosis(item(id, 'fail', code))).sampler?.status, id).toBe('broken');
    }
  });

  it('does not break a hop on a failed check whose problems belong to another hop', () => {
    // A failed cluster check that only reports a tracer problem: the collector is proven neither way.
    const path = tracePathOf(operatorSaas(), diagnosis(item('proxy.cluster', 'fail', 'proxy.tracer-wrong-path')));
    expect(path.spans[1]?.status).toBe('unknown');
    // A failed proxy log with only a sampler problem breaks the sampler, not the tenant hop.
    const log = tracePathOf(standalone('saas'), diagnosis(item('proxy.log', 'fail', 'proxy.sampler-stopped')));
    expect(statuses(log).tenant).toBe('unknown');
    expect(log.sampler?.status).toBe('broken');
  });

  it('breaks a hop when one of several problems of a failed check is its own', () => {
    const path = tracePathOf(
      operatorSaas(),
      diagnosis(item('proxy.cluster', 'fail', 'proxy.tracer-wrong-path', 'proxy.cluster-no-tls')),
    );
    expect(path.spans[1]?.status).toBe('broken');
  });

  it('does not break a hop on the problems of a check that passed', () => {
    const path = tracePathOf(operatorSaas(), diagnosis(item('proxy.cluster', 'pass', 'proxy.cluster-no-tls')));
    expect(path.spans[1]?.status).toBe('ok');
  });

  it('reads a problem code by its prefix only: a code naming a hop family further in does not break it', () => {
    const operator = tracePathOf(
      operatorSaas(),
      diagnosis(
        item('istiod.log', 'fail', 'log.istiod.x'),
        item('proxy.log', 'fail', 'log.proxy.export-status', 'log.proxy.sampler-x'),
      ),
    );
    expect(statuses(operator)).toEqual({ sidecar: 'unknown', collector: 'unknown', tenant: 'unknown' });
    expect(operator.sampler?.status).toBe('unknown');
    const direct = tracePathOf(
      standalone('saas'),
      diagnosis(item('proxy.log', 'fail', 'log.proxy.cluster-x', 'log.proxy.export-status')),
    );
    expect(statuses(direct)).toEqual({ sidecar: 'unknown', egress: 'unknown', tenant: 'unknown' });
  });
});

describe('which check results prove a hop works', () => {
  it('marks egress, tenant and sampler ok when the check that proves each directly passed', () => {
    const path = tracePathOf(
      standalone('managed'),
      diagnosis(item('proxy.cluster', 'pass'), item('proxy.log', 'pass'), item('proxy.tracer', 'pass')),
    );
    expect(statuses(path)).toEqual({ sidecar: 'ok', egress: 'ok', tenant: 'ok' });
    expect(path.sampler?.status).toBe('ok');
  });

  it('does not mark a hop ok on a passing check that does not prove it', () => {
    // istiod.log passing proves neither the sidecar nor the collector nor the sampler.
    const path = tracePathOf(operatorSaas(), diagnosis(item('istiod.log', 'pass'), item('proxy.log', 'pass')));
    expect(statuses(path)).toEqual({ sidecar: 'unknown', collector: 'unknown', tenant: 'unknown' });
    expect(path.sampler?.status).toBe('unknown');
  });

  it('does not mark a hop ok when its proving check was not checked', () => {
    const path = tracePathOf(operatorSaas(), diagnosis(item('proxy.tracer', 'not-checked')));
    expect(path.spans[0]?.status).toBe('unknown');
  });
});

describe('the path as sentences', () => {
  const hop = (status: Hop['status'], details: string[]): Hop => ({
    id: 'sidecar',
    title: 'Hop',
    details,
    status,
    checks: [],
  });

  it('says works, broken or not checked yet, and leaves out empty details', () => {
    const lines = describeTracePath({
      spans: [hop('ok', ['a', '', 'b']), hop('broken', ['c']), hop('unknown', [''])],
      sampler: { ...hop('broken', ['', 's', 't']), title: 'Sampler' },
    });
    expect(lines).toEqual([
      '1. Hop (a; b): works.',
      '2. Hop (c): broken.',
      '3. Hop (): not checked yet.',
      'Beside it, Sampler (s; t): broken.',
    ]);
  });

  it('lists the missing values, and says nothing about them when none are missing', () => {
    expect(describeTracePath({ spans: [hop('ok', ['a'])], missing: ['Host', 'Token'] })).toEqual([
      '1. Hop (a): works.',
      'Not known yet (missing or invalid): Host, Token.',
    ]);
    expect(describeTracePath({ spans: [hop('ok', ['a'])], missing: [] })).toEqual(['1. Hop (a): works.']);
  });
});
