import { readFileSync } from 'node:fs';
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
  smallClusterTexts,
  TIME,
  type SmallPod,
} from './__fixtures__/small-cluster';
import { readCluster } from './read-cluster';
import { buildTracingMap, type TracingMap } from './tracing-map';

/*
 * What the map decides for each kind of workload, stated with the sentences a user reads: what must be said (the
 * status, the Telemetry or provider that decides, the fix) and what must not (no fix where nothing is needed, no
 * sampling where nothing is sent). Small clusters are built in each test in the formats kubectl prints.
 */

const FIXTURES = 'src/core/map/__fixtures__/';
const FILES = ['namespaces.yaml', 'pods.txt', 'telemetry.yaml', 'mesh-configmaps.yaml', 'gateways.yaml'];
const fixtureCluster = () => readCluster(FILES.map((name) => ({ name, text: readFileSync(FIXTURES + name, 'utf8') })));

/** The wizard's defaults (mesh-wide Telemetry in istio-system), Istio 1.30.3, without the Dynatrace sampler. */
const plain = model({ istio: { version: '1.30.3' }, provider: { sampler: false } });

describe('what the map says is missing from the paste', () => {
  it('names each kind of output not given, and says nothing when all were given', () => {
    const podsOnly = buildTracingMap(readCluster(smallClusterTexts({ pods: [sidecar('app', 'w')] })), plain);
    expect(podsOnly.caveats).toEqual([
      'No Telemetries were given: the map assumes there are none (kubectl get telemetry -A -o yaml).',
      "No mesh ConfigMap was given: the map assumes the provider dynatrace-otel is in every control plane's mesh config, as generated.",
      'No namespaces were given: injection and ambient labels of namespaces are not known.',
    ]);
    const namespacesOnly = buildTracingMap(readCluster(smallClusterTexts({ namespaces: { app: {} } })), plain);
    expect(namespacesOnly.caveats[0]).toBe('No pods were given: paste the output of the pod command.');
    expect(namespacesOnly.caveats).not.toContain(
      'No namespaces were given: injection and ambient labels of namespaces are not known.',
    );
    expect(buildTracingMap(fixtureCluster(), plain).caveats).toEqual([]);
  });

  it('without the mesh config, assumes our provider is there, and does not repeat that on every workload', () => {
    const map = buildTracingMap(
      readCluster(
        smallClusterTexts({
          namespaces: { app: { 'istio-injection': 'enabled' } },
          pods: [sidecar('app', 'w')],
          telemetries: [{ ...meshWide, spec: { tracing: [{ providers: [{ name: 'Dynatrace-OTel' }] }] } }],
        }),
      ),
      plain,
    );
    const w = findWorkload(map, 'app', 'Pod/w');
    // The rules module matches provider names as istiod does, ignoring case; the map counts that as ours.
    expect(w).toMatchObject({ status: 'sends', provider: 'Dynatrace-OTel' });
    expect(w.notes).toEqual([]);
  });
});

describe('the namespaces of the map', () => {
  it('lists every namespace in order, with pods or without, and its data plane as its labels say', () => {
    const map = buildTracingMap(fixtureCluster(), plain);
    expect(map.namespaces.map((ns) => [ns.name, ns.dataPlane, ns.workloads.length])).toEqual([
      ['ambient-a', 'ambient, waypoint waypoint', 2],
      ['ambient-b', 'ambient', 1],
      ['default', 'sidecars', 1],
      ['istio-system', 'not in the mesh', 2],
      ['legacy', 'not in the mesh', 1],
      ['orders', 'sidecars, revision canary', 1],
      ['payments', 'sidecars, revision canary', 1],
      ['shop', 'sidecars', 5],
    ]);
    expect(map.namespaces.find((ns) => ns.name === 'shop')!.counts).toEqual({
      disabled: 1,
      sends: 3,
      'not-injected': 1,
    });
    // Workloads sorted by namespace, then owner.
    expect(map.workloads.filter((w) => w.namespace === 'shop').map((w) => w.owner)).toEqual([
      'Deployment/cart',
      'Deployment/catalog',
      'Deployment/native',
      'Deployment/old',
      'StatefulSet/db',
    ]);
  });

  it('keeps a namespace without pods, and says when a namespace’s labels were not given', () => {
    const map = buildTracingMap(
      smallCluster({
        namespaces: { empty: { 'istio-injection': 'enabled' }, app: {} },
        pods: [sidecar('unlisted', 'w'), sidecar('app', 'v')],
      }),
      plain,
    );
    expect(map.namespaces.map((ns) => [ns.name, ns.dataPlane, ns.workloads.length, ns.counts])).toEqual([
      ['app', 'not in the mesh', 1, { 'no-provider': 1 }],
      ['empty', 'sidecars', 0, {}],
      ['unlisted', 'labels not known', 1, { 'no-provider': 1 }],
    ]);
  });
});

