import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPEN_LINK_FIRST_HASH, STRICT_CSP } from '../../scripts/content-security-policy';

// The inline fragment check is allowed by its hash: if the script changes, the policy the README tells deployers to
// use must change with it, or the check is blocked on their hosts.
describe('the strict policy and the inline fragment check', () => {
  it('the README documents the policy the app is tested with, hash included', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(STRICT_CSP).toContain(`script-src 'self' ${OPEN_LINK_FIRST_HASH}`);
    expect(readme).toContain(`add_header Content-Security-Policy "${STRICT_CSP}" always;`);
  });
});
