import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { runVerify } from '../src/cli/verify-run';
import { defaultModel } from '../src/core';
import { expect, test } from './fixtures';
import { expectStep, next, toMeshConfigStep } from './helpers';

const DIR = 'src/core/map/__fixtures__/';
const FILES = ['namespaces.yaml', 'pods.txt', 'telemetry.yaml', 'mesh-configmaps.yaml', 'gateways.yaml'];

async function toVerifyStep(page: Page) {
  await toMeshConfigStep(page);
  await next(page);
  await next(page);
  await next(page);
  await expectStep(page, 'Verify');
}

test('a realistic cluster: the map says which workloads send nothing and why, with the numbers the CLI prints', async ({
  page,
}) => {
  await toVerifyStep(page);
  const panel = page.getByRole('region', { name: 'The tracing map: which workloads send spans' });
  await panel.scrollIntoViewIfNeeded();
  // The commands to run, each with a Copy button.
  await expect(panel.getByRole('button', { name: /^Copy the command for pods, one line each/ })).toBeVisible();

  // Open the five outputs at once, as a person picks them in the file dialog.
  const chooser = page.waitForEvent('filechooser');
  await panel.getByText('Open files…').click();
  await (await chooser).setFiles(FILES.map((name) => DIR + name));
  await expect(panel.getByRole('list', { name: 'Outputs in the map' }).getByRole('listitem')).toHaveCount(5);

  // The same first sentence as npm run verify -- --map on the same files.
  const cli = runVerify(
    [
      '--tenant',
      'abc12345',
      '--cluster-id',
      '-1743916452',
      '--istio-version',
      defaultModel.istio.version,
      '--map',
      ...FILES.map((name) => DIR + name),
    ],
    { env: {}, readFile: (path: string) => readFileSync(path, 'utf8') },
  );
  const firstLine = cli.stdout.split('\n')[0]!;
  await expect(panel.locator('.map-summary p').first()).toHaveText(firstLine);

  // Filter to what sends nothing, then read the reason for payments.
  await panel.getByLabel('Show').selectOption('not-sending');
  const table = panel.getByRole('table');
  await expect(table.getByRole('row', { name: /Deployment\/web/ })).toHaveCount(0);
  const billing = table.getByRole('row', { name: /Deployment\/billing/ });
  await expect(billing).toContainText('another provider');
  await expect(billing).toContainText('payments/payments-tracing decides');
  await expect(table.getByRole('row', { name: /Deployment\/worker/ })).toContainText('ztunnel handles only L4');

  // A namespace tile narrows the table to it; its row folds its workloads.
  await panel.getByRole('button', { name: /^shop/ }).click();
  await expect(table.getByRole('row', { name: /Deployment\/billing/ })).toHaveCount(0);
  await expect(table.getByRole('row', { name: /Deployment\/cart/ })).toContainText('span reporting disabled');
  const fold = table.getByRole('button', { name: /shop/ });
  await fold.press('Enter');
  await expect(fold).toHaveAttribute('aria-expanded', 'false');
  await expect(table.getByRole('row', { name: /Deployment\/cart/ })).toHaveCount(0);

  const axe = await new AxeBuilder({ page }).setLegacyMode().include('.tracing-map').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // Nothing pasted into the map reaches the address bar.
  expect(page.url()).not.toContain('payments');
});
