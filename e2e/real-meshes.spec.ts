import { expect, test } from './fixtures';
import { parse } from 'yaml';
import { defaultModel, encodeShareFragment, withDefaults } from '../src/core';
import { expectStep, next, openWizard, previewText } from './helpers';

/* Issue 10 as a new user meets it: a choice is never flipped by the version, revisions and selectors. */

test('typing the Istio version key by key never flips an explicit choice', async ({ page }) => {
  await openWizard(page, './');
  await page.getByLabel('Standalone, straight to your Dynatrace environment').check();
  await next(page);
  await page.getByLabel('Environment ID').fill('abc12345');
  await page.getByLabel('Dynatrace cluster ID').fill('-5');
  // The default Istio (the newest release the wizard knows) reads the token from a Secret.
  await expect(
    page.getByLabel(`Recommended for Istio ${defaultModel.istio.version} (now: a Kubernetes Secret)`),
  ).toBeChecked();
  const secret = page.getByLabel('In a Kubernetes Secret that istiod reads (Istio 1.26+)');
  await secret.check();

  await page.getByRole('button', { name: 'Back', exact: true }).click();
  const version = page.getByLabel('Istio version');
  await version.fill('');
  await version.click();
  // Passes through 1, 1. and 1.2, all below 1.26.
  await page.keyboard.type('1.28', { delay: 50 });
  await expect(version).toHaveValue('1.28');
  await next(page);
  await expect(secret).toBeChecked();
  await expect(page.getByLabel('API token')).toHaveCount(0);
  await next(page);
  await expectStep(page, 'Mesh config');
  expect(await previewText(page, 'meshconfig.yaml')).toContain('env_name: DYNATRACE_API_TOKEN');
});

test('the recommendation follows the version typed key by key while the user has not chosen', async ({ page }) => {
  await openWizard(page, './');
  await page.getByLabel('Standalone, straight to your Dynatrace environment').check();
  const version = page.getByLabel('Istio version');
  await version.fill('');
  await version.pressSequentially('1.24', { delay: 50 });
  await next(page);
  await expect(page.getByLabel('Recommended for Istio 1.24 (now: the mesh config)')).toBeChecked();
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await version.fill('');
  await version.pressSequentially('1.28', { delay: 50 });
  await next(page);
  await expect(page.getByLabel('Recommended for Istio 1.28 (now: a Kubernetes Secret)')).toBeChecked();
  await expect(page.getByLabel('API token')).toHaveCount(0);
});

test('a link carrying “in the mesh config” with Istio 1.28 opens with that choice', async ({ page }) => {
  const values = withDefaults(
    {
      mode: 'standalone',
      istio: { version: '1.28' },
      dynatrace: { environmentId: 'abc12345', clusterId: '-5' },
      token: { storage: 'inline' },
    },
    defaultModel,
  );
  await openWizard(page, `./#${encodeShareFragment(values, 'configuration')}`);
  await expectStep(page, 'Configuration');
  await expect(page.getByLabel('In the mesh config', { exact: true })).toBeChecked();
  await expect(page.getByLabel('API token')).toBeVisible();
});

test('a revisioned control plane in its own namespace: ConfigMap and commands follow it', async ({ page }) => {
  await openWizard(page, './');
  await expect(page.getByText('kubectl get pods -A -l app=istiod -L istio.io/rev')).toBeVisible();
  await next(page);
  await page.getByLabel('Environment ID').fill('abc12345');
  await page.getByLabel('Dynatrace cluster ID').fill('-5');
  await page.getByText('Advanced options').click();
  await page.getByLabel('istiod namespace').fill('istio-cp');
  await page.getByLabel('istiod revision (optional)').fill('1-24-3');
  await page.getByLabel('Cluster domain').fill('corp.example');
  await next(page);
  await expectStep(page, 'Mesh config');
  await page.getByLabel('The istio ConfigMap').check();
  const text = await previewText(page, 'meshconfig.yaml');
  const doc = parse(text) as { metadata: Record<string, string>; data: { mesh: string } };
  expect(doc.metadata).toEqual({ name: 'istio-1-24-3', namespace: 'istio-cp' });
  expect(doc.data.mesh).toContain('dynakube-telemetry-ingest.dynatrace.svc.corp.example');
});

test('a workload selector in the root namespace is a field error on the Telemetry step', async ({ page }) => {
  await openWizard(page, './');
  await next(page);
  await page.getByLabel('Environment ID').fill('abc12345');
  await page.getByLabel('Dynatrace cluster ID').fill('-5');
  await next(page);
  await next(page);
  await next(page);
  await expectStep(page, 'Telemetry');
  await page.getByRole('button', { name: 'Add label' }).click();
  await page.getByLabel('Label 1 key').fill('app');
  await page.getByLabel('Label 1 value').fill('checkout');
  await expect(page.getByRole('alert').filter({ hasText: 'only to pods in its own namespace' })).toBeVisible();
  await page.getByLabel('Namespace of the Telemetry resource').fill('shop');
  await expect(page.getByText('only to pods in its own namespace')).toHaveCount(0);
  expect(await previewText(page, 'dt-telemetry.yaml')).toContain('namespace: shop');
});
