import { describe, expect, it } from 'vitest';
import type { Plain } from '../plain-data';
import { chooseMergeTarget, scopeAttachmentSpec } from './merge-target';
import type { TracingScope } from './scope-proxy';
import type { TelemetryInput } from './tracing-rules';

/*
 * Which existing Telemetry a merge for the wizard's scope edits (istio/istio pilot/pkg/model/telemetry.go):
 * - namespace-wide: the oldest of the namespace that has no matchLabels and, from 1.24.0, no targetRefs
 *   (namespaceWideTelemetryConfig at 1.22.0 and 1.24.0) — never a selector or targetRefs Telemetry;
 * - a selector or a waypoint: the newest Telemetry attached the same way (applicableTelemetries applies them
 *   oldest first), never one attached another way.
 */

const tel = (name: string, spec: Plain, created?: string, namespace = 'shop'): TelemetryInput => ({
  name,
  namespace,
  spec,
  ...(created === undefined ? {} : { creationTimestamp: created }),
});
const scope = (over: Partial<TracingScope> = {}): TracingScope => ({
  namespace: 'shop',
  rootNamespace: 'istio-system',
  matchLabels: {},
  ...over,
});
const gatewayRef = (name: string, extra: Plain = {}) => ({
  group: 'gateway.networking.k8s.io',
  kind: 'Gateway',
  name,
  ...extra,
});
const selector = (labels: Record<string, string>) => ({ selector: { matchLabels: labels } });
const names = (list: TelemetryInput[]) => list.map((t) => t.name);
const T1 = '2024-01-01T00:00:00Z';
const T2 = '2024-06-01T00:00:00Z';
const T3 = '2025-01-01T00:00:00Z';

describe('scopeAttachmentSpec', () => {
  it('writes targetRefs for a waypoint, a selector for labels, nothing for namespace-wide', () => {
    expect(scopeAttachmentSpec(scope({ waypoint: 'wp', matchLabels: { app: 'x' } }))).toEqual({
      targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'wp' }],
    });
    const labels = { app: 'cart' };
    const spec = scopeAttachmentSpec(scope({ matchLabels: labels }));
    expect(spec).toEqual({ selector: { matchLabels: { app: 'cart' } } });
    expect((spec.selector as { matchLabels: unknown }).matchLabels).not.toBe(labels);
    expect(scopeAttachmentSpec(scope())).toEqual({});
  });
});

describe('chooseMergeTarget: namespace-wide and mesh-wide', () => {
  it('edits the OLDEST namespace-wide Telemetry and names the others; never a selector or targetRefs one (1.24+)', () => {
    const list = [
      tel('newer-wide', {}, T3),
      tel('selector', selector({ app: 'cart' }), T1),
      tel('refs', { targetRefs: [gatewayRef('wp')] }, T1),
      tel('singular-ref', { targetRef: gatewayRef('wp') }, T1),
      tel('older-wide', { tracing: [{}] }, T2),
      tel('elsewhere', {}, T1, 'other'),
    ];
    const choice = chooseMergeTarget(list, scope(), '1.28.0');
    expect(choice.target?.name).toBe('older-wide');
    expect(names(choice.others)).toEqual(['newer-wide']);
    expect(choice.attachment).toBe('namespace-wide');
    expect(choice.rules.text).toBe('1.28.0');
    expect(choice.why).toBe(
      'istiod uses only the oldest namespace-wide Telemetry of shop, so a second one would be ignored',
    );
  });

  it('a mesh-wide provider goes into the root namespace-wide Telemetry, never into a selector or targetRefs one there', () => {
    const root = 'istio-system';
    const list = [
      tel('workload', selector({ app: 'cart' }), T1, root),
      tel('gateway', { targetRefs: [gatewayRef('ingress')] }, T1, root),
      tel('gateway-singular', { targetRef: gatewayRef('ingress') }, T1, root),
    ];
    const meshWide = scope({ namespace: root });
    const none = chooseMergeTarget(list, meshWide, '1.28.0');
    expect(none.target).toBeUndefined();
    expect(none.others).toEqual([]);
    expect(none.why).toBe('istio-system has no namespace-wide Telemetry yet');
    const withMesh = chooseMergeTarget([...list, tel('mesh-default', {}, T3, root)], meshWide, '1.28.0');
    expect(withMesh.target?.name).toBe('mesh-default');
    expect(withMesh.others).toEqual([]);
  });

  it('orders a pasted Telemetry without creationTimestamp first (the zero time)', () => {
    const choice = chooseMergeTarget([tel('dated', {}, T1), tel('pasted', {})], scope(), '1.28.0');
    expect(choice.target?.name).toBe('pasted');
    expect(names(choice.others)).toEqual(['dated']);
  });

  it('on 1.22–1.23 a targetRefs-only Telemetry is namespace-wide: a waypoint scope merges into the oldest of them', () => {
    const list = [tel('refs-other', { targetRefs: [gatewayRef('other')] }, T1), tel('plain', {}, T2)];
    const choice = chooseMergeTarget(list, scope({ waypoint: 'wp' }), '1.23.0');
    expect(choice.attachment).toBe('namespace-wide');
    expect(choice.target?.name).toBe('refs-other');
    expect(names(choice.others)).toEqual(['plain']);
    expect(choice.why).toBe(
      'istiod uses only the oldest namespace-wide Telemetry of shop (on Istio 1.23.0 a Telemetry with targetRefs counts as namespace-wide), so a second one would be ignored',
    );
    // From 1.24 the same list: the waypoint's own Telemetry does not exist, the plain one is not it.
    const later = chooseMergeTarget(list, scope({ waypoint: 'wp' }), '1.24.0');
    expect(later.attachment).toBe('waypoint');
    expect(later.target).toBeUndefined();
  });
});

