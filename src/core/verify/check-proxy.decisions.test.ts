import { describe, expect, it } from 'vitest';
import { operatorSaas, SAMPLE_TOKEN, standalone } from '../__fixtures__/models';
import type { Model } from '../model';
import type { Plain } from '../plain-data';
import { fixture } from './__fixtures__/read-fixture';
import { checkClusters, checkListeners, clusterOriginatesTls } from './check-proxy';
import { verifyTargetOf } from './target';

/*
 * The proxy items on `istioctl proxy-config cluster|listener <pod> -o json` (protobuf JSON of Envoy's Cluster and
 * Listener, istioctl/pkg/writer/envoy/configdump; the tracer as istiod writes it into HttpConnectionManager.tracing,
 * istio/istio pilot/pkg/networking/core/tracing.go, 1.22.0–1.30.3; the shapes below are those of
 * proxy-listeners.operator.pass.json and the corpus' sa-listeners.json). What fails, what must not, and the texts
 * that name the cluster, the tracer, the header or the sampler setting that decides.
 */

const INGEST = 'dynakube-telemetry-ingest.dynatrace.svc.cluster.local';
const COLLECTOR = `outbound|4318||${INGEST}`;
const TENANT = 'outbound|80||abc12345.live.dynatrace.com';

const operator = operatorSaas();
const saas = standalone('saas');

function httpService(uri: string, cluster: string, authorization?: string | null): Plain {
  return {
    httpUri: { uri, cluster, timeout: '10s' },
    ...(authorization === undefined
      ? {}
      : {
          requestHeadersToAdd: [
            {
              header:
                authorization === null ? { key: 'Authorization' } : { key: 'Authorization', value: authorization },
              appendAction: 'OVERWRITE_IF_EXISTS_OR_ADD',
            },
          ],
        }),
  };
}

interface TracerShape {
  cluster?: string;
  uri?: string;
  authorization?: string | null;
  sampler?: Plain | null;
  detectors?: Plain[];
  type?: string;
  grpc?: Plain;
  randomSampling?: Plain | null;
  name?: string;
}

function operatorSampler(
  overrides: Plain = {},
  service = httpService(`${INGEST}/api/v2/samplingConfiguration`, COLLECTOR),
) {
  return {
    name: 'envoy.tracers.opentelemetry.samplers.dynatrace',
    typedConfig: {
      '@type': 'type.googleapis.com/envoy.extensions.tracers.opentelemetry.samplers.v3.DynatraceSamplerConfig',
      tenant: 'abc12345',
      clusterId: -1743916452,
      httpService: service,
      ...overrides,
    },
  };
}

/** HttpConnectionManager.tracing as istiod writes it for the generated Operator-mode provider. */
function tracing(shape: TracerShape = {}): Plain {
  const config: Plain = {
    '@type': shape.type ?? 'type.googleapis.com/envoy.config.trace.v3.OpenTelemetryConfig',
    serviceName: 'productpage.bookinfo',
  };
  if (shape.grpc) config.grpcService = shape.grpc;
  else
    config.httpService = httpService(
      shape.uri ?? `${INGEST}/v1/traces`,
      shape.cluster ?? COLLECTOR,
      shape.authorization,
    );
  config.resourceDetectors = shape.detectors ?? [
    {
      name: 'envoy.tracers.opentelemetry.resource_detectors.dynatrace',
      typedConfig: {
        '@type':
          'type.googleapis.com/envoy.extensions.tracers.opentelemetry.resource_detectors.v3.DynatraceResourceDetectorConfig',
      },
    },
  ];
  if (shape.sampler !== null) config.sampler = shape.sampler ?? operatorSampler();
  return {
    clientSampling: { value: 100 },
    ...(shape.randomSampling === null ? {} : { randomSampling: shape.randomSampling ?? { value: 100 } }),
    overallSampling: { value: 100 },
    provider: { name: shape.name ?? 'envoy.tracers.opentelemetry', typedConfig: config },
  };
}

function listener(trace: Plain | undefined, name = 'virtualOutbound'): Plain {
  return {
    name,
    filterChains: [
      {
        filters: [
          {
            name: 'envoy.filters.network.http_connection_manager',
            typedConfig: {
              '@type':
                'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
              statPrefix: 'outbound_0.0.0.0_9080',
              ...(trace ? { tracing: trace } : {}),
            },
          },
        ],
      },
    ],
  };
}

const run = (listeners: Plain[], model: Model = operator, rejected: { name: string; details: string }[] = []) =>
  checkListeners(listeners, model, verifyTargetOf(model), rejected);
const codes = (item: { problems: { code: string }[] }) => item.problems.map((problem) => problem.code);

