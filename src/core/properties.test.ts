import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { generateBundle, generateFiles } from './generate/bundle';
import { defaultModel, withDefaults } from './defaults';
import { INT32_MAX, INT32_MIN, validateModel, type Model } from './model';
import { runs } from '../test-setup/runs';

/*
 * Open-ended input: anything a user can type. Values are drawn from shapes the schema accepts,
 * deliberately including YAML-1.1 traps (yes, no, on, 0755, 1e3, null, ~) wherever a field allows them.
 */

// YAML 1.1 forms (yes, 0755, 190:20:30) and 1.2 / go-yaml forms (0o755, 0x1F, 1e3, .inf, ~) alike.
const traps = fc.constantFrom(
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  'true',
  'null',
  '0755',
  '1e3',
  '0x1f',
  '12',
  '1-2',
  '0o755',
  '0b101',
  '2001-12-14',
);
const valueTraps = fc.oneof(
  traps,
  fc.constantFrom('0x1F', '1_000', '1.5e3', 'NULL', 'True', '0o17', '.inf', '~', '+12'),
);
const dnsLabel = fc.oneof(traps, fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?$/));
const dns1035 = fc.oneof(
  fc.constantFrom('yes', 'no', 'on', 'n', 'null'),
  fc.stringMatching(/^[a-z]([-a-z0-9]{0,20}[a-z0-9])?$/),
);
const fqdn = fc.tuple(dnsLabel, fc.stringMatching(/^[a-z]([-a-z0-9]{0,8}[a-z])?$/)).map(([a, b]) => `${a}.${b}`);
const labelValue = fc.oneof(
  valueTraps,
  fc.constant(''),
  fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,15}[A-Za-z0-9])?$/),
);
const token = fc
  .tuple(fc.stringMatching(/^[A-Z0-9]{24}$/), fc.stringMatching(/^[A-Z0-9]{64}$/))
  .map(([a, b]) => `dt0c01.${a}.${b}`);

const input = fc.record({
  mode: fc.constantFrom('operator', 'standalone'),
  istio: fc.record({
    version: fc.constantFrom('1.22', '1.24.3', '1.26', '1.30.1'),
    ambient: fc.constant(false),
    rootNamespace: dnsLabel,
    istiodNamespace: fc.oneof(fc.constant('istio-system'), dnsLabel),
    revision: fc.oneof(fc.constant(''), dnsLabel),
    clusterDomain: fc.oneof(fc.constant('cluster.local'), fqdn),
    sailName: fc.oneof(fc.constant('default'), dnsLabel),
    kubernetesVersion: fc.constantFrom('', '1.32', 'v1.33.2', 'Server Version: v1.34.1'),
    nativeSidecars: fc.constantFrom('keep', 'off-istiod', 'off-workloads'),
  }),
  operator: fc.record({
    dynakubeName: dns1035,
    namespace: dnsLabel,
    serviceName: fc.oneof(fc.constant(''), dns1035),
    telemetryIngestEnabled: fc.constant(true),
    enableIstio: fc.boolean(),
  }),
  dynatrace: fc.record({
    environmentKind: fc.constantFrom('saas', 'managed', 'activegate'),
    environmentId: dnsLabel,
    host: fqdn,
    port: fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 65535 }).map(String)),
    clusterId: fc.integer({ min: INT32_MIN, max: INT32_MAX }).map(String),
    tls: fc.constantFrom('public', 'ca-certificates', 'insecure-skip-verify'),
    caCertificates: fc.constantFrom('/etc/dynatrace-ca/ca.crt', '/etc/ssl/private-ca.pem'),
    caDelivery: fc.constantFrom('file', 'configmap'),
    caNamespaces: fc.oneof(
      fc.constant(''),
      dnsLabel,
      fc.tuple(dnsLabel, dnsLabel).map(([a, b]) => `${a}, ${b}`),
    ),
    caSelector: fc.oneof(fc.constant([]), fc.constant([{ key: 'app', value: 'checkout' }])),
    caGatewayNamespace: fc.oneof(fc.constant(''), dnsLabel),
    caGatewaySelector: fc.oneof(fc.constant([]), fc.constant([{ key: 'istio', value: 'ingressgateway' }])),
  }),
  token: fc.record({
    value: token,
    storage: fc.constantFrom('auto', 'inline', 'istiod-env'),
    envName: fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,20}$/),
    secretName: fc.oneof(dnsLabel, fqdn),
  }),
  provider: fc.record({
    name: fc.oneof(valueTraps, fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,20}[A-Za-z0-9])?$/)),
    timeout: fc.stringMatching(/^[1-9]\d{0,3}(\.\d{1,3})?s$/),
    resourceDetector: fc.boolean(),
    sampler: fc.boolean(),
    rootSpansPerMinute: fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 4294967295 }).map(String)),
    samplerFromTenant: fc.boolean(),
    // Valid on 1.30+ only; its own tests are in generate/service-attribute-enrichment.test.ts.
    serviceAttributeEnrichment: fc.constant(false),
  }),
  telemetry: fc.record({
    namespace: dnsLabel,
    selector: fc.uniqueArray(
      fc.record({ key: fc.oneof(traps, fc.stringMatching(/^[a-z]([-a-z0-9_.]{0,10}[a-z0-9])?$/)), value: labelValue }),
      {
        maxLength: 3,
        selector: (label) => label.key,
      },
    ),
    samplingPercentage: fc.oneof(
      fc.integer({ min: 0, max: 100 }).map(String),
      fc.constantFrom('0.01', '12.5', '99.99'),
    ),
    customTags: fc.uniqueArray(
      fc.oneof(
        fc.record({
          name: fc.oneof(traps, fc.stringMatching(/^[a-z][a-z_.]{0,8}$/)),
          type: fc.constant('literal'),
          value: fc.oneof(
            traps,
            fc.string({ minLength: 1, maxLength: 12 }).filter((v) => v.trim() !== ''),
          ),
          defaultValue: fc.constant(''),
        }),
        fc.record({
          name: fc.stringMatching(/^[a-z][a-z_.]{0,8}$/),
          type: fc.constantFrom('header', 'environment'),
          value: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/),
          defaultValue: fc.oneof(traps, fc.constant('')),
        }),
      ),
      { maxLength: 3, selector: (tag) => tag.name },
    ),
  }),
  output: fc.record({ meshConfigFormat: fc.constantFrom('istio-operator', 'helm', 'configmap') }),
});

