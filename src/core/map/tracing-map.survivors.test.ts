import { describe, expect, it } from 'vitest';
import { model } from '../__fixtures__/models';
import {
  findWorkload,
  meshWide,
  meshWith,
  noProxy,
  OURS,
  sidecar,
  smallCluster,
  TIME,
  type SmallPod,
} from './__fixtures__/small-cluster';
import { tracingMapText } from './map-text';
import { buildTracingMap } from './tracing-map';

/*
 * Behaviour that mutation testing (issue 27) found unstated: each test says what the map must answer for a real
 * input and what it must not. Clusters are built inside each test (never when the file is collected).
 */

/** The wizard's defaults (mesh-wide Telemetry in istio-system), Istio 1.30.3, without the Dynatrace sampler. */
const plain = model({ istio: { version: '1.30.3' }, provider: { sampler: false } });

const GATEWAY = 'gateway.networking.k8s.io/gateway-name';

describe('grouping pods: only a Deployment’s ReplicaSet is folded into its Deployment', () => {
  it('keeps a StatefulSet whose pod template carries a pod-template-hash label, and a ReplicaSet without the label', () => {
    const map = buildTracingMap(
      smallCluster({
        namespaces: { app: { 'istio-injection': 'enabled' } },
        pods: [
          // Labels copied from a Deployment's pod: the StatefulSet's name ends with the hash, yet it is no ReplicaSet.
          { ...sidecar('app', 'cache-5d8f-0', { 'pod-template-hash': '5d8f' }), owner: 'StatefulSet/cache-5d8f' },
          // No pod-template-hash: the ReplicaSet is taken as it is, whatever its name ends with.
          { ...sidecar('app', 'rs-undefined-x'), owner: 'ReplicaSet/rs-undefined' },
          { ...sidecar('app', 'web-7c9b-x', { 'pod-template-hash': '7c9b' }), owner: 'ReplicaSet/web-7c9b' },
          sidecar('app', 'bare'),
        ],
        telemetries: [meshWide],
        meshes: { default: meshWith() },
      }),
      plain,
    );
    expect(map.workloads.map((w) => w.owner)).toEqual([
      'Deployment/web',
      'Pod/bare',
      'ReplicaSet/rs-undefined',
      'StatefulSet/cache-5d8f',
    ]);
    expect(map.workloads.map((w) => w.owner)).not.toContain('Deployment/cache');
  });
});

describe('a waypoint deployed from a Gateway API Gateway', () => {
  it('ignores a Telemetry that selects it by labels, as waypoints do; a gateway of another class does not', () => {
    const quietBySelector = (name: string) => ({
      namespace: 'gw',
      name: `${name}-quiet`,
      created: TIME(2),
      spec: { selector: { matchLabels: { [GATEWAY]: name } }, tracing: [{ disableSpanReporting: true }] },
    });
    const map = buildTracingMap(
      smallCluster({
        namespaces: { gw: {} },
        pods: [
          { namespace: 'gw', name: 'wp-1', labels: { [GATEWAY]: 'wp' }, containers: ['istio-proxy'] },
          { namespace: 'gw', name: 'edge-1', labels: { [GATEWAY]: 'edge' }, containers: ['istio-proxy'] },
        ],
        telemetries: [meshWide, quietBySelector('wp'), quietBySelector('edge')],
        meshes: { default: meshWith() },
        gateways: [
          { namespace: 'gw', name: 'wp', className: 'istio-waypoint' },
          { namespace: 'gw', name: 'edge', className: 'istio' },
        ],
      }),
      plain,
    );
    // istio/istio 1.28.0 pilot/pkg/model/policyattachment.go: a waypoint never falls back to the selector.
    expect(findWorkload(map, 'gw', 'Pod/wp-1')).toMatchObject({
      dataPlane: 'waypoint',
      status: 'sends',
      chain: ['istio-system/mesh-default'],
    });
    expect(findWorkload(map, 'gw', 'Pod/wp-1').chain).not.toContain('gw/wp-quiet');
    // A Gateway API gateway without targetRefs falls back to the selector (ENABLE_SELECTOR_BASED_K8S_GATEWAY_POLICY).
    expect(findWorkload(map, 'gw', 'Pod/edge-1')).toMatchObject({
      dataPlane: 'gateway',
      status: 'disabled',
      chain: ['istio-system/mesh-default', 'gw/edge-quiet'],
    });
  });
});

