import { expect, test } from './fixtures';
import { readFileSync } from 'node:fs';
import { STRICT_CSP, SUB_PATH, SUB_PATH_PORT } from '../playwright.config';
import { defaultModel } from '../src/core';
import { expectStep, next, previewText, SAMPLE_TOKEN, waitForMonaco, openWizard } from './helpers';

test('Share copies a link that reopens the same configuration and step in a fresh browser, without the token', async ({
  page,
  context,
  browser,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openWizard(page, './');
  await page.getByLabel('Istio version').fill('1.24.2');
  await page.getByLabel('Standalone, straight to your Dynatrace environment').check();
  await next(page);
  await page.getByLabel('Managed', { exact: true }).check();
  await page.getByLabel('Environment ID').fill('xyz98765');
  await page.getByLabel('Managed cluster host').fill('dt.example.com');
  await page.getByLabel('Dynatrace cluster ID').fill('-77');
  await page.getByLabel('API token').fill(SAMPLE_TOKEN);
  await next(page);
  await next(page);
  await expectStep(page, 'Service entry');
  const before = await previewText(page, 'dt-serviceentry.yaml');

  await page.getByRole('button', { name: 'Share link' }).click();
  await expect(page.getByTestId('share-status')).toContainText('does not include the API token');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#s=2\.[A-Za-z0-9_-]+$/);
  expect(link).not.toContain(SAMPLE_TOKEN.slice(7, 31));
  expect(link.length).toBeLessThan(300);
  const stored = await page.evaluate(() => JSON.stringify(window.localStorage));
  expect(stored).not.toContain(SAMPLE_TOKEN.slice(7, 31));

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await openWizard(other, link);
  await expectStep(other, 'Service entry');
  await expect(other.getByTestId('banner')).toContainText('enter your own');
  expect((await previewText(other, 'dt-serviceentry.yaml')).trimEnd()).toBe(before.trimEnd());
  await other.getByRole('button', { name: /Mesh config/ }).click();
  await expect(other.getByTestId('token-missing')).toBeVisible();
  expect(await previewText(other, 'meshconfig.yaml')).toContain('value: Api-Token <your-API-token>');
  await other.getByRole('button', { name: /Configuration/ }).click();
  await expect(other.getByLabel('Environment ID')).toHaveValue('xyz98765');
  await expect(other.getByLabel('API token')).toHaveValue('');
  await expect(other.getByText('Enter the Dynatrace API token')).toHaveCount(0);
  await fresh.close();
});

test('a tampered link opens the defaults with a clear message', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await openWizard(page, './#s=1.AAAAthis-is-not-deflate');
  await expect(page.getByTestId('banner')).toContainText('This link is damaged');
  await expect(page.getByTestId('banner')).toContainText('starts with the defaults');
  await expectStep(page, 'Requirements');
  await expect(page.getByLabel('Istio version')).toHaveValue(defaultModel.istio.version);
  await openWizard(page, './#s=9.abc');
  await page.waitForLoadState('load');
  await expect(page.getByTestId('banner')).toContainText('newer version');
  expect(errors).toEqual([]);
});

test('the draft survives a reload without the token, and Start over clears it', async ({ page }) => {
  await openWizard(page, './');
  await page.getByLabel('Standalone, straight to your Dynatrace environment').check();
  await page.getByLabel('Istio version').fill('1.25');
  await next(page);
  await page.getByLabel('Environment ID').fill('abc12345');
  await page.getByLabel('API token').fill(SAMPLE_TOKEN);
  await page.waitForTimeout(500);
  await page.reload();
  await expect(page.getByTestId('banner')).toContainText('Restored your draft');
  await expectStep(page, 'Configuration');
  await expect(page.getByLabel('Environment ID')).toHaveValue('abc12345');
  await expect(page.getByLabel('API token')).toHaveValue('');
  await page.getByRole('button', { name: 'Start over' }).click();
  await expectStep(page, 'Requirements');
  await expect(page.getByLabel('Through Dynatrace Operator (recommended)')).toBeChecked();
  await page.reload();
  await expect(page.getByTestId('banner')).toHaveCount(0);
});