const read = (text: string) => parse(text, { version: '1.1' }) as Record<string, any>;

function meshConfigFrom(model: Model, text: string) {
  const doc = read(text);
  if (model.output.meshConfigFormat === 'istio-operator') return doc.spec.meshConfig;
  if (model.output.meshConfigFormat === 'helm') return doc.meshConfig;
  return read(doc.data.mesh);
}

describe('for any valid configuration', () => {
  it('the generated files parse back (as Istio reads YAML) to exactly the values the user typed', () => {
    let checked = 0;
    fc.assert(
      fc.property(input, (raw) => {
        const validation = validateModel(raw);
        if (!validation.ok) return; // e.g. istiod-env on 1.22: covered by the invalid-input property
        checked++;
        const model = validation.model;
        const bundle = generateBundle(model);
        if (bundle.blocked) throw new Error('no blockers in this input space');

        const provider = meshConfigFrom(model, bundle.meshConfig.text).extensionProviders[0];
        expect(provider.name).toBe(model.provider.name);
        const otel = provider.opentelemetry;
        expect(otel.http.timeout).toBe(model.provider.timeout);
        if (model.provider.sampler) {
          expect(otel.dynatrace_sampler.tenant).toBe(model.dynatrace.environmentId);
          expect(otel.dynatrace_sampler.cluster_id).toBe(model.dynatrace.clusterId);
          expect(otel.dynatrace_sampler.root_spans_per_minute).toBe(model.provider.rootSpansPerMinute);
        }
        const headers = [...(otel.http.headers ?? []), ...(otel.dynatrace_sampler?.http_service?.http.headers ?? [])];
        for (const header of headers) {
          if (model.token.storage === 'inline')
            expect(header).toEqual({ name: 'Authorization', value: `Api-Token ${model.token.value}` });
          else expect(header).toEqual({ name: 'Authorization', env_name: model.token.envName });
        }

        const telemetry = read(bundle.telemetry.text);
        expect(telemetry.metadata.namespace).toBe(model.telemetry.namespace);
        expect(telemetry.spec.tracing[0].providers[0].name).toBe(model.provider.name);
        expect(telemetry.spec.selector?.matchLabels ?? {}).toEqual(
          Object.fromEntries(model.telemetry.selector.map((label) => [label.key, label.value])),
        );
        if (!model.provider.sampler)
          expect(telemetry.spec.tracing[0].randomSamplingPercentage).toBe(model.telemetry.samplingPercentage);
        for (const tag of model.telemetry.customTags) {
          const written = telemetry.spec.tracing[0].customTags[tag.name];
          if (tag.type === 'literal') expect(written).toEqual({ literal: { value: tag.value } });
          else
            expect(written[tag.type]).toEqual({
              name: tag.value,
              ...(tag.defaultValue ? { defaultValue: tag.defaultValue } : {}),
            });
        }

        if (bundle.serviceEntry.needed) {
          const [entry, rule] = parseAllDocuments(bundle.serviceEntry.text, { version: '1.1' }).map((d) => d.toJS());
          expect(entry.metadata.namespace).toBe(model.istio.rootNamespace);
          expect(entry.spec.hosts).toHaveLength(1);
          expect(rule.spec.host).toBe(entry.spec.hosts[0]);
          expect(otel.service.endsWith(`/${entry.spec.hosts[0]}`) || model.mode === 'operator').toBe(true);
        }
        for (const file of bundle.files) {
          if (file.name.endsWith('.yaml')) {
            const as11 = parseAllDocuments(file.content, { version: '1.1' });
            for (const doc of as11) expect(doc.errors).toEqual([]);
            // A YAML 1.2 reader (go-yaml v3, the yaml library's default) reads exactly the same values.
            const as12 = parseAllDocuments(file.content, { version: '1.2' });
            expect(as12.map((doc) => doc.toJS() as unknown)).toEqual(as11.map((doc) => doc.toJS() as unknown));
          }
        }
        if (model.output.meshConfigFormat === 'configmap') {
          const inner = String(read(bundle.meshConfig.text).data.mesh);
          expect(parse(inner, { version: '1.2' })).toEqual(parse(inner, { version: '1.1' }));
        }
      }),
      { numRuns: runs(300) },
    );
    expect(checked).toBeGreaterThan(150);
  });
});

