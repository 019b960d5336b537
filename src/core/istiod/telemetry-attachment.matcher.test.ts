import { describe, expect, it } from 'vitest';
import type { Plain } from '../plain-data';
import { istiodRulesFor } from './istiod-version';
import {
  describeRef,
  GATEWAY_NAME_LABEL,
  matchLabelsOf,
  shouldAttach,
  targetRefsOf,
  WAYPOINT_GATEWAY_CLASS,
  type AttachProxy,
} from './telemetry-attachment';

/*
 * The policy matcher, case by case with the message that tells the user why (istio/istio
 * pilot/pkg/model/policyattachment.go WorkloadPolicyMatcher.ShouldAttachPolicy and GetTargetRefs, read at 1.22.0
 * and 1.28.0; restating TestPolicyMatcher in policyattachment_test.go where it covers the case, and the code
 * where it does not: the group check (matchesGroupKind / config.CanonicalGroup), the policy-namespace rule of
 * 1.25.0, the explicit ref namespace).
 */

const ROOT = 'istio-system';
const R122 = istiodRulesFor('1.22.0');
const R124 = istiodRulesFor('1.24.0');
const R128 = istiodRulesFor('1.28.0');
const GW = 'gateway.networking.k8s.io';
const gw = (name: string, extra: Plain = {}) => ({ group: GW, kind: 'Gateway', name, ...extra });
const svc = (name: string, extra: Plain = {}) => ({ group: '', kind: 'Service', name, ...extra });

const sidecar: AttachProxy = { isWaypoint: false, namespace: 'shop', labels: { app: 'cart', tier: 'web' } };
const ingress: AttachProxy = {
  isWaypoint: false,
  namespace: 'shop',
  labels: { [GATEWAY_NAME_LABEL]: 'ingress', app: 'gw' },
};
const waypoint: AttachProxy = {
  isWaypoint: true,
  namespace: 'shop',
  labels: { [GATEWAY_NAME_LABEL]: 'wp' },
  service: { namespace: 'shop', name: 'cart', kind: 'Service' },
};
const attach = (spec: Plain, proxy: AttachProxy, rules = R128, namespace = 'shop') =>
  shouldAttach({ namespace, spec }, proxy, rules, ROOT);

describe('matchLabelsOf and targetRefsOf', () => {
  it('reads matchLabels as text; nothing without a selector', () => {
    expect(matchLabelsOf({ selector: { matchLabels: { app: 'cart', version: 2 } } })).toEqual({
      app: 'cart',
      version: '2',
    });
    expect(matchLabelsOf({})).toEqual({});
    expect(matchLabelsOf({ selector: null })).toEqual({});
  });

  it('reads targetRefs, or the singular targetRef only when targetRefs is empty (GetTargetRefs)', () => {
    const one = { group: GW, kind: 'Gateway', name: 'a', namespace: 'shop' };
    expect(targetRefsOf({ targetRef: one })).toEqual([one]);
    expect(targetRefsOf({ targetRefs: [], targetRef: one })).toEqual([one]);
    expect(targetRefsOf({ targetRefs: [gw('b')], targetRef: one })).toEqual([
      { group: GW, kind: 'Gateway', name: 'b', namespace: '' },
    ]);
    expect(targetRefsOf({})).toEqual([]);
    expect(targetRefsOf({ targetRef: 'a' })).toEqual([]);
    expect(targetRefsOf({ targetRefs: 'a' })).toEqual([]);
    expect(targetRefsOf({ targetRefs: [null] })).toEqual([{ group: '', kind: '', name: '', namespace: '' }]);
  });

  it('describes a ref by kind and name, and says which is missing', () => {
    expect(describeRef({ group: GW, kind: 'Gateway', name: 'wp', namespace: '' })).toBe('Gateway wp');
    expect(describeRef({ group: '', kind: '', name: '', namespace: '' })).toBe('(no kind) (no name)');
  });
});

describe('shouldAttach: proxies not deployed from a Gateway API Gateway', () => {
  it('TestPolicyMatcher "non-gateway API workload and a targetRef": ignored, and says why', () => {
    expect(attach({ targetRefs: [gw('ingress')] }, sidecar)).toEqual({
      attaches: false,
      why: 'it has targetRefs, which sidecars and gateways not deployed from a Gateway API Gateway ignore',
    });
    expect(attach({ targetRef: gw('ingress'), selector: { matchLabels: { app: 'cart' } } }, sidecar).attaches).toBe(
      false,
    );
  });

  it('"non-gateway API workload and a selector": attaches when every label matches, not when one differs', () => {
    expect(attach({ selector: { matchLabels: { app: 'cart' } } }, sidecar)).toEqual({
      attaches: true,
      why: "its selector (app=cart) matches the pod's labels",
    });
    expect(attach({ selector: { matchLabels: { app: 'cart', tier: 'db' } } }, sidecar)).toEqual({
      attaches: false,
      why: "its selector (app=cart,tier=db) does not match the pod's labels",
    });
    expect(attach({ selector: { matchLabels: { zone: 'a' } } }, sidecar).attaches).toBe(false);
  });

  it('with unknown pod labels a selector may match: unsure, not attached', () => {
    expect(attach({ selector: { matchLabels: { app: 'cart' } } }, { ...sidecar, labels: undefined })).toEqual({
      attaches: false,
      unsure: true,
      why: "its selector (app=cart) may match: the pod's labels are not known",
    });
  });
});