describe('grouping pods into workloads', () => {
  it('counts a ReplicaSet’s pods as its Deployment only when the pod-template-hash says so', () => {
    const map = buildTracingMap(
      smallCluster({
        namespaces: { app: { 'istio-injection': 'enabled' } },
        pods: [
          { ...sidecar('app', 'web-5d8f-a', { 'pod-template-hash': '5d8f' }), owner: 'ReplicaSet/web-5d8f' },
          { ...sidecar('app', 'web-5d8f-b', { 'pod-template-hash': '5d8f' }), owner: 'ReplicaSet/web-5d8f' },
          // No hash label: a bare ReplicaSet stays one.
          { ...sidecar('app', 'rs-x'), owner: 'ReplicaSet/rs' },
          // A hash that is not the name's suffix: not a Deployment's ReplicaSet.
          { ...sidecar('app', 'odd-x', { 'pod-template-hash': 'zzz' }), owner: 'ReplicaSet/odd-abc' },
          { ...sidecar('other', 'web-5d8f-c', { 'pod-template-hash': '5d8f' }), owner: 'ReplicaSet/web-5d8f' },
          sidecar('app', 'bare'),
        ],
        telemetries: [meshWide],
        meshes: { default: meshWith() },
      }),
      plain,
    );
    expect(map.workloads.map((w) => [w.namespace, w.owner, w.kind, w.name, w.pods])).toEqual([
      ['app', 'Deployment/web', 'Deployment', 'web', 2],
      ['app', 'Pod/bare', 'Pod', 'bare', 1],
      ['app', 'ReplicaSet/odd-abc', 'ReplicaSet', 'odd-abc', 1],
      ['app', 'ReplicaSet/rs', 'ReplicaSet', 'rs', 1],
      ['other', 'Deployment/web', 'Deployment', 'web', 1],
    ]);
  });

  it('gives workloads that differ only in a label a selector reads their own verdicts', () => {
    // `tier` is not a proxy or mesh label: only the Telemetry's selector (and the wizard's) make it matter.
    const map = buildTracingMap(
      smallCluster({
        namespaces: { app: { 'istio-injection': 'enabled' } },
        pods: [
          { ...sidecar('app', 'db-x', { tier: 'db' }), owner: 'StatefulSet/db' },
          { ...sidecar('app', 'web-x', { tier: 'web' }), owner: 'StatefulSet/web' },
          { ...sidecar('app', 'old-x', { tier: 'db' }), containers: ['app'], owner: 'StatefulSet/old' },
        ],
        telemetries: [
          meshWide,
          {
            namespace: 'app',
            name: 'db-quiet',
            created: TIME(5),
            spec: { selector: { matchLabels: { tier: 'db' } }, tracing: [{ disableSpanReporting: true }] },
          },
        ],
        meshes: { default: meshWith() },
      }),
      plain,
    );
    expect(findWorkload(map, 'app', 'StatefulSet/db').status).toBe('disabled');
    expect(findWorkload(map, 'app', 'StatefulSet/web').status).toBe('sends');
    // Same labels as db, but no proxy: a different verdict.
    expect(findWorkload(map, 'app', 'StatefulSet/old').status).toBe('not-injected');

    const wizardSelects = model({
      istio: { version: '1.30.3' },
      telemetry: { namespace: 'app', selector: [{ key: 'team', value: 'a' }] },
    });
    const targeted = buildTracingMap(
      smallCluster({
        namespaces: { app: { 'istio-injection': 'enabled' } },
        pods: [
          sidecar('app', 'a', { team: 'a' }),
          sidecar('app', 'b', { team: 'b' }),
          sidecar('x', 'c', { team: 'a' }),
        ],
      }),
      wizardSelects,
    );
    expect(targeted.workloads.map((w) => [w.owner, w.targeted])).toEqual([
      ['Pod/a', true],
      ['Pod/b', false],
      ['Pod/c', false],
    ]);
  });

  it('names each workload in its own fix when several share a verdict', () => {
    const map = buildTracingMap(
      smallCluster({
        namespaces: { shop: { 'istio-injection': 'enabled' } },
        pods: [
          { ...noProxy('shop', 'a-1-x', { 'pod-template-hash': '1' }), owner: 'ReplicaSet/a-1' },
          { ...noProxy('shop', 'b-2-x', { 'pod-template-hash': '2' }), owner: 'ReplicaSet/b-2' },
        ],
      }),
      plain,
    );
    expect(map.workloads.map((w) => w.fix)).toEqual([
      'Restart it: kubectl -n shop rollout restart deployment/a.',
      'Restart it: kubectl -n shop rollout restart deployment/b.',
    ]);
  });
});

