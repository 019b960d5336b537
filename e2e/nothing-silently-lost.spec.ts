import { readFileSync } from 'node:fs';
import { defaultModel } from '../src/core';
import { expect, test } from './fixtures';
import { downloadAll, expectStep, next, openWizard, SAMPLE_TOKEN, toMeshConfigStep } from './helpers';

// Issue 26, "Nothing silently lost or downgraded": what a first-time user does by habit (Back, reload, Start over, a
// colleague's link) never throws their work away without saying so and offering it back.

const ISTIO_OPERATOR = readFileSync('src/core/merge/__fixtures__/istio-operator.yaml', 'utf8');

test('the browser’s Back and Forward move between steps, and a reload stays on the step', async ({ page }) => {
  await toMeshConfigStep(page);
  await page.goBack();
  await expectStep(page, 'Configuration');
  await expect(page.getByLabel('Environment ID')).toHaveValue('abc12345');
  await page.goBack();
  await expectStep(page, 'Requirements');
  await page.goForward();
  await expectStep(page, 'Configuration');
  await page.goForward();
  await expectStep(page, 'Mesh config');
  // A jump in the step list is a step in the history too.
  await page.getByRole('button', { name: /^Verify/ }).click();
  await expectStep(page, 'Verify');
  await page.goBack();
  await expectStep(page, 'Mesh config');
  await page.reload();
  await expectStep(page, 'Mesh config');
  await page.goBack();
  await expectStep(page, 'Configuration');
});

test('Start over can be undone, by keyboard too', async ({ page }) => {
  await openWizard(page, './');
  await page.getByLabel('Istio version').fill('1.25');
  await next(page);
  await page.getByLabel('Environment ID').fill('abc12345');
  await page.getByRole('button', { name: 'Start over' }).click();
  await expectStep(page, 'Requirements');
  // Back to the default Istio version (the newest release the wizard knows).
  await expect(page.getByLabel('Istio version')).toHaveValue(defaultModel.istio.version);
  const undo = page.getByRole('button', { name: 'Undo Start over' });
  await expect(undo).toBeVisible();
  await undo.focus();
  await page.keyboard.press('Enter');
  await expectStep(page, 'Configuration');
  await expect(page.getByLabel('Environment ID')).toHaveValue('abc12345');
  await page.getByRole('button', { name: /^Requirements/ }).click();
  await expect(page.getByLabel('Istio version')).toHaveValue('1.25');
  await expect(page.getByRole('button', { name: 'Undo Start over' })).toHaveCount(0);
});

test('a share link opened over a draft says so and can give the draft back', async ({ page, context, browser }) => {
  // A colleague's link, made in their own browser.
  const colleague = await browser.newContext();
  await colleague.grantPermissions(['clipboard-read', 'clipboard-write']);
  const theirs = await colleague.newPage();
  await openWizard(theirs, './');
  await next(theirs);
  await theirs.getByLabel('Environment ID').fill('zzz99999');
  await theirs.getByRole('button', { name: 'Share link' }).click();
  await expect(theirs.getByTestId('share-status')).toContainText('Link copied');
  const link = await theirs.evaluate(() => navigator.clipboard.readText());
  await colleague.close();

  // My own draft, in my browser.
  await openWizard(page, './');
  await next(page);
  await page.getByLabel('Environment ID').fill('mine1234');
  await page.getByLabel('Dynatrace cluster ID').fill('7');
  await next(page);
  await expectStep(page, 'Mesh config');
  await page.waitForTimeout(500);

  const tab = await context.newPage();
  await openWizard(tab, link);
  await expectStep(tab, 'Configuration');
  await expect(tab.getByLabel('Environment ID')).toHaveValue('zzz99999');
  await expect(tab.getByTestId('banner')).toContainText('replaced your own draft');
  await tab.getByRole('button', { name: 'Undo: restore my draft' }).click();
  await expectStep(tab, 'Mesh config');
  await tab.getByRole('button', { name: /^Configuration/ }).click();
  await expect(tab.getByLabel('Environment ID')).toHaveValue('mine1234');
  await expect(tab.getByLabel('Dynatrace cluster ID')).toHaveValue('7');
});

