import { describe, expect, it } from 'vitest';
import { SAMPLE_TOKEN } from '../__fixtures__/models';
import { findTokens, MASK, maskDeep, maskTokens } from './mask-tokens';

describe('maskTokens', () => {
  it('masks classic tokens, keeping only their prefix', () => {
    expect(maskTokens(`token ${SAMPLE_TOKEN} end`)).toBe(`token dt0c01.${MASK} end`);
  });
  it('masks whatever follows Api-Token in a header, even when it is not a valid token', () => {
    expect(maskTokens('value: Api-Token s3cret-value')).toBe(`value: Api-Token ${MASK}`);
  });
  it('masks given secrets anywhere, and inside nested data', () => {
    const secret = 'my-very-secret';
    expect(maskDeep({ a: [`x ${secret} y`], b: 3 }, [secret])).toEqual({ a: [`x ${MASK} y`], b: 3 });
  });
  it('finds the tokens in a text, to mask them elsewhere', () => {
    expect(findTokens(`a ${SAMPLE_TOKEN} Api-Token abcdefgh`)).toEqual([SAMPLE_TOKEN, 'abcdefgh']);
  });
  it('leaves text without tokens alone', () => {
    expect(maskTokens('outbound|80||abc12345.live.dynatrace.com')).toBe('outbound|80||abc12345.live.dynatrace.com');
  });
});