describe('workloads without a proxy: no Telemetry decides, no note, and a fix only where the configuration reaches', () => {
  it('not injected: no proxy, nothing in the chain, no notes', () => {
    const map = buildTracingMap(
      smallCluster({ namespaces: { app: { 'istio-injection': 'enabled' } }, pods: [noProxy('app', 'old')] }),
      plain,
    );
    expect(findWorkload(map, 'app', 'Pod/old')).toEqual({
      namespace: 'app',
      owner: 'Pod/old',
      kind: 'Pod',
      name: 'old',
      pods: 1,
      dataPlane: 'none',
      status: 'not-injected',
      targeted: true,
      chain: [],
      reason:
        'Its namespace is labelled for injection, but the pod has no istio-proxy: it was created before the label (or the injector was down).',
      fix: 'Restart it: kubectl -n app rollout restart pod/old.',
      notes: [],
    });
  });

  it('opted out of injection or of ambient mode: no fix when the configuration does not reach it', () => {
    const elsewhere = model({
      istio: { version: '1.30.3' },
      provider: { sampler: false },
      telemetry: { namespace: 'x' },
    });
    const cluster = () =>
      smallCluster({
        namespaces: {
          app: { 'istio-injection': 'enabled' },
          amb: { 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'wp' },
          plain: {},
        },
        pods: [
          noProxy('app', 'opt', { 'sidecar.istio.io/inject': 'false' }),
          noProxy('amb', 'out', { 'istio.io/dataplane-mode': 'none' }),
          noProxy('plain', 'out'),
        ],
      });
    const common = { dataPlane: 'none', status: 'not-in-mesh', chain: [], notes: [] };
    // Reached by the configuration (mesh-wide): the fix says what to remove.
    const meshWideMap = buildTracingMap(cluster(), plain);
    expect(findWorkload(meshWideMap, 'app', 'Pod/opt')).toMatchObject({ ...common, targeted: true });
    expect(findWorkload(meshWideMap, 'app', 'Pod/opt').fix).toContain('remove sidecar.istio.io/inject: "false"');
    expect(findWorkload(meshWideMap, 'amb', 'Pod/out')).toMatchObject({
      ...common,
      targeted: true,
      fix: 'If it should be traced, remove the label istio.io/dataplane-mode=none from the pod and its template.',
    });
    // Not reached (the configuration is for namespace x): no fix, nothing decides, no notes.
    const other = buildTracingMap(cluster(), elsewhere);
    for (const [namespace, owner] of [
      ['app', 'Pod/opt'],
      ['amb', 'Pod/out'],
      ['plain', 'Pod/out'],
    ] as const) {
      const w = findWorkload(other, namespace, owner);
      expect(w).toMatchObject({ ...common, targeted: false, fix: '' });
      expect(w.chain).toEqual([]);
      expect(w.notes).toEqual([]);
    }
    expect(findWorkload(meshWideMap, 'plain', 'Pod/out')).toMatchObject({ ...common, targeted: false, fix: '' });
  });
});

