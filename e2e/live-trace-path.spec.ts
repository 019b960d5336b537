import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectStep, next, openWizard } from './helpers';

const pathText = (page: Page) => page.getByRole('list', { name: 'Path of the spans' });
const hop = (page: Page, id: string) =>
  page.getByRole('figure', { name: 'Where spans go' }).locator(`[data-hop="${id}"]`);

test('the path spans will take follows the fields key by key on step 2, with nothing checked yet', async ({ page }) => {
  await openWizard(page, './');
  await next(page);
  await expectStep(page, 'Configuration');

  const figure = page.getByRole('figure', { name: 'Where spans go' });
  await expect(figure).toBeVisible();
  await expect(pathText(page)).toContainText(
    'Telemetry-ingest service (dynakube-telemetry-ingest.dynatrace.svc.cluster.local:4318; /v1/traces; namespace dynatrace): not checked yet.',
  );
  // Not checked is neutral: no ✓, ✗ or ? before the Verify step.
  await expect(hop(page, 'collector')).toHaveAttribute('data-status', 'unchecked');
  await expect(figure.locator('.hop-mark')).toHaveCount(0);

  const namespace = page.getByLabel('DynaKube namespace');
  await namespace.clear();
  await expect(pathText(page)).toContainText('dynakube-telemetry-ingest.‹DynaKube namespace›.svc.cluster.local:4318');
  await expect(pathText(page)).toContainText('Not known yet (missing or invalid): DynaKube namespace.');
  await expect(hop(page, 'collector')).toHaveAttribute('data-incomplete', 'true');
  await namespace.pressSequentially('obs');
  await expect(pathText(page)).toContainText('dynakube-telemetry-ingest.obs.svc.cluster.local:4318');
  await expect(pathText(page)).toContainText('namespace obs');
  await expect(pathText(page)).not.toContainText('Not known yet');
  await expect(hop(page, 'collector')).not.toHaveAttribute('data-incomplete', 'true');
  // An invalid value is marked, never drawn as if it were right.
  await namespace.pressSequentially('_');
  await expect(pathText(page)).toContainText('‹DynaKube namespace›');

  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByLabel('Standalone, straight to your Dynatrace environment').check();
  await next(page);
  await expectStep(page, 'Configuration');
  await expect(pathText(page)).toContainText('ServiceEntry + DestinationRule (‹environment ID›.live.dynatrace.com:80');
  await expect(pathText(page)).toContainText('Not known yet (missing or invalid): environment ID.');
  await expect(hop(page, 'egress')).toBeVisible();
  await expect(hop(page, 'collector')).toHaveCount(0);

  await page.getByLabel('Environment ID').pressSequentially('xyz98');
  await expect(pathText(page)).toContainText(
    'ServiceEntry + DestinationRule (xyz98.live.dynatrace.com:80 → TLS to :443; namespace istio-system;',
  );
  await expect(pathText(page)).toContainText(
    'Tenant OTLP endpoint (https://xyz98.live.dynatrace.com; /api/v2/otlp/v1/traces)',
  );
  await expect(pathText(page)).not.toContainText('Not known yet');

  // The drawing and its text equivalent pass an accessibility check.
  const axe = await new AxeBuilder({ page }).setLegacyMode().include('.live-trace-path').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('the path stays beside steps 3–5 and is checked only on the Verify step', async ({ page }) => {
  await openWizard(page, './');
  await next(page);
  await page.getByLabel('Environment ID').fill('abc12345');
  await page.getByLabel('Dynatrace cluster ID').fill('-1743916452');
  await page.getByLabel('DynaKube name', { exact: true }).fill('kube');
  await next(page);
  for (const step of ['Mesh config', 'Service entry', 'Telemetry']) {
    await expectStep(page, step);
    await expect(pathText(page)).toContainText('kube-telemetry-ingest.dynatrace.svc.cluster.local:4318');
    await next(page);
  }
  await expectStep(page, 'Verify');
  await expect(page.locator('.live-trace-path')).toHaveCount(0);
  await expect(hop(page, 'collector')).toHaveAttribute('data-status', 'unknown');
  await expect(pathText(page)).toContainText('kube-telemetry-ingest.dynatrace.svc.cluster.local:4318');
});

test('on a phone the path is shown as text, the drawing being too small to read', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openWizard(page, './');
  await next(page);
  await expect(pathText(page)).toBeVisible();
  await expect(pathText(page).getByRole('listitem').first()).toContainText('1. Workload sidecar');
  await expect(page.getByRole('figure', { name: 'Where spans go' }).locator('svg')).toBeHidden();
});
