import { test as base, expect, type BrowserContext } from '@playwright/test';

/**
 * Every spec imports `test` and `expect` from here, not from @playwright/test: a test fails when any page it
 * opened (in its own context or in one it created with `browser.newContext()`) throws an uncaught error or logs
 * `console.error`. A user never sees the console, so an error there is a bug nobody would otherwise notice.
 * Nothing is allowed through; an entry added here must say why it is not a bug.
 */
export const test = base.extend<{ failOnPageErrors: void }>({
  failOnPageErrors: [
    async ({ context, browser }, runTest) => {
      const errors: string[] = [];
      const watch = (watched: BrowserContext) => {
        watched.on('weberror', (error) => errors.push(`page error: ${error.error().message}`));
        watched.on('console', (message) => {
          if (message.type() !== 'error') return;
          const { url, lineNumber } = message.location();
          errors.push(`console.error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
        });
      };
      watch(context);
      // Contexts a test creates itself (e.g. a fresh visitor, a browser without JavaScript) are watched too.
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args) => {
        const created = await newContext(...args);
        watch(created);
        return created;
      };
      try {
        await runTest();
      } finally {
        browser.newContext = newContext;
      }
      expect(errors, 'errors in the page (uncaught or console.error)').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
