import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { defaultModel } from './defaults';
import type { ModelInput } from './model';
import { decodeShareFragment, encodeShareFragment } from './share-link';

/* Decoding treats a link as hostile: what a tampered or malformed link must not get through. */

const toB64 = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const deflated = (payload: unknown) => deflateSync(strToU8(JSON.stringify(payload)), { level: 9 });
const formatOne = (payload: unknown) => `s=1.${toB64(deflated(payload))}`;
const opened = (fragment: string) => {
  const decoded = decodeShareFragment(fragment);
  if (!decoded.ok) throw new Error(decoded.message);
  return decoded.state;
};

describe('a link without a dot after its version', () => {
  it('is damaged for want of a version, also when it is all digits (the digits are not a version)', () => {
    for (const fragment of ['s=22', 's=123', 's=2AAAAAAAAAAAA', 's=1' + 'A'.repeat(40)]) {
      expect(decodeShareFragment(fragment), fragment).toEqual({
        ok: false,
        code: 'LINK_DAMAGED',
        message: 'This link is damaged (no version); it may have been cut off when it was copied.',
      });
    }
  });
});

describe('a format-2 payload too short to hold a checksum', () => {
  it('is cut off, even when its four bytes are the checksum of nothing (zero)', () => {
    // 'AAAAAA' is four zero bytes: the CRC-32 of an empty text is 0, so only the length check refuses it as cut off.
    for (const fragment of ['s=2.AAAAAA', 's=2.AA', 's=2.']) {
      expect(decodeShareFragment(fragment), fragment).toEqual({
        ok: false,
        code: 'LINK_DAMAGED',
        message: 'This link is damaged; it may have been cut off when it was copied.',
      });
    }
  });
});

describe('entries that are not [field number, value] pairs', () => {
  it('skips a null entry and reads the rest', () => {
    const state = opened(formatOne({ f: [null, [0, 'standalone']] }));
    expect(state.values.mode).toBe('standalone');
  });

  it('does not take a field number written as text, or an object that looks like a pair', () => {
    const state = opened(formatOne({ f: [['0', 'standalone'], { 0: 0, 1: 'standalone', length: 2 }, ['1', '1.20']] }));
    expect(state.values.mode).toBe(defaultModel.mode);
    expect(state.values.mode).not.toBe('standalone');
    expect(state.values.istio.version).toBe('1.28');
  });
});

describe('the payload alphabet is base64url, exactly', () => {
  // A format-1 link has no checksum: only the alphabet check stops a payload that atob() would also read.
  const link = formatOne({
    f: [
      [10, 'abc12345'],
      [11, '~~~~>>>>????'],
      [24, [{ key: 'app', value: '\u00ff\u00fe' }]],
    ],
  });
  const body = link.slice(4);

  it('the link under test has both base64url-only characters in it, and opens', () => {
    expect(body).toMatch(/-/);
    expect(body).toMatch(/_/);
    expect(opened(link).values.dynatrace.environmentId).toBe('abc12345');
  });

  it('refuses standard base64 characters in place of - and _, and padding, although they decode to the same bytes', () => {
    for (const bad of [
      body.replace(/-/g, '+'),
      body.replace(/_/g, '/'),
      `${body}${'='.repeat((4 - (body.length % 4)) % 4 || 4)}`,
    ]) {
      expect(decodeShareFragment(`s=1.${bad}`), bad).toEqual({
        ok: false,
        code: 'LINK_DAMAGED',
        message: 'This link is damaged; it may have been cut off when it was copied.',
      });
    }
  });
});

describe('encoding', () => {
  it('does not throw on a configuration with null where a group of fields belongs, and links the defaults there', () => {
    const values = {
      ...defaultModel,
      telemetry: { ...defaultModel.telemetry, waypoint: null },
    } as unknown as ModelInput;
    const state = opened(encodeShareFragment(values, 'telemetry'));
    expect(state.values.telemetry.waypoint).toEqual(defaultModel.telemetry.waypoint);
    expect(state.step).toBe('telemetry');
  });
});
