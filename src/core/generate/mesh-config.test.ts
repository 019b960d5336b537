import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { model, operatorSaas, SAMPLE_TOKEN, standalone } from '../__fixtures__/models';
import { FACTS_STANDALONE_MESH_CONFIG, fill, GUIDE_OPERATOR_MESH_CONFIG } from '../__fixtures__/guide-snippets';
import { checkMeshConfig } from '../mesh-config-schema';
import { ENVIRONMENT_KINDS, MESH_CONFIG_FORMATS } from '../defaults';
import type { Model } from '../model';
import { generateMeshConfig } from './mesh-config';

const read = (text: string) => parse(text, { version: '1.1' }) as Record<string, any>;

function meshConfigOf(model: Model): Record<string, any> {
  const doc = read(generateMeshConfig(model).text);
  switch (model.output.meshConfigFormat) {
    case 'istio-operator':
      return doc.spec.meshConfig;
    case 'helm':
      return doc.meshConfig;
    case 'configmap':
      return read(doc.data.mesh);
    case 'sail':
      return doc.spec.values.meshConfig;
  }
}

describe('mesh config', () => {
  it('in Operator mode equals the guide’s step-3 snippet once its placeholders are filled', () => {
    const generated = read(generateMeshConfig(operatorSaas()).text);
    const guide = read(
      fill(GUIDE_OPERATOR_MESH_CONFIG, {
        'dynakube-name': 'dynakube',
        'dynatrace-operator-namespace': 'dynatrace',
        'your-tenant-id': 'abc12345',
        'cluster-id': '-1743916452',
      }),
    );
    expect(generated).toEqual(guide);
  });

  it('in standalone SaaS mode equals Dynatrace’s current snippet (port 80, istio-system/<host>, token header)', () => {
    const generated = meshConfigOf(standalone('saas'));
    const snippet = read(
      fill(FACTS_STANDALONE_MESH_CONFIG, {
        'your-environment-id': 'abc12345',
        'your-tenant-id': 'abc12345',
        API_TOKEN: SAMPLE_TOKEN,
        'cluster-id': '-1743916452',
      }),
    );
    expect(generated).toEqual(snippet);
  });

  it('matches the golden files for each mode, environment and format', async () => {
    for (const format of MESH_CONFIG_FORMATS) {
      await expect(generateMeshConfig(operatorSaas({ output: { meshConfigFormat: format } })).text).toMatchFileSnapshot(
        `__golden__/meshconfig.operator-saas.${format}.yaml`,
      );
      for (const kind of ENVIRONMENT_KINDS) {
        const m = standalone(kind, { output: { meshConfigFormat: format } });
        await expect(generateMeshConfig(m).text).toMatchFileSnapshot(
          `__golden__/meshconfig.standalone-${kind}.${format}.yaml`,
        );
      }
    }
  });

  describe.each(MESH_CONFIG_FORMATS)('in the %s format', (format) => {
    const cases: [string, Model][] = [
      ['operator / SaaS', operatorSaas({ output: { meshConfigFormat: format } })],
      [
        'operator / Managed, sampler from tenant',
        model({
          dynatrace: { environmentKind: 'managed', host: 'dt.example.com' },
          provider: { samplerFromTenant: true },
          token: { storage: 'istiod-env' },
          output: { meshConfigFormat: format },
        }),
      ],
      ...ENVIRONMENT_KINDS.map((kind): [string, Model] => [
        `standalone / ${kind}`,
        standalone(kind, { output: { meshConfigFormat: format } }),
      ]),
      ...ENVIRONMENT_KINDS.map((kind): [string, Model] => [
        `standalone / ${kind} / token in Secret`,
        standalone(kind, { token: { storage: 'istiod-env' }, output: { meshConfigFormat: format } }),
      ]),
    ];

    it.each(cases)('%s uses only real MeshConfig fields and types', (_, m) => {
      expect(checkMeshConfig(meshConfigOf(m), 28)).toEqual([]);
    });

    it.each(cases)('%s always sets the export timeout', (_, m) => {
      const otel = meshConfigOf(m).extensionProviders[0].opentelemetry;
      expect(otel.http.timeout).toBe('10s');
      if (otel.dynatrace_sampler?.http_service) expect(otel.dynatrace_sampler.http_service.http.timeout).toBe('10s');
    });

    it('is a single YAML document', () => {
      expect(
        parseAllDocuments(generateMeshConfig(operatorSaas({ output: { meshConfigFormat: format } })).text),
      ).toHaveLength(1);
    });
  });

  it('sends Managed and ActiveGate traces and sampler requests under /e/<environment-id>', () => {
    for (const kind of ['managed', 'activegate'] as const) {
      const otel = meshConfigOf(standalone(kind)).extensionProviders[0].opentelemetry;
      expect(otel.http.path).toBe('/e/abc12345/api/v2/otlp/v1/traces');
      expect(otel.service).toBe(
        `istio-system/${kind === 'managed' ? 'dynatrace.example.com' : 'activegate.example.com'}`,
      );
      expect(otel.port).toBe(80);
      expect(otel.dynatrace_sampler.http_service).toEqual({
        service: otel.service,
        port: 80,
        http: { path: '/e/abc12345/api/v2/samplingConfiguration', timeout: '10s', headers: otel.http.headers },
      });
    }
  });

  it('lets the SaaS standalone sampler reuse the exporter’s endpoint (no http_service)', () => {
    expect(meshConfigOf(standalone('saas')).extensionProviders[0].opentelemetry.dynatrace_sampler).not.toHaveProperty(
      'http_service',
    );
  });

  it('in Operator mode has no token unless the sampler fetches its rate from the tenant', () => {
    expect(generateMeshConfig(operatorSaas()).text).not.toContain('Authorization');
    const fromTenant = meshConfigOf(
      model({ provider: { samplerFromTenant: true }, token: { storage: 'inline', value: SAMPLE_TOKEN } }),
    );
    const otel = fromTenant.extensionProviders[0].opentelemetry;
    expect(otel.http).not.toHaveProperty('headers');
    expect(otel.dynatrace_sampler.http_service).toEqual({
      service: 'istio-system/abc12345.live.dynatrace.com',
      port: 80,
      http: {
        path: '/api/v2/samplingConfiguration',
        timeout: '10s',
        headers: [{ name: 'Authorization', value: `Api-Token ${SAMPLE_TOKEN}` }],
      },
    });
  });

  it('keeps the token out of the file when istiod reads it from a Secret (Istio 1.26+)', () => {
    const m = standalone('saas', { token: { storage: 'istiod-env', value: SAMPLE_TOKEN } });
    const text = generateMeshConfig(m).text;
    expect(text).not.toContain(SAMPLE_TOKEN);
    const doc = read(text);
    expect(doc.spec.meshConfig.extensionProviders[0].opentelemetry.http.headers).toEqual([
      { name: 'Authorization', env_name: 'DYNATRACE_API_TOKEN' },
    ]);
    expect(doc.spec.components.pilot.k8s.env).toEqual([
      {
        name: 'DYNATRACE_API_TOKEN',
        valueFrom: { secretKeyRef: { name: 'dynatrace-otel-token', key: 'DYNATRACE_API_TOKEN' } },
      },
    ]);
    const helm = read(generateMeshConfig({ ...m, output: { meshConfigFormat: 'helm' } }).text);
    expect(helm.envVarFrom).toEqual(doc.spec.components.pilot.k8s.env);
  });

  it('uses a custom telemetry-ingest service name and namespace', () => {
    const otel = meshConfigOf(operatorSaas({ operator: { serviceName: 'telemetry-ingest', namespace: 'dt' } }))
      .extensionProviders[0].opentelemetry;
    expect(otel.service).toBe('telemetry-ingest.dt.svc.cluster.local');
    expect(otel.port).toBe(4318);
  });

  it('leaves out the resource detector and sampler when switched off, and sets the fallback rate when given', () => {
    const off = meshConfigOf(operatorSaas({ provider: { resourceDetector: false, sampler: false } }))
      .extensionProviders[0].opentelemetry;
    expect(off).not.toHaveProperty('resource_detectors');
    expect(off).not.toHaveProperty('dynatrace_sampler');
    const rate = meshConfigOf(operatorSaas({ provider: { rootSpansPerMinute: '2500' } })).extensionProviders[0]
      .opentelemetry;
    expect(rate.dynatrace_sampler.root_spans_per_minute).toBe(2500);
  });

  it('puts the ConfigMap in the root namespace with the mesh config as a YAML string', () => {
    const doc = read(generateMeshConfig(operatorSaas({ output: { meshConfigFormat: 'configmap' } })).text);
    expect(doc.metadata).toEqual({ name: 'istio', namespace: 'istio-system' });
    expect(typeof doc.data.mesh).toBe('string');
  });
});
