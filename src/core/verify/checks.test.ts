import { describe, expect, it } from 'vitest';
import { operatorSaas, SAMPLE_TOKEN, standalone } from '../__fixtures__/models';
import type { Model } from '../model';
import { fixture } from './__fixtures__/read-fixture';
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