describe('for any input at all', () => {
  it('validation never throws, and every rejection names a field and says why', () => {
    const mutated = fc
      .tuple(
        input,
        fc.constantFrom('mode', 'istio', 'operator', 'dynatrace', 'token', 'provider', 'telemetry', 'output'),
        fc.anything(),
      )
      .map(([valid, key, junk]) => ({ ...valid, [key]: junk }));
    fc.assert(
      fc.property(fc.oneof(fc.anything(), mutated, fc.object()), (raw) => {
        const result = validateModel(raw);
        if (result.ok) {
          expect(() => generateBundle(result.model)).not.toThrow();
          return;
        }
        expect(result.issues.length).toBeGreaterThan(0);
        for (const issue of result.issues) expect(issue.message.length).toBeGreaterThan(10);
      }),
      { numRuns: runs(500) },
    );
  });

  it('any string in any text field either validates or is reported at that field, never elsewhere', () => {
    const fields = [
      ['dynatrace', 'environmentId'],
      ['dynatrace', 'host'],
      ['dynatrace', 'clusterId'],
      ['provider', 'name'],
      ['provider', 'timeout'],
      ['telemetry', 'namespace'],
      ['operator', 'dynakubeName'],
      ['token', 'value'],
    ] as const;
    const base = withDefaults(
      {
        mode: 'standalone',
        dynatrace: { environmentKind: 'managed', environmentId: 'abc', host: 'a.example.com', clusterId: '1' },
        token: { storage: 'istiod-env' },
      },
      defaultModel,
    );
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.string({ unit: 'binary', maxLength: 80 }), ([group, field], text) => {
        const raw = structuredClone(base) as any;
        raw[group][field] = text;
        const result = validateModel(raw);
        if (result.ok) {
          expect(() => generateBundle(result.model)).not.toThrow();
        } else {
          expect(result.issues.map((issue) => issue.path)).toEqual(result.issues.map(() => `${group}.${field}`));
        }
      }),
      { numRuns: runs(1000) },
    );
  });
});

describe('the files a live preview generates alone', () => {
  it('are exactly the bundle’s files of those names, for any valid configuration and any choice of names', () => {
    const names = fc.subarray(['meshconfig.yaml', 'dt-serviceentry.yaml', 'dt-telemetry.yaml', 'apply.sh', 'other']);
    fc.assert(
      fc.property(input, names, (raw, wanted) => {
        const validation = validateModel(raw);
        if (!validation.ok) return;
        const bundle = generateBundle(validation.model);
        const files = generateFiles(validation.model, new Set(wanted));
        if (bundle.blocked) expect(files).toBeUndefined();
        else expect(files).toEqual(bundle.files.filter((file) => wanted.includes(file.name)));
      }),
      { numRuns: runs(150) },
    );
  });
});