describe('shouldAttach: Gateway API gateways and waypoints without targetRefs', () => {
  it('"gateway API ingress and a selector": the selector is used', () => {
    expect(attach({ selector: { matchLabels: { app: 'gw' } } }, ingress).attaches).toBe(true);
    expect(attach({ selector: { matchLabels: { app: 'other' } } }, ingress).attaches).toBe(false);
  });

  it('"waypoint and a selector": never, even when the labels match', () => {
    expect(attach({ selector: { matchLabels: { [GATEWAY_NAME_LABEL]: 'wp' } } }, waypoint)).toEqual({
      attaches: false,
      why: 'waypoints ignore workload selectors (they need targetRefs)',
    });
  });
});

describe('shouldAttach: targetRefs from 1.24', () => {
  it('"gateway API ingress and a targetRef": its own Gateway, in its namespace, with the Gateway API group', () => {
    expect(attach({ targetRefs: [gw('ingress')] }, ingress)).toEqual({
      attaches: true,
      why: 'its targetRefs name this Gateway (ingress)',
    });
    expect(attach({ targetRefs: [gw('ingress', { namespace: 'shop' })] }, ingress).attaches).toBe(true);
    expect(attach({ targetRef: gw('ingress') }, ingress).attaches).toBe(true);
  });

  it('"non-matching targetRef": another name, another namespace, another group or kind does not attach', () => {
    for (const ref of [
      gw('other'),
      gw('ingress', { namespace: 'other' }),
      gw('ingress', { group: 'networking.istio.io' }),
      gw('ingress', { group: '' }),
      { group: GW, kind: 'GatewayClass', name: 'ingress' },
    ])
      expect(attach({ targetRefs: [ref] }, ingress, R128).attaches, JSON.stringify(ref)).toBe(false);
    expect(attach({ targetRefs: [gw('other'), svc('x')] }, ingress)).toEqual({
      attaches: false,
      why: 'its targetRefs (Gateway other, Service x) do not name this gateway',
    });
  });

  it('"waypoint and partial matching targetRefs": one matching ref is enough', () => {
    expect(attach({ targetRefs: [gw('other'), gw('wp')] }, waypoint).attaches).toBe(true);
    expect(attach({ targetRefs: [gw('other'), gw('nope')] }, waypoint)).toEqual({
      attaches: false,
      why: 'its targetRefs (Gateway other, Gateway nope) do not name this waypoint or the Service shop/cart it serves',
    });
    expect(attach({ targetRefs: [gw('nope')] }, { ...waypoint, service: undefined })).toEqual({
      attaches: false,
      why: 'its targetRefs (Gateway nope) do not name this waypoint',
    });
  });

  it('"service attached policy": the Service a waypoint serves, the policy sitting in the Service’s namespace', () => {
    expect(attach({ targetRefs: [svc('cart')] }, waypoint)).toEqual({
      attaches: true,
      why: 'its targetRefs name the Service shop/cart this waypoint serves',
    });
    expect(attach({ targetRefs: [svc('cart', { group: 'core' })] }, waypoint).attaches).toBe(true);
    // The kind defaults to a Kubernetes Service.
    expect(
      attach({ targetRefs: [svc('cart')] }, { ...waypoint, service: { namespace: 'shop', name: 'cart' } }).attaches,
    ).toBe(true);
    // Another Service, a policy outside the Service's namespace, a ServiceEntry ref, or a sidecar-like gateway: no.
    expect(attach({ targetRefs: [svc('other')] }, waypoint).attaches).toBe(false);
    const crossNs = { ...waypoint, service: { namespace: 'other', name: 'cart', kind: 'Service' as const } };
    expect(attach({ targetRefs: [svc('cart')] }, crossNs, R128, 'shop').attaches).toBe(false);
    expect(attach({ targetRefs: [svc('cart')] }, crossNs, R128, 'other')).toEqual({
      attaches: true,
      why: 'its targetRefs name the Service other/cart this waypoint serves',
    });
    expect(
      attach({ targetRefs: [{ group: 'networking.istio.io', kind: 'ServiceEntry', name: 'cart' }] }, waypoint).attaches,
    ).toBe(false);
    expect(attach({ targetRefs: [svc('cart')] }, { ...ingress, service: waypoint.service }).attaches).toBe(false);
  });

  it('"service entry attached policy": a ServiceEntry ref reaches a waypoint serving that ServiceEntry', () => {
    const external = { ...waypoint, service: { namespace: 'shop', name: 'ext', kind: 'ServiceEntry' as const } };
    expect(
      attach({ targetRefs: [{ group: 'networking.istio.io', kind: 'ServiceEntry', name: 'ext' }] }, external),
    ).toEqual({
      attaches: true,
      why: 'its targetRefs name the ServiceEntry shop/ext this waypoint serves',
    });
    expect(attach({ targetRefs: [svc('ext')] }, external).attaches).toBe(false);
  });

  it('"gateway class attached policy in root namespace": from 1.25.0, root namespace only, waypoints only', () => {
    const classRef = { group: GW, kind: 'GatewayClass', name: WAYPOINT_GATEWAY_CLASS };
    expect(WAYPOINT_GATEWAY_CLASS).toBe('istio-waypoint');
    expect(attach({ targetRefs: [classRef] }, waypoint, R128, ROOT)).toEqual({
      attaches: true,
      why: 'its targetRefs name the GatewayClass istio-waypoint from the root namespace',
    });
    expect(attach({ targetRefs: [classRef] }, waypoint, R124, ROOT).attaches).toBe(false);
    expect(attach({ targetRefs: [classRef] }, waypoint, R128, 'shop').attaches).toBe(false);
    expect(attach({ targetRefs: [classRef] }, ingress, R128, ROOT).attaches).toBe(false);
    expect(attach({ targetRefs: [{ ...classRef, name: 'istio' }] }, waypoint, R128, ROOT).attaches).toBe(false);
    expect(attach({ targetRefs: [{ ...classRef, group: '' }] }, waypoint, R128, ROOT).attaches).toBe(false);
  });

  it('from 1.25.0 a Gateway ref attaches only from the proxy’s own namespace; on 1.24 from any', () => {
    const ref = { targetRefs: [gw('ingress', { namespace: 'shop' })] };
    expect(attach(ref, ingress, R128, 'other').attaches).toBe(false);
    expect(attach(ref, ingress, R124, 'other')).toEqual({
      attaches: true,
      why: 'its targetRefs name this Gateway (ingress)',
    });
  });
});