describe('proxy.tracer: the tracer istiod wrote', () => {
  it('the generated Operator-mode tracer passes; the summary counts the listeners that trace', () => {
    const one = run([listener(tracing())]);
    expect(one).toMatchObject({ id: 'proxy.tracer', status: 'pass', problems: [], notes: [] });
    expect(one.summary).toBe('1 listener trace with envoy.tracers.opentelemetry.');
    expect(run([listener(tracing()), listener(tracing(), 'virtualInbound')]).summary).toBe(
      '2 listeners trace with envoy.tracers.opentelemetry.',
    );
  });

  it('the fixture as istioctl prints it passes, and so does the standalone SaaS one from the corpus', () => {
    expect(run(JSON.parse(fixture('proxy-listeners.operator.pass.json')) as Plain[]).status).toBe('pass');
    const sa = JSON.parse(fixture('corpus/files/sa-listeners.json')) as Plain[];
    expect(run(sa, saas).status).toBe('pass');
  });

  it('no tracer at all fails, and says so in the summary', () => {
    const item = run([listener(undefined), listener(undefined, 'virtualInbound')]);
    expect(codes(item)).toEqual(['proxy.no-tracer']);
    expect(item.problems[0]?.message).toBe('No listener of this proxy traces at all.');
    expect(item.problems[0]?.cause).toMatch(/^No Telemetry applies to this workload/);
    expect(item.problems[0]?.fix).toBe(
      'Check the Telemetry and istiod items above; paste their outputs if you have not.',
    );
    expect(item.summary).toBe('No envoy.tracers.opentelemetry tracer in 2 listeners.');
  });

  it('another tracer fails naming it once; beside ours it does not fail', () => {
    const zipkin = { provider: { name: 'envoy.tracers.zipkin', typedConfig: {} }, randomSampling: { value: 1 } };
    const item = run([listener(zipkin), listener(zipkin, 'virtualInbound')]);
    expect(codes(item)).toEqual(['proxy.other-tracer']);
    expect(item.problems[0]?.message).toBe(
      'The listeners trace with envoy.tracers.zipkin, not envoy.tracers.opentelemetry.',
    );
    expect(item.problems[0]?.cause).toMatch(/^Another tracing provider applies/);
    expect(item.problems[0]?.fix).toBe(
      'Check the Telemetry and istiod items above; paste their outputs if you have not.',
    );
    expect(run([listener(zipkin), listener(tracing(), 'virtualInbound')]).status).toBe('pass');
    const datadog = { provider: { name: 'envoy.tracers.datadog', typedConfig: {} } };
    expect(run([listener(zipkin), listener(datadog, 'b'), listener(zipkin, 'c')]).problems[0]?.message).toBe(
      'The listeners trace with envoy.tracers.zipkin, envoy.tracers.datadog, not envoy.tracers.opentelemetry.',
    );
  });

  it('a rejected listener fails naming it and what Envoy said, cut at 400 characters', () => {
    const item = run([listener(tracing())], operator, [
      { name: 'virtualOutbound', details: 'Error adding/updating listener(s) virtualOutbound: x' },
      { name: '', details: 'y'.repeat(500) },
    ]);
    expect(codes(item)).toEqual(['proxy.listener-rejected', 'proxy.listener-rejected']);
    expect(item.problems[0]?.message).toBe(
      'The proxy rejected its last update of listener virtualOutbound: Error adding/updating listener(s) virtualOutbound: x',
    );
    expect(item.problems[1]?.message).toBe(
      `The proxy rejected its last update of listener (unnamed): ${'y'.repeat(400)}`,
    );
    // Why the tracer can be missing although the provider is right, and where to look.
    expect(item.problems[0]?.cause).toBe(
      'Envoy keeps the listener’s previous configuration, so a tracer added since is not in it.',
    );
    expect(item.problems[0]?.fix).toBe(
      'Fix what the message names (often an EnvoyFilter or a provider field), then check again.',
    );
  });

  it('sampling 0 on every tracing listener fails (protobuf JSON prints 0 as {}); on one of two it does not', () => {
    const zero = tracing({ randomSampling: {} });
    const item = run([listener(zero), listener(tracing({ randomSampling: { value: 0 } }), 'b')]);
    expect(codes(item)).toEqual(['proxy.sampling-zero']);
    expect(item.problems[0]?.message).toBe(
      'Every listener that traces samples 0 % of requests (random_sampling 0): no span is started.',
    );
    expect(item.problems[0]?.cause).toMatch(/^The live provider has no Dynatrace sampler/);
    expect(item.problems[0]?.fix).toBe('Apply the generated mesh config (with the sampler).');
    expect(run([listener(zero), listener(tracing(), 'b')]).status).toBe('pass');
    // Not written at all is not 0.
    expect(run([listener(tracing({ randomSampling: null }))]).status).toBe('pass');
    const noSampler = operatorSaas({ provider: { sampler: false }, telemetry: { samplingPercentage: 25 } });
    const without = run([listener(tracing({ randomSampling: {}, sampler: null }))], noSampler);
    expect(codes(without)).toEqual(['proxy.sampling-zero']);
    expect(without.problems[0]?.cause).toMatch(/^randomSamplingPercentage is 0/);
    expect(without.problems[0]?.fix).toBe('Set randomSamplingPercentage to 25 in the Telemetry (step 5).');
  });

  it('an unexpected config type is a note naming it', () => {
    const item = run([listener(tracing({ type: 'type.googleapis.com/envoy.config.trace.v3.ZipkinConfig' }))]);
    expect(item.status).toBe('pass');
    expect(item.notes).toEqual([
      {
        code: 'proxy.tracer-type',
        message: 'Unexpected tracer config type type.googleapis.com/envoy.config.trace.v3.ZipkinConfig.',
      },
    ]);
  });

  it('a tracer config without "@type" is no note; only another type is', () => {
    const untyped = tracing();
    delete (untyped.provider as { typedConfig: Plain }).typedConfig['@type'];
    expect(run([listener(untyped)])).toMatchObject({ status: 'pass', problems: [], notes: [] });
  });

  it('a tracer named opentelemetry without its typed config fails as exporting nowhere, not as gRPC', () => {
    const bare = { randomSampling: { value: 100 }, provider: { name: 'envoy.tracers.opentelemetry' } };
    const item = run([listener(bare)]);
    expect(codes(item)).toEqual(['proxy.tracer-wrong-cluster', 'proxy.no-resource-detector', 'proxy.no-sampler']);
    expect(item.problems[0]?.message).toBe(`The tracer exports to (no cluster), not ${COLLECTOR}.`);
    expect(item.notes).toEqual([]);
  });

  it('another cluster or none fails naming both; another path fails naming both', () => {
    const other = run([
      listener(tracing({ cluster: 'outbound|4317||otel-collector.observability.svc.cluster.local' })),
    ]);
    expect(codes(other)).toEqual(['proxy.tracer-wrong-cluster']);
    expect(other.problems[0]?.message).toBe(
      `The tracer exports to outbound|4317||otel-collector.observability.svc.cluster.local, not ${COLLECTOR}.`,
    );
    expect(other.problems[0]?.cause).toBe(
      'The live provider points elsewhere than the generated one (or another provider applies).',
    );
    expect(other.problems[0]?.fix).toBe(
      'Compare the live mesh config with the generated one (mesh config items above).',
    );
    expect(run([listener(tracing({ cluster: '' }))]).problems[0]?.message).toBe(
      `The tracer exports to (no cluster), not ${COLLECTOR}.`,
    );
    const path = run([listener(tracing({ uri: `${INGEST}/v1/logs` }))]);
    expect(codes(path)).toEqual(['proxy.tracer-wrong-path']);
    expect(path.problems[0]?.message).toBe(`The tracer posts to ${INGEST}/v1/logs, not …/v1/traces.`);
    expect(path.problems[0]?.fix).toBe('Apply the generated mesh config; its path is right for your environment.');
  });

  it('a gRPC exporter fails as gRPC, reading its cluster in either spelling', () => {
    for (const envoyGrpc of [{ clusterName: COLLECTOR }, { cluster_name: COLLECTOR }]) {
      const item = run([listener(tracing({ grpc: { envoyGrpc } }))]);
      expect(codes(item)).toEqual(['proxy.tracer-grpc']);
      expect(item.problems[0]?.message).toBe('The tracer exports over gRPC; Dynatrace takes OTLP over HTTP.');
      expect(item.problems[0]?.fix).toBe('Apply the generated mesh config (it has an http block).');
    }
    // A Google gRPC client (an EnvoyFilter's) names no Envoy cluster: gRPC and no cluster, read without failing.
    const google = run([
      listener(tracing({ grpc: { googleGrpc: { targetUri: 'otel-collector:4317', statPrefix: 'otel' } } })),
    ]);
    expect(codes(google)).toEqual(['proxy.tracer-wrong-cluster', 'proxy.tracer-grpc']);
    expect(google.problems[0]?.message).toBe(`The tracer exports to (no cluster), not ${COLLECTOR}.`);
    const elsewhere = run([listener(tracing({ grpc: { envoyGrpc: { clusterName: 'outbound|4317||x' } } }))]);
    expect(codes(elsewhere)).toEqual(['proxy.tracer-wrong-cluster', 'proxy.tracer-grpc']);
  });

  it('the resource detector is required only when the configuration has it', () => {
    const item = run([listener(tracing({ detectors: [] }))]);
    expect(codes(item)).toEqual(['proxy.no-resource-detector']);
    expect(item.problems[0]?.message).toBe(
      'The tracer has no envoy.tracers.opentelemetry.resource_detectors.dynatrace.',
    );
    expect(item.problems[0]?.fix).toBe(
      'Add resource_detectors: {dynatrace: {}} to the provider (apply the generated mesh config).',
    );
    // A null item beside the Dynatrace detector is skipped, not a reason to fail.
    const dynatrace = { name: 'envoy.tracers.opentelemetry.resource_detectors.dynatrace' };
    expect(run([listener(tracing({ detectors: [null as never, dynatrace] }))]).status).toBe('pass');
    const other = [{ name: 'envoy.tracers.opentelemetry.resource_detectors.environment' }];
    expect(codes(run([listener(tracing({ detectors: other }))]))).toEqual(['proxy.no-resource-detector']);
    const without = operatorSaas({ provider: { resourceDetector: false } });
    expect(run([listener(tracing({ detectors: [] }))], without).status).toBe('pass');
  });

  it('one tracer config on many listeners is judged once', () => {
    const wrong = tracing({ cluster: 'outbound|1||x' });
    expect(codes(run([listener(wrong), listener(wrong, 'b')]))).toEqual(['proxy.tracer-wrong-cluster']);
    const wrong2 = tracing({ cluster: 'outbound|2||x' });
    expect(codes(run([listener(wrong), listener(wrong2, 'b')]))).toEqual([
      'proxy.tracer-wrong-cluster',
      'proxy.tracer-wrong-cluster',
    ]);
  });
});

