import { expect, test } from './fixtures';
import { expectStep, next, openWizard, previewText, toMeshConfigStep, waitForMonaco } from './helpers';

test('a bad value shows its message next to the field and blocks Next', async ({ page }) => {
  await openWizard(page, './');
  await next(page);
  await page.getByLabel('Environment ID').fill('abc12345');
  const cluster = page.getByLabel('Dynatrace cluster ID');
  await cluster.fill('12a');
  await expect(page.getByText('The Dynatrace cluster ID must be a whole number')).toBeVisible();
  await expect(cluster).toHaveAttribute('aria-invalid', 'true');
  await next(page);
  await expectStep(page, 'Configuration');
  await expect(cluster).toBeFocused();
  await expect(cluster).toHaveValue('12a');
  await expect(page.getByRole('button', { name: /Configuration/ })).toContainText('!');

  await cluster.fill('2147483648');
  await expect(page.getByText('between -2147483648 and 2147483647')).toBeVisible();
  await cluster.fill('-2147483648');
  await expect(page.getByText('between -2147483648 and 2147483647')).toHaveCount(0);
  await next(page);
  await expectStep(page, 'Mesh config');
});

test('Istio 1.21 and ambient mode stop the user with the guide’s advice', async ({ page }) => {
  await openWizard(page, './');
  await page.getByLabel('Istio version').fill('1.21.2');
  await expect(page.getByText('enable the Dynatrace Envoy code module instead')).toBeVisible();
  const nextButton = page.getByRole('button', { name: /^Next:/ });
  await expect(nextButton).toHaveAttribute('aria-disabled', 'true');
  await page.getByLabel('Istio version').press('Enter');
  await expectStep(page, 'Requirements');
  await expect(page.getByText('resolve the blocking requirement above first')).toBeVisible();
  await page.getByLabel('Istio version').fill('1.24');
  await page.getByLabel('The workloads to trace run in ambient mode (no sidecars)').check();
  await expect(page.getByText('no end-to-end tracing for ambient mode')).toBeVisible();
  await expect(nextButton).toHaveAttribute('aria-disabled', 'true');
  await page.getByLabel('The workloads to trace run in ambient mode (no sidecars)').uncheck();
  await expect(nextButton).not.toHaveAttribute('aria-disabled', 'true');
  await next(page);
  await expectStep(page, 'Configuration');
});

test('Copy puts exactly the previewed file on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await toMeshConfigStep(page, '42');
  await waitForMonaco(page, 'meshconfig.yaml');
  await page.getByRole('button', { name: 'Copy meshconfig.yaml' }).click();
  await expect(page.getByRole('button', { name: 'Copy meshconfig.yaml' })).toHaveText('Copied ✓');
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  expect(clipboard.trimEnd()).toBe((await previewText(page, 'meshconfig.yaml')).trimEnd());
  expect(clipboard).toContain('cluster_id: 42');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download meshconfig.yaml' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('meshconfig.yaml');
});

test('the preview follows every keystroke, and nothing typed is lost between steps', async ({ page }) => {
  await openWizard(page, './');
  await next(page);
  await page.getByLabel('Environment ID').fill('abc12345');
  await page.getByLabel('Dynatrace cluster ID').fill('1');
  await page.getByText('Advanced options').click();
  await page.getByLabel('Extension provider name').fill('dt-traces');
  await page.getByRole('button', { name: /Telemetry/ }).click();
  await expectStep(page, 'Telemetry');
  await expect.poll(() => previewText(page, 'dt-telemetry.yaml')).toContain('name: dt-traces');
  await page.getByLabel('Namespace of the Telemetry resource').fill('shop');
  await expect.poll(() => previewText(page, 'dt-telemetry.yaml')).toContain('namespace: shop');
  await page.getByRole('button', { name: 'Add label' }).click();
  await page.getByLabel('Label 1 key').fill('app');
  await page.getByLabel('Label 1 value').fill('cart');
  await expect.poll(() => previewText(page, 'dt-telemetry.yaml')).toContain('app: cart');
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('button', { name: /Configuration/ }).click();
  await expect(page.getByLabel('Environment ID')).toHaveValue('abc12345');
  await page.getByText('Advanced options').click();
  await expect(page.getByLabel('Extension provider name')).toHaveValue('dt-traces');
});
