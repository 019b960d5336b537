import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wrapLabel } from './wrap-label';

describe('a hop label in lines', () => {
  it('keeps a short label on one line', () => {
    expect(wrapLabel('/v1/traces', 40, 2)).toEqual(['/v1/traces']);
  });

  it('breaks a long host at a dot, so the port stays readable', () => {
    expect(wrapLabel('dynakube-telemetry-ingest.dynatrace.svc.cluster.local:4318', 40, 2)).toEqual([
      'dynakube-telemetry-ingest.dynatrace.svc.',
      'cluster.local:4318',
    ]);
  });

  it('clips what does not fit in the lines it may use', () => {
    expect(wrapLabel('a'.repeat(100), 40, 2)).toEqual(['a'.repeat(40), `${'a'.repeat(39)}…`]);
  });

  it('never makes a line longer than the width, nor more lines than allowed, nor loses text it has room for', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.integer({ min: 4, max: 60 }),
        fc.integer({ min: 1, max: 4 }),
        (text, width, max) => {
          const lines = wrapLabel(text, width, max);
          expect(lines.length).toBeLessThanOrEqual(max);
          for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
          if (!lines.at(-1)!.endsWith('…')) expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
        },
      ),
    );
  });
});
