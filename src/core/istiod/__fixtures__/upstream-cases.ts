import type { Plain } from '../../plain-data';
import type { ProxyInput, SideStatus, TelemetryInput } from '../tracing-rules';

/*
 * istiod's own test tables, restated as our fixtures: the facts (inputs and expected outcome) carry over, the
 * code does not. Each case names the upstream test, its case name and the tags where it was read; `runAt` are
 * the versions our module is run at for it. Sources in istio/istio:
 * - pilot/pkg/model/telemetry_test.go TestTracing (1.22.0, 1.23.0, 1.24.0, 1.28.0, 1.30.2, 1.30.3): a sidecar in
 *   `default` with app=test, root namespace istio-system, built-in providers prometheus/stackdriver/envoy, every
 *   Telemetry named `default` without a creationTimestamp.
 * - telemetry_test.go TestTelemetryFilters (waypoint cases, 1.24.0+; cross-namespace ones 1.30.3): a waypoint in
 *   `default` deployed from Gateway `waypoint`. Upstream asserts metrics; the fact restated is which Telemetry
 *   applies, so our Telemetries carry a tracing entry instead.
 * - pilot/pkg/model/policyattachment_test.go TestPolicyMatcher (1.22.0, 1.24.0, 1.28.0): the matcher cases,
 *   restated as a Telemetry in `default` named policy1. A Telemetry reaches the matcher with targetRefs only
 *   from 1.24.0, so they run at 1.24+.
 * - Cases marked `source` instead of a test come from reading the code at those tags where no upstream test
 *   covers the fact (1.22–1.23 targetRefs, tie-breaks, the 1.30.2 side of the 1.30.3 change).
 */

export interface ExpectedSide {
  status: SideStatus;
  provider?: string;
  sampling?: number;
  samplingSource?: 'sampler' | 'telemetry' | 'default-config' | 'pilot-default';
  customTags?: string[];
  skippedTags?: string[];
}

export interface UpstreamCase {
  upstream: { file: string; test: string; name: string; tags: string[] } | { source: string; tags: string[] };
  runAt: string[];
  mesh?: Plain;
  telemetries: TelemetryInput[];
  proxy: ProxyInput;
  rootNamespace?: string;
  /** `namespace/name` of the Telemetries that apply, in istiod's order. */
  applied?: string[];
  client?: ExpectedSide;
  server?: ExpectedSide;
}

const TRACING_TAGS = ['1.22.0', '1.23.0', '1.24.0', '1.28.0', '1.30.2', '1.30.3'];
const ALL = ['1.22.0', '1.23.0', '1.24.0', '1.28.0', '1.30.2', '1.30.3'];
const FROM_124 = ['1.24.0', '1.28.0', '1.30.2', '1.30.3'];
const FROM_125 = ['1.25.0', '1.28.0', '1.30.2', '1.30.3'];

const tracingTest = (name: string, tags = TRACING_TAGS) => ({
  file: 'pilot/pkg/model/telemetry_test.go',
  test: 'TestTracing',
  name,
  tags,
});
const filtersTest = (name: string, tags: string[]) => ({
  file: 'pilot/pkg/model/telemetry_test.go',
  test: 'TestTelemetryFilters',
  name,
  tags,
});
const matcherTest = (name: string, tags = ['1.22.0', '1.24.0', '1.28.0']) => ({
  file: 'pilot/pkg/model/policyattachment_test.go',
  test: 'TestPolicyMatcher',
  name,
  tags,
});

const tel = (namespace: string, spec: Plain, name = 'default', creationTimestamp?: string): TelemetryInput => ({
  name,
  namespace,
  spec,
  ...(creationTimestamp === undefined ? {} : { creationTimestamp }),
});
const provider = (name: string, extra: Plain = {}): Plain => ({ tracing: [{ providers: [{ name }], ...extra }] });
const entry = (fields: Plain): Plain => ({ tracing: [fields] });
const defaults = (...tracing: string[]): Plain => ({ defaultProviders: { tracing } });
const on = (name: string, extra: Partial<ExpectedSide> = {}): ExpectedSide => ({
  status: 'traces',
  provider: name,
  ...extra,
});
const both = (side: ExpectedSide) => ({ client: side, server: side });