describe('which workloads the configuration targets', () => {
  it('a pod without a proxy in a namespace labelled with a revision is in the mesh, so a mesh-wide configuration targets it', () => {
    const map = buildTracingMap(
      smallCluster({
        namespaces: { app: { 'istio.io/rev': 'canary' }, out: {} },
        pods: [noProxy('app', 'old'), noProxy('out', 'no')],
      }),
      plain,
    );
    expect(findWorkload(map, 'app', 'Pod/old')).toMatchObject({ status: 'not-injected', targeted: true });
    expect(findWorkload(map, 'out', 'Pod/no')).toMatchObject({ status: 'not-in-mesh', targeted: false });
    expect(map.summary.sentences).toContain('This configuration targets 1; 0 of them send spans.');
  });

  it('a selector targets only the pods that carry every one of its labels', () => {
    const selects = model({
      istio: { version: '1.30.3' },
      provider: { sampler: false },
      telemetry: {
        namespace: 'shop',
        selector: [
          { key: 'app', value: 'cart' },
          { key: 'tier', value: 'web' },
        ],
      },
    });
    const map = buildTracingMap(
      smallCluster({
        namespaces: { shop: { 'istio-injection': 'enabled' } },
        pods: [
          sidecar('shop', 'both', { app: 'cart', tier: 'web' }),
          sidecar('shop', 'app-only', { app: 'cart' }),
          sidecar('shop', 'tier-only', { tier: 'web' }),
        ],
      }),
      selects,
    );
    expect(map.workloads.map((w) => [w.owner, w.targeted])).toEqual([
      ['Pod/app-only', false],
      ['Pod/both', true],
      ['Pod/tier-only', false],
    ]);
  });

  it('a waypoint configuration does not target a pod that uses another waypoint of the same namespace, or none', () => {
    const m = model({
      istio: { version: '1.30.3', ambient: true, ambientTracing: 'waypoints' },
      telemetry: { waypoint: { name: 'wp', namespace: 'amb' } },
    });
    const map = buildTracingMap(
      smallCluster({
        namespaces: {
          amb: { 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'wp' },
          side: { 'istio-injection': 'enabled' },
        },
        pods: [
          noProxy('amb', 'uses-wp'),
          noProxy('amb', 'uses-other', { 'istio.io/use-waypoint': 'other' }),
          noProxy('amb', 'no-waypoint', { 'istio.io/use-waypoint': 'none' }),
          sidecar('side', 'app'),
        ],
      }),
      m,
    );
    expect(map.workloads.map((w) => [`${w.namespace}/${w.owner}`, w.targeted])).toEqual([
      ['amb/Pod/no-waypoint', false],
      ['amb/Pod/uses-other', false],
      ['amb/Pod/uses-wp', true],
      ['side/Pod/app', false],
    ]);
  });
});

describe('without the mesh config, the provider is assumed as the wizard generates it', () => {
  it('with the Dynatrace sampler on, a Telemetry’s sampling 0 is overridden; with it off, nothing is traced', () => {
    const cluster = () =>
      smallCluster({
        namespaces: { app: { 'istio-injection': 'enabled' } },
        pods: [sidecar('app', 'w')],
        telemetries: [
          meshWide,
          { namespace: 'app', name: 'zero', created: TIME(4), spec: { tracing: [{ randomSamplingPercentage: 0 }] } },
        ],
      });
    const withSampler = buildTracingMap(
      cluster(),
      model({ istio: { version: '1.30.3' }, provider: { sampler: true } }),
    );
    expect(findWorkload(withSampler, 'app', 'Pod/w')).toMatchObject({ status: 'sends', sampling: 100 });
    expect(findWorkload(withSampler, 'app', 'Pod/w').status).not.toBe('sampling-zero');
    expect(findWorkload(buildTracingMap(cluster(), plain), 'app', 'Pod/w')).toMatchObject({
      status: 'sampling-zero',
      sampling: 0,
      reason: 'Sampling is 0 % (app/zero): no request is traced.',
    });
  });
});

