import { expect, test } from '@playwright/test';
import { expectStep, next, previewText } from './helpers';

test('the first step is usable before Monaco has arrived, and previews show text while it loads', async ({ page }) => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const requested: string[] = [];
  await page.route(/\/assets\/monaco-[^/]+\.js$/, async (route) => {
    requested.push(route.request().url());
    await held;
    await route.continue();
  });
  await page.goto('./');
  const version = page.getByLabel('Istio version');
  await version.fill('1.25');
  await expect(version).toHaveValue('1.25');
  await page.getByLabel('Standalone, straight to your Dynatrace environment').check();
  await page.getByLabel('Through Dynatrace Operator (recommended)').check();
  await next(page);
  await page.getByLabel('Environment ID').fill('abc12345');
  await page.getByLabel('Dynatrace cluster ID').fill('7');
  await next(page);
  await expectStep(page, 'Mesh config');
  // Monaco is still held back: the plain preview shows the file.
  expect(await page.locator('.monaco-editor').count()).toBe(0);
  expect(await previewText(page, 'meshconfig.yaml')).toContain('cluster_id: 7');
  expect(requested.length).toBeGreaterThan(0);
  release();
  await expect(page.locator('section.preview .monaco-editor')).toBeVisible();
  expect(await previewText(page, 'meshconfig.yaml')).toContain('cluster_id: 7');
});
