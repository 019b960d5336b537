import { expect, test as base } from '@playwright/test';

/**
 * Playwright's test, failing any test whose page throws an uncaught error (e.g. a library's rejected
 * promise), even when everything the test looks at seems fine.
 */
export const test = base.extend<{ failOnPageErrors: void }>({
  failOnPageErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      context.on('weberror', (error) => errors.push(String(error.error())));
      await use();
      expect(errors, 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