describe('proxy.tracer: the Dynatrace sampler', () => {
  it('no sampler, or another one, fails naming it; without the sampler in the configuration it is not asked for', () => {
    const none = run([listener(tracing({ sampler: null }))]);
    expect(codes(none)).toEqual(['proxy.no-sampler']);
    expect(none.problems[0]?.message).toBe('The tracer has no envoy.tracers.opentelemetry.samplers.dynatrace.');
    expect(none.problems[0]?.fix).toBe('Add dynatrace_sampler to the provider (apply the generated mesh config).');
    const always = run([listener(tracing({ sampler: { name: 'envoy.tracers.opentelemetry.samplers.always_on' } }))]);
    expect(always.problems[0]?.message).toBe(
      'The tracer has no envoy.tracers.opentelemetry.samplers.dynatrace (it has envoy.tracers.opentelemetry.samplers.always_on).',
    );
    expect(run([listener(tracing({ sampler: null }))], operatorSaas({ provider: { sampler: false } })).status).toBe(
      'pass',
    );
  });

  it('another tenant or cluster ID fails naming the live and the configured one', () => {
    const item = run([listener(tracing({ sampler: operatorSampler({ tenant: 'xyz98765', clusterId: 42 }) }))]);
    expect(codes(item)).toEqual(['proxy.sampler-other-tenant', 'proxy.sampler-other-cluster']);
    expect(item.problems[0]?.message).toBe('The live sampler names tenant xyz98765; the configuration has abc12345.');
    expect(item.problems[1]?.message).toBe('The live sampler names cluster ID 42; the configuration has -1743916452.');
    expect(item.problems[0]?.cause).toMatch(/^The sampler writes the tenant into each span’s tracestate/);
    expect(item.problems[0]?.fix).toBe(
      'Apply the generated mesh config (its dynatrace_sampler.tenant), or correct the environment ID on step 2.',
    );
    expect(item.problems[1]?.cause).toMatch(/^The cluster ID is part of the tracestate key/);
    expect(item.problems[1]?.fix).toBe(
      'Apply the generated mesh config (its dynatrace_sampler.cluster_id), or correct the cluster ID on step 2.',
    );
  });

  it('a missing tenant says (none); a missing cluster ID is protobuf’s 0', () => {
    const item = run([listener(tracing({ sampler: operatorSampler({ tenant: undefined, clusterId: undefined }) }))]);
    expect(item.problems.map((problem) => problem.message)).toEqual([
      'The live sampler names tenant (none); the configuration has abc12345.',
      'The live sampler names cluster ID 0; the configuration has -1743916452.',
    ]);
    const snake = operatorSampler({ clusterId: undefined, cluster_id: -1743916452 });
    expect(run([listener(tracing({ sampler: snake }))]).status).toBe('pass');
  });

  it('a sampler without its typed config names no tenant and cluster ID 0, without failing to read', () => {
    const bare = run([listener(tracing({ sampler: { name: 'envoy.tracers.opentelemetry.samplers.dynatrace' } }))]);
    expect(codes(bare)).toEqual([
      'proxy.sampler-other-tenant',
      'proxy.sampler-other-cluster',
      'proxy.sampler-wrong-cluster',
    ]);
  });

  it('the sampler asking another cluster fails naming both', () => {
    const sampler = operatorSampler({}, httpService('x/api/v2/samplingConfiguration', 'outbound|4318||x'));
    const item = run([listener(tracing({ sampler }))]);
    expect(codes(item)).toEqual(['proxy.sampler-wrong-cluster']);
    expect(item.problems[0]?.message).toBe(`The sampler asks outbound|4318||x, not ${COLLECTOR}.`);
    expect(item.problems[0]?.fix).toBe('Apply the generated mesh config (its sampler http_service).');
    const none = run([listener(tracing({ sampler: operatorSampler({}, {}) }))]);
    expect(none.problems[0]?.message).toBe(`The sampler asks (no cluster), not ${COLLECTOR}.`);
  });

  it("with its own endpoint at the tenant, the sampler's Authorization header is checked as the sampler's", () => {
    const own = operatorSaas({
      provider: { samplerFromTenant: true },
      token: { value: SAMPLE_TOKEN, storage: 'inline' },
    });
    expect(verifyTargetOf(own).samplerCluster).toBe(TENANT);
    const service = (authorization?: string | null) =>
      httpService('abc12345.live.dynatrace.com/api/v2/samplingConfiguration', TENANT, authorization);
    const good = run([listener(tracing({ sampler: operatorSampler({}, service(`Api-Token ${SAMPLE_TOKEN}`)) }))], own);
    expect(good.status).toBe('pass');
    const missing = run([listener(tracing({ sampler: operatorSampler({}, service()) }))], own);
    expect(codes(missing)).toEqual(['proxy.auth-header-missing']);
    expect(missing.problems[0]?.message).toBe('The sampler sends no Authorization header: Dynatrace answers 401.');
    // The exporter to the in-cluster collector carries no header in Operator mode and is not asked for one.
    expect(run([listener(tracing())]).status).toBe('pass');
  });
});

