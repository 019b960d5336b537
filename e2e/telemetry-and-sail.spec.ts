import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { downloadAll, downloadText, expectStep, next, openWizard, toMeshConfigStep } from './helpers';

const MESH_WIDE = readFileSync('src/core/merge/telemetry/__fixtures__/mesh-wide.yaml', 'utf8');

async function toTelemetryStep(page: Page) {
  await toMeshConfigStep(page);
  await next(page);
  await next(page);
  await expectStep(page, 'Telemetry');
}

test('an oversized paste or file is refused before it reaches the Telemetry box, and the box keeps what it had', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await toTelemetryStep(page);
  const box = page.getByLabel('Your current Telemetry resources');
  await box.fill(MESH_WIDE);
  await expect(page.getByTestId('telemetry-merge-target')).toHaveText(
    'Merged into istio-system/mesh-default (the input).',
  );

  // Pasted as a user does: the text on the clipboard, then Ctrl+V over the whole box.
  const huge = `# ${'padding padding padding padding padding padding padding padding\n# '.repeat(50_000)}`;
  await page.evaluate((text) => navigator.clipboard.writeText(text), huge);
  await box.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  await expect(page.getByTestId('input-refused')).toContainText(
    /^Not pasted, your box is unchanged\. This is 3\.\d MB; at most 2 MB is read\. Paste only your Telemetry resources/,
  );
  await expect(box).toHaveValue(MESH_WIDE);
  await expect(page.getByTestId('telemetry-merge-target')).toHaveText(
    'Merged into istio-system/mesh-default (the input).',
  );

  await page.getByLabel('Open a Telemetry file…').setInputFiles({
    name: 'all-telemetries.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(huge),
  });
  await expect(page.getByTestId('input-refused')).toContainText(
    /^all-telemetries\.yaml was not opened\. This is 3\.\d MB/,
  );
  await expect(box).toHaveValue(MESH_WIDE);

  // The next edit is read and clears the message.
  await box.fill('kind: Deployment\n');
  await expect(page.getByTestId('input-refused')).toHaveCount(0);
  await expect(page.getByTestId('telemetry-merge-problem')).toBeVisible();
});

test('a large Telemetry file opened into the box is summarised, read in full, and shown in the box on request', async ({
  page,
}) => {
  await toTelemetryStep(page);
  // Mostly comments, which the worker reads quickly on a busy machine; the Telemetry in it is merged as usual.
  const large = MESH_WIDE + '# kept: padding padding padding padding padding padding padding padding\n'.repeat(4_000);
  const kilobytes = Math.round(Buffer.byteLength(large) / 1024);
  const lines = (MESH_WIDE.split('\n').length - 1 + 4_000).toLocaleString('en-US');
  await page.getByLabel('Open a Telemetry file…').setInputFiles({
    name: 'telemetries.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(large),
  });
  const summary = page.getByRole('group', { name: 'Your current Telemetry resources' });
  await expect(summary).toContainText(
    `Your Telemetry resources: ${kilobytes} KB, ${lines} lines — all of it is read for the merge below.`,
  );
  await expect(page.getByTestId('telemetry-merge-target')).toHaveText(
    'Merged into istio-system/mesh-default (the input).',
    { timeout: 30_000 },
  );
  await summary.getByRole('button', { name: 'Show in the box' }).click();
  const box = page.getByRole('textbox', { name: 'Your current Telemetry resources' });
  expect(await box.inputValue()).toBe(large);
  await page.getByRole('button', { name: 'Clear Telemetry' }).click();
  await expect(box).toHaveValue('');
});