test('after a merge, a reload says the merged file is gone and asks before handing out the generated one', async ({
  page,
}) => {
  await toMeshConfigStep(page);
  await page.getByLabel('Your current mesh config').fill(ISTIO_OPERATOR);
  await expect(page.getByTestId('diff-summary')).toHaveText('12 lines added, 0 removed');
  await expect(page.getByRole('region', { name: 'Your files' })).toContainText('merged with your config');
  await page.waitForTimeout(500);
  await page.reload();
  await expectStep(page, 'Mesh config');

  // Where the user looks: on the step and in the action bar.
  const notice = page.getByTestId('merge-lost');
  await expect(notice).toContainText('Your merged meshconfig.yaml is gone');
  await expect(notice).toContainText('paste your config again');
  const bar = page.getByRole('region', { name: 'Your files' });
  await expect(bar).toContainText('generated only');

  // Download all asks first; nothing is downloaded by the first click.
  let downloads = 0;
  page.on('download', () => downloads++);
  await bar.getByRole('button', { name: 'Download all (.zip)' }).click();
  const question = page.getByRole('alertdialog', { name: /generated-only meshconfig.yaml/ });
  await expect(question).toBeVisible();
  await expect(question).toContainText('resets');
  expect(downloads).toBe(0);
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(question).toHaveCount(0);
  expect(downloads).toBe(0);

  // Pasting again brings the merge back, and Download all gives it without asking.
  await page.getByLabel('Your current mesh config').fill(ISTIO_OPERATOR);
  await expect(page.getByTestId('diff-summary')).toHaveText('12 lines added, 0 removed');
  await expect(page.getByTestId('merge-lost')).toHaveCount(0);
  const files = await downloadAll(page);
  expect(files['meshconfig.yaml']).toContain('# Production mesh: owned by the platform team.');
});

test('after a merge, choosing to go on with the generated file is an explicit answer', async ({ page }) => {
  await toMeshConfigStep(page);
  await page.getByLabel('Your current mesh config').fill(ISTIO_OPERATOR);
  await expect(page.getByTestId('diff-summary')).toHaveText('12 lines added, 0 removed');
  await page.waitForTimeout(500);
  await page.reload();
  await expect(page.getByTestId('merge-lost')).toBeVisible();
  await page.getByRole('button', { name: 'Download all (.zip)' }).first().click();
  const question = page.getByRole('alertdialog', { name: /generated-only meshconfig.yaml/ });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    question.getByRole('button', { name: 'Download the generated-only files' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('dynatrace-istio-otel.zip');
});

test('the Hub snippet box masks the token once it has been read', async ({ page }) => {
  await openWizard(page, './');
  await page.getByLabel('Standalone, straight to your Dynatrace environment').check();
  // Before 1.26 the token goes into the mesh config, so the page keeps it in its field.
  await page.getByLabel('Istio version').fill('1.24');
  await next(page);
  const snippet = `meshConfig:
  extensionProviders:
  - name: dynatrace-otel
    opentelemetry:
      port: 80
      service: "istio-system/xyz98765.live.dynatrace.com"
      http:
        path: "/api/v2/otlp/v1/traces"
        headers:
        - name: "Authorization"
          value: "Api-Token ${SAMPLE_TOKEN}"
      dynatrace_sampler:
        tenant: "xyz98765"
        cluster_id: -42
`;
  const box = page.getByLabel('Paste the snippet from Dynatrace Hub (optional, fills the fields below)');
  await box.fill(snippet);
  await expect(page.getByText(/Filled in from the snippet: .*API token/)).toBeVisible();
  await expect(page.getByLabel('API token')).toHaveValue(SAMPLE_TOKEN);
  await expect(box).not.toHaveValue(new RegExp(SAMPLE_TOKEN.slice(20, 40)));
  await expect(box).toHaveValue(/xyz98765/);
  // Editing the masked snippet never puts the mask in place of the token.
  await box.press('End');
  await box.pressSequentially(' ');
  await expect(page.getByLabel('API token')).toHaveValue(SAMPLE_TOKEN);
});

test('the step list says Verify is not checked yet until something was verified', async ({ page }) => {
  await toMeshConfigStep(page);
  const verify = page.getByRole('button', { name: /^Verify/ });
  await expect(verify).toHaveAccessibleName(/not checked yet/);
  await expect(verify).not.toContainText('✓');
  await verify.click();
  await expectStep(page, 'Verify');
  await expect(verify).toHaveAccessibleName(/not checked yet/);
  await page.getByLabel('Output 1').fill('✔ No validation issues found when analyzing all namespaces.\n');
  await expect(page.getByTestId('verify-recognised')).toBeVisible();
  await expect(verify).not.toHaveAccessibleName(/not checked yet/);
});
