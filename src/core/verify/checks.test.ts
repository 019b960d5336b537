import { describe, expect, it } from 'vitest';
import { operatorSaas, SAMPLE_TOKEN, standalone } from '../__fixtures__/models';
import type { Model } from '../model';
import { fixture } from './__fixtures__/read-fixture';
import { effectiveProviders, serviceEquivalence } from './check-mesh-config';
import { clusterOriginatesTls } from './check-proxy';
import { diagnose } from './diagnose';
import type { CheckId } from './types';

/* One passing and several failing variants per check, built from the realistic fixtures. */

function run(model: Model, id: CheckId, text: string) {
  const item = diagnose([{ name: 'paste', text }], model).items.find((candidate) => candidate.id === id);
  return { status: item?.status, codes: item?.problems.map((p) => p.code), notes: item?.notes.map((n) => n.code) };
}

const listeners = fixture('proxy-listeners.operator.pass.json');
const ingest = 'dynakube-telemetry-ingest.dynatrace.svc.cluster.local';

describe('proxy.tracer: the listeners carry the Dynatrace tracer', () => {
  const model = operatorSaas();
  it('passes with the collector cluster, path, resource detector and sampler', () => {
    expect(run(model, 'proxy.tracer', listeners)).toMatchObject({ status: 'pass', codes: [] });
  });
  it('fails when the tracer exports to another cluster', () => {
    const text = listeners.replaceAll(
      `outbound|4318||${ingest}`,
      'outbound|4317||otel-collector.observability.svc.cluster.local',
    );
    expect(run(model, 'proxy.tracer', text).codes).toContain('proxy.tracer-wrong-cluster');
  });
  it('fails without the resource detector or the sampler the configuration has', () => {
    const parsed = JSON.parse(listeners);
    const config = parsed[0].filterChains[0].filters[0].typedConfig.tracing.provider.typedConfig;
    delete config.resourceDetectors;
    delete config.sampler;
    expect(run(model, 'proxy.tracer', JSON.stringify(parsed)).codes).toEqual([
      'proxy.no-resource-detector',
      'proxy.no-sampler',
    ]);
    expect(
      run(
        operatorSaas({ provider: { sampler: false, resourceDetector: false } }),
        'proxy.tracer',
        JSON.stringify(parsed),
      ).status,
    ).toBe('pass');
  });
  it('fails when another tracer (e.g. zipkin) is configured instead', () => {
    const text = listeners.replace('"name": "envoy.tracers.opentelemetry"', '"name": "envoy.tracers.zipkin"');
    expect(run(model, 'proxy.tracer', text).codes).toEqual(['proxy.other-tracer']);
  });
  it('reads snake_case dumps too', () => {
    const snake = listeners.replace(
      /"([a-z]+)([A-Z][A-Za-z]*)":/g,
      (_all, head: string, tail: string) =>
        `"${head}${tail.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/^_?/, '_')}":`,
    );
    expect(run(model, 'proxy.tracer', snake).status).toBe('pass');
  });
});

describe('proxy.cluster: the proxy knows the collector', () => {
  it('needs the sampler’s own cluster too when it asks the tenant', () => {
    const model = operatorSaas({
      provider: { samplerFromTenant: true },
      token: { value: SAMPLE_TOKEN, storage: 'inline' },
    });
    const result = run(model, 'proxy.cluster', fixture('proxy-clusters.operator.pass.json'));
    expect(result.codes).toEqual(['proxy.sampler-cluster-missing']);
    expect(run(operatorSaas(), 'proxy.cluster', fixture('proxy-clusters.operator.pass.json')).status).toBe('pass');
  });
});

describe('proxy.log: Envoy’s lines mapped to causes', () => {
  const line = (message: string) =>
    `2026-11-26T10:03:07.551902Z\terror\tenvoy tracing external/envoy/source/extensions/tracers/opentelemetry/http_trace_exporter.cc:89\t${message}\tthread=21\n`;
  it.each(['401', '403', '404', '503'])('a %s from the endpoint fails the check', (code) => {
    const text = line(
      `OTLP HTTP exporter received a non-success status code: ${code} while exporting the OTLP message`,
    );
    expect(run(standalone('saas'), 'proxy.log', text).codes).toEqual(['proxy.export-status']);
  });
  it('passes a log without known problems', () => {
    expect(
      run(standalone('saas'), 'proxy.log', fixture('proxy-log.operator.pass.log').split('\n').slice(0, 6).join('\n'))
        .status,
    ).toBe('pass');
  });
});

describe('istiod.log: only lines about our provider fail the check', () => {
  it('notes a missing cluster of another provider without failing', () => {
    const text = fixture('istiod.cluster-missing.log').replaceAll('"dynatrace-otel"', '"zipkin"');
    expect(run(operatorSaas(), 'istiod.log', text)).toMatchObject({ status: 'pass' });
    expect(run(operatorSaas(), 'istiod.log', text).notes).toContain('istiod.provider-cluster-missing.other-provider');
  });
  it('maps the sampler’s missing http settings', () => {
    const text =
      '2026-11-26T10:00:12.118031Z\twarn\tNot able to configure requested tracing provider "dynatrace-otel": dynatrace sampler could not get http settings. considering setting the http_service field on the dynatrace sampler\n';
    expect(run(operatorSaas(), 'istiod.log', text).codes).toEqual(['istiod.sampler-no-http']);
  });
  it('passes a clean log', () => {
    expect(run(operatorSaas(), 'istiod.log', fixture('istiod.pass.log')).status).toBe('pass');
  });
});