describe('proxy.tracer: the Authorization header in standalone mode', () => {
  const saTracing = (authorization?: string | null, model: Model = saas) =>
    run(
      [
        listener(
          tracing({
            cluster: TENANT,
            uri: 'abc12345.live.dynatrace.com/api/v2/otlp/v1/traces',
            authorization,
            sampler: operatorSampler(
              {},
              httpService('abc12345.live.dynatrace.com/api/v2/samplingConfiguration', TENANT, authorization),
            ),
          }),
        ),
      ],
      model,
    );

  it('passes with "Api-Token <token>", in any case of the header name', () => {
    expect(saTracing(`Api-Token ${SAMPLE_TOKEN}`).status).toBe('pass');
  });

  it('no header fails: Dynatrace answers 401', () => {
    const item = saTracing(undefined);
    expect(codes(item)).toEqual(['proxy.auth-header-missing']);
    expect(item.problems[0]?.message).toBe('The tracer sends no Authorization header: Dynatrace answers 401.');
    expect(item.problems[0]?.cause).toBe(
      'The live provider has no headers block (an older snippet, or Operator-mode settings in standalone mode).',
    );
    expect(item.problems[0]?.fix).toBe(
      'Apply the generated mesh config: its http block carries the Authorization header.',
    );
  });

  it('an empty value (protobuf JSON leaves it out) or "Api-Token " alone fails as empty, quoting it', () => {
    const absent = saTracing(null);
    expect(codes(absent)).toEqual(['proxy.auth-header-empty']);
    expect(absent.problems[0]?.message).toBe('The tracer sends an empty Authorization header: Dynatrace answers 401.');
    expect(absent.problems[0]?.cause).toBe('The header value in the live mesh config is empty.');
    expect(absent.problems[0]?.fix).toBe('Apply the generated mesh config with the token in the header.');
    const prefixOnly = saTracing('Api-Token ');
    expect(prefixOnly.problems[0]?.message).toBe(
      'The tracer sends an empty Authorization header ("Api-Token"): Dynatrace answers 401.',
    );
  });

  it("with the token in istiod's environment, an empty header names the variable and the Secret", () => {
    const env = standalone('saas', { token: { storage: 'istiod-env', value: '' } });
    const item = saTracing(null, env);
    expect(codes(item)).toEqual(['proxy.auth-header-empty']);
    expect(item.problems[0]?.cause).toContain(`environment variable ${env.token.envName}`);
    expect(item.problems[0]?.cause).toContain(`the Secret ${env.token.secretName} never reached istiod`);
    expect(item.problems[0]?.fix).toMatch(
      new RegExp(`^Create the Secret ${env.token.secretName} with key ${env.token.envName} in istiod's namespace`),
    );
    // The token itself is not known then: any "Api-Token …" is as good.
    expect(saTracing('Api-Token dt0c01.OTHER', env).status).toBe('pass');
    // But it must still be an "Api-Token …" header.
    expect(codes(saTracing('Bearer dt0c01.OTHER', env))).toEqual(['proxy.auth-header-format']);
    expect(codes(saTracing('Bearer Api-Token dt0c01.OTHER', env))).toEqual(['proxy.auth-header-format']);
    // A token still kept in the model is not compared either: istiod reads the Secret, not the model.
    const kept = standalone('saas', { token: { storage: 'istiod-env' } });
    expect(kept.token.value).toBe(SAMPLE_TOKEN);
    expect(saTracing('Api-Token dt0c01.OTHER', kept).status).toBe('pass');
  });

  it('another token fails without showing it; the token without "Api-Token " fails as the format', () => {
    const other = saTracing('Api-Token dt0c01.OTHER.TOKEN');
    expect(codes(other)).toEqual(['proxy.auth-header-other-token']);
    expect(other.problems[0]?.message).toBe('The tracer sends another API token than the configuration has.');
    expect(other.problems[0]?.cause).toBe('The live provider was applied with an older or another token.');
    expect(other.problems[0]?.fix).toBe('Apply the generated mesh config with the current token.');
    expect(JSON.stringify(other.problems)).not.toContain('dt0c01.OTHER');
    const bare = saTracing(SAMPLE_TOKEN);
    expect(codes(bare)).toEqual(['proxy.auth-header-format']);
    expect(bare.problems[0]?.message).toBe(
      'The tracer\'s Authorization header does not start with "Api-Token ": Dynatrace answers 401.',
    );
    expect(bare.problems[0]?.fix).toBe(
      'The value must be "Api-Token <token>" (facts §7); apply the generated mesh config.',
    );
    expect(saTracing(`api-token ${SAMPLE_TOKEN}`).status).toBe('pass');
    // HTTP drops the whitespace around a field value (RFC 9110 §5.5): a trailing space is the same token.
    expect(saTracing(`Api-Token ${SAMPLE_TOKEN} `).status).toBe('pass');
    // The prefix glued to the token is the right token in the wrong format, not an empty one.
    expect(codes(saTracing(`Api-Token${SAMPLE_TOKEN}`))).toEqual(['proxy.auth-header-format']);
  });

  it('whitespace before the value or after "Api-Token" is not part of the token (RFC 9110 §5.5, §11.4)', () => {
    // The whitespace around a field value is not part of it (RFC 9110 §5.5), at the front as at the end.
    expect(saTracing(` Api-Token ${SAMPLE_TOKEN}`).status).toBe('pass');
    const env = standalone('saas', { token: { storage: 'istiod-env', value: '' } });
    expect(saTracing(' Api-Token dt0c01.OTHER', env).status).toBe('pass');
    const blank = saTracing(' Api-Token ');
    expect(codes(blank)).toEqual(['proxy.auth-header-empty']);
    expect(blank.problems[0]?.message).toBe(
      'The tracer sends an empty Authorization header ("Api-Token"): Dynatrace answers 401.',
    );
    expect(codes(saTracing(' Api-Token dt0c01.OTHER.TOKEN'))).toEqual(['proxy.auth-header-other-token']);
    // credentials = auth-scheme 1*SP token68 (RFC 9110 §11.4): two spaces after the scheme are still the header.
    expect(saTracing(`Api-Token  ${SAMPLE_TOKEN}`).status).toBe('pass');
  });
});

