import { expect, test } from './fixtures';
import { defaultModel } from '../src/core';
import { expectStep, next, openWizard, previewText } from './helpers';

/* Issue 25 as a user meets it: today's Istio by default, a pre-release named, and Istio 1.30's service attributes. */

test('the default is the newest Istio the wizard knows, and a pre-release is named as one', async ({ page }) => {
  await openWizard(page, './');
  const version = page.getByLabel('Istio version');
  await expect(version).toHaveValue(defaultModel.istio.version);
  await expect(page.locator('[data-finding="istio-pre-release"]')).toHaveCount(0);
  await version.fill('1.31.0-rc.0');
  await expect(page.locator('[data-finding="istio-pre-release"]')).toContainText('is a pre-release (rc.0)');
  await version.fill('1.32');
  await expect(page.locator('[data-finding="istio-version-unseen"]')).toContainText(
    'newer than the releases this wizard has seen',
  );
});

test('on Istio 1.30 the OpenTelemetry service attributes are offered and written; on 1.29 they are not offered', async ({
  page,
}) => {
  await openWizard(page, './');
  await page.getByLabel('Istio version').fill('1.30');
  await next(page);
  await page.getByLabel('Environment ID').fill('abc12345');
  await page.getByLabel('Dynatrace cluster ID').fill('-5');
  await page.getByText('Advanced options').click();
  const option = page.getByLabel('Service attributes after the OpenTelemetry conventions (Istio 1.30+)');
  await expect(option).not.toBeChecked();
  await option.check();
  await next(page);
  await expectStep(page, 'Mesh config');
  expect(await previewText(page, 'meshconfig.yaml')).toContain(
    'service_attribute_enrichment: OTEL_SEMANTIC_CONVENTIONS',
  );

  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await page.getByLabel('Istio version').fill('1.29');
  await next(page);
  // Still shown while on, with why 1.29 cannot have it; gone once turned off.
  await expect(page.getByText(/needs Istio 1\.30 or later; this setup is for Istio 1\.29\. Turn it off/)).toBeVisible();
  await option.click(); // not uncheck(): the box goes away once off, so there is no state left to confirm
  await expect(option).toHaveCount(0);
});
