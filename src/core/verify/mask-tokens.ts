/*
 * API tokens found in pasted text must not reach anything shown or printed. The verifier masks its
 * whole answer in one last pass, so no check can leak a token by quoting a line or a field.
 */

// Dynatrace tokens: dt0 + a letter + two digits, then dot-separated parts (classic: dt0c01.<24>.<64>).
const DYNATRACE_TOKEN = /\bdt0[a-z]\d\d\.[A-Za-z0-9]{4,}(?:\.[A-Za-z0-9]{4,})?/g;
// Whatever follows "Api-Token " in a header value is the secret, even when it is not a valid token.
const API_TOKEN_HEADER = /(Api-Token\s+)([^\s"'\\,}\]]+)/gi;

export const MASK = '••••••••';

/** Every token-like string in the text, to mask them wherever else they appear. */
export function findTokens(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(DYNATRACE_TOKEN)) found.add(match[0]);
  for (const match of text.matchAll(API_TOKEN_HEADER)) if (match[2] && match[2] !== MASK) found.add(match[2]);
  return [...found];
}

export function maskTokens(text: string, extraSecrets: readonly string[] = []): string {
  let masked = text;
  for (const secret of extraSecrets) if (secret.length >= 8) masked = masked.split(secret).join(MASK);
  return masked
    .replace(DYNATRACE_TOKEN, (token) => `${token.slice(0, 6)}.${MASK}`)
    .replace(API_TOKEN_HEADER, (_all, prefix: string) => `${prefix}${MASK}`);
}

/** Masks every string inside plain data (the verifier's answer). */
export function maskDeep<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === 'string') return maskTokens(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => maskDeep(item, secrets)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, maskDeep(item, secrets)]),
    ) as T;
  }
  return value;
}