describe('the verdict for a proxy, from the istiod rules', () => {
  it('a sidecar traced on one side only: partial, naming the side without our provider and what it does', () => {
    const map = buildTracingMap(
      smallCluster({
        namespaces: { app: { 'istio-injection': 'enabled' } },
        pods: [sidecar('app', 'srv', { app: 'srv' })],
        telemetries: [
          meshWide,
          {
            namespace: 'app',
            name: 'client-zipkin',
            created: TIME(3),
            spec: {
              selector: { matchLabels: { app: 'srv' } },
              tracing: [{ match: { mode: 'CLIENT' }, providers: [{ name: 'zipkin' }] }],
            },
          },
        ],
        meshes: { default: meshWith() },
      }),
      plain,
    );
    expect(findWorkload(map, 'app', 'Pod/srv')).toEqual({
      namespace: 'app',
      owner: 'Pod/srv',
      kind: 'Pod',
      name: 'srv',
      pods: 1,
      dataPlane: 'sidecar',
      revision: 'default',
      targeted: true,
      chain: ['istio-system/mesh-default', 'app/client-zipkin'],
      notes: [],
      sampling: 1,
      status: 'partial',
      provider: 'dynatrace-otel',
      reason: 'Only the SERVER side traces to dynatrace-otel; CLIENT: traces go to zipkin (from app/client-zipkin).',
      fix: 'Give the other side the provider too: a tracing entry without match.mode covers both.',
    });
    expect(map.summary.allTargetedSend).toBe(false);
  });

  it('sampling 0 in a Telemetry: nothing traced, naming that Telemetry; the Dynatrace sampler overrides it', () => {
    const cluster = (sampler: boolean) =>
      smallCluster({
        namespaces: { app: { 'istio-injection': 'enabled' } },
        pods: [sidecar('app', 'w')],
        telemetries: [
          meshWide,
          {
            namespace: 'app',
            name: 'zero',
            created: TIME(4),
            spec: { tracing: [{ randomSamplingPercentage: 0, customTags: { env: { literal: { value: 'x' } } } }] },
          },
        ],
        meshes: { default: meshWith({ sampler }) },
      });
    expect(findWorkload(buildTracingMap(cluster(false), plain), 'app', 'Pod/w')).toMatchObject({
      status: 'sampling-zero',
      provider: 'dynatrace-otel',
      sampling: 0,
      customTags: 'env',
      chain: ['istio-system/mesh-default', 'app/zero'],
      reason: 'Sampling is 0 % (app/zero): no request is traced.',
      fix: 'Set randomSamplingPercentage above 0 in app/zero, or use the Dynatrace sampler.',
    });
    // With dynatrace_sampler in the mesh config, istiod ignores the Telemetry's percentage (the rules module).
    expect(findWorkload(buildTracingMap(cluster(true), plain), 'app', 'Pod/w')).toMatchObject({
      status: 'sends',
      sampling: 100,
      reason: 'Traces go to dynatrace-otel (from istio-system/mesh-default).',
      fix: '',
    });
  });

  it('another provider: names the Telemetry that decides; sampling and tags are not shown for spans not ours', () => {
    const map = buildTracingMap(
      smallCluster({
        namespaces: { app: { 'istio-injection': 'enabled' } },
        pods: [sidecar('app', 'w')],
        telemetries: [
          { ...meshWide, spec: { tracing: [{ ...OURS, customTags: { a: { literal: { value: '1' } } } }] } },
          {
            namespace: 'app',
            name: 'to-zipkin',
            created: TIME(1),
            spec: { tracing: [{ providers: [{ name: 'zipkin' }] }] },
          },
        ],
        meshes: { default: meshWith() },
      }),
      plain,
    );
    const w = findWorkload(map, 'app', 'Pod/w');
    expect(w).toMatchObject({
      status: 'other-provider',
      provider: 'zipkin',
      reason: 'Traces go to zipkin, not dynatrace-otel: app/to-zipkin decides.',
      fix: 'Name dynatrace-otel in app/to-zipkin (istiod uses only its first provider), or remove that Telemetry.',
    });
    expect(w.sampling).toBeUndefined();
    expect(w.customTags).toBeUndefined();
    expect(map.summary.sentences).toContain('1 workload sends spans to another provider in namespace app.');
  });

  it('another provider from the mesh config’s defaultProviders: the fix is in the mesh config, not a Telemetry', () => {
    const map = buildTracingMap(
      smallCluster({
        namespaces: { app: { 'istio.io/rev': 'canary' } },
        pods: [sidecar('app', 'w')],
        telemetries: [],
        meshes: { canary: meshWith({ defaultTracing: ['zipkin'] }) },
      }),
      plain,
    );
    const w = findWorkload(map, 'app', 'Pod/w');
    expect(w).toMatchObject({
      status: 'other-provider',
      provider: 'zipkin',
      revision: 'canary',
      chain: [],
      reason: 'Traces go to zipkin, not dynatrace-otel: defaultProviders.tracing decides.',
    });
    expect(w.fix).toBe(
      'Put dynatrace-otel first in defaultProviders.tracing of the mesh config of revision canary (ConfigMap istio-canary), or apply a Telemetry that names it.',
    );
    expect(w.fix).not.toContain('remove that Telemetry');
  });

  it('span reporting disabled: names the Telemetry that disables it, and what to remove', () => {
    const map = buildTracingMap(
      smallCluster({
        namespaces: { app: { 'istio-injection': 'enabled' } },
        pods: [sidecar('app', 'w')],
        telemetries: [
          meshWide,
          { namespace: 'app', name: 'quiet', created: TIME(2), spec: { tracing: [{ disableSpanReporting: true }] } },
        ],
        meshes: { default: meshWith() },
      }),
      plain,
    );
    const w = findWorkload(map, 'app', 'Pod/w');
    expect(w).toMatchObject({
      status: 'disabled',
      reason: 'Span reporting is disabled: disableSpanReporting: true in app/quiet.',
      fix: 'Remove disableSpanReporting from app/quiet.',
    });
    expect(w.provider).toBeUndefined();
    expect(w.sampling).toBeUndefined();
    expect(map.summary.sentences).toEqual([
      '0 of 1 workloads send spans to Dynatrace (provider dynatrace-otel).',
      '1 workload has span reporting disabled in namespace app.',
    ]);
  });

  it('a provider missing from the mesh config: names the revision’s ConfigMap, or none when the revision is not known', () => {
    const named = (revision: string) =>
      findWorkload(
        buildTracingMap(
          smallCluster({
            namespaces: { app: { 'istio.io/rev': revision } },
            pods: [sidecar('app', 'w')],
            telemetries: [{ ...meshWide, spec: { tracing: [{ providers: [{ name: 'nope' }] }] } }],
            meshes: { [revision]: meshWith() },
          }),
          plain,
        ),
        'app',
        'Pod/w',
      );
    expect(named('default')).toMatchObject({
      status: 'no-provider',
      provider: 'nope',
      revision: 'default',
      reason:
        'No spans: istio-system/mesh-default names nope, which is not in the mesh config, so istiod turns tracing off (the mesh config of revision default).',
      fix: 'Add the provider to the mesh config of revision default (ConfigMap istio), or fix the name in the Telemetry.',
    });
    expect(named('blue').fix).toBe(
      'Add the provider to the mesh config of revision blue (ConfigMap istio-blue), or fix the name in the Telemetry.',
    );
    // An ambient workload's waypoint: its revision is not read, so no ConfigMap is named.
    const ambient = buildTracingMap(
      smallCluster({
        namespaces: { amb: { 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'wp' } },
        pods: [noProxy('amb', 'a')],
        telemetries: [{ ...meshWide, spec: { tracing: [{ providers: [{ name: 'nope' }] }] } }],
        meshes: { default: meshWith() },
      }),
      plain,
    );
    const a = findWorkload(ambient, 'amb', 'Pod/a');
    expect(a).toMatchObject({
      status: 'no-provider',
      dataPlane: 'ambient-waypoint',
      waypoint: 'amb/wp',
      reason:
        'Spans come from the waypoint amb/wp: No spans: istio-system/mesh-default names nope, which is not in the mesh config, so istiod turns tracing off.',
      fix: 'Add the provider to the mesh config, or fix the name in the Telemetry.',
    });
    expect(a.revision).toBeUndefined();
  });

  it('no tracing at all: the fix depends on whether the configuration is meant to reach the workload', () => {
    const cluster = smallCluster({
      namespaces: { shop: { 'istio-injection': 'enabled' }, other: { 'istio-injection': 'enabled' } },
      pods: [sidecar('shop', 'a'), sidecar('other', 'b')],
      telemetries: [],
      meshes: { default: meshWith() },
    });
    const map = buildTracingMap(cluster, model({ istio: { version: '1.30.3' }, telemetry: { namespace: 'shop' } }));
    const reason =
      'No spans: no Telemetry that applies here has a tracing entry and the mesh config has no defaultProviders.tracing, so istiod configures no Telemetry tracing.';
    expect(findWorkload(map, 'shop', 'Pod/a')).toMatchObject({
      status: 'no-provider',
      targeted: true,
      reason,
      fix: "Apply the wizard's Telemetry (shop); check that no newer Telemetry here removes the provider.",
    });
    expect(findWorkload(map, 'other', 'Pod/b')).toMatchObject({
      status: 'no-provider',
      targeted: false,
      reason,
      fix: "This workload is outside the configuration's scope (for workloads in shop).",
    });
    expect(map.summary).toMatchObject({ workloads: 2, targeted: 1, sending: 0, allTargetedSend: false });
    expect(map.summary.sentences).toEqual([
      '0 of 2 workloads send spans to Dynatrace (provider dynatrace-otel).',
      'This configuration targets 1; 0 of them send spans.',
      '2 workloads have no tracing provider in effect, most in other (1).',
    ]);
  });

  it('reads the mesh config of the pod’s revision, else its namespace’s, else the default', () => {
    const map = buildTracingMap(
      smallCluster({
        namespaces: { canary: { 'istio.io/rev': 'canary' }, plain: { 'istio-injection': 'enabled' } },
        pods: [
          sidecar('canary', 'by-namespace'),
          sidecar('canary', 'by-pod', { 'istio.io/rev': 'default' }),
          sidecar('plain', 'default'),
        ],
        telemetries: [meshWide],
        // Only the default revision's mesh config has our provider.
        meshes: { default: meshWith(), canary: { extensionProviders: [] } },
      }),
      plain,
    );
    expect(findWorkload(map, 'canary', 'Pod/by-namespace')).toMatchObject({
      status: 'no-provider',
      revision: 'canary',
    });
    expect(findWorkload(map, 'canary', 'Pod/by-pod')).toMatchObject({ status: 'sends', revision: 'default' });
    expect(findWorkload(map, 'plain', 'Pod/default')).toMatchObject({ status: 'sends', revision: 'default' });
  });
});

