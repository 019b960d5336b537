import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { model } from '../__fixtures__/models';
import { loadMeshConfig } from '../istiod/mesh-providers';
import { resolveTracing, type TelemetryInput } from '../istiod/tracing-rules';
import { tracingMapJson, tracingMapText } from './map-text';
import { readCluster, POD_LIST_HEADER, type ClusterSnapshot } from './read-cluster';
import { buildTracingMap, type MapWorkload } from './tracing-map';

const FIXTURES = 'src/core/map/__fixtures__/';
const FILES = ['namespaces.yaml', 'pods.txt', 'telemetry.yaml', 'mesh-configmaps.yaml', 'gateways.yaml'];
const cluster = () => readCluster(FILES.map((name) => ({ name, text: readFileSync(FIXTURES + name, 'utf8') })));
const operator = model({ istio: { version: '1.30.3' } });

function workload(map: { workloads: MapWorkload[] }, namespace: string, owner: string): MapWorkload {
  const found = map.workloads.find((w) => w.namespace === namespace && w.owner === owner);
  if (!found) throw new Error(`no ${namespace}/${owner}`);
  return found;
}

describe('the tracing map of a multi-namespace cluster', () => {
  // Built inside each test, not when the file is collected (the mutation runner cannot tie that to a test).
  const built = () => buildTracingMap(cluster(), operator);

  it('reads every kind of output without a problem', () => {
    const snapshot = cluster();
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.read).toEqual({
      namespaces: true,
      pods: true,
      telemetries: true,
      meshConfigs: true,
      gateways: true,
    });
    expect(snapshot.pods).toHaveLength(16);
    expect(snapshot.meshConfigs.map((cm) => cm.revision)).toEqual(['default', 'canary']);
  });

  it('groups pods by their controller: a ReplicaSet counts as its Deployment, a StatefulSet as itself', () => {
    const map = built();
    expect(workload(map, 'default', 'Deployment/web').pods).toBe(2);
    expect(workload(map, 'shop', 'StatefulSet/db').pods).toBe(2);
    expect(map.workloads).toHaveLength(14);
  });

  it('says which workloads send spans through our provider, and through which Telemetry', () => {
    const map = built();
    const web = workload(map, 'default', 'Deployment/web');
    expect(web).toMatchObject({ status: 'sends', dataPlane: 'sidecar', provider: 'dynatrace-otel', sampling: 100 });
    expect(web.chain).toEqual(['istio-system/dynatrace-telemetry-otel']);
    expect(web.fix).toBe('');
    expect(workload(map, 'istio-system', 'Deployment/istio-ingressgateway')).toMatchObject({
      status: 'sends',
      dataPlane: 'gateway',
    });
  });

  it('names the newer namespace Telemetry that sends a namespace’s spans to another provider', () => {
    const map = built();
    const billing = workload(map, 'payments', 'Deployment/billing');
    expect(billing).toMatchObject({ status: 'other-provider', provider: 'zipkin', revision: 'canary' });
    expect(billing.chain).toEqual(['istio-system/dynatrace-telemetry-otel', 'payments/payments-tracing']);
    expect(billing.reason).toContain('payments/payments-tracing decides');
    expect(billing.fix).toContain('payments/payments-tracing');
  });

  it('finds the revision whose mesh config lacks the provider', () => {
    const map = built();
    const orders = workload(map, 'orders', 'Deployment/orders');
    expect(orders).toMatchObject({ status: 'no-provider', revision: 'canary' });
    expect(orders.reason).toContain('not in the mesh config');
    expect(orders.fix).toContain('ConfigMap istio-canary');
    expect(orders.sampling).toBeUndefined();
  });

  it('names the selector Telemetry that disables span reporting, for the selected workload only', () => {
    const map = built();
    const cart = workload(map, 'shop', 'Deployment/cart');
    expect(cart.status).toBe('disabled');
    expect(cart.fix).toContain('shop/cart-quiet');
    expect(workload(map, 'shop', 'Deployment/catalog').status).toBe('sends');
  });

  it('tells pods without a sidecar in an injected namespace from pods outside the mesh', () => {
    const map = built();
    const old = workload(map, 'shop', 'Deployment/old');
    expect(old).toMatchObject({ status: 'not-injected', targeted: true });
    expect(old.fix).toBe('Restart it: kubectl -n shop rollout restart deployment/old.');
    expect(workload(map, 'legacy', 'Job/batch-28934160')).toMatchObject({ status: 'not-in-mesh', targeted: false });
    expect(workload(map, 'istio-system', 'Deployment/istiod')).toMatchObject({
      status: 'not-in-mesh',
      targeted: false,
    });
  });

  it('traces ambient workloads through their waypoint, and says that ambient without one sends nothing', () => {
    const map = built();
    expect(workload(map, 'ambient-a', 'Deployment/api')).toMatchObject({
      status: 'sends',
      dataPlane: 'ambient-waypoint',
      waypoint: 'ambient-a/waypoint',
    });
    expect(workload(map, 'ambient-a', 'Deployment/waypoint')).toMatchObject({ status: 'sends', dataPlane: 'waypoint' });
    const worker = workload(map, 'ambient-b', 'Deployment/worker');
    expect(worker).toMatchObject({ status: 'ambient-no-waypoint', dataPlane: 'ambient' });
    expect(worker.fix).toContain('istioctl waypoint apply -n ambient-b');
  });

  it('sends a native sidecar’s spans but says they miss the Operator’s metadata', () => {
    const map = built();
    const native = workload(map, 'shop', 'Deployment/native');
    expect(native).toMatchObject({ status: 'sends', dataPlane: 'native-sidecar' });
    expect(native.notes.join(' ')).toContain('sidecar.istio.io/nativeSidecar: "false"');
    expect(workload(map, 'shop', 'Deployment/catalog').notes).toEqual([]);
    // Standalone mode has no Operator enrichment to miss.
    const standalone = buildTracingMap(
      cluster(),
      model({ mode: 'standalone', istio: { version: '1.30.3' }, token: { storage: 'istiod-env' } }),
    );
    expect(workload(standalone, 'shop', 'Deployment/native').notes).toEqual([]);
  });

  it('opens with a summary that counts and names the largest causes', () => {
    const map = built();
    expect(map.summary).toMatchObject({ workloads: 14, sending: 7, targeted: 12, allTargetedSend: false });
    expect(map.summary.sentences[0]).toBe('7 of 14 workloads send spans to Dynatrace (provider dynatrace-otel).');
    expect(map.summary.sentences).toContain('This configuration targets 12; 7 of them send spans.');
    expect(map.summary.sentences).toContain('1 workload sends spans to another provider in namespace payments.');
    expect(map.summary.sentences).toContain('2 workloads are not in the mesh, most in istio-system (1).');
  });

  it('prints the same facts as text and as JSON', () => {
    const map = built();
    const text = tracingMapText(map);
    expect(text.split('\n')[0]).toBe(map.summary.sentences[0]);
    expect(text).toContain('✗ Deployment/billing (1 pod): another provider');
    expect(text).toContain('decided by: istio-system/dynatrace-telemetry-otel → payments/payments-tracing');
    const json = JSON.parse(tracingMapJson(map));
    expect(json.summary.sending).toBe(7);
    expect(json.workloads).toHaveLength(14);
  });

  it('targets only the workloads of the configuration’s scope', () => {
    const shopOnly = buildTracingMap(
      cluster(),
      model({ istio: { version: '1.30.3' }, telemetry: { namespace: 'shop' } }),
    );
    expect(shopOnly.workloads.filter((w) => w.targeted).map((w) => w.owner)).toEqual([
      'Deployment/cart',
      'Deployment/catalog',
      'Deployment/native',
      'Deployment/old',
      'StatefulSet/db',
    ]);
  });
});