const sidecar: ProxyInput = { kind: 'sidecar', namespace: 'default', labels: { app: 'test' } };
const waypoint: ProxyInput = { kind: 'waypoint', namespace: 'default', gatewayName: 'waypoint' };
const gatewayRef = (name: string) => ({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name });
const serviceRef = (name: string, namespace?: string) => ({
  group: '',
  kind: 'Service',
  name,
  ...(namespace ? { namespace } : {}),
});
const serviceEntryRef = (name: string) => ({ group: 'networking.istio.io', kind: 'ServiceEntry', name });
const classRef = { group: 'gateway.networking.k8s.io', kind: 'GatewayClass', name: 'istio-waypoint' };

// TestTracing's Telemetries.
const overridesA = entry({ randomSamplingPercentage: 50, customTags: { foo: {}, bar: {} } });
const overridesB = entry({ randomSamplingPercentage: 80, customTags: { foo: {}, baz: {} } });
const tagsOnly = entry({ customTags: { foo: {}, baz: {} } });

// TestPolicyMatcher's proxies, as Telemetry sees them.
const regularApp: ProxyInput = { kind: 'sidecar', namespace: 'default', labels: { app: 'my-app' } };
const sampleGateway: ProxyInput = { kind: 'gateway', namespace: 'default', labels: {}, gatewayName: 'sample-gateway' };
const sampleWaypoint: ProxyInput = {
  kind: 'waypoint',
  namespace: 'default',
  labels: {},
  gatewayName: 'sample-waypoint',
};
const serviceTarget: ProxyInput = {
  kind: 'waypoint',
  namespace: 'default',
  labels: { app: 'my-app' },
  gatewayName: 'sample-waypoint',
  service: { namespace: 'default', name: 'sample-svc', kind: 'Service' },
};
const serviceEntryTarget: ProxyInput = {
  ...serviceTarget,
  service: { namespace: 'default', name: 'sample-svc-entry', kind: 'ServiceEntry' },
};
const policy = (spec: Plain, namespace = 'default', name = 'policy1') => [
  tel(namespace, { ...spec, ...provider('envoy') }, name),
];
const attached = (namespace = 'default', name = 'policy1') => ({ applied: [`${namespace}/${name}`] });
const notAttached = { applied: [] as string[] };

