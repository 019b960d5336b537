import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { downloadAll, expectStep, next, toMeshConfigStep } from './helpers';

// Issue 26, "one collect-and-paste loop": step 6 starts with collect.sh and one place to drop what it wrote.

const fixture = (name: string) => readFileSync(`src/core/verify/__fixtures__/${name}`, 'utf8');
const section = (command: string, output: string) => `# ----- dt-istio-collect: ${command} -----\n${output}`;

/** What collect.sh writes on a cluster where everything works (Operator mode, the captured outputs). */
const COLLECTED = [
  section('kubectl -n istio-system get configmap istio -o yaml', fixture('mesh-configmap.pass.yaml')),
  section('kubectl get telemetry -A -o yaml', fixture('telemetry-list.pass.yaml')),
  section('kubectl -n istio-system logs deploy/istiod --since=30m', fixture('istiod.pass.log')),
  section('istioctl analyze -A', fixture('analyze.pass.txt')),
  section('kubectl -n dynatrace get dynakube dynakube -o yaml', fixture('dynakube.pass.yaml')),
  section(
    'istioctl proxy-config cluster productpage-v1 -n bookinfo -o json',
    fixture('proxy-clusters.operator.pass.json'),
  ),
  section(
    'istioctl proxy-config listener productpage-v1 -n bookinfo -o json',
    fixture('proxy-listeners.operator.pass.json'),
  ),
  section('kubectl -n bookinfo logs productpage-v1 -c istio-proxy --since=30m', fixture('proxy-log.operator.pass.log')),
].join('');

async function toVerifyStep(page: Page) {
  await toMeshConfigStep(page);
  for (let i = 0; i < 3; i++) await next(page);
  await expectStep(page, 'Verify');
}

const item = (page: Page, id: string) => page.locator(`[data-check="${id}"]`);

test('step 6 starts with collect.sh and its drop target, then apply.sh’s plan; the bundle holds them with a README', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await toVerifyStep(page);
  const first = page.getByRole('region', { name: '1. Run collect.sh, then drop its output below' });
  await expect(first).toContainText('./apply.sh shows what would change');
  await first.getByRole('button', { name: 'Copy collect.sh' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain("collect 'kubectl get telemetry -A -o yaml'");
  // The drop target comes right after it, before the command lists.
  const headings = await page.locator('main h3').allInnerTexts();
  expect(headings.slice(0, 2)).toEqual([
    '1. Run collect.sh, then drop its output below',
    '2. Drop dt-istio-collect.txt here',
  ]);

  const files = await downloadAll(page);
  expect(files['collect.sh']).toBe(copied);
  expect(files['README.md']).toContain('| `collect.sh` | Read-only');
  expect(files['apply.sh']).toContain('./apply.sh --apply');
});

test('one collected file, pasted once, is read command by command and every check passes', async ({ page }) => {
  await toVerifyStep(page);
  const panel = page.getByRole('region', { name: '2. Drop dt-istio-collect.txt here' });
  await expect(panel).toContainText('Drop dt-istio-collect.txt here');
  await panel.getByRole('textbox', { name: 'Output 1', exact: true }).fill(COLLECTED);

  await expect(panel.getByRole('textbox', { name: /^Output 8 \(kubectl -n bookinfo logs/ })).toBeVisible();
  await expect(panel.getByText(/Not recognised/)).toHaveCount(0);
  for (const id of [
    'mesh.provider',
    'mesh.provider-fields',
    'telemetry.references-provider',
    'istiod.log',
    'istiod.analyze',
    'proxy.cluster',
    'proxy.tracer',
    'dynatrace.dynakube',
  ]) {
    await expect(item(page, id)).toHaveAttribute('data-status', 'pass');
  }
  await expect(page.getByTestId('verify-verdict')).toHaveText('Every check so far passes.');
  await expect(page.getByRole('button', { name: /^Verify/ })).toHaveAccessibleName(/valid/);
});

test('the collected file dropped as a file is read the same way', async ({ page }) => {
  await toVerifyStep(page);
  await page.locator('#verify-files').setInputFiles({
    name: 'dt-istio-collect.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(COLLECTED),
  });
  const panel = page.getByRole('region', { name: '2. Drop dt-istio-collect.txt here' });
  await expect(panel.getByRole('textbox', { name: /^Output 1 \(kubectl -n istio-system get configmap/ })).toBeVisible();
  await expect(item(page, 'proxy.tracer')).toHaveAttribute('data-status', 'pass');
});