describe('dynatrace.dynakube: telemetry ingest as configured', () => {
  const pass = fixture('dynakube.pass.yaml');
  it.each([
    ['otlp missing from the protocols', pass.replace('    - otlp', '    - zipkin'), 'dynakube.no-otlp'],
    [
      'another service name',
      pass.replace('  telemetryIngest:\n', '  telemetryIngest:\n    serviceName: traces\n'),
      'dynakube.service-name',
    ],
    ['no collector image', pass.replace(/ {2}templates:[\s\S]*?tag: 0\.38\.0\n/, ''), 'dynakube.no-collector-image'],
    ['another DynaKube', pass.replace('  name: dynakube', '  name: prod'), 'dynakube.other-name'],
  ])('fails for %s', (_what, text, code) => {
    expect(run(operatorSaas(), 'dynatrace.dynakube', text).codes).toEqual([code]);
  });
  it('passes with the defaults: protocols empty means all, otlp included', () => {
    expect(
      run(
        operatorSaas(),
        'dynatrace.dynakube',
        pass
          .replace('    protocols:\n    - otlp\n', '    {}\n')
          .replace('  telemetryIngest:\n    {}', '  telemetryIngest: {}'),
      ).status,
    ).toBe('pass');
  });
});

describe('istiod.analyze', () => {
  it('passes a clean run and fails on Telemetry conflicts, noting the rest', () => {
    expect(run(operatorSaas(), 'istiod.analyze', fixture('analyze.pass.txt')).status).toBe('pass');
    expect(run(operatorSaas(), 'istiod.analyze', fixture('analyze.conflicts.txt')).notes).toEqual([
      'analyze.IST0128',
      'analyze.IST0102',
    ]);
  });
});

describe('mesh.provider-fields with a token', () => {
  it('compares header values, and accepts any token when the configuration has none yet (shared link)', () => {
    const withHeader = (token: string) =>
      fixture('mesh-data.pass.txt')
        .replace('port: 4318', 'port: 80')
        .replace(`service: ${ingest}`, 'service: istio-system/abc12345.live.dynatrace.com')
        .replace('path: /v1/traces', 'path: /api/v2/otlp/v1/traces')
        .replace(
          'timeout: 10s',
          `timeout: 10s\n      headers:\n      - name: Authorization\n        value: Api-Token ${token}`,
        );
    const model = standalone('saas');
    expect(run(model, 'mesh.provider-fields', withHeader(SAMPLE_TOKEN)).status).toBe('pass');
    expect(run(model, 'mesh.provider-fields', withHeader('dt0c01.OTHER')).codes).toEqual([
      'mesh.provider-fields-differ',
    ]);
    const noToken = { ...model, token: { ...model.token, value: '' } };
    expect(run(noToken, 'mesh.provider-fields', withHeader('dt0c01.OTHER')).status).toBe('pass');
  });
});

describe('mesh config: which provider istiod keeps, and which service it names', () => {
  it('keeps the last of entries with the exact same name, in the first one’s place; other capitalisation stays apart', () => {
    const a1 = { name: 'dt', opentelemetry: { port: 1 } };
    const other = { name: 'zipkin', zipkin: {} };
    const a2 = { name: 'dt', opentelemetry: { port: 2 } };
    const upper = { name: 'DT', opentelemetry: { port: 3 } };
    expect(effectiveProviders([a1, other, a2, upper])).toEqual([a2, other, upper]);
  });
  it.each([
    ['dynatrace/x.dynatrace.svc.cluster.local', 'x.dynatrace.svc.cluster.local', 'same'],
    ['x.dynatrace.svc.cluster.local', 'dynatrace/x.dynatrace.svc.cluster.local', 'same'],
    ['abc12345.live.dynatrace.com', 'istio-system/abc12345.live.dynatrace.com', 'likely'],
    ['other/x.dynatrace.svc.cluster.local', 'x.dynatrace.svc.cluster.local', 'different'],
    ['other/abc12345.live.dynatrace.com', 'istio-system/abc12345.live.dynatrace.com', 'different'],
    ['x.dynatrace', 'x.dynatrace.svc.cluster.local', 'different'],
    ['y.dynatrace.svc.cluster.local', 'x.dynatrace.svc.cluster.local', 'different'],
  ] as const)('service %s against %s: %s', (live, expected, verdict) => {
    expect(serviceEquivalence(live, expected)).toBe(verdict);
  });
});