describe('the facts in a workload’s verdict', () => {
  it('lists every custom tag, separated', () => {
    const map = buildTracingMap(
      smallCluster({
        namespaces: { app: { 'istio-injection': 'enabled' } },
        pods: [sidecar('app', 'w')],
        telemetries: [
          {
            ...meshWide,
            spec: {
              tracing: [
                {
                  ...OURS,
                  customTags: { env: { literal: { value: 'prod' } }, team: { literal: { value: 'shop' } } },
                },
              ],
            },
          },
        ],
        meshes: { default: meshWith() },
      }),
      plain,
    );
    expect(findWorkload(map, 'app', 'Pod/w')).toMatchObject({ status: 'sends', customTags: 'env, team' });
  });

  it('outside the configuration’s scope: the fix quotes the selector whole, dotted label keys included', () => {
    const selects = model({
      istio: { version: '1.30.3' },
      provider: { sampler: false },
      telemetry: { namespace: 'shop', selector: [{ key: 'app.kubernetes.io/name', value: 'cart' }] },
    });
    const map = buildTracingMap(
      smallCluster({
        namespaces: { other: { 'istio-injection': 'enabled' } },
        pods: [sidecar('other', 'w')],
        telemetries: [],
        meshes: { default: meshWith() },
      }),
      selects,
    );
    expect(findWorkload(map, 'other', 'Pod/w')).toMatchObject({
      status: 'no-provider',
      targeted: false,
      fix: "This workload is outside the configuration's scope (for the pods labelled app.kubernetes.io/name=cart in shop only).",
    });
  });

  it('a waypoint whose revision is not known reads the default mesh config when several are given, in any order', () => {
    const map = buildTracingMap(
      smallCluster({
        namespaces: { amb: { 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'wp' } },
        pods: [noProxy('amb', 'a')],
        telemetries: [meshWide],
        // The canary control plane lacks the provider and is listed first: it must not be the one read.
        meshes: { canary: { extensionProviders: [], rootNamespace: 'istio-system' }, default: meshWith() },
      }),
      plain,
    );
    expect(findWorkload(map, 'amb', 'Pod/a')).toMatchObject({ status: 'sends', dataPlane: 'ambient-waypoint' });
  });
});

describe('the summary orders the causes by how many workloads they concern', () => {
  it('puts the largest cause first even when its namespace sorts last', () => {
    const map = buildTracingMap(
      smallCluster({
        namespaces: {
          a: { 'istio-injection': 'enabled' },
          b: {},
          c: { 'istio.io/dataplane-mode': 'ambient' },
        },
        pods: [
          noProxy('a', 'old'),
          noProxy('b', 'x1'),
          noProxy('b', 'x2'),
          noProxy('c', 'y1'),
          noProxy('c', 'y2'),
          noProxy('c', 'y3'),
        ],
      }),
      plain,
    );
    expect(map.summary.sentences).toEqual([
      '0 of 6 workloads send spans to Dynatrace (provider dynatrace-otel).',
      'This configuration targets 4; 0 of them send spans.',
      '3 workloads are ambient without a waypoint in namespace c.',
      '2 workloads are not in the mesh in namespace b.',
      '1 workload is not injected in namespace a.',
    ]);
  });
});

/**
 * A cluster with every status and every data plane, each workload `copies` times: what a user reads for each, in
 * the summary (singular and plural) and in the text of the map.
 */
function everyKindCluster(copies: number) {
  const pods: SmallPod[] = [];
  for (let i = 1; i <= copies; i++) {
    pods.push(
      sidecar('app', `ok-${i}`),
      { ...noProxy('app', `native-${i}`), initContainers: ['istio-proxy'] },
      sidecar('app', `srv-${i}`, { role: 'srv' }),
      sidecar('app', `zip-${i}`, { role: 'zip' }),
      sidecar('app', `quiet-${i}`, { role: 'quiet' }),
      sidecar('app', `zero-${i}`, { role: 'zero' }),
      sidecar('app', `typo-${i}`, { role: 'typo' }),
      noProxy('app', `old-${i}`),
      noProxy('app', `opt-${i}`, { 'sidecar.istio.io/inject': 'false' }),
      noProxy('amb', `l4-${i}`),
      noProxy('amb', `l7-${i}`, { 'istio.io/use-waypoint': 'wp' }),
      { namespace: 'amb', name: `wp-${i}`, labels: { [GATEWAY]: 'wp' }, containers: ['istio-proxy'] },
      { namespace: 'edge', name: `ingress-${i}`, labels: { istio: 'ingressgateway' }, containers: ['istio-proxy'] },
    );
  }
  const byRole = (role: string, minute: number, entry: Record<string, unknown>) => ({
    namespace: 'app',
    name: `${role}-tracing`,
    created: TIME(minute),
    spec: { selector: { matchLabels: { role } }, tracing: [entry] },
  });
  return smallCluster({
    namespaces: {
      app: { 'istio-injection': 'enabled' },
      amb: { 'istio.io/dataplane-mode': 'ambient' },
      edge: {},
    },
    pods,
    telemetries: [
      meshWide,
      byRole('srv', 1, { match: { mode: 'CLIENT' }, providers: [{ name: 'zipkin' }] }),
      byRole('zip', 2, { providers: [{ name: 'zipkin' }] }),
      byRole('quiet', 3, { disableSpanReporting: true }),
      byRole('zero', 4, { randomSamplingPercentage: 0 }),
      byRole('typo', 5, { providers: [{ name: 'dynatrace-otle' }] }),
    ],
    meshes: { default: meshWith() },
    gateways: [{ namespace: 'amb', name: 'wp', className: 'istio-waypoint' }],
  });
}

