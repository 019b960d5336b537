import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inputSizeProblem, MAX_INPUT_BYTES, utf8ByteLength } from './input-size';

describe('the input size limit', () => {
  it('reads anything up to the limit', () => {
    expect(inputSizeProblem(0)).toBeUndefined();
    expect(inputSizeProblem(MAX_INPUT_BYTES)).toBeUndefined();
  });

  it('refuses one byte more, naming the size and the limit', () => {
    expect(inputSizeProblem(MAX_INPUT_BYTES + 1)).toMatch(/^This is 2\.0 MB; .* at most 2 MB is read\./);
    expect(inputSizeProblem(5.3 * 1024 * 1024)).toMatch(/^This is 5\.3 MB/);
  });

  it('says what to paste instead, for the box that refused', () => {
    expect(inputSizeProblem(MAX_INPUT_BYTES + 1)).toContain('Paste only the IstioOperator, Helm values or ConfigMap');
    expect(inputSizeProblem(MAX_INPUT_BYTES + 1, 'telemetry')).toMatch(
      /^This is 2\.0 MB; at most 2 MB is read\. Paste only your Telemetry resources/,
    );
    expect(inputSizeProblem(MAX_INPUT_BYTES + 1, 'cluster-output')).toContain('Paste a shorter log');
    expect(inputSizeProblem(MAX_INPUT_BYTES, 'telemetry')).toBeUndefined();
  });

  it('counts UTF-8 bytes, as the limit is stated', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text, 'utf8'));
      }),
    );
  });
});