test('pasting the mesh-wide Telemetry on step 5 merges the provider into it, shown as a diff and carried by the downloads', async ({
  page,
}) => {
  await toTelemetryStep(page);

  await page.getByLabel('Your current Telemetry resources').fill(MESH_WIDE);
  await expect(page.getByTestId('telemetry-merge-target')).toHaveText(
    'Merged into istio-system/mesh-default (the input).',
  );
  await expect(page.getByTestId('diff-summary')).toHaveText('1 line added, 0 removed');
  await expect(page.locator('[data-finding="telemetry-provider-displaced"]')).toBeVisible();
  await expect(page.locator('[data-finding="telemetry-sampling-overridden-by-sampler"]')).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download merged dt-telemetry.yaml' }).click(),
  ]);
  const merged = await downloadText(download);
  const doc = parse(merged);
  expect(doc.metadata.name).toBe('mesh-default');
  expect(doc.spec.tracing[0].providers).toEqual([{ name: 'dynatrace-otel' }, { name: 'zipkin' }]);
  expect(merged).toContain('# Access logs only for errors, to keep Loki small.');
  expect(merged).toContain('request_protocol:');

  // Like a pasted mesh config, the pasted Telemetry is never stored in the draft.
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain('Loki');

  await next(page);
  await expectStep(page, 'Verify');
  await expect(page.getByText('dt-telemetry.yaml is your Telemetry with the provider added.')).toBeVisible();
  const files = await downloadAll(page);
  expect(files['dt-telemetry.yaml']).toBe(merged);
});

test('custom tags are added on step 5 (no formatter kind on Istio 1.28), and the sampler note replaces the percentage', async ({
  page,
}) => {
  await openWizard(page);
  await page.getByLabel('Istio version').fill('1.28');
  await next(page);
  await page.getByLabel('Environment ID').fill('abc12345');
  await page.getByLabel('Dynatrace cluster ID').fill('-1743916452');
  for (let i = 0; i < 3; i++) await next(page);
  await expectStep(page, 'Telemetry');
  await expect(page.getByText(/Istio sets 100 % and the sampler decides/)).toBeVisible();
  await expect(page.getByLabel('Sampling percentage')).toHaveCount(0);

  await page.getByRole('button', { name: 'Add tag' }).click();
  await page.getByLabel('Tag 1 name').fill('cluster');
  // Istio 1.28 has no formatter tags; the step says which version does.
  await expect(page.getByLabel('Tag 1 source').locator('option')).toHaveText([
    'Fixed value',
    'Environment variable of the proxy',
    'Request header',
  ]);
  await expect(page.getByText(/need Istio 1\.29 or later/)).toBeVisible();
  await page.getByLabel('Tag 1 source').selectOption({ label: 'Request header' });
  await page.getByLabel('Tag 1 header').fill('x-request-id');
  await page.getByLabel('Tag 1 default').fill('none');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download dt-telemetry.yaml' }).click(),
  ]);
  expect(parse(await downloadText(download)).spec.tracing[0].customTags).toEqual({
    cluster: { header: { name: 'x-request-id', defaultValue: 'none' } },
  });
});

test('on Istio 1.29 the formatter kind is offered', async ({ page }) => {
  await openWizard(page);
  await page.getByLabel('Istio version').fill('1.29');
  await next(page);
  await page.getByLabel('Environment ID').fill('abc12345');
  await page.getByLabel('Dynatrace cluster ID').fill('-1743916452');
  for (let i = 0; i < 3; i++) await next(page);
  await expectStep(page, 'Telemetry');
  await page.getByRole('button', { name: 'Add tag' }).click();
  await expect(page.getByLabel('Tag 1 source').locator('option')).toHaveText([
    'Fixed value',
    'Environment variable of the proxy',
    'Request header',
    'Access-log format string',
  ]);
});

test('choosing the Sail format writes a merge patch of the Istio resource’s values, applied with kubectl patch', async ({
  page,
}) => {
  await toMeshConfigStep(page);
  await page.getByLabel('The Sail operator’s Istio resource').check();
  await page.getByLabel('Your Istio resource’s name').fill('mesh-a');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download meshconfig.yaml' }).click(),
  ]);
  const patch = parse(await downloadText(download));
  // Only spec.values: the version and update strategy of the user's Istio are never touched.
  expect(Object.keys(patch)).toEqual(['spec']);
  expect(Object.keys(patch.spec)).toEqual(['values']);
  expect(patch.spec.values.meshConfig.extensionProviders[0].opentelemetry.dynatraceSampler).toEqual({
    tenant: 'abc12345',
    clusterId: -1743916452,
  });

  for (let i = 0; i < 3; i++) await next(page);
  await expectStep(page, 'Verify');
  const files = await downloadAll(page);
  expect(files['meshconfig.yaml']).not.toContain('kind: Istio');
  expect(files['apply.sh']).toContain('kubectl patch istio mesh-a --type merge --patch-file meshconfig.yaml');
});