describe('proxy: TLS origination as istiod writes it', () => {
  const tls = {
    name: 'envoy.transport_sockets.tls',
    typedConfig: { '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext' },
  };
  const raw = {
    name: 'envoy.transport_sockets.raw_buffer',
    typedConfig: { '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer' },
  };
  it('finds a DestinationRule’s TLS as transport socket, or as the HBONE-aware "user" match', () => {
    expect(clusterOriginatesTls({ name: 'c', transportSocket: tls })).toBe(true);
    expect(
      clusterOriginatesTls({
        name: 'c',
        transportSocketMatches: [
          { name: 'hbone', match: { tunnel: 'http' }, transportSocket: raw },
          { name: 'user', transportSocket: tls },
        ],
      }),
    ).toBe(true);
  });
  it('does not take auto mTLS or plain text for TLS origination', () => {
    const autoMtls = {
      name: 'c',
      transportSocketMatches: [
        { name: 'tlsMode-istio', match: { tlsMode: 'istio' }, transportSocket: tls },
        { name: 'tlsMode-disabled', match: {}, transportSocket: raw },
      ],
    };
    expect(clusterOriginatesTls(autoMtls)).toBe(false);
    expect(
      clusterOriginatesTls({ name: 'c', transportSocketMatches: [{ name: 'tlsMode-istio', transportSocket: tls }] }),
    ).toBe(false);
    expect(clusterOriginatesTls({ name: 'c' })).toBe(false);
  });
});

describe('proxy.tracer: the live sampler and headers against the configuration', () => {
  const model = operatorSaas();
  const withSampler = (change: (config: Record<string, unknown>) => void) => {
    const parsed = JSON.parse(listeners);
    change(parsed[0].filterChains[0].filters[0].typedConfig.tracing.provider.typedConfig.sampler.typedConfig);
    return JSON.stringify(parsed);
  };
  it('fails for another tenant or cluster ID, and reads an omitted cluster ID as 0', () => {
    expect(
      run(
        model,
        'proxy.tracer',
        withSampler((c) => (c.tenant = 'xyz98765')),
      ).codes,
    ).toEqual(['proxy.sampler-other-tenant']);
    expect(
      run(
        model,
        'proxy.tracer',
        withSampler((c) => (c.clusterId = 7)),
      ).codes,
    ).toEqual(['proxy.sampler-other-cluster']);
    const zero = operatorSaas({ dynatrace: { clusterId: '0' } });
    expect(
      run(
        zero,
        'proxy.tracer',
        withSampler((c) => delete c.clusterId),
      ).status,
    ).toBe('pass');
  });
  it('does not ask for an Authorization header in Operator mode (the collector needs none)', () => {
    expect(run(model, 'proxy.tracer', listeners)).toMatchObject({ status: 'pass', codes: [] });
  });
});

describe('wording a person acts on', () => {
  const line = (code: string) =>
    `2026-11-26T10:03:07.551902Z\terror\tenvoy tracing external/envoy/source/extensions/tracers/opentelemetry/http_trace_exporter.cc:89\tOTLP HTTP exporter received a non-success status code: ${code} while exporting the OTLP message\tthread=21\n`;
  it('says a 503 in Operator mode means the collector is not running or not ready, not throttling', () => {
    const item = diagnose([{ name: 'p', text: line('503') }], operatorSaas()).items.find((i) => i.id === 'proxy.log');
    expect(item?.problems[0]?.cause).toMatch(/not running or not ready/);
    expect(`${item?.problems[0]?.cause} ${item?.problems[0]?.fix}`).not.toMatch(/throttl/i);
    const standaloneItem = diagnose([{ name: 'p', text: line('503') }], standalone('saas')).items.find(
      (i) => i.id === 'proxy.log',
    );
    expect(standaloneItem?.problems[0]?.cause).toMatch(/throttling/);
  });
});

describe('dynatrace.dynakube: status and facts that are not failures', () => {
  const pass = fixture('dynakube.pass.yaml');
  it('notes enableIstio differing from step 1 in Operator mode, without failing', () => {
    const result = run(
      operatorSaas(),
      'dynatrace.dynakube',
      pass.replace('  apiUrl:', '  enableIstio: true\n  apiUrl:'),
    );
    expect(result).toMatchObject({ status: 'pass', codes: [] });
    expect(result.notes).toContain('dynakube.enable-istio-differs');
  });
  it('fails when the phase is Error or Deploying, and notes conditions off the trace path', () => {
    const phase = (value: string) => pass.replace('phase: Running', `phase: ${value}`);
    expect(run(operatorSaas(), 'dynatrace.dynakube', phase('Error')).codes).toEqual(['dynakube.phase-error']);
    expect(run(operatorSaas(), 'dynatrace.dynakube', phase('Deploying')).codes).toEqual(['dynakube.phase-deploying']);
    const other = `${pass}  conditions:\n  - type: KSPMTokenSecret\n    status: "False"\n    reason: KubeApiError\n    message: x\n`;
    const result = run(operatorSaas(), 'dynatrace.dynakube', other);
    expect(result.status).toBe('pass');
    expect(result.notes).toContain('dynakube.other-condition');
  });
});
