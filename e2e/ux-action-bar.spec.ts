import { expect, test } from './fixtures';
import { downloadAll, expectStep, next, openWizard } from './helpers';

test('Download all and the share link are at hand on every step once the configuration is valid', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openWizard(page, './');
  const bar = page.getByRole('region', { name: 'Your files' });
  await expect(bar).toContainText('Download all appears here as soon as the configuration is complete.');
  await expect(bar.getByRole('button', { name: 'Download all (.zip)' })).toHaveCount(0);
  await expect(bar.getByRole('button', { name: 'Share link' })).toBeVisible();

  await next(page);
  await page.getByLabel('Environment ID').pressSequentially('abc12345');
  await expect(bar.getByRole('button', { name: 'Download all (.zip)' })).toHaveCount(0);
  await page.getByLabel('Dynatrace cluster ID').pressSequentially('-7');
  // It names what it gives.
  await expect(bar).toContainText('Ready: meshconfig.yaml, dt-telemetry.yaml, apply.sh, collect.sh, README.md.');
  const download = bar.getByRole('button', { name: 'Download all (.zip)' });
  await expect(download).toHaveAccessibleDescription(
    'Ready: meshconfig.yaml, dt-telemetry.yaml, apply.sh, collect.sh, README.md.',
  );
  const files = await downloadAll(page);
  expect(files['meshconfig.yaml']).toContain('cluster_id: -7');

  // The share link works from the bar, on any step.
  await bar.getByRole('button', { name: 'Share link' }).click();
  await expect(bar.getByTestId('share-status')).toContainText('does not include the API token');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/#s=2\./);

  // A wrong value takes Download all away again, so it never hands out an outdated file.
  await page.getByLabel('Dynatrace cluster ID').fill('x');
  await expect(bar.getByRole('button', { name: 'Download all (.zip)' })).toHaveCount(0);
  await page.getByLabel('Dynatrace cluster ID').fill('-7');

  // It still offers the Verify step, which has its own Download all.
  await bar.getByRole('button', { name: 'Apply and check (step 6)' }).click();
  await expectStep(page, 'Verify');
  await expect(page.getByRole('button', { name: 'Download all (.zip)' })).toHaveCount(1);
  await expect(page.getByText('istiod configured the tracer')).toBeVisible();
});
