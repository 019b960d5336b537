import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countLines, describeTextSize, isLargeText, LARGE_TEXT_CHARS } from './large-text';

describe('a large pasted text', () => {
  it('is large from the threshold on', () => {
    expect(isLargeText('x'.repeat(LARGE_TEXT_CHARS - 1))).toBe(false);
    expect(isLargeText('x'.repeat(LARGE_TEXT_CHARS))).toBe(true);
  });

  it('counts lines as an editor numbers them', () => {
    expect(countLines('')).toBe(0);
    expect(countLines('a')).toBe(1);
    expect(countLines('a\n')).toBe(1);
    expect(countLines('a\nb')).toBe(2);
    expect(countLines('\n\n')).toBe(2);
    fc.assert(
      // Lines that are not empty, so that a final line break is not read as one more (empty) line.
      fc.property(fc.array(fc.stringMatching(/^[^\n]+$/)), fc.boolean(), (lines, finalBreak) => {
        const text = lines.join('\n') + (finalBreak && lines.length > 0 ? '\n' : '');
        expect(countLines(text)).toBe(lines.length);
      }),
    );
  });

  it('is described by its size in MB (as the input limit is) and its lines, with thousands separated', () => {
    const line = `${'x'.repeat(35)}\n`;
    expect(describeTextSize(line.repeat(29_128))).toBe('1.0 MB, 29,128 lines');
    expect(describeTextSize(line.repeat(7_000))).toBe('246 KB, 7,000 lines');
    expect(describeTextSize('é')).toBe('0 KB, 1 line');
    expect(describeTextSize('é'.repeat(600_000))).toBe('1.1 MB, 1 line');
  });
});