describe('proxy.tracer: protobuf JSON in either spelling', () => {
  it('reads snake_case names (typed_config, random_sampling, http_service, request_headers_to_add) too', () => {
    const snake = {
      random_sampling: {},
      provider: {
        name: 'envoy.tracers.opentelemetry',
        typed_config: {
          '@type': 'type.googleapis.com/envoy.config.trace.v3.OpenTelemetryConfig',
          http_service: { http_uri: { uri: `${INGEST}/v1/traces`, cluster: COLLECTOR } },
          resource_detectors: [{ name: 'envoy.tracers.opentelemetry.resource_detectors.dynatrace' }],
          sampler: operatorSampler(),
        },
      },
    };
    // Sampling 0 in snake_case is read, and nothing else is missing.
    expect(codes(run([listener(snake)]))).toEqual(['proxy.sampling-zero']);
  });

  it('a header named in lower case is the Authorization header; the prefix is read in any case', () => {
    const lower = tracing({
      cluster: TENANT,
      uri: 'abc12345.live.dynatrace.com/api/v2/otlp/v1/traces',
      sampler: operatorSampler({}, httpService('abc12345.live.dynatrace.com/api/v2/samplingConfiguration', TENANT)),
    });
    const config = (lower.provider as { typedConfig: { httpService: Plain } }).typedConfig;
    config.httpService.requestHeadersToAdd = [{ header: { key: 'authorization', value: `API-TOKEN ${SAMPLE_TOKEN}` } }];
    expect(run([listener(lower)], saas).status).toBe('pass');
    config.httpService.requestHeadersToAdd = [{ header: { key: 'x-other', value: `Api-Token ${SAMPLE_TOKEN}` } }];
    expect(codes(run([listener(lower)], saas))).toEqual(['proxy.auth-header-missing']);
    // Items that are not headers (null, an option without its header) are skipped on the way to the Authorization one.
    config.httpService.requestHeadersToAdd = [
      null,
      { appendAction: 'OVERWRITE_IF_EXISTS_OR_ADD' },
      { header: { key: 'Authorization', value: `Api-Token ${SAMPLE_TOKEN}` } },
    ];
    expect(run([listener(lower)], saas).status).toBe('pass');
    config.httpService.requestHeadersToAdd = [null, { appendAction: 'OVERWRITE_IF_EXISTS_OR_ADD' }];
    expect(codes(run([listener(lower)], saas))).toEqual(['proxy.auth-header-missing']);
  });

  it('finds a tracer however deep istioctl nests it, and ignores a provider without a name', () => {
    const deep = {
      name: 'l',
      activeState: { listener: { filterChains: [{ filters: [{ typedConfig: { tracing: tracing() } }] }] } },
    };
    expect(run([deep]).status).toBe('pass');
    // A paste nested far deeper than istioctl nests anything (JSON.parse takes it) is walked to a bounded depth,
    // in objects and arrays alike, instead of overflowing the stack.
    const levels = 100_000;
    const hostile = JSON.parse(`${'{"filterChains":['.repeat(levels)}{}${']}'.repeat(levels)}`) as Plain;
    expect(run([listener(tracing()), hostile]).status).toBe('pass');
    const nameless = { tracing: { provider: { typedConfig: {} } } };
    expect(codes(run([{ name: 'l', filterChains: [{ filters: [{ typedConfig: nameless }] }] }]))).toEqual([
      'proxy.no-tracer',
    ]);
  });
});