describe('gateways and waypoints', () => {
  // One mesh-wide Telemetry: zipkin for the CLIENT side, ours for the SERVER side. Gateways read CLIENT, waypoints
  // SERVER (the rules module, istiod's tracing.go), sidecars both.
  const split = {
    ...meshWide,
    spec: {
      tracing: [
        { match: { mode: 'CLIENT' }, providers: [{ name: 'zipkin' }] },
        { match: { mode: 'SERVER' }, providers: [{ name: 'dynatrace-otel' }] },
      ],
    },
  };
  const gatewayPod = (name: string, labels: Record<string, string>): SmallPod => ({
    namespace: 'gw',
    name,
    labels,
    containers: ['istio-proxy'],
  });

  it('tells a waypoint from a gateway by its Gateway’s class, or by the managed label when the Gateway is not given', () => {
    const map = buildTracingMap(
      smallCluster({
        namespaces: { gw: {} },
        pods: [
          gatewayPod('wp', { [GATEWAY]: 'wp' }),
          gatewayPod('ing', { [GATEWAY]: 'ing', [MANAGED]: 'istio.io-mesh-controller' }),
          gatewayPod('unlisted-wp', { [GATEWAY]: 'unlisted-wp', [MANAGED]: 'istio.io-mesh-controller' }),
          gatewayPod('unlisted-gw', { [GATEWAY]: 'unlisted-gw', [MANAGED]: 'istio.io-gateway-controller' }),
          gatewayPod('classic-in', { istio: 'ingressgateway' }),
          gatewayPod('classic-out', { istio: 'egressgateway' }),
          gatewayPod('other-istio-label', { istio: 'pilot' }),
          // The label without a proxy in the pod is no gateway.
          { ...noProxy('gw', 'no-proxy', { [GATEWAY]: 'wp' }) },
        ],
        telemetries: [split],
        meshes: { default: meshWith() },
        gateways: [
          { namespace: 'gw', name: 'wp', className: 'istio-waypoint' },
          { namespace: 'gw', name: 'ing', className: 'istio' },
        ],
      }),
      plain,
    );
    const row = (owner: string) => {
      const w = findWorkload(map, 'gw', owner);
      return [w.dataPlane, w.status, w.provider];
    };
    expect(row('Pod/wp')).toEqual(['waypoint', 'sends', 'dynatrace-otel']);
    expect(row('Pod/ing')).toEqual(['gateway', 'other-provider', 'zipkin']);
    expect(row('Pod/unlisted-wp')).toEqual(['waypoint', 'sends', 'dynatrace-otel']);
    expect(row('Pod/unlisted-gw')).toEqual(['gateway', 'other-provider', 'zipkin']);
    expect(row('Pod/classic-in')).toEqual(['gateway', 'other-provider', 'zipkin']);
    expect(row('Pod/classic-out')).toEqual(['gateway', 'other-provider', 'zipkin']);
    expect(row('Pod/other-istio-label')).toEqual(['sidecar', 'partial', 'dynatrace-otel']);
    expect(findWorkload(map, 'gw', 'Pod/no-proxy')).toMatchObject({ dataPlane: 'none', status: 'not-in-mesh' });
    expect(findWorkload(map, 'gw', 'Pod/wp').revision).toBe('default');
  });

  it('a waypoint pod is judged with its own Gateway name: a Telemetry that targets another waypoint does not reach it', () => {
    const map = buildTracingMap(
      smallCluster({
        namespaces: { gw: {} },
        pods: [gatewayPod('a', { [GATEWAY]: 'a' }), gatewayPod('b', { [GATEWAY]: 'b' })],
        telemetries: [
          meshWide,
          {
            namespace: 'gw',
            name: 'b-off',
            created: TIME(1),
            spec: {
              targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'b' }],
              tracing: [{ disableSpanReporting: true }],
            },
          },
        ],
        meshes: { default: meshWith() },
        gateways: [
          { namespace: 'gw', name: 'a', className: 'istio-waypoint' },
          { namespace: 'gw', name: 'b', className: 'istio-waypoint' },
        ],
      }),
      plain,
    );
    expect(findWorkload(map, 'gw', 'Pod/a')).toMatchObject({ status: 'sends', chain: ['istio-system/mesh-default'] });
    expect(findWorkload(map, 'gw', 'Pod/b')).toMatchObject({
      status: 'disabled',
      chain: ['istio-system/mesh-default', 'gw/b-off'],
      fix: 'Remove disableSpanReporting from gw/b-off.',
    });
  });
});

