import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { expect, test } from './fixtures';
import {
  downloadAll,
  downloadText,
  expectStep,
  next,
  openWizard,
  previewText,
  SAMPLE_TOKEN,
  waitForMonaco,
} from './helpers';

const ISTIO_OPERATOR = readFileSync('src/core/merge/__fixtures__/istio-operator.yaml', 'utf8');

async function fillStepTwo(page: Page) {
  await page.getByLabel('Environment ID').pressSequentially('abc12345');
  await page.getByLabel('Dynatrace cluster ID').pressSequentially('-1743916452');
}

async function mergeIstioOperatorOnStepThree(page: Page) {
  await openWizard(page, './');
  await next(page);
  await fillStepTwo(page);
  await next(page);
  await page.getByLabel('Your current mesh config').fill(ISTIO_OPERATOR);
  await expect(page.getByTestId('diff-summary')).toHaveText('12 lines added, 0 removed');
}

test('1: the existing config can be pasted before the configuration is complete; the diff follows', async ({
  page,
}) => {
  await openWizard(page, './');
  await page.getByRole('button', { name: /^Mesh config/ }).click();
  await expectStep(page, 'Mesh config');
  const box = page.getByLabel('Your current mesh config');
  await box.fill(ISTIO_OPERATOR);
  await expect(page.getByText('Kept: your config is merged and the diff appears as soon as')).toBeVisible();
  await page.getByRole('button', { name: /^Configuration/ }).click();
  await fillStepTwo(page);
  await next(page);
  await expectStep(page, 'Mesh config');
  await expect(box).toHaveValue(ISTIO_OPERATOR);
  await expect(page.getByTestId('diff-summary')).toHaveText('12 lines added, 0 removed');
});

test('2: after a merge there is one meshconfig.yaml, the merged one, with a switch back to generated only', async ({
  page,
}) => {
  await mergeIstioOperatorOnStepThree(page);
  await expect(page.getByRole('button', { name: /^Download .*meshconfig\.yaml$/ })).toHaveCount(1);
  await expect(page.getByRole('heading', { name: 'meshconfig.yaml (merged with your config)' })).toBeVisible();
  await expect.poll(() => previewText(page, 'meshconfig.yaml')).toContain('jaeger');

  const [mergedDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download meshconfig.yaml' }).click(),
  ]);
  const merged = await downloadText(mergedDownload);
  expect(merged).toContain('# Jaeger, for the dev teams');
  expect((await downloadAll(page))['meshconfig.yaml']).toBe(merged);

  await page.getByLabel('Generated only').check();
  await expect(page.getByRole('heading', { name: 'meshconfig.yaml (generated only)' })).toBeVisible();
  await expect.poll(() => previewText(page, 'meshconfig.yaml')).not.toContain('jaeger');
  const [generatedDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download meshconfig.yaml' }).click(),
  ]);
  const generated = await downloadText(generatedDownload);
  expect(generated).not.toContain('jaeger');
  expect(parse(generated).spec.meshConfig.extensionProviders).toHaveLength(1);
  expect((await downloadAll(page))['meshconfig.yaml']).toBe(generated);
  await expect(page.getByRole('region', { name: 'Your files' })).not.toContainText('merged with your config');

  await page.getByLabel('Merged with your config (recommended)').check();
  expect((await downloadAll(page))['meshconfig.yaml']).toBe(merged);
});

test('3: Advanced options stay as the user left them, and open by themselves for a changed value', async ({ page }) => {
  await openWizard(page, './');
  await next(page);
  const advanced = page.locator('details.advanced');
  await expect(advanced).not.toHaveAttribute('open');
  await page.getByText('Advanced options').click();
  await expect(page.getByLabel('Export timeout')).toBeVisible();
  await next(page); // blocked by the empty environment ID: stays, and so does the open section
  await page.getByRole('button', { name: /^Requirements/ }).click();
  await next(page);
  await expect(page.getByLabel('Export timeout')).toBeVisible();
  await page.getByText('Advanced options').click();
  await expect(page.getByLabel('Export timeout')).toBeHidden();
  await page.getByRole('button', { name: /^Requirements/ }).click();
  await next(page);
  await expect(page.getByLabel('Export timeout')).toBeHidden();

  // A fresh visit with a changed value inside opens it.
  await page.getByRole('button', { name: 'Start over' }).click();
  await next(page);
  await page.getByText('Advanced options').click();
  await page.getByLabel('Export timeout').fill('5s');
  await page.reload();
  await expectStep(page, 'Configuration');
  await expect(page.getByLabel('Export timeout')).toBeVisible();
  await expect(page.getByLabel('Export timeout')).toHaveValue('5s');
});