describe('shouldAttach: the 1.22–1.23 matcher (a Telemetry reaches it only with a selector too)', () => {
  it('a Gateway ref names the proxy’s Gateway in its namespace', () => {
    expect(attach({ targetRefs: [gw('ingress')] }, ingress, R122)).toEqual({
      attaches: true,
      why: 'its targetRefs name this Gateway (ingress)',
    });
    expect(attach({ targetRefs: [gw('ingress', { namespace: 'shop' })] }, ingress, R122).attaches).toBe(true);
    expect(attach({ targetRefs: [gw('ingress', { namespace: 'other' })] }, ingress, R122).attaches).toBe(false);
    expect(attach({ targetRefs: [gw('other')] }, ingress, R122).attaches).toBe(false);
    expect(attach({ targetRefs: [gw('ingress', { group: 'networking.istio.io' })] }, ingress, R122).attaches).toBe(
      false,
    );
  });

  it('a Service ref names the Service a waypoint serves, by name; not for other gateways', () => {
    expect(attach({ targetRefs: [svc('cart')] }, waypoint, R122)).toEqual({
      attaches: true,
      why: 'its targetRefs name the Service cart',
    });
    expect(attach({ targetRefs: [svc('cart', { namespace: 'other' })] }, waypoint, R122).attaches).toBe(false);
    expect(attach({ targetRefs: [svc('cart')] }, { ...ingress, service: waypoint.service }, R122).attaches).toBe(false);
    expect(attach({ targetRefs: [svc('other')] }, waypoint, R122).attaches).toBe(false);
    // A waypoint whose served Service is not known: a Service ref names nothing (and nothing breaks).
    expect(attach({ targetRefs: [svc('cart')] }, { ...waypoint, service: undefined }, R122)).toEqual({
      attaches: false,
      why: 'its targetRefs (Service cart) do not name this waypoint',
    });
    expect(attach({ targetRefs: [{ ...svc('cart'), kind: 'ServiceEntry' }] }, waypoint, R122).attaches).toBe(false);
    // A GatewayClass ref is no target before 1.25, even from the root namespace.
    expect(
      attach({ targetRefs: [{ group: GW, kind: 'GatewayClass', name: 'istio-waypoint' }] }, waypoint, R122, ROOT)
        .attaches,
    ).toBe(false);
  });
});
