import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMeshConfig } from './mesh-config-schema';
import { parseGoDuration } from './go-duration';

describe('Go durations (item 10)', () => {
  it('reads what time.ParseDuration reads', () => {
    expect(parseGoDuration('10s')).toBe(10);
    expect(parseGoDuration('500ms')).toBeCloseTo(0.5);
    expect(parseGoDuration('1m30s')).toBe(90);
    expect(parseGoDuration('1h')).toBe(3600);
    expect(parseGoDuration('1.5m')).toBe(90);
    expect(parseGoDuration('-2s')).toBe(-2);
    expect(parseGoDuration('0')).toBe(0);
    for (const bad of ['', '10', 's', '1d', '10 s', '1m30', 'ten s']) expect(parseGoDuration(bad)).toBeUndefined();
  });

  it('adds up any sequence of parts', () => {
    const part = fc.tuple(fc.integer({ min: 0, max: 999 }), fc.constantFrom('ms', 's', 'm', 'h'));
    const seconds = { ms: 0.001, s: 1, m: 60, h: 3600 } as const;
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 4 }), (parts) => {
        const text = parts.map(([n, unit]) => `${n}${unit}`).join('');
        const expected = parts.reduce((sum, [n, unit]) => sum + n * seconds[unit], 0);
        expect(parseGoDuration(text)).toBeCloseTo(expected, 6);
      }),
    );
  });

  it('no longer flags 500ms or 1m30s in a pasted mesh config', () => {
    for (const timeout of ['500ms', '1m30s']) {
      const mesh = {
        extensionProviders: [{ name: 'x', opentelemetry: { port: 1, service: 'a.b', http: { path: '/', timeout } } }],
      };
      expect(checkMeshConfig(mesh)).toEqual([]);
    }
  });
});