describe('chooseMergeTarget: a selector', () => {
  const cart = scope({ matchLabels: { app: 'cart' } });

  it('edits the NEWEST Telemetry with exactly our labels and names the older ones it overrides', () => {
    const list = [
      tel('newest', selector({ app: 'cart' }), T3),
      tel('oldest', selector({ app: 'cart' }), T1),
      tel('middle', selector({ app: 'cart' }), T2),
      tel('wide', {}, T2),
      tel('superset', selector({ app: 'cart', tier: 'web' }), T3),
      tel('other-value', selector({ app: 'web' }), T3),
      tel('other-key', selector({ name: 'cart' }), T3),
      tel('with-refs', { ...selector({ app: 'cart' }), targetRefs: [gatewayRef('wp')] }, T3),
      tel('elsewhere', selector({ app: 'cart' }), T3, 'other'),
    ];
    const choice = chooseMergeTarget(list, cart, '1.28.0');
    expect(choice.attachment).toBe('selector');
    expect(choice.target?.name).toBe('newest');
    expect(names(choice.others)).toEqual(['oldest', 'middle']);
    expect(choice.why).toBe('istiod applies every Telemetry with this selector, oldest first, so the newest decides');
  });

  it('does not take a Telemetry whose labels are a subset of ours', () => {
    const choice = chooseMergeTarget(
      [tel('subset', selector({ app: 'cart' }), T1)],
      scope({ matchLabels: { app: 'cart', tier: 'web' } }),
      '1.28.0',
    );
    expect(choice.target).toBeUndefined();
    expect(choice.why).toBe('no Telemetry in shop has this selector');
  });

  it('does not take a Telemetry with as many labels of which only some are ours', () => {
    const choice = chooseMergeTarget(
      [tel('half', selector({ app: 'cart', tier: 'db' }), T1)],
      scope({ matchLabels: { app: 'cart', tier: 'web' } }),
      '1.28.0',
    );
    expect(choice.target).toBeUndefined();
  });
});

describe('chooseMergeTarget: a waypoint (1.24+)', () => {
  const wp = scope({ waypoint: 'wp' });

  it('edits the newest Telemetry whose targetRefs (or singular targetRef) name our Gateway', () => {
    const list = [
      tel('plural', { targetRefs: [gatewayRef('other'), gatewayRef('wp')] }, T1),
      tel('singular', { targetRef: gatewayRef('wp', { namespace: 'shop' }) }, T2),
      tel('wide', {}, T3),
    ];
    const choice = chooseMergeTarget(list, wp, '1.28.0');
    expect(choice.attachment).toBe('waypoint');
    expect(choice.target?.name).toBe('singular');
    expect(names(choice.others)).toEqual(['plural']);
    expect(choice.why).toBe('istiod applies every Telemetry that targets wp, oldest first, so the newest decides');
  });

  it('never takes a ref of another kind, group, name or namespace', () => {
    const list = [
      tel('service', { targetRefs: [{ group: '', kind: 'Service', name: 'wp' }] }, T1),
      tel('group', { targetRefs: [gatewayRef('wp', { group: 'networking.istio.io' })] }, T1),
      tel('name', { targetRefs: [gatewayRef('wp2')] }, T1),
      tel('namespace', { targetRefs: [gatewayRef('wp', { namespace: 'other' })] }, T1),
      tel('class', { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'GatewayClass', name: 'wp' }] }, T1),
    ];
    const choice = chooseMergeTarget(list, wp, '1.28.0');
    expect(choice.target).toBeUndefined();
    expect(choice.others).toEqual([]);
    expect(choice.why).toBe('no Telemetry in shop targets the waypoint wp');
  });
});