describe('what the map says for every status and data plane', () => {
  it('the summary names each cause in the singular for one workload, in the plural for several', () => {
    expect(buildTracingMap(everyKindCluster(1), plain).summary.sentences).toEqual([
      '5 of 13 workloads send spans to Dynatrace (provider dynatrace-otel).',
      '1 workload is ambient without a waypoint in namespace amb.',
      '1 workload is not injected in namespace app.',
      '1 workload is not in the mesh in namespace app.',
      '1 workload has span reporting disabled in namespace app.',
      '1 workload sends spans on one side only in namespace app.',
      '1 workload has no tracing provider in effect in namespace app.',
      '1 workload samples 0 % of requests in namespace app.',
      '1 workload sends spans to another provider in namespace app.',
    ]);
    expect(buildTracingMap(everyKindCluster(2), plain).summary.sentences).toEqual([
      '10 of 26 workloads send spans to Dynatrace (provider dynatrace-otel).',
      '2 workloads are ambient without a waypoint in namespace amb.',
      '2 workloads are not injected in namespace app.',
      '2 workloads are not in the mesh in namespace app.',
      '2 workloads have span reporting disabled in namespace app.',
      '2 workloads send spans on one side only in namespace app.',
      '2 workloads have no tracing provider in effect in namespace app.',
      '2 workloads sample 0 % of requests in namespace app.',
      '2 workloads send spans to another provider in namespace app.',
    ]);
  });

  it('the text of the map names each workload’s status and data plane in words', () => {
    const text = tracingMapText(buildTracingMap(everyKindCluster(1), plain));
    const workloadLines = text.split('\n').filter((line) => /^ {2}[✓✗·] /.test(line));
    expect(workloadLines).toEqual([
      '  ✗ Pod/l4-1 (1 pod): ambient without waypoint — ambient, no waypoint',
      '  ✓ Pod/l7-1 (1 pod): sends spans — ambient with waypoint, provider dynatrace-otel, sampling 1 %',
      '  ✓ Pod/wp-1 (1 pod): sends spans — waypoint, provider dynatrace-otel, sampling 1 %',
      '  ✓ Pod/native-1 (1 pod): sends spans — native sidecar, provider dynatrace-otel, sampling 1 %',
      '  ✓ Pod/ok-1 (1 pod): sends spans — sidecar, provider dynatrace-otel, sampling 1 %',
      '  ✗ Pod/old-1 (1 pod): not injected — no proxy',
      '  · Pod/opt-1 (1 pod): not in the mesh — no proxy',
      '  ✗ Pod/quiet-1 (1 pod): span reporting disabled — sidecar',
      '  ✗ Pod/srv-1 (1 pod): sends some spans — sidecar, provider dynatrace-otel, sampling 1 %',
      '  ✗ Pod/typo-1 (1 pod): no provider — sidecar, provider dynatrace-otle',
      '  ✗ Pod/zero-1 (1 pod): sampling 0 % — sidecar, provider dynatrace-otel, sampling 0 %',
      '  ✗ Pod/zip-1 (1 pod): another provider — sidecar, provider zipkin',
      '  ✓ Pod/ingress-1 (1 pod): sends spans — gateway, provider dynatrace-otel, sampling 1 %',
    ]);
  });
});