const GATEWAY = 'gateway.networking.k8s.io/gateway-name';
const MANAGED = 'gateway.istio.io/managed';

describe('ambient workloads', () => {
  it('follow the waypoint the pod or its namespace names, in the namespace the pod names', () => {
    const map = buildTracingMap(
      smallCluster({
        namespaces: {
          amb: { 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'ns-wp' },
          amb2: {
            'istio.io/dataplane-mode': 'ambient',
            'istio.io/use-waypoint': 'shared',
            'istio.io/use-waypoint-namespace': 'gw',
          },
          side: {},
        },
        pods: [
          noProxy('amb', 'by-namespace'),
          noProxy('amb', 'by-pod', { 'istio.io/use-waypoint': 'pod-wp' }),
          noProxy('amb', 'elsewhere', { 'istio.io/use-waypoint': 'shared', 'istio.io/use-waypoint-namespace': 'gw' }),
          noProxy('amb', 'none', { 'istio.io/use-waypoint': 'none' }),
          // The namespace label belongs to the object that names the waypoint: the pod's alone means nothing.
          noProxy('amb', 'ns-only', { 'istio.io/use-waypoint-namespace': 'gw' }),
          noProxy('amb2', 'from-namespace'),
          noProxy('amb2', 'own', { 'istio.io/use-waypoint': 'mine' }),
          // Ambient by its own label, in a namespace that is not.
          noProxy('side', 'own-label', { 'istio.io/dataplane-mode': 'ambient' }),
        ],
        telemetries: [meshWide],
        meshes: { default: meshWith() },
      }),
      plain,
    );
    expect(findWorkload(map, 'amb', 'Pod/by-namespace')).toMatchObject({
      status: 'sends',
      dataPlane: 'ambient-waypoint',
      waypoint: 'amb/ns-wp',
      reason: 'Spans come from the waypoint amb/ns-wp: Traces go to dynatrace-otel (from istio-system/mesh-default).',
    });
    expect(findWorkload(map, 'amb', 'Pod/by-pod').waypoint).toBe('amb/pod-wp');
    expect(findWorkload(map, 'amb', 'Pod/elsewhere').waypoint).toBe('gw/shared');
    expect(findWorkload(map, 'amb', 'Pod/ns-only').waypoint).toBe('amb/ns-wp');
    expect(findWorkload(map, 'amb2', 'Pod/from-namespace').waypoint).toBe('gw/shared');
    expect(findWorkload(map, 'amb2', 'Pod/own').waypoint).toBe('amb2/mine');
    expect(findWorkload(map, 'amb', 'Pod/none')).toEqual({
      namespace: 'amb',
      owner: 'Pod/none',
      kind: 'Pod',
      name: 'none',
      pods: 1,
      dataPlane: 'ambient',
      status: 'ambient-no-waypoint',
      targeted: true,
      chain: [],
      reason: 'Ambient without a waypoint: ztunnel handles only L4 and emits no spans.',
      fix: 'Give the namespace a waypoint: istioctl waypoint apply -n amb --enroll-namespace (or run the workload with a sidecar).',
      notes: [],
    });
    expect(findWorkload(map, 'side', 'Pod/own-label')).toMatchObject({ status: 'ambient-no-waypoint', targeted: true });
  });

  it('reads the Telemetries of the Service’s namespace for a waypoint elsewhere from Istio 1.30.3 on, not before', () => {
    const cluster = smallCluster({
      namespaces: { amb: { 'istio.io/dataplane-mode': 'ambient' }, gw: {} },
      pods: [noProxy('amb', 'a', { 'istio.io/use-waypoint': 'shared', 'istio.io/use-waypoint-namespace': 'gw' })],
      telemetries: [
        meshWide,
        {
          namespace: 'amb',
          name: 'amb-zipkin',
          created: TIME(1),
          spec: { tracing: [{ providers: [{ name: 'zipkin' }] }] },
        },
      ],
      meshes: { default: meshWith() },
    });
    const at = (version: string) =>
      findWorkload(
        buildTracingMap(cluster, model({ istio: { version }, provider: { sampler: false } })),
        'amb',
        'Pod/a',
      );
    expect(at('1.30.3')).toMatchObject({
      status: 'other-provider',
      chain: ['istio-system/mesh-default', 'amb/amb-zipkin'],
    });
    expect(at('1.28.0')).toMatchObject({ status: 'sends', chain: ['istio-system/mesh-default'] });
    // Without the patch number the rules module cannot tell, and says so on the workload.
    expect(at('1.30').notes.join(' ')).toContain('Istio 1.30 without a patch');
  });

  it('reads the only mesh config given for a waypoint whose revision is not known, else the default one', () => {
    const build = (meshes: Record<string, Record<string, unknown>>) =>
      findWorkload(
        buildTracingMap(
          smallCluster({
            namespaces: { amb: { 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'wp' } },
            pods: [noProxy('amb', 'a')],
            telemetries: [meshWide],
            meshes,
          }),
          plain,
        ),
        'amb',
        'Pod/a',
      ).status;
    expect(build({ canary: meshWith() })).toBe('sends');
    expect(build({ canary: { extensionProviders: [] } })).toBe('no-provider');
    expect(build({ default: meshWith(), canary: { extensionProviders: [] } })).toBe('sends');
    expect(build({ default: { extensionProviders: [] }, canary: meshWith() })).toBe('no-provider');
  });
});