describe('proxy.cluster: the clusters the tracer needs', () => {
  const clusters = JSON.parse(fixture('proxy-clusters.standalone.pass.json')) as Plain[];
  const operatorClusters = JSON.parse(fixture('proxy-clusters.operator.pass.json')) as Plain[];
  const check = (list: Plain[], model: Model) => checkClusters(list, model, verifyTargetOf(model));

  it('passes with the collector cluster and names it in the summary', () => {
    const item = check(operatorClusters, operator);
    expect(item).toMatchObject({ id: 'proxy.cluster', status: 'pass', problems: [] });
    expect(item.summary).toBe(`Cluster ${COLLECTOR} is there (${operatorClusters.length} clusters).`);
  });

  it('Operator mode without the collector cluster points at the telemetry-ingest service', () => {
    const without = operatorClusters.filter((cluster) => cluster.name !== COLLECTOR);
    const item = check(without, operator);
    expect(codes(item)).toEqual(['proxy.cluster-missing']);
    expect(item.problems[0]?.message).toBe(`The proxy has no cluster ${COLLECTOR}.`);
    expect(item.problems[0]?.cause).toMatch(/^The telemetry-ingest service does not exist/);
    expect(item.problems[0]?.fix).toBe(
      `Check kubectl -n dynatrace get service dynakube-telemetry-ingest; if a Sidecar resource limits egress, add dynatrace/${INGEST} to its hosts.`,
    );
    const outbound = without.filter((cluster) => String(cluster.name).startsWith('outbound|')).length;
    expect(item.summary).toBe(`${without.length} clusters (${outbound} outbound), none for the provider.`);
  });

  it('standalone without the tenant cluster points at the ServiceEntry in the root namespace', () => {
    const item = check(
      clusters.filter((cluster) => cluster.name !== TENANT),
      saas,
    );
    expect(codes(item)).toEqual(['proxy.cluster-missing']);
    expect(item.problems[0]?.cause).toMatch(/^The ServiceEntry is missing/);
    expect(item.problems[0]?.fix).toMatch(
      /^Apply .+ in istio-system; if a Sidecar resource limits egress, add istio-system\/abc12345\.live\.dynatrace\.com to its hosts\.$/,
    );
  });

  it('standalone: the port-80 cluster must originate TLS; with it, it passes', () => {
    expect(check(clusters, saas).status).toBe('pass');
    const plain = clusters.map((cluster) =>
      cluster.name === TENANT ? { ...cluster, transportSocket: undefined } : cluster,
    );
    const item = check(plain, saas);
    expect(codes(item)).toEqual(['proxy.cluster-no-tls']);
    expect(item.problems[0]?.message).toBe(
      `Cluster ${TENANT} has no TLS origination: the proxy would send plain HTTP to the tenant's HTTPS port.`,
    );
    expect(item.problems[0]?.fix).toMatch(/\(ServiceEntry and DestinationRule\) in istio-system\.$/);
  });

  it('the missing TLS origination names the rules that would give it: the root one, or each private-CA namespace’s own', () => {
    const plain = clusters.map((cluster) =>
      cluster.name === TENANT ? { ...cluster, transportSocket: undefined } : cluster,
    );
    expect(check(plain, saas).problems[0]?.cause).toBe(
      'The DestinationRule that originates TLS on port 80 is missing or in another namespace.',
    );
    // A private CA in a mounted file: one DestinationRule per listed namespace, each for its own proxies.
    const scoped = standalone('managed', {
      dynatrace: { tls: 'ca-certificates', caCertificates: '/etc/dt-ca/ca.pem', caNamespaces: 'shop, payments' },
    } as never);
    const cluster = 'outbound|80||dynatrace.example.com';
    const item = check([{ name: cluster }], scoped);
    expect(codes(item)).toEqual(['proxy.cluster-no-tls']);
    expect(item.problems[0]).toMatchObject({
      message: `Cluster ${cluster} has no TLS origination: the proxy would send plain HTTP to the tenant's HTTPS port.`,
      cause:
        "With your CA in a mounted file only shop/dynatrace-dr-otel, payments/dynatrace-dr-otel originate TLS, each for its own namespace's proxies: this proxy's namespace has none, or its labels match no rule.",
      fix: "Read a proxy of shop, payments, or add this proxy's namespace to the private-CA namespaces (step 4, --ca-namespaces), mount the file there and apply dt-serviceentry.yaml again.",
    });
    expect(item.problems[0]?.fix).not.toContain('a listed namespace');
  });

  it('at waypoints with the CA file the fix names the waypoint and never asks to mount the file there', () => {
    // Waypoints cannot mount the file (facts §12): their own rule, with credentialName, is the only one (private-ca.ts).
    const atWaypoint = standalone('managed', {
      istio: { ambient: true, ambientTracing: 'waypoints' },
      telemetry: { waypoint: { name: 'shop-waypoint', namespace: 'shop' } },
      dynatrace: { tls: 'ca-certificates', caCertificates: '/etc/dt-ca/ca.pem' },
    } as never);
    const item = check([{ name: 'outbound|80||dynatrace.example.com' }], atWaypoint);
    expect(codes(item)).toEqual(['proxy.cluster-no-tls']);
    // The proxy read is the waypoint (verify commands.ts), not a sidecar.
    expect(item.problems[0]?.message).toBe(
      "Cluster outbound|80||dynatrace.example.com has no TLS origination: the proxy would send plain HTTP to the tenant's HTTPS port.",
    );
    expect(item.problems[0]?.cause).toBe(
      "With your CA in a mounted file only shop/dynatrace-dr-otel-waypoint originate TLS, each for its own namespace's proxies: this proxy's namespace has none, or its labels match no rule.",
    );
    expect(item.problems[0]?.fix).toBe(
      "Read the proxy of the waypoint shop/shop-waypoint; if it is that one, apply dt-serviceentry.yaml again: its rule must be in the proxy's namespace and select its labels (a gateway or waypoint cannot mount the CA file).",
    );
    expect(item.problems[0]?.fix).not.toMatch(/mount the file there|a listed namespace|--ca-namespaces/);
    const withGateway = standalone('managed', {
      istio: { ambient: true, ambientTracing: 'waypoints' },
      telemetry: { waypoint: { name: 'shop-waypoint', namespace: 'shop' } },
      dynatrace: {
        tls: 'ca-certificates',
        caCertificates: '/etc/dt-ca/ca.pem',
        caGatewayNamespace: 'istio-ingress',
        caGatewaySelector: [{ key: 'istio', value: 'ingressgateway' }],
      },
    } as never);
    expect(check([{ name: 'outbound|80||dynatrace.example.com' }], withGateway).problems[0]?.fix).toMatch(
      /^Read the proxy of the gateway pods in istio-ingress labelled istio=ingressgateway or the waypoint shop\/shop-waypoint; /,
    );
  });

  it("Operator mode with the sampler at the tenant needs the sampler's cluster too, with TLS", () => {
    const own = operatorSaas({
      provider: { samplerFromTenant: true },
      token: { value: SAMPLE_TOKEN, storage: 'inline' },
    });
    const tenantCluster = clusters.find((cluster) => cluster.name === TENANT)!;
    expect(check([...operatorClusters, tenantCluster], own).status).toBe('pass');
    const item = check(operatorClusters, own);
    expect(codes(item)).toEqual(['proxy.sampler-cluster-missing']);
    expect(item.problems[0]?.message).toBe(`The proxy has no cluster ${TENANT}.`);
    expect(item.problems[0]?.cause).toMatch(/^The ServiceEntry is missing/);
    expect(item.problems[0]?.fix).toMatch(/add istio-system\/abc12345\.live\.dynatrace\.com to its hosts\.$/);
    const plain = check([...operatorClusters, { ...tenantCluster, transportSocket: undefined }], own);
    expect(codes(plain)).toEqual(['proxy.cluster-no-tls']);
  });
});

