import { describe, expect, it } from 'vitest';
import { WAYPOINT_PEER_TAGS, gatewayUpstreamSpan, spansThroughProxy } from './spans-by-version';

/*
 * istio/istio pilot/pkg/networking/core/tracing.go and pilot/pkg/features/telemetry.go at the tags named in
 * spans-by-version.ts: no gateway upstream span for OpenTelemetry up to 1.25, PILOT_SPAWN_UPSTREAM_SPAN_FOR_GATEWAY
 * default false on 1.26–1.27, true on 1.28–1.30, gone (always on) at 1.31.0-rc.0; waypoint peer tags from 1.29.0.
 */
const roles = (proxy: 'gateway' | 'waypoint', version: string, flag?: boolean) =>
  spansThroughProxy(proxy, version, flag).spans.map((span) => span.role);

describe('spans through a gateway, per Istio version', () => {
  it.each([
    ['1.22', 'never'],
    ['1.23', 'never'],
    ['1.24', 'never'],
    ['1.25.5', 'never'],
    ['1.26', 'opt-in'],
    ['1.27', 'opt-in'],
    ['1.28.0', 'on-by-default'],
    ['1.29', 'on-by-default'],
    ['1.30', 'on-by-default'],
    ['1.30.3', 'on-by-default'],
    ['1.31.0-rc.0', 'always'],
    ['1.34', 'always'],
  ])('%s: the upstream span is %s', (version, mode) => {
    expect(gatewayUpstreamSpan(version)).toBe(mode);
  });

  it('adds the upstream span by the version and, on 1.26–1.30, by istiod’s flag', () => {
    expect(roles('gateway', '1.24')).toEqual(['proxy']);
    expect(roles('gateway', '1.24', true)).toEqual(['proxy']);
    expect(roles('gateway', '1.27')).toEqual(['proxy']);
    expect(roles('gateway', '1.27', true)).toEqual(['proxy', 'upstream']);
    expect(roles('gateway', '1.28')).toEqual(['proxy', 'upstream']);
    expect(roles('gateway', '1.30.3', false)).toEqual(['proxy']);
    expect(roles('gateway', '1.31.0-rc.0', false)).toEqual(['proxy', 'upstream']);
    expect(spansThroughProxy('gateway', '1.29').spans[1]?.needsFlag).toEqual({
      name: 'PILOT_SPAWN_UPSTREAM_SPAN_FOR_GATEWAY',
      value: true,
    });
    expect(spansThroughProxy('gateway', '1.31.0-rc.0').spans[1]?.needsFlag).toBeUndefined();
  });
});

describe('spans through a waypoint, per Istio version', () => {
  it('is one span, never an upstream one, whatever the gateway flag', () => {
    for (const version of ['1.24', '1.28', '1.29', '1.31.0-rc.0']) {
      expect(roles('waypoint', version, true)).toEqual(['proxy']);
    }
  });

  it('carries the peers’ workload tags from 1.29 only', () => {
    for (const version of ['1.24', '1.26', '1.27', '1.28.10'])
      expect(spansThroughProxy('waypoint', version).extraTags).toEqual([]);
    for (const version of ['1.29', '1.30', '1.30.3', '1.31.0-rc.0', '1.40']) {
      expect(spansThroughProxy('waypoint', version).extraTags).toEqual(WAYPOINT_PEER_TAGS);
    }
    expect(WAYPOINT_PEER_TAGS).toContain('istio.source_workload');
    expect(WAYPOINT_PEER_TAGS).toContain('istio.destination_namespace');
  });

  it('reads an unreadable version as the default (the newest release known)', () => {
    expect(gatewayUpstreamSpan('soon')).toBe('on-by-default');
  });
});