const SUB = `http://127.0.0.1:${SUB_PATH_PORT}${SUB_PATH}`;

test('under a sub-path with the strict CSP: no violations, no foreign requests, and it works offline after one visit', async ({
  page,
  context,
}) => {
  const foreign: string[] = [];
  const failed: string[] = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (!['127.0.0.1'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol))
      foreign.push(request.url());
  });
  context.on('requestfailed', (request) => failed.push(request.url()));
  await context.addInitScript(() => {
    (window as unknown as { cspViolations: string[] }).cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { cspViolations: string[] }).cspViolations.push(
        `${event.violatedDirective} ${event.blockedURI}`,
      );
    });
  });

  const response = await page.goto(SUB);
  expect(response?.headers()['content-security-policy']).toBe(STRICT_CSP);
  await page.locator('html[data-wizard-ready="true"]').waitFor({ state: 'attached' });
  await page.getByLabel('Istio version').fill('1.26');
  await next(page);
  await page.getByLabel('Environment ID').fill('abc12345');
  await page.getByLabel('Dynatrace cluster ID').fill('3');
  await next(page);
  await waitForMonaco(page, 'meshconfig.yaml');
  await page
    .getByLabel('Your current mesh config')
    .fill(readFileSync('src/core/merge/__fixtures__/helm-values.yaml', 'utf8'));
  await expect(page.getByTestId('diff-summary')).toContainText('lines added, 0 removed');
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  expect(foreign).toEqual([]);

  // Wait until the service worker controls the page, then go offline and reload.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await expectStep(page, 'Mesh config');
  await waitForMonaco(page, 'meshconfig.yaml');
  expect(await previewText(page, 'meshconfig.yaml')).toContain('cluster_id: 3');
  await page.getByRole('button', { name: /Verify/ }).click();
  await expectStep(page, 'Verify');
  await context.setOffline(false);
  expect(foreign).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
});

// The check that hides the prerendered first step while a link is read is an inline script, allowed by its hash in
// the strict policy: under that policy a link must still open straight on its step, with no violation.
test('under the strict CSP a share link opens straight on its step, never showing step 1', async ({
  page,
  context,
  browser,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openWizard(page, SUB);
  await next(page);
  await page.getByLabel('Environment ID').fill('abc12345');
  await page.getByLabel('Dynatrace cluster ID').fill('3');
  await next(page);
  await expectStep(page, 'Mesh config');
  await page.getByRole('button', { name: 'Share link' }).click();
  await expect(page.getByTestId('share-status')).toContainText('Link copied');
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url.startsWith(SUB)).toBe(true);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.addInitScript(() => {
    const w = window as unknown as { headingsSeen: string[]; cspViolations: string[] };
    w.headingsSeen = [];
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => w.cspViolations.push(event.violatedDirective));
    const look = () => {
      const heading = document.getElementById('step-heading');
      if (heading?.checkVisibility({ visibilityProperty: true }) && w.headingsSeen.at(-1) !== heading.textContent)
        w.headingsSeen.push(heading.textContent ?? '');
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  const response = await other.goto(url);
  expect(response?.headers()['content-security-policy']).toBe(STRICT_CSP);
  await expectStep(other, 'Mesh config');
  const { headingsSeen, cspViolations } = await other.evaluate(() => {
    const w = window as unknown as { headingsSeen: string[]; cspViolations: string[] };
    return { headingsSeen: w.headingsSeen, cspViolations: w.cspViolations };
  });
  expect(headingsSeen.length).toBeGreaterThan(0);
  for (const heading of headingsSeen) expect(heading).toContain('Mesh config');
  expect(cspViolations).toEqual([]);
  await fresh.close();
});