describe('reading what people paste for the map', () => {
  it('reads kubectl get pods -o yaml as well as the compact list', () => {
    const snapshot = readCluster([
      {
        name: 'pods.yaml',
        text: `apiVersion: v1
items:
- apiVersion: v1
  kind: Pod
  metadata:
    labels: {app: web, pod-template-hash: abc12}
    name: web-abc12-x
    namespace: default
    ownerReferences:
    - {apiVersion: apps/v1, kind: ReplicaSet, name: web-abc12}
  spec:
    containers: [{name: web}, {name: istio-proxy}]
    initContainers: [{name: istio-init}]
kind: List
metadata: {resourceVersion: ""}
`,
      },
    ]);
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.pods[0]).toMatchObject({
      namespace: 'default',
      ownerKind: 'ReplicaSet',
      ownerName: 'web-abc12',
      containers: ['web', 'istio-proxy'],
      initContainers: ['istio-init'],
    });
  });

  it('names the file and the line of a malformed pod line, and of broken YAML', () => {
    const snapshot = readCluster([
      { name: 'pods.txt', text: `${POD_LIST_HEADER}\nshop\tonly-two-fields\n` },
      { name: 'bad.yaml', text: 'items: [\n' },
      { name: 'other.yaml', text: 'kind: Service\nmetadata: {name: x}\n' },
    ]);
    expect(snapshot.problems[0]).toMatch(/^pods\.txt, line 2: expected namespace, name, owner/);
    expect(snapshot.problems.some((p) => /^bad\.yaml: not readable as YAML at line \d+, column \d+/.test(p))).toBe(
      true,
    );
    expect(snapshot.problems).toContain(
      'other.yaml: nothing the map reads (namespaces, pods, Telemetries, mesh ConfigMaps or Gateways).',
    );
  });

  it('refuses an input over the size cap without reading it', () => {
    const snapshot = readCluster([{ name: 'huge.txt', text: 'x'.repeat(3 * 1024 * 1024) }]);
    expect(snapshot.problems[0]).toMatch(/^huge\.txt: /);
    expect(snapshot.pods).toEqual([]);
  });

  it('keeps a 5,000-pod cluster in the compact form well under the 2 MB cap', () => {
    const line = readFileSync(`${FIXTURES}pods.txt`, 'utf8').split('\n')[3]!;
    expect(line.length * 5000).toBeLessThan(1.5 * 1024 * 1024);
  });
});