describe('workloads without a proxy', () => {
  it('a pod that opts out of injection in an injected namespace: says so, and does not ask to label the namespace', () => {
    const map = buildTracingMap(
      smallCluster({
        namespaces: { app: { 'istio-injection': 'enabled' }, plain: {} },
        pods: [
          noProxy('app', 'opt', { 'sidecar.istio.io/inject': 'false' }),
          noProxy('plain', 'opt', { 'sidecar.istio.io/inject': 'false' }),
          noProxy('plain', 'out'),
        ],
      }),
      plain,
    );
    const opt = findWorkload(map, 'app', 'Pod/opt');
    expect(opt).toMatchObject({
      status: 'not-in-mesh',
      dataPlane: 'none',
      reason:
        'The pod opts out of injection (sidecar.istio.io/inject: "false"), though its namespace is labelled for it.',
      fix: 'If it should be traced, remove sidecar.istio.io/inject: "false" from its pod template and restart it: kubectl -n app rollout restart pod/opt.',
    });
    expect(opt.fix).not.toContain('kubectl label namespace');
    expect(findWorkload(map, 'plain', 'Pod/opt')).toMatchObject({
      status: 'not-in-mesh',
      targeted: false,
      reason: 'The pod opts out of injection (sidecar.istio.io/inject: "false").',
      fix: '',
    });
    expect(findWorkload(map, 'plain', 'Pod/out')).toMatchObject({
      status: 'not-in-mesh',
      targeted: false,
      reason: 'No istio-proxy and its namespace is not labelled for injection or ambient mode.',
      fix: '',
    });
  });

  it('a pod that opts out of ambient mode in an ambient namespace: says so, not that the namespace lacks the label', () => {
    const map = buildTracingMap(
      smallCluster({
        namespaces: { amb: { 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'wp' } },
        pods: [noProxy('amb', 'out', { 'istio.io/dataplane-mode': 'none' })],
      }),
      plain,
    );
    const out = findWorkload(map, 'amb', 'Pod/out');
    expect(out).toMatchObject({
      status: 'not-in-mesh',
      dataPlane: 'none',
      reason:
        'The pod opts out of ambient mode (istio.io/dataplane-mode: none), though its namespace is in ambient mode.',
      fix: 'If it should be traced, remove the label istio.io/dataplane-mode=none from the pod and its template.',
    });
    expect(out.reason).not.toContain('not labelled');
  });

  it('a pod in a namespace labelled with a revision but created before it: not injected, restart it', () => {
    const map = buildTracingMap(
      smallCluster({
        namespaces: { app: { 'istio.io/rev': 'canary' } },
        pods: [{ ...noProxy('app', 'db-0'), owner: 'StatefulSet/db' }],
      }),
      model({ istio: { version: '1.30.3' }, telemetry: { namespace: 'other' } }),
    );
    expect(findWorkload(map, 'app', 'StatefulSet/db')).toMatchObject({
      status: 'not-injected',
      targeted: false,
      chain: [],
      reason:
        'Its namespace is labelled for injection, but the pod has no istio-proxy: it was created before the label (or the injector was down).',
      fix: 'Restart it: kubectl -n app rollout restart statefulset/db.',
    });
  });
});

