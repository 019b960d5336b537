import { createHash } from 'node:crypto';
import { OPEN_LINK_FIRST_SCRIPT } from '../src/ui/open-link-first.ts';

/** The CSP source that allows exactly the one inline script in index.html (src/ui/open-link-first.ts). */
export const OPEN_LINK_FIRST_HASH = `'sha256-${createHash('sha256').update(OPEN_LINK_FIRST_SCRIPT).digest('base64')}'`;

/**
 * The strict policy the app is tested with and the README documents: nothing but the page's own origin, no eval,
 * and of inline scripts only the fragment check, by its hash. style-src 'unsafe-inline' because Monaco sets styles
 * at run time.
 */
export const STRICT_CSP = `default-src 'self'; script-src 'self' ${OPEN_LINK_FIRST_HASH}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'none'; frame-ancestors 'none'`;
