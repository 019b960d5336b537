import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { readFileSync } from 'node:fs';
import { expectStep, next, toMeshConfigStep } from './helpers';

const fixture = (name: string) => readFileSync(`src/core/verify/__fixtures__/${name}`, 'utf8');

async function toVerifyStep(page: Page) {
  await toMeshConfigStep(page);
  await next(page);
  await next(page);
  await next(page);
  await expectStep(page, 'Verify');
}

const item = (page: Page, id: string) => page.locator(`[data-check="${id}"]`);

test('pasting a failing mesh config and an istiod log shows what is wrong and the fix', async ({ page }) => {
  await toVerifyStep(page);
  const panel = page.getByRole('region', { name: '2. Drop dt-istio-collect.txt here' });
  await expect(item(page, 'mesh.provider')).toHaveAttribute('data-status', 'not-checked');
  await expect(item(page, 'mesh.provider')).toContainText(
    'Not checked yet — paste the output ofkubectl -n istio-system get configmap istio -o yaml',
  );
  await expect(
    item(page, 'mesh.provider').getByRole('button', {
      name: /^Copy command for: The provider is in the live mesh config/,
    }),
  ).toBeVisible();

  await panel.getByRole('textbox', { name: 'Output 1', exact: true }).fill(fixture('mesh-configmap.fail.yaml'));
  await panel.getByRole('button', { name: 'Add another output' }).click();
  await panel.getByRole('textbox', { name: 'Output 2', exact: true }).fill(fixture('istiod.cluster-missing.log'));

  await expect(panel.getByTestId('verify-recognised').first()).toContainText(
    'live mesh config (ConfigMap istio-system/istio)',
  );
  await expect(item(page, 'mesh.provider-fields')).toHaveAttribute('data-status', 'fail');
  await expect(item(page, 'mesh.provider-fields').locator('[data-code="mesh.provider-fields-differ"]')).toContainText(
    'opentelemetry.port: live 4317, generated 4318',
  );
  await expect(item(page, 'mesh.provider-fields')).toContainText('Replace the entry with the generated one');
  const istiod = item(page, 'istiod.log');
  await expect(istiod).toHaveAttribute('data-status', 'fail');
  await expect(istiod.locator('[data-code="istiod.provider-cluster-missing"]')).toContainText(
    'kubectl -n dynatrace get service dynakube-telemetry-ingest',
  );
  await expect(page.getByTestId('verify-verdict')).toContainText('fail');
  // The diagnosis, passes and failures side by side, is accessible too.
  const axe = await new AxeBuilder({ page }).setLegacyMode().include('.verify-panel').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  // The path shows where it breaks, also as text for screen readers.
  await expect(page.locator('[data-hop="collector"]')).toHaveAttribute('data-status', 'broken');
  await expect(page.getByRole('list', { name: 'Path of the spans' })).toContainText('Telemetry-ingest service');
});

test('pasting passing outputs shows ✓, and an unknown paste says what was expected', async ({ page }) => {
  await toVerifyStep(page);
  const panel = page.getByRole('region', { name: '2. Drop dt-istio-collect.txt here' });
  await panel.getByRole('textbox', { name: 'Output 1', exact: true }).fill(fixture('mesh-configmap.pass.yaml'));
  await panel.getByRole('button', { name: 'Add another output' }).click();
  await panel
    .getByRole('textbox', { name: 'Output 2', exact: true })
    .fill(fixture('proxy-clusters.operator.pass.json'));
  for (const id of ['mesh.provider', 'mesh.provider-fields', 'mesh.traps', 'proxy.cluster']) {
    await expect(item(page, id)).toHaveAttribute('data-status', 'pass');
  }
  await expect(item(page, 'mesh.provider').getByText('✓')).toBeVisible();
  await expect(page.getByTestId('verify-verdict')).toHaveText('Every check so far passes.');
  await expect(page.locator('[data-hop="collector"]')).toHaveAttribute('data-status', 'ok');

  await panel.getByRole('button', { name: 'Add another output' }).click();
  await panel.getByRole('textbox', { name: 'Output 3', exact: true }).fill('hello world');
  await expect(panel.getByText(/Not recognised: .*Expected one of/)).toBeVisible();
});

test('a large output pasted into a box is summarised and checked in full', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await toVerifyStep(page);
  const panel = page.getByRole('region', { name: '2. Drop dt-istio-collect.txt here' });
  const large = `${fixture('mesh-configmap.pass.yaml')}${'# kept: padding padding padding padding padding padding padding\n'.repeat(4_000)}`;
  await page.evaluate((text) => navigator.clipboard.writeText(text), large);
  await panel.getByRole('textbox', { name: 'Output 1', exact: true }).focus();
  await page.keyboard.press('ControlOrMeta+V');
  const summary = panel.getByRole('group', { name: 'Output 1', exact: true });
  await expect(summary).toContainText(/^This output: \d+ KB, [\d,]+ lines — all of it is checked below\./);
  await expect(item(page, 'mesh.provider')).toHaveAttribute('data-status', 'pass', { timeout: 30_000 });
  await summary.getByRole('button', { name: 'Show in the box' }).click();
  expect(await panel.getByRole('textbox', { name: 'Output 1', exact: true }).inputValue()).toBe(large);
});