describe('which workloads the configuration targets', () => {
  it('mesh-wide: every workload in the mesh; namespace: only that namespace’s; never a pod outside the mesh', () => {
    const cluster = () =>
      smallCluster({
        namespaces: {
          a: { 'istio-injection': 'enabled' },
          b: { 'istio.io/rev': 'canary' },
          amb: { 'istio.io/dataplane-mode': 'ambient' },
          out: {},
        },
        pods: [
          sidecar('a', 'x'),
          noProxy('a', 'old'),
          sidecar('b', 'y'),
          noProxy('amb', 'z'),
          noProxy('out', 'own', { 'istio.io/dataplane-mode': 'ambient' }),
          noProxy('out', 'no'),
          { ...noProxy('out', 'native'), initContainers: ['istio-proxy'] },
        ],
      });
    const targeted = (map: TracingMap) =>
      map.workloads.filter((w) => w.targeted).map((w) => `${w.namespace}/${w.owner}`);
    expect(targeted(buildTracingMap(cluster(), plain))).toEqual([
      'a/Pod/old',
      'a/Pod/x',
      'amb/Pod/z',
      'b/Pod/y',
      'out/Pod/native',
      'out/Pod/own',
    ]);
    expect(
      targeted(buildTracingMap(cluster(), model({ istio: { version: '1.30.3' }, telemetry: { namespace: 'a' } }))),
    ).toEqual(['a/Pod/old', 'a/Pod/x']);
  });

  it('a waypoint Telemetry: the waypoint itself and the workloads that use it, not another waypoint', () => {
    const m = model({
      istio: { version: '1.30.3', ambient: true, ambientTracing: 'waypoints' },
      telemetry: { waypoint: { name: 'wp', namespace: 'amb' } },
    });
    const map = buildTracingMap(
      smallCluster({
        namespaces: {
          amb: { 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'wp' },
          amb2: { 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'other' },
        },
        pods: [
          { namespace: 'amb', name: 'wp-1', labels: { [GATEWAY]: 'wp' }, containers: ['istio-proxy'] },
          { namespace: 'amb', name: 'other-1', labels: { [GATEWAY]: 'other' }, containers: ['istio-proxy'] },
          { namespace: 'amb2', name: 'wp-1', labels: { [GATEWAY]: 'wp' }, containers: ['istio-proxy'] },
          noProxy('amb', 'app'),
          // A waypoint named wp of its own namespace: not the one the Telemetry targets.
          noProxy('amb2', 'same-name', { 'istio.io/use-waypoint': 'wp' }),
          noProxy('amb2', 'by-label', { 'istio.io/use-waypoint': 'wp', 'istio.io/use-waypoint-namespace': 'amb' }),
          noProxy('amb2', 'app'),
        ],
      }),
      m,
    );
    expect(map.workloads.map((w) => [`${w.namespace}/${w.owner}`, w.targeted])).toEqual([
      ['amb/Pod/app', true],
      ['amb/Pod/other-1', false],
      ['amb/Pod/wp-1', true],
      ['amb2/Pod/app', false],
      ['amb2/Pod/by-label', true],
      ['amb2/Pod/same-name', false],
      ['amb2/Pod/wp-1', false],
    ]);
  });
});

