import { describe, expect, it } from 'vitest';
import { model } from './__fixtures__/models';
import { findRequirements } from './findings';

/* The Telemetry findings decide with istiod's rules (src/core/istiod), per version. */

const ids = (version: string, patch = {}) => findRequirements(model({ istio: { version }, ...patch })).map((f) => f.id);

describe('Telemetry findings', () => {
  it('warn about a second namespace-wide Telemetry for a waypoint Telemetry only where istiod counts it as namespace-wide (1.22–1.23)', () => {
    const waypoint = {
      istio: { ambient: true, ambientTracing: 'waypoints' },
      telemetry: { waypoint: { name: 'wp', namespace: 'shop' } },
    } as const;
    const at = (version: string) =>
      findRequirements(model({ ...waypoint, istio: { ...waypoint.istio, version } })).map((f) => f.id);
    expect(at('1.23')).toContain('one-telemetry-per-namespace');
    expect(at('1.24')).not.toContain('one-telemetry-per-namespace');
    expect(ids('1.26')).toContain('one-telemetry-per-namespace');
    expect(ids('1.26', { telemetry: { namespace: 'shop', selector: [{ key: 'app', value: 'x' }] } })).not.toContain(
      'one-telemetry-per-namespace',
    );
  });

  it('say that formatter tags need 1.29+ proxies too, only when the wizard has formatter tags', () => {
    const formatter = {
      telemetry: {
        customTags: [{ name: 'sni', type: 'formatter' as const, value: '%REQUESTED_SERVER_NAME%', defaultValue: '' }],
      },
    };
    const finding = findRequirements(model({ istio: { version: '1.29' }, ...formatter })).find(
      (f) => f.id === 'custom-tag-formatter-proxies',
    );
    expect(finding?.message).toMatch(/proxies/);
    expect(finding?.message).toContain('sni');
    expect(ids('1.29')).not.toContain('custom-tag-formatter-proxies');
  });
});
