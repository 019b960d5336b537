import { describe, expect, it } from 'vitest';
import { model } from '../__fixtures__/models';
import {
  describeScope,
  isMeshWide,
  scopeProxy,
  tracingScopeOf,
  unusedNamespace,
  type TracingScope,
} from './scope-proxy';

/* The proxy that stands for the wizard's Telemetry scope, and how the scope is named to the user. */

const scope = (over: Partial<TracingScope> = {}): TracingScope => ({
  namespace: 'istio-system',
  rootNamespace: 'istio-system',
  matchLabels: {},
  ...over,
});

describe('tracingScopeOf', () => {
  it('mesh-wide: the root namespace, no labels, sidecars', () => {
    expect(
      tracingScopeOf(model({ istio: { rootNamespace: 'mesh-root' }, telemetry: { namespace: 'mesh-root' } })),
    ).toEqual({
      namespace: 'mesh-root',
      rootNamespace: 'mesh-root',
      matchLabels: {},
      waypoint: undefined,
      atWaypoints: false,
    });
  });

  it('a selector: its labels, copied', () => {
    const m = model({ telemetry: { namespace: 'shop', selector: [{ key: 'app', value: 'cart' }] } });
    const result = tracingScopeOf(m);
    expect(result).toMatchObject({ namespace: 'shop', matchLabels: { app: 'cart' }, atWaypoints: false });
    result.matchLabels.extra = 'x';
    expect(tracingScopeOf(m).matchLabels).toEqual({ app: 'cart' });
  });

  it('a named waypoint: its namespace and name; waypoints without one: atWaypoints only', () => {
    const named = tracingScopeOf(
      model({
        istio: { ambient: true, ambientTracing: 'waypoints' },
        telemetry: { waypoint: { name: 'wp', namespace: 'shop' } },
      }),
    );
    expect(named).toMatchObject({ namespace: 'shop', waypoint: 'wp', atWaypoints: true });
    const unnamed = tracingScopeOf(model({ istio: { ambient: true, ambientTracing: 'waypoints' } }));
    expect(unnamed).toMatchObject({ namespace: 'istio-system', waypoint: undefined, atWaypoints: true });
  });
});

describe('isMeshWide', () => {
  it('only the root namespace without labels and without a waypoint', () => {
    expect(isMeshWide(scope())).toBe(true);
    expect(isMeshWide(scope({ namespace: 'shop' }))).toBe(false);
    expect(isMeshWide(scope({ matchLabels: { app: 'cart' } }))).toBe(false);
    expect(isMeshWide(scope({ waypoint: 'wp' }))).toBe(false);
    expect(isMeshWide(scope({ atWaypoints: true }))).toBe(true);
  });
});

describe('unusedNamespace', () => {
  it('a namespace no Telemetry uses, counting up from 2 past the used ones', () => {
    expect(unusedNamespace([])).toBe('a-namespace-without-telemetry');
    expect(unusedNamespace([{ namespace: 'shop' }])).toBe('a-namespace-without-telemetry');
    expect(unusedNamespace([{ namespace: 'a-namespace-without-telemetry' }])).toBe('a-namespace-without-telemetry-2');
    expect(
      unusedNamespace([
        { namespace: 'a-namespace-without-telemetry-2' },
        { namespace: 'a-namespace-without-telemetry' },
        { namespace: 'a-namespace-without-telemetry-3' },
      ]),
    ).toBe('a-namespace-without-telemetry-4');
  });
});

describe('scopeProxy', () => {
  const used = [{ namespace: 'istio-system' }, { namespace: 'a-namespace-without-telemetry' }];

  it('mesh-wide: a sidecar without labels in a namespace without its own Telemetry', () => {
    expect(scopeProxy(scope(), used)).toEqual({
      kind: 'sidecar',
      namespace: 'a-namespace-without-telemetry-2',
      labels: {},
    });
  });

  it('namespace-wide: a sidecar without labels in that namespace; a selector: one with those labels', () => {
    expect(scopeProxy(scope({ namespace: 'shop' }), used)).toEqual({ kind: 'sidecar', namespace: 'shop', labels: {} });
    const labels = { app: 'cart' };
    const proxy = scopeProxy(scope({ namespace: 'shop', matchLabels: labels }), used);
    expect(proxy).toEqual({ kind: 'sidecar', namespace: 'shop', labels: { app: 'cart' } });
    expect(proxy.labels).not.toBe(labels);
  });

  it('a named waypoint: that Gateway serving a Service of its own namespace, never a sidecar', () => {
    expect(scopeProxy(scope({ namespace: 'shop', waypoint: 'wp', atWaypoints: true }), used)).toEqual({
      kind: 'waypoint',
      namespace: 'shop',
      labels: {},
      gatewayName: 'wp',
      service: { namespace: 'shop', name: 'a-service-it-serves', kind: 'Service' },
    });
  });

  it('waypoints without a name: a waypoint named "waypoint" in the namespace (or one without Telemetry when mesh-wide)', () => {
    expect(scopeProxy(scope({ namespace: 'shop', atWaypoints: true }), used)).toEqual({
      kind: 'waypoint',
      namespace: 'shop',
      labels: {},
      gatewayName: 'waypoint',
      service: { namespace: 'shop', name: 'a-service-it-serves', kind: 'Service' },
    });
    expect(scopeProxy(scope({ atWaypoints: true }), used)).toMatchObject({
      kind: 'waypoint',
      namespace: 'a-namespace-without-telemetry-2',
      service: { namespace: 'a-namespace-without-telemetry-2' },
    });
  });
});

describe('describeScope', () => {
  it('names each scope as the user chose it', () => {
    expect(describeScope(scope({ namespace: 'shop', waypoint: 'wp' }))).toBe('the waypoint wp in shop');
    expect(describeScope(scope({ namespace: 'shop', matchLabels: { app: 'cart', tier: 'web' } }))).toBe(
      'workloads labelled app=cart,tier=web in shop',
    );
    expect(describeScope(scope())).toBe('the whole mesh');
    expect(describeScope(scope({ namespace: 'shop' }))).toBe('namespace shop');
  });
});
