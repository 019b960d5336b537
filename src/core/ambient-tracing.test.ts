import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { operatorSaas } from './__fixtures__/models';
import {
  telemetryNamespace,
  tracesAtWaypoints,
  waypointIssues,
  waypointTarget,
  waypointTargetRefs,
} from './ambient-tracing';
import { defaultModel, withDefaults } from './defaults';
import { validateModel } from './model';
import { decodeShareFragment, encodeShareFragment } from './share-link';

const valid = (patch: unknown) =>
  validateModel(withDefaults(patch, withDefaults({ dynatrace: { environmentId: 'abc12345', clusterId: '1' } })));
const pathsOf = (patch: unknown) => {
  const result = valid(patch);
  return result.ok ? [] : result.issues.map((issue) => issue.path);
};

describe('the ambient tracing choice', () => {
  it('defaults to the guide’s advice (sidecars), also for configurations written before the choice existed', () => {
    expect(defaultModel.istio.ambientTracing).toBe('sidecar');
    const input = withDefaults({ istio: { ambient: true }, dynatrace: { environmentId: 'abc12345', clusterId: '1' } });
    const { ambientTracing: _tracing, ...istio } = input.istio;
    const { waypoint: _waypoint, ...telemetry } = input.telemetry;
    const old = validateModel({ ...input, istio, telemetry });
    expect(old.ok && old.model.istio.ambientTracing).toBe('sidecar');
    expect(old.ok && old.model.telemetry.waypoint).toEqual({ name: '', namespace: '' });
  });

  it('traces at waypoints only when ambient mode is on and waypoints are chosen', () => {
    expect(tracesAtWaypoints({ istio: { ambient: true, ambientTracing: 'waypoints' } })).toBe(true);
    expect(tracesAtWaypoints({ istio: { ambient: false, ambientTracing: 'waypoints' } })).toBe(false);
    expect(tracesAtWaypoints({ istio: { ambient: true, ambientTracing: 'sidecar' } })).toBe(false);
  });

  it('targets a waypoint with group/kind/name only, never apiVersion or a namespace (istio#57261)', () => {
    expect(waypointTargetRefs({ name: 'waypoint', namespace: 'shop' })).toEqual([
      { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'waypoint' },
    ]);
  });

  it('puts the Telemetry in the waypoint’s namespace when one is named, and ignores the waypoint otherwise', () => {
    const named = operatorSaas({
      istio: { ambient: true, ambientTracing: 'waypoints' },
      telemetry: { namespace: 'istio-system', waypoint: { name: 'waypoint', namespace: 'shop' } },
    });
    expect(waypointTarget(named)).toEqual({ name: 'waypoint', namespace: 'shop' });
    expect(telemetryNamespace(named)).toBe('shop');
    const sidecars = { ...named, istio: { ...named.istio, ambient: false } };
    expect(waypointTarget(sidecars)).toBeUndefined();
    expect(telemetryNamespace(sidecars)).toBe('istio-system');
  });

  it('checks the waypoint fields only when they are used, with the field named', () => {
    const waypoints = { istio: { ambient: true, ambientTracing: 'waypoints' } };
    expect(pathsOf({ ...waypoints, telemetry: { waypoint: { name: 'Waypoint!', namespace: 'shop' } } })).toEqual([
      'telemetry.waypoint.name',
    ]);
    expect(pathsOf({ ...waypoints, telemetry: { waypoint: { name: 'waypoint', namespace: '' } } })).toEqual([
      'telemetry.waypoint.namespace',
    ]);
    expect(pathsOf({ ...waypoints, telemetry: { waypoint: { name: '', namespace: 'shop' } } })).toEqual([
      'telemetry.waypoint.name',
    ]);
    expect(pathsOf({ ...waypoints, telemetry: { waypoint: { name: 'waypoint', namespace: 'Shop' } } })).toEqual([
      'telemetry.waypoint.namespace',
    ]);
    // Hidden (sidecar choice, or ambient off): never blocks.
    expect(pathsOf({ istio: { ambient: true }, telemetry: { waypoint: { name: 'Bad!', namespace: '' } } })).toEqual([]);
  });

  it('refuses a workload selector together with a waypoint target, which the CRD forbids', () => {
    expect(
      pathsOf({
        istio: { ambient: true, ambientTracing: 'waypoints' },
        telemetry: { selector: [{ key: 'app', value: 'cart' }], waypoint: { name: 'waypoint', namespace: 'shop' } },
      }),
    ).toEqual(['telemetry.waypoint.name']);
  });

  it('never reports a problem for a well-formed waypoint', () => {
    const label = fc.stringMatching(/^[a-z]([-a-z0-9]{0,30}[a-z0-9])?$/);
    fc.assert(
      fc.property(label, label, (name, namespace) => {
        expect(
          waypointIssues({
            istio: { ambient: true, ambientTracing: 'waypoints' },
            telemetry: { namespace: 'istio-system', selector: [], waypoint: { name, namespace } },
          }),
        ).toEqual([]);
      }),
    );
  });

  it('survives a share link, and links made before the choice open with the sidecar advice', () => {
    const values = withDefaults({
      istio: { ambient: true, ambientTracing: 'waypoints' },
      telemetry: { waypoint: { name: 'waypoint', namespace: 'shop' } },
    });
    const decoded = decodeShareFragment(`#${encodeShareFragment(values, 'telemetry')}`);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.state.values.istio.ambientTracing).toBe('waypoints');
    expect(decoded.state.values.telemetry.waypoint).toEqual({ name: 'waypoint', namespace: 'shop' });

    const before = decodeShareFragment(
      `#${encodeShareFragment(withDefaults({ istio: { ambient: true } }), 'requirements')}`,
    );
    if (!before.ok) throw new Error(before.message);
    expect(before.state.values.istio.ambientTracing).toBe('sidecar');
  });
});