export const UPSTREAM_CASES: UpstreamCase[] = [
  // TestTracing
  { upstream: tracingTest('empty'), runAt: ALL, telemetries: [], proxy: sidecar, ...both({ status: 'no-tracing' }) },
  {
    upstream: tracingTest('default provider only'),
    runAt: ALL,
    mesh: defaults('envoy'),
    telemetries: [],
    proxy: sidecar,
    ...both(on('envoy', { sampling: 1, samplingSource: 'pilot-default' })),
  },
  {
    upstream: tracingTest('provider only'),
    runAt: ALL,
    telemetries: [tel('istio-system', provider('envoy'))],
    proxy: sidecar,
    applied: ['istio-system/default'],
    ...both(on('envoy')),
  },
  {
    upstream: tracingTest('override default'),
    runAt: ALL,
    mesh: defaults('stackdriver'),
    telemetries: [tel('istio-system', provider('envoy'))],
    proxy: sidecar,
    ...both(on('envoy')),
  },
  {
    upstream: tracingTest('override namespace'),
    runAt: ALL,
    telemetries: [tel('istio-system', provider('envoy')), tel('default', provider('stackdriver'))],
    proxy: sidecar,
    applied: ['istio-system/default', 'default/default'],
    ...both(on('stackdriver')),
  },
  {
    upstream: tracingTest('empty config inherits'),
    runAt: ALL,
    telemetries: [tel('istio-system', provider('envoy')), tel('default', { tracing: [{}] })],
    proxy: sidecar,
    ...both(on('envoy')),
  },
  {
    upstream: tracingTest('disable config'),
    runAt: ALL,
    telemetries: [tel('istio-system', provider('envoy')), tel('default', entry({ disableSpanReporting: true }))],
    proxy: sidecar,
    ...both({ status: 'disabled', provider: 'envoy' }),
  },
  {
    upstream: tracingTest('disable default'),
    runAt: ALL,
    mesh: defaults('envoy'),
    telemetries: [tel('default', entry({ disableSpanReporting: true }))],
    proxy: sidecar,
    ...both({ status: 'disabled', provider: 'envoy' }),
  },
  {
    upstream: tracingTest('non existing'),
    runAt: ALL,
    mesh: defaults('envoy'),
    telemetries: [tel('default', provider('custom-provider'))],
    proxy: sidecar,
    ...both({ status: 'unknown-provider', provider: 'custom-provider' }),
  },
  {
    upstream: tracingTest('overrides'),
    runAt: ALL,
    mesh: defaults('envoy'),
    telemetries: [tel('istio-system', overridesA)],
    proxy: sidecar,
    ...both(on('envoy', { sampling: 50, samplingSource: 'telemetry', customTags: ['bar', 'foo'] })),
  },
  {
    upstream: tracingTest('overrides with default sampling'),
    runAt: ALL,
    mesh: defaults('envoy'),
    telemetries: [tel('istio-system', tagsOnly)],
    proxy: sidecar,
    ...both(on('envoy', { sampling: 1, samplingSource: 'pilot-default', customTags: ['baz', 'foo'] })),
  },
  {
    upstream: tracingTest('multi overrides'),
    runAt: ALL,
    mesh: defaults('envoy'),
    telemetries: [tel('istio-system', overridesA), tel('default', overridesB)],
    proxy: sidecar,
    ...both(on('envoy', { sampling: 80, customTags: ['baz', 'foo'] })),
  },
  {
    upstream: tracingTest('client-only override'),
    runAt: ALL,
    mesh: defaults('envoy'),
    telemetries: [
      tel('istio-system', provider('envoy')),
      tel(
        'default',
        entry({ match: { mode: 'CLIENT' }, providers: [{ name: 'stackdriver' }], randomSamplingPercentage: 99.9 }),
      ),
    ],
    proxy: sidecar,
    client: on('stackdriver', { sampling: 99.9 }),
    server: on('envoy', { sampling: 1, samplingSource: 'pilot-default' }),
  },
  {
    upstream: tracingTest('server-only override'),
    runAt: ALL,
    mesh: defaults('envoy'),
    telemetries: [
      tel('istio-system', provider('envoy')),
      tel('default', entry({ match: { mode: 'SERVER' }, disableSpanReporting: true })),
    ],
    proxy: sidecar,
    client: on('envoy'),
    server: { status: 'disabled', provider: 'envoy' },
  },
  {
    upstream: tracingTest('disable context propagation', ['1.30.2', '1.30.3']),
    runAt: ['1.30.2', '1.30.3'],
    telemetries: [tel('istio-system', provider('envoy')), tel('default', entry({ disableContextPropagation: true }))],
    proxy: sidecar,
    applied: ['istio-system/default', 'default/default'],
    ...both(on('envoy')),
  },

  // TestTelemetryFilters: which Telemetries a waypoint takes.
  {
    upstream: filtersTest('targetRef mismatch no service', FROM_124),
    runAt: FROM_124,
    telemetries: [tel('default', { targetRefs: [serviceRef('sample-svc')], ...provider('envoy') })],
    proxy: waypoint,
    applied: [],
    server: { status: 'no-tracing' },
  },
  {
    upstream: filtersTest('targetRef mismatch wrong service', FROM_124),
    runAt: FROM_124,
    telemetries: [tel('default', { targetRefs: [serviceRef('sample-svc')], ...provider('envoy') })],
    proxy: { ...waypoint, service: { namespace: 'default', name: 'not-sample-svc' } },
    applied: [],
  },
  {
    upstream: filtersTest('targetRef match', FROM_124),
    runAt: FROM_124,
    telemetries: [tel('default', { targetRefs: [serviceRef('sample-svc')], ...provider('envoy') })],
    proxy: { ...waypoint, service: { namespace: 'default', name: 'sample-svc' } },
    applied: ['default/default'],
    server: on('envoy'),
  },
  {
    upstream: filtersTest('targetRef match cross namespace', ['1.30.3']),
    runAt: ['1.30.3'],
    telemetries: [
      tel('default', { targetRefs: [serviceRef('sample-svc')], ...provider('envoy') }),
      tel('other', { targetRefs: [serviceRef('sample-svc', 'other')], ...provider('stackdriver') }),
    ],
    proxy: { ...waypoint, service: { namespace: 'other', name: 'sample-svc' } },
    applied: ['other/default'],
    server: on('stackdriver'),
  },
  {
    upstream: {
      source: 'pilot/pkg/model/telemetry.go applicableTelemetries (attached loop over the proxy namespace only)',
      tags: ['1.28.0', '1.30.2'],
    },
    runAt: ['1.28.0', '1.30.2'],
    telemetries: [
      tel('default', { targetRefs: [serviceRef('sample-svc')], ...provider('envoy') }),
      tel('other', { targetRefs: [serviceRef('sample-svc', 'other')], ...provider('stackdriver') }),
    ],
    proxy: { ...waypoint, service: { namespace: 'other', name: 'sample-svc' } },
    applied: [],
    server: { status: 'no-tracing' },
  },
  {
    upstream: filtersTest('cross namespace wide', ['1.30.3']),
    runAt: ['1.30.3'],
    telemetries: [tel('other', provider('stackdriver'))],
    proxy: { ...waypoint, service: { namespace: 'other', name: 'sample-svc' } },
    applied: ['other/default'],
    server: on('stackdriver'),
  },
  {
    upstream: {
      source: 'pilot/pkg/model/telemetry.go applicableTelemetries (no Service-namespace step before #60673)',
      tags: ['1.24.0', '1.30.2'],
    },
    runAt: ['1.24.0', '1.28.0', '1.30.2'],
    telemetries: [tel('other', provider('stackdriver'))],
    proxy: { ...waypoint, service: { namespace: 'other', name: 'sample-svc' } },
    applied: [],
  },
  {
    upstream: {
      source:
        'pilot/pkg/model/telemetry.go applicableTelemetries (1.30.3: attached Telemetries only from the Service namespace; istio#61538)',
      tags: ['1.30.3'],
    },
    runAt: ['1.30.3'],
    telemetries: [tel('default', { targetRefs: [gatewayRef('waypoint')], ...provider('envoy') })],
    proxy: { ...waypoint, service: { namespace: 'other', name: 'sample-svc' } },
    applied: [],
  },
  {
    upstream: {
      source: 'pilot/pkg/model/telemetry.go applicableTelemetries (Gateway-targeted, Service in another namespace)',
      tags: ['1.30.2'],
    },
    runAt: ['1.24.0', '1.30.2'],
    telemetries: [tel('default', { targetRefs: [gatewayRef('waypoint')], ...provider('envoy') })],
    proxy: { ...waypoint, service: { namespace: 'other', name: 'sample-svc' } },
    applied: ['default/default'],
    server: on('envoy'),
  },
  {
    upstream: filtersTest('namespace overrides merge without provider', TRACING_TAGS),
    runAt: ALL,
    telemetries: [tel('istio-system', provider('envoy')), tel('default', entry({ randomSamplingPercentage: 10 }))],
    proxy: sidecar,
    applied: ['istio-system/default', 'default/default'],
    ...both(on('envoy', { sampling: 10 })),
  },
  {
    upstream: filtersTest('namespace overrides merge with default provider', TRACING_TAGS),
    runAt: ALL,
    mesh: defaults('envoy'),
    telemetries: [tel('default', entry({ randomSamplingPercentage: 10 }))],
    proxy: sidecar,
    ...both(on('envoy', { sampling: 10 })),
  },

  // TestPolicyMatcher, as Telemetry attachment (1.24+).
  {
    upstream: matcherTest('non-gateway API workload and a targetRef'),
    runAt: FROM_124,
    telemetries: policy({ targetRef: gatewayRef('sample-gateway') }),
    proxy: regularApp,
    ...notAttached,
  },
  {
    upstream: matcherTest('non-gateway API workload and a selector'),
    runAt: ALL,
    telemetries: policy({ selector: { matchLabels: { app: 'my-app' } } }),
    proxy: regularApp,
    ...attached(),
    ...both(on('envoy')),
  },
  {
    upstream: matcherTest('non-gateway API workload and both a targetRef and a selector'),
    runAt: FROM_124,
    telemetries: policy({ selector: { matchLabels: { app: 'my-app' } }, targetRef: gatewayRef('sample-gateway') }),
    proxy: regularApp,
    ...notAttached,
  },
  {
    upstream: matcherTest('gateway API ingress and a targetRef'),
    runAt: FROM_124,
    telemetries: policy({ targetRef: gatewayRef('sample-gateway') }),
    proxy: sampleGateway,
    ...attached(),
    client: on('envoy'),
  },
  {
    upstream: matcherTest('gateway API ingress and a selector'),
    runAt: ALL,
    telemetries: policy({ selector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'sample-gateway' } } }),
    proxy: sampleGateway,
    ...attached(),
  },
  {
    upstream: matcherTest('gateway API ingress and both a targetRef and a selector'),
    runAt: FROM_124,
    telemetries: policy({
      selector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'sample-gateway' } },
      targetRef: gatewayRef('sample-gateway'),
    }),
    proxy: sampleGateway,
    ...attached(),
  },
  {
    upstream: matcherTest('gateway API ingress and non-matching targetRef'),
    runAt: FROM_124,
    telemetries: policy({ targetRef: gatewayRef('sample-waypoint') }),
    proxy: sampleGateway,
    ...notAttached,
  },
  {
    upstream: matcherTest('waypoint and a targetRef'),
    runAt: FROM_124,
    telemetries: policy({ targetRef: gatewayRef('sample-waypoint') }),
    proxy: sampleWaypoint,
    ...attached(),
    server: on('envoy'),
  },
  {
    upstream: matcherTest('waypoint and a selector'),
    runAt: ALL,
    telemetries: policy({ selector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'sample-waypoint' } } }),
    proxy: sampleWaypoint,
    ...notAttached,
  },
  {
    upstream: matcherTest('waypoint and both a targetRef and a selector'),
    runAt: FROM_124,
    telemetries: policy({
      selector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'sample-waypoint' } },
      targetRef: gatewayRef('sample-waypoint'),
    }),
    proxy: sampleWaypoint,
    ...attached(),
  },
  {
    upstream: matcherTest('waypoint and non-matching targetRef'),
    runAt: FROM_124,
    telemetries: policy({ targetRef: gatewayRef('sample-gateway') }),
    proxy: sampleWaypoint,
    ...notAttached,
  },
  {
    upstream: matcherTest('waypoint and matching targetRefs'),
    runAt: FROM_124,
    telemetries: policy({ targetRefs: [gatewayRef('sample-waypoint')] }),
    proxy: sampleWaypoint,
    ...attached(),
  },
  {
    upstream: matcherTest('waypoint and partial matching targetRefs'),
    runAt: FROM_124,
    telemetries: policy({ targetRefs: [gatewayRef('sample-waypoint'), gatewayRef('sample-gateway')] }),
    proxy: sampleWaypoint,
    ...attached(),
  },
  {
    upstream: matcherTest('waypoint and non matching targetRefs'),
    runAt: FROM_124,
    telemetries: policy({ targetRefs: [gatewayRef('sample-gateway')] }),
    proxy: sampleWaypoint,
    ...notAttached,
  },
  {
    upstream: matcherTest('service attached policy', ['1.24.0', '1.28.0']),
    runAt: FROM_124,
    telemetries: policy({ targetRefs: [serviceRef('sample-svc')] }),
    proxy: serviceTarget,
    ...attached(),
    server: on('envoy'),
  },
  {
    upstream: matcherTest('service entry attached policy', ['1.24.0', '1.28.0']),
    runAt: FROM_124,
    telemetries: policy({ targetRefs: [serviceEntryRef('sample-svc-entry')] }),
    proxy: serviceEntryTarget,
    ...attached(),
  },
  {
    upstream: matcherTest('service entry policy selecting', ['1.24.0', '1.28.0']),
    runAt: FROM_124,
    telemetries: policy({ targetRefs: [serviceEntryRef('sample-svc')] }),
    proxy: serviceTarget,
    ...notAttached,
  },
  {
    upstream: matcherTest('gateway attached policy with service', ['1.28.0']),
    runAt: FROM_124,
    telemetries: policy({ targetRefs: [gatewayRef('sample-waypoint')] }),
    proxy: serviceTarget,
    ...attached(),
  },
  {
    upstream: matcherTest('gateway attached policy with cross-namespace service', ['1.28.0']),
    runAt: FROM_125,
    telemetries: policy({ targetRefs: [gatewayRef('sample-waypoint')] }),
    proxy: { ...serviceTarget, namespace: 'waypoint' },
    ...notAttached,
  },
  {
    upstream: matcherTest('gateway class attached policy in root namespace', ['1.28.0']),
    runAt: FROM_125,
    // Telemetry looks for attached policies only in the waypoint's namespace (telemetry.go), so the matcher's
    // "yes" reaches a waypoint only when it runs in the root namespace itself.
    telemetries: policy({ targetRefs: [classRef] }, 'istio-system', 'global-default'),
    proxy: { ...sampleWaypoint, namespace: 'istio-system' },
    applied: ['istio-system/global-default'],
  },
  {
    upstream: {
      source:
        'pilot/pkg/model/telemetry.go applicableTelemetries (attached loop over the proxy namespace): a root GatewayClass Telemetry and a waypoint elsewhere',
      tags: ['1.28.0', '1.30.3'],
    },
    runAt: FROM_125,
    telemetries: policy({ targetRefs: [classRef] }, 'istio-system', 'global-default'),
    proxy: sampleWaypoint,
    ...notAttached,
  },
  {
    upstream: matcherTest('gateway class attached policy in non-root namespace', ['1.28.0']),
    runAt: FROM_125,
    telemetries: policy({ targetRefs: [classRef] }),
    proxy: sampleWaypoint,
    ...notAttached,
  },

  // 1.22–1.23: targetRefs never attach a Telemetry; a targetRefs-only one is namespace-wide.
  {
    upstream: {
      source: 'pilot/pkg/model/telemetry.go namespaceWideTelemetryConfig / applicableTelemetries (matchLabels only)',
      tags: ['1.22.0', '1.23.0'],
    },
    runAt: ['1.22.0', '1.23.0'],
    telemetries: [
      tel('default', { targetRefs: [gatewayRef('sample-waypoint')], ...provider('envoy') }, 'waypoint-tracing'),
    ],
    proxy: regularApp,
    applied: ['default/waypoint-tracing'],
    ...both(on('envoy')),
  },
  {
    upstream: {
      source: 'pilot/pkg/model/telemetry.go namespaceWideTelemetryConfig (matchLabels and targetRefs, #52748)',
      tags: ['1.24.0'],
    },
    runAt: FROM_124,
    telemetries: [
      tel('default', { targetRefs: [gatewayRef('sample-waypoint')], ...provider('envoy') }, 'waypoint-tracing'),
    ],
    proxy: regularApp,
    applied: [],
  },
  {
    upstream: {
      source:
        'pilot/pkg/model/telemetry.go applicableTelemetries: a targetRefs-only Telemetry loses to an older namespace-wide one',
      tags: ['1.22.0', '1.23.0'],
    },
    runAt: ['1.22.0', '1.23.0'],
    telemetries: [
      tel('default', provider('stackdriver'), 'ns-wide', '2026-01-01T00:00:00Z'),
      tel(
        'default',
        { targetRefs: [gatewayRef('sample-waypoint')], ...provider('envoy') },
        'waypoint-tracing',
        '2026-02-01T00:00:00Z',
      ),
    ],
    proxy: sampleWaypoint,
    applied: ['default/ns-wide'],
    server: on('stackdriver'),
  },
  {
    upstream: {
      source: 'same inputs at 1.24+: the targetRefs Telemetry attaches after the namespace-wide one',
      tags: ['1.24.0', '1.30.3'],
    },
    runAt: FROM_124,
    telemetries: [
      tel('default', provider('stackdriver'), 'ns-wide', '2026-01-01T00:00:00Z'),
      tel(
        'default',
        { targetRefs: [gatewayRef('sample-waypoint')], ...provider('envoy') },
        'waypoint-tracing',
        '2026-02-01T00:00:00Z',
      ),
    ],
    proxy: sampleWaypoint,
    applied: ['default/ns-wide', 'default/waypoint-tracing'],
    server: on('envoy'),
  },

  // Ordering (pilot/pkg/model/config.go) and newest-wins among attached Telemetries (telemetry.go, since 1.20).
  {
    upstream: {
      source: 'telemetry.go applicableTelemetries: every matching selector Telemetry, oldest first (newest wins)',
      tags: ALL,
    },
    runAt: ALL,
    telemetries: [
      tel(
        'default',
        { selector: { matchLabels: { app: 'test' } }, ...provider('stackdriver') },
        'older',
        '2026-01-01T00:00:00Z',
      ),
      tel(
        'default',
        { selector: { matchLabels: { app: 'test' } }, ...provider('envoy') },
        'newer',
        '2026-03-01T00:00:00Z',
      ),
    ],
    proxy: sidecar,
    applied: ['default/older', 'default/newer'],
    ...both(on('envoy')),
  },
  {
    upstream: {
      source: 'config.go sortByCreationComparator at 1.22.0: ties by the string name.namespace',
      tags: ['1.22.0'],
    },
    runAt: ['1.22.0'],
    telemetries: [tel('default', provider('stackdriver'), 'a'), tel('default', provider('envoy'), 'a-b')],
    proxy: sidecar,
    applied: ['default/a-b'],
    ...both(on('envoy')),
  },
  {
    upstream: {
      source: 'config.go sortConfigByCreationTime from 1.23.0: ties by name, then namespace',
      tags: ['1.23.0', '1.30.3'],
    },
    runAt: ['1.23.0', '1.24.0', '1.30.3'],
    telemetries: [tel('default', provider('stackdriver'), 'a'), tel('default', provider('envoy'), 'a-b')],
    proxy: sidecar,
    applied: ['default/a'],
    ...both(on('stackdriver')),
  },
  {
    upstream: { source: 'config.go: a config without creationTimestamp has the zero time and sorts first', tags: ALL },
    runAt: ALL,
    telemetries: [
      tel('default', provider('stackdriver'), 'dated', '2026-01-01T00:00:00Z'),
      tel('default', provider('envoy'), 'zz-undated'),
    ],
    proxy: sidecar,
    applied: ['default/zz-undated'],
    ...both(on('envoy')),
  },
  {
    upstream: {
      source: 'telemetry.go applicableTelemetries: selector Telemetries of the root namespace reach only proxies in it',
      tags: ALL,
    },
    runAt: ALL,
    telemetries: [tel('istio-system', { selector: { matchLabels: { app: 'test' } }, ...provider('envoy') })],
    proxy: sidecar,
    applied: [],
  },
  {
    upstream: { source: 'telemetry.go Tracing: only providers[0] of an entry counts', tags: ALL },
    runAt: ALL,
    telemetries: [tel('istio-system', { tracing: [{ providers: [{ name: 'stackdriver' }, { name: 'envoy' }] }] })],
    proxy: sidecar,
    ...both(on('stackdriver')),
  },
  {
    upstream: { source: 'telemetry.go fetchProvider: names match case-insensitively', tags: ALL },
    runAt: ALL,
    telemetries: [tel('istio-system', provider('EnVoY'))],
    proxy: sidecar,
    ...both(on('EnVoY')),
  },
  {
    upstream: { source: 'telemetry.go Tracing: an unknown name replaces an earlier good provider', tags: ALL },
    runAt: ALL,
    telemetries: [tel('istio-system', provider('envoy')), tel('default', provider('zipkin'))],
    proxy: sidecar,
    ...both({ status: 'unknown-provider', provider: 'zipkin' }),
  },
  {
    upstream: {
      source: 'telemetry.go Tracing: a later entry without disableSpanReporting keeps an earlier true',
      tags: ALL,
    },
    runAt: ALL,
    telemetries: [
      tel('istio-system', provider('envoy', { disableSpanReporting: true })),
      tel('default', provider('stackdriver')),
    ],
    proxy: sidecar,
    ...both({ status: 'disabled', provider: 'stackdriver' }),
  },
  {
    upstream: { source: 'tracing.go configureTracingFromTelemetry: gateways read the CLIENT side', tags: ALL },
    runAt: ALL,
    telemetries: [
      tel('istio-system', provider('envoy')),
      tel('istio-ingress', entry({ match: { mode: 'SERVER' }, providers: [{ name: 'stackdriver' }] })),
    ],
    proxy: { kind: 'gateway', namespace: 'istio-ingress', labels: { istio: 'ingressgateway' } },
    client: on('envoy'),
    server: on('stackdriver'),
  },
  {
    upstream: { source: 'tracing.go: a custom (Dynatrace) sampler forces 100 %', tags: ALL },
    runAt: ALL,
    mesh: {
      extensionProviders: [
        { name: 'dt', opentelemetry: { service: 'x', port: 80, dynatrace_sampler: { tenant: 't', cluster_id: 1 } } },
      ],
    },
    telemetries: [tel('istio-system', provider('dt', { randomSamplingPercentage: 5 }))],
    proxy: sidecar,
    ...both(on('dt', { sampling: 100, samplingSource: 'sampler' })),
  },
  {
    upstream: {
      source: 'tracing.go proxyConfigSamplingValue: defaultConfig.tracing.sampling when the Telemetry sets none',
      tags: ALL,
    },
    runAt: ALL,
    mesh: { defaultConfig: { tracing: { sampling: 7 } } },
    telemetries: [tel('istio-system', provider('envoy'))],
    proxy: sidecar,
    ...both(on('envoy', { sampling: 7, samplingSource: 'default-config' })),
  },
  {
    upstream: {
      source: 'tracing.go buildCustomTagsFromProvider: formatter tags only for proxies 1.29+',
      tags: ['1.29.0', '1.30.3'],
    },
    runAt: ['1.30.3'],
    telemetries: [
      tel(
        'istio-system',
        provider('envoy', {
          customTags: { path: { formatter: { value: '%PATH%' } }, lit: { literal: { value: 'x' } } },
        }),
      ),
    ],
    proxy: { ...sidecar, version: '1.28.2' },
    ...both(on('envoy', { customTags: ['lit', 'path'], skippedTags: ['path'] })),
  },

  // Mesh config loading: pkg/config/mesh/mesh_test.go (identical at 1.22.0, 1.24.0, 1.28.0, 1.30.3).
  {
    upstream: {
      file: 'pkg/config/mesh/mesh_test.go',
      test: 'TestDeepMerge',
      name: 'replace builtin provider',
      tags: ALL,
    },
    runAt: ALL,
    mesh: {
      extensionProviders: [{ name: 'stackdriver', opentelemetry: { service: 'x', port: 1, dynatrace_sampler: {} } }],
    },
    telemetries: [tel('istio-system', provider('stackdriver'))],
    proxy: sidecar,
    ...both(on('stackdriver', { sampling: 100, samplingSource: 'sampler' })),
  },
  {
    upstream: {
      file: 'pkg/config/mesh/mesh_test.go',
      test: 'TestDeepMerge',
      name: 'set other default provider',
      tags: ALL,
    },
    runAt: ALL,
    mesh: { defaultProviders: { tracing: ['foo'] } },
    telemetries: [],
    proxy: sidecar,
    ...both({ status: 'unknown-provider', provider: 'foo' }),
  },
  {
    upstream: {
      source:
        "pkg/config/mesh/mesh.go ApplyMeshConfig: a second entry with the same name replaces the first one's settings",
      tags: ALL,
    },
    runAt: ALL,
    mesh: {
      extensionProviders: [
        { name: 'dt', opentelemetry: { service: 'a', port: 1, dynatrace_sampler: {} } },
        { name: 'dt', opentelemetry: { service: 'b', port: 1 } },
      ],
    },
    telemetries: [tel('istio-system', provider('dt', { randomSamplingPercentage: 5 }))],
    proxy: sidecar,
    ...both(on('dt', { sampling: 5, samplingSource: 'telemetry' })),
  },
  {
    upstream: {
      source: 'mesh.go: defaultProviders in snake_case is reset before the camelCase key is applied',
      tags: ALL,
    },
    runAt: ALL,
    mesh: { default_providers: { tracing: ['envoy'] } },
    telemetries: [],
    proxy: sidecar,
    ...both({ status: 'no-tracing' }),
  },
];