test('3: a reload right after each keystroke keeps that keystroke, and never the token', async ({ page }) => {
  await openWizard(page, './');
  // Standalone before Istio 1.26: the token is asked for on the next step.
  await page.getByLabel('Standalone, straight to your Dynatrace environment').check();
  await page.getByLabel('Istio version').fill('1.25');
  await next(page);
  const typed = 'abc12';
  for (let index = 0; index < typed.length; index++) {
    const box = page.getByLabel('Environment ID');
    await box.press('End');
    await box.press(typed[index]!);
    await page.reload();
    await expectStep(page, 'Configuration');
    await expect(page.getByLabel('Environment ID')).toHaveValue(typed.slice(0, index + 1));
  }
  await page.getByLabel('API token').pressSequentially(SAMPLE_TOKEN.slice(0, 20));
  await page.reload();
  await expect(page.getByLabel('Environment ID')).toHaveValue(typed);
  await expect(page.getByLabel('API token')).toHaveValue('');
  const stored = await page.evaluate(() => Object.values({ ...window.localStorage }).join('\n'));
  expect(stored).not.toContain(SAMPLE_TOKEN.slice(0, 20));
});

test('4 and 5: a share link opens straight on its step; valid and visited are told apart', async ({
  page,
  context,
  browser,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openWizard(page, './');
  await next(page);
  await fillStepTwo(page);
  await next(page);
  await next(page);
  await expectStep(page, 'Service entry');
  await page.getByRole('button', { name: 'Share link' }).click();
  await expect(page.getByTestId('share-status')).toContainText('Link copied');
  const url = await page.evaluate(() => navigator.clipboard.readText());

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  // Every step heading the recipient could see, from the first paint on.
  await other.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { headingsSeen: string[] }).headingsSeen = seen;
    const look = () => {
      const heading = document.getElementById('step-heading');
      if (heading?.checkVisibility({ visibilityProperty: true }) && seen.at(-1) !== heading.textContent)
        seen.push(heading.textContent ?? '');
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  await other.goto(url);
  await expectStep(other, 'Service entry');
  const seen = await other.evaluate(() => (window as unknown as { headingsSeen: string[] }).headingsSeen);
  expect(seen.length).toBeGreaterThan(0);
  for (const heading of seen) expect(heading).toContain('Service entry');

  const steps = other.getByRole('navigation', { name: 'Wizard steps' });
  await expect(steps.getByRole('button', { name: 'Requirements (valid, not visited yet)' })).toBeVisible();
  await expect(steps.getByRole('button', { name: 'Configuration (valid, not visited yet)' })).toBeVisible();
  await expect(steps.getByRole('button', { name: 'Service entry (valid, visited)' })).toBeVisible();
  await steps.getByRole('button', { name: /^Configuration/ }).click();
  await expect(steps.getByRole('button', { name: 'Configuration (valid, visited)' })).toBeVisible();
  await fresh.close();
});

test('6: a URL typed into the Environment ID field is turned into the ID right there', async ({ page }) => {
  await openWizard(page, './');
  await next(page);
  const id = page.getByLabel('Environment ID');
  await id.pressSequentially('https://abc12345.live.dynatrace.com/ui/apps');
  await expect(page.getByText('Enter only the environment ID (e.g. abc12345), not a URL or host name.')).toBeVisible();
  await page.getByRole('button', { name: 'Use environment ID abc12345 from it' }).click();
  await expect(id).toHaveValue('abc12345');
  await expect(page.getByLabel('Environment URL (optional, fills the fields below)')).toHaveValue(
    'https://abc12345.live.dynatrace.com/ui/apps',
  );
  await expect(page.getByText('not a URL or host name')).toHaveCount(0);

  // Something that is not an environment URL points to the box that reads URLs.
  await id.fill('');
  await id.pressSequentially('dynatrace.example.com');
  await page.getByRole('button', { name: 'Go to the Environment URL box' }).click();
  await expect(page.getByLabel('Environment URL (optional, fills the fields below)')).toBeFocused();
});

test('7: Clear while the diff is still being computed does not throw', async ({ page }) => {
  await openWizard(page, './');
  await next(page);
  await fillStepTwo(page);
  await next(page);
  await waitForMonaco(page, 'meshconfig.yaml');
  const box = page.getByLabel('Your current mesh config');
  // Clear at different moments of the diff's computation; the test fixture fails on any uncaught error.
  for (const wait of [0, 50, 120, 200, 300, 450, 700, 1000]) {
    await box.fill(ISTIO_OPERATOR);
    await page
      .getByTestId('merge-diff')
      .waitFor({ timeout: 10_000 })
      .catch(() => undefined);
    await page.waitForTimeout(wait);
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect(page.getByTestId('merge-diff')).toHaveCount(0);
  }
  await page.waitForTimeout(500);
});

test('8: both sides of the merge diff are named for screen readers', async ({ page }) => {
  await mergeIstioOperatorOnStepThree(page);
  const diff = page.getByTestId('merge-diff');
  await expect(diff.getByRole('textbox', { name: 'your mesh config' })).toHaveCount(1);
  await expect(diff.getByRole('textbox', { name: 'merged mesh config' })).toHaveCount(1);
});
