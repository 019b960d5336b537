import { parse } from 'yaml';
import { expect, test } from './fixtures';
import { openWizard } from './helpers';

test('telemetry ingest off: the DynaKube patch to copy stands beside the finding, not prose only', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openWizard(page, './');
  await expect(page.getByTestId('dynakube-patch')).toHaveCount(0);
  await page.getByLabel('Telemetry ingest is enabled in the DynaKube').uncheck();
  const finding = page.locator('[data-finding="telemetry-ingest-disabled"]');
  await expect(finding).toBeVisible();
  const patch = page.getByTestId('dynakube-patch');
  await expect(patch).toBeVisible();
  await patch.getByRole('button', { name: /Copy/ }).first().click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(parse(copied)).toEqual({ spec: { telemetryIngest: { protocols: ['otlp'] } } });
  await expect(patch.getByLabel('the command that applies the DynaKube patch', { exact: true })).toHaveText(
    'kubectl patch dynakube dynakube -n dynatrace --type merge --patch-file dynakube-telemetry-ingest.patch.yaml',
  );
  await expect(patch).toContainText('spec.templates.otelCollector.imageRef');
});
