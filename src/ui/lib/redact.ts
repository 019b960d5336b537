/** What stands in for the token's secret part on screen. */
export const REDACTED_MARK = '…(hidden)';

/** Masks the token's secret part in text shown on screen; copies and downloads keep the real value. */
export function redactToken(text: string, token: string): string {
  if (token.length < 12) return text;
  const masked = `${token.slice(0, 13)}${REDACTED_MARK}`;
  return text.split(token).join(masked);
}