describe('native sidecars', () => {
  const cluster = () =>
    smallCluster({
      namespaces: { app: { 'istio-injection': 'enabled' } },
      pods: [
        { ...noProxy('app', 'n'), initContainers: ['istio-proxy'] },
        { ...noProxy('app', 'q', { quiet: 'yes' }), initContainers: ['istio-proxy'] },
      ],
      telemetries: [
        meshWide,
        {
          namespace: 'app',
          name: 'quiet',
          created: TIME(1),
          spec: { selector: { matchLabels: { quiet: 'yes' } }, tracing: [{ disableSpanReporting: true }] },
        },
      ],
      meshes: { default: meshWith() },
    });

  it('note the missing metadata only where spans are sent, and only with the Operator’s resource detector', () => {
    const operator = buildTracingMap(cluster(), model({ mode: 'operator', istio: { version: '1.30.3' } }));
    expect(findWorkload(operator, 'app', 'Pod/n')).toMatchObject({ status: 'sends', dataPlane: 'native-sidecar' });
    expect(findWorkload(operator, 'app', 'Pod/n').notes).toHaveLength(1);
    expect(findWorkload(operator, 'app', 'Pod/n').notes[0]).toMatch(
      /^Native sidecar: the Dynatrace Operator’s metadata/,
    );
    expect(findWorkload(operator, 'app', 'Pod/q')).toMatchObject({
      status: 'disabled',
      dataPlane: 'native-sidecar',
      notes: [],
    });
    const noDetector = buildTracingMap(
      cluster(),
      model({ mode: 'operator', istio: { version: '1.30.3' }, provider: { resourceDetector: false } }),
    );
    expect(findWorkload(noDetector, 'app', 'Pod/n').notes).toEqual([]);
  });
});

describe('the summary', () => {
  it('orders the causes by count and names the namespace with most of each', () => {
    const map = buildTracingMap(
      smallCluster({
        namespaces: {
          a: { 'istio-injection': 'enabled' },
          b: { 'istio-injection': 'enabled' },
          c: { 'istio.io/dataplane-mode': 'ambient' },
        },
        pods: [
          noProxy('a', 'old1'),
          noProxy('b', 'old2'),
          noProxy('b', 'old3', { x: '1' }),
          noProxy('c', 'amb'),
          sidecar('a', 'ok'),
        ],
        telemetries: [meshWide],
        meshes: { default: meshWith() },
      }),
      plain,
    );
    expect(map.summary).toEqual({
      workloads: 5,
      targeted: 5,
      sending: 1,
      counts: { 'not-injected': 3, sends: 1, 'ambient-no-waypoint': 1 },
      sentences: [
        '1 of 5 workloads send spans to Dynatrace (provider dynatrace-otel).',
        '3 workloads are not injected, most in b (2).',
        '1 workload is ambient without a waypoint in namespace c.',
      ],
      allTargetedSend: false,
    });
  });

  it('says every targeted workload sends when they do, without counting the untargeted ones', () => {
    const map = buildTracingMap(
      smallCluster({
        namespaces: { a: { 'istio-injection': 'enabled' }, out: {} },
        pods: [sidecar('a', 'x'), sidecar('a', 'y'), noProxy('out', 'z'), noProxy('out', 'w')],
        telemetries: [meshWide],
        meshes: { default: meshWith() },
      }),
      plain,
    );
    expect(map.summary).toMatchObject({ workloads: 4, targeted: 2, sending: 2, allTargetedSend: true });
    expect(map.summary.sentences).toEqual([
      '2 of 4 workloads send spans to Dynatrace (provider dynatrace-otel).',
      'This configuration targets 2; 2 of them send spans.',
      '2 workloads are not in the mesh in namespace out.',
    ]);
  });
});
