import { parse } from 'yaml';
import { expect, test } from './fixtures';
import { defaultModel, encodeShareFragment, withDefaults } from '../src/core';
import { downloadAll, expectStep, next, openWizard } from './helpers';

// The cluster ID feeds only the Dynatrace sampler (its cluster_id); with the sampler off nothing asks for it.

test('with the sampler off, an Operator user gets a valid bundle without a cluster ID', async ({ page }) => {
  await openWizard(page, './');
  await next(page);
  await expectStep(page, 'Configuration');
  const cluster = page.getByLabel('Dynatrace cluster ID');
  // Where it is found comes first, and no API call an Operator user has no token for.
  await expect(page.locator('#field-dynatrace-clusterId-hint')).toContainText('in the Dynatrace Hub snippet');
  await expect(page.getByText('/api/v1/config/clusterid')).toHaveCount(0);
  await page.getByLabel('Environment ID').fill('abc12345');
  await page.getByText('Advanced options', { exact: true }).click();
  await page.getByLabel('Dynatrace sampler', { exact: true }).uncheck();
  await expect(page.getByLabel('Dynatrace cluster ID (optional)')).toBeVisible();
  await expect(cluster).toHaveValue('');
  const files = await downloadAll(page);
  const provider = parse(files['meshconfig.yaml']!).spec.meshConfig.extensionProviders[0];
  expect(provider.opentelemetry.dynatrace_sampler).toBeUndefined();
  for (const [name, text] of Object.entries(files)) expect(text, name).not.toMatch(/undefined|cluster_id/);
});

test('with the sampler on, an empty cluster ID says that the sampler needs it', async ({ page }) => {
  await openWizard(page, './');
  await next(page);
  await page.getByLabel('Environment ID').fill('abc12345');
  await page.getByLabel('Dynatrace cluster ID').fill('1');
  await page.getByLabel('Dynatrace cluster ID').fill('');
  await expect(page.getByRole('alert').filter({ hasText: 'the Dynatrace sampler needs it' })).toBeVisible();
});

test('a share link without a cluster ID and with the sampler off opens valid', async ({ page }) => {
  const values = withDefaults(
    { dynatrace: { environmentId: 'abc12345', clusterId: '' }, provider: { sampler: false } },
    defaultModel,
  );
  await openWizard(page, `./#${encodeShareFragment(values, 'verify')}`);
  await expectStep(page, 'Verify');
  await expect(page.getByRole('button', { name: 'Download all (.zip)' })).toBeEnabled();
  const files = await downloadAll(page);
  expect(files['meshconfig.yaml']).not.toMatch(/cluster_id|undefined/);
});
