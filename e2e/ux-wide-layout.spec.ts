import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { next, openWizard, previewText, waitForMonaco } from './helpers';

const ISTIO_OPERATOR = readFileSync('src/core/merge/__fixtures__/istio-operator.yaml', 'utf8');

test('at 1280 px the mesh config follows step 2’s fields beside them, key by key', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openWizard(page, './');
  await next(page);
  const fields = page.getByLabel('Environment ID');
  await fields.pressSequentially('abc12345');
  await page.getByLabel('Dynatrace cluster ID').pressSequentially('-17');
  await waitForMonaco(page, 'meshconfig.yaml');
  const preview = page.locator('section.preview[data-file="meshconfig.yaml"]');
  const field = (await fields.boundingBox())!;
  const box = (await preview.boundingBox())!;
  expect(box.x).toBeGreaterThan(field.x + field.width);
  expect(box.y).toBeLessThan(field.y + field.height);
  await expect(preview.getByRole('button', { name: 'Copy meshconfig.yaml' })).toBeVisible();
  await expect(preview.getByRole('button', { name: 'Download meshconfig.yaml' })).toBeVisible();

  // Each key typed shows in the file.
  await page.getByLabel('Dynatrace cluster ID').pressSequentially('4');
  await expect.poll(() => previewText(page, 'meshconfig.yaml')).toContain('cluster_id: -174');
  await page.getByLabel('Dynatrace cluster ID').press('Backspace');
  await expect.poll(() => previewText(page, 'meshconfig.yaml')).toMatch(/cluster_id: -17$/m);
});

test('on a narrow screen the preview stays below the fields', async ({ page }) => {
  await page.setViewportSize({ width: 900, height: 900 });
  await openWizard(page, './');
  await next(page);
  await page.getByLabel('Environment ID').fill('abc12345');
  await page.getByLabel('Dynatrace cluster ID').fill('1');
  const preview = page.locator('section.preview[data-file="meshconfig.yaml"]');
  await expect(preview).toBeVisible();
  const advanced = (await page.getByText('Advanced options').boundingBox())!;
  expect((await preview.boundingBox())!.y).toBeGreaterThan(advanced.y);
});

test('at 1280 px the diff uses the full width and offers an inline view', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openWizard(page, './');
  await next(page);
  await page.getByLabel('Environment ID').fill('abc12345');
  await page.getByLabel('Dynatrace cluster ID').fill('1');
  await next(page);
  await page.getByLabel('Your current mesh config').fill(ISTIO_OPERATOR);
  await expect(page.getByTestId('diff-summary')).toHaveText('12 lines added, 0 removed');
  const diff = page.getByTestId('merge-diff');
  expect((await diff.boundingBox())!.width).toBeGreaterThan(1150);
  const original = diff.getByRole('textbox', { name: 'your mesh config' });
  await expect(original).toHaveCount(1);
  const inline = page.getByRole('button', { name: 'Show changes inline' });
  await expect(inline).toHaveAttribute('aria-pressed', 'false');
  // Side by side: the merged side starts about half-way across.
  const modifiedSide = diff.locator('.modified-in-monaco-diff-editor');
  expect((await modifiedSide.boundingBox())!.x).toBeGreaterThan(500);
  await inline.click();
  await expect(inline).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await modifiedSide.boundingBox())!.x).toBeLessThan(300);
});