describe('clusterOriginatesTls', () => {
  const tls = {
    name: 'envoy.transport_sockets.tls',
    typedConfig: { '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext' },
  };
  const raw = {
    name: 'envoy.transport_sockets.raw_buffer',
    typedConfig: { '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer' },
  };
  it('reads snake_case too', () => {
    expect(clusterOriginatesTls({ name: 'c', transport_socket: { typed_config: tls.typedConfig } })).toBe(true);
  });
  it('auto mTLS alone, a matched entry, or a plain fallback is no TLS origination', () => {
    expect(
      clusterOriginatesTls({ name: 'c', transportSocketMatches: [{ name: 'tlsMode-istio', transportSocket: tls }] }),
    ).toBe(false);
    expect(
      clusterOriginatesTls({
        name: 'c',
        transportSocketMatches: [{ name: 'hbone', match: { tunnel: 'http' }, transportSocket: tls }],
      }),
    ).toBe(false);
    expect(clusterOriginatesTls({ name: 'c', transportSocketMatches: [{ name: 'user', transportSocket: raw }] })).toBe(
      false,
    );
    expect(clusterOriginatesTls({ name: 'c', transportSocket: raw })).toBe(false);
    expect(clusterOriginatesTls({ name: 'c', transportSocketMatches: 'x' })).toBe(false);
    expect(
      clusterOriginatesTls({
        name: 'c',
        transportSocketMatches: [null, { name: 'user', match: {}, transportSocket: tls }],
      }),
    ).toBe(true);
  });
});
