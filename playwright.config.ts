import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';
import { STRICT_CSP } from './scripts/content-security-policy.ts';

// Debian's Chromium where it exists (no browser download works on our CI machines), else Playwright's own.
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
// PW_PORT moves both servers (e.g. to run two checkouts' browser tests side by side on one machine).
const PORT = Number(process.env.PW_PORT ?? 4319);
/** A second host for the same build: under a sub-path, with the strict policy the README documents. */
export const SUB_PATH_PORT = PORT + 1;
export const SUB_PATH = '/tools/istio-dynatrace/';
/** The strict policy the README documents (the one inline script allowed by its hash). */
export { STRICT_CSP };

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    ...devices['Desktop Chrome'],
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
  },
  // Never reuse a server already on the port: it may serve another checkout's build, and the tests (or the README's
  // screenshots) would silently check that build instead of this one. A busy port fails the run: set PW_PORT.
  webServer: [
    {
      // The production build, served as any static host would serve it.
      command: `node scripts/serve-static.mjs dist ${PORT}`,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `node scripts/serve-static.mjs dist ${SUB_PATH_PORT} --base ${SUB_PATH} --csp "${STRICT_CSP}"`,
      url: `http://127.0.0.1:${SUB_PATH_PORT}${SUB_PATH}`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