describe('the map agrees with the istiod rules module', () => {
  const PROVIDERS = ['dynatrace-otel', 'zipkin', 'missing'];
  const telemetry = fc.record({
    namespace: fc.constantFrom('istio-system', 'app'),
    selector: fc.option(fc.constantFrom('x', 'y'), { nil: undefined }),
    provider: fc.option(fc.constantFrom(...PROVIDERS), { nil: undefined }),
    disable: fc.option(fc.boolean(), { nil: undefined }),
    sampling: fc.option(fc.constantFrom(0, 5, 100), { nil: undefined }),
    minute: fc.integer({ min: 0, max: 59 }),
  });

  it('gives every sidecar workload the rules module’s verdict for its proxy', () => {
    fc.assert(
      fc.property(fc.array(telemetry, { maxLength: 6 }), fc.constantFrom('x', 'y'), (specs, app) => {
        const telemetries: TelemetryInput[] = specs.map((t, index) => ({
          name: `t${index}`,
          namespace: t.namespace,
          creationTimestamp: `2026-11-01T10:${String(t.minute).padStart(2, '0')}:00Z`,
          spec: {
            ...(t.selector ? { selector: { matchLabels: { app: t.selector } } } : {}),
            tracing: [
              {
                ...(t.provider ? { providers: [{ name: t.provider }] } : {}),
                ...(t.disable === undefined ? {} : { disableSpanReporting: t.disable }),
                ...(t.sampling === undefined ? {} : { randomSamplingPercentage: t.sampling }),
              },
            ],
          },
        }));
        const mesh = {
          extensionProviders: [
            { name: 'dynatrace-otel', opentelemetry: { service: 'c.svc', port: 4318 } },
            { name: 'zipkin', zipkin: { service: 'z.svc', port: 9411 } },
          ],
        };
        const snapshot: ClusterSnapshot = {
          namespaces: [{ name: 'app', labels: { 'istio-injection': 'enabled' } }],
          pods: [
            {
              namespace: 'app',
              name: 'w-1',
              ownerKind: '',
              ownerName: '',
              labels: { app, 'istio.io/rev': 'default' },
              containers: ['w', 'istio-proxy'],
              initContainers: [],
            },
          ],
          telemetries,
          meshConfigs: [{ namespace: 'istio-system', name: 'istio', revision: 'default', mesh }],
          gateways: [],
          read: { namespaces: true, pods: true, telemetries: true, meshConfigs: true, gateways: true },
          problems: [],
        };
        const m = model({ provider: { sampler: false }, istio: { version: '1.28.0' } });
        const [w] = buildTracingMap(snapshot, m).workloads;
        const rules = resolveTracing({
          telemetries,
          rootNamespace: 'istio-system',
          proxy: { kind: 'sidecar', namespace: 'app', labels: { app, 'istio.io/rev': 'default' } },
          istioVersion: '1.28.0',
          mesh: loadMeshConfig(mesh),
        });
        const ours = [rules.client, rules.server].every(
          (side) => side.status === 'traces' && side.provider?.value === 'dynatrace-otel' && side.sampling.percent > 0,
        );
        expect(w!.status === 'sends').toBe(ours);
        expect(w!.chain).toEqual(rules.applied.map((verdict) => verdict.id));
        if (rules.client.status === 'disabled' && rules.server.status === 'disabled')
          expect(w!.status).toBe('disabled');
      }),
    );
  });
});
