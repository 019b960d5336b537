import { expect, test } from './fixtures';
import { defaultModel, encodeShareFragment, withDefaults } from '../src/core';
import { expectStep, next, previewText, openWizard } from './helpers';

test('the first step is usable before Monaco has arrived, and previews show text while it loads', async ({ page }) => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const requested: string[] = [];
  await page.route(/\/assets\/monaco-[^/]+\.js$/, async (route) => {
    requested.push(route.request().url());
    await held;
    await route.continue();
  });
  await openWizard(page, './');
  const version = page.getByLabel('Istio version');
  await version.fill('1.25');
  await expect(version).toHaveValue('1.25');
  await page.getByLabel('Standalone, straight to your Dynatrace environment').check();
  await page.getByLabel('Through Dynatrace Operator (recommended)').check();
  await next(page);
  await page.getByLabel('Environment ID').fill('abc12345');
  await page.getByLabel('Dynatrace cluster ID').fill('7');
  await next(page);
  await expectStep(page, 'Mesh config');
  // Monaco is still held back: the plain preview shows the file.
  expect(await page.locator('.monaco-editor').count()).toBe(0);
  expect(await previewText(page, 'meshconfig.yaml')).toContain('cluster_id: 7');
  expect(requested.length).toBeGreaterThan(0);
  release();
  await expect(page.locator('section.preview .monaco-editor')).toBeVisible();
  expect(await previewText(page, 'meshconfig.yaml')).toContain('cluster_id: 7');
});

test('the first step is in the page before any script runs, and what is typed before hydration is kept', async ({
  browser,
}) => {
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const still = await noScript.newPage();
  await still.goto('./');
  await expect(still.getByLabel('Istio version')).toHaveValue(defaultModel.istio.version);
  await expect(still.getByLabel('Through Dynatrace Operator (recommended)')).toBeChecked();
  await noScript.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('./', { waitUntil: 'commit' });
  await page.getByLabel('Istio version').fill('1.21.0');
  await page.getByLabel('The workloads to trace run in ambient mode (no sidecars)').check();
  release();
  await expect(page.getByText('This setup cannot work yet')).toBeVisible();
  await expect(page.getByText('Istio 1.21.0 ships Envoy 1.29 or earlier')).toBeVisible();
  await expect(page.getByLabel('Istio version')).toHaveValue('1.21.0');
  await expect(page.getByLabel('The workloads to trace run in ambient mode (no sidecars)')).toBeChecked();
  await context.close();
});

// A colleague's link opening on a step with previews: the app waits for the step, the core and the editor and then
// renders once (src/ui/main.tsx), but never longer than a few seconds, and fetches nothing twice on the way.
const MESH_CONFIG_LINK = `./#${encodeShareFragment(
  withDefaults({ dynatrace: { environmentId: 'abc12345', clusterId: '7' } }),
  'mesh-config',
)}`;

test('a link opening on a preview step fetches each file once, and not the stylesheet the page already holds', async ({
  page,
}) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await openWizard(page, MESH_CONFIG_LINK);
  await expectStep(page, 'Mesh config');
  await expect(page.locator('section.preview .monaco-editor')).toBeVisible();
  expect(await previewText(page, 'meshconfig.yaml')).toContain('cluster_id: 7');
  const assets = requested.filter((path) => path.includes('/assets/'));
  expect(assets.filter((path, index) => assets.indexOf(path) !== index)).toEqual([]);
  // index.html holds the app's stylesheet inline; loading it again put every rule in the page twice.
  expect(assets.filter((path) => /\/index-[^/]+\.css$/.test(path))).toEqual([]);
  expect(await page.evaluate(() => document.styleSheets.length)).toBe(
    await page.evaluate(() => new Set([...document.styleSheets].map((sheet) => sheet.href ?? sheet.ownerNode)).size),
  );
});

test('a link opening on a preview step still shows its step, as plain text, when the editor is slow to come', async ({
  page,
}) => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/monaco-[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await openWizard(page, MESH_CONFIG_LINK);
  await expectStep(page, 'Mesh config');
  expect(await page.locator('.monaco-editor').count()).toBe(0);
  expect(await previewText(page, 'meshconfig.yaml')).toContain('cluster_id: 7');
  release();
  await expect(page.locator('section.preview .monaco-editor')).toBeVisible();
  expect(await previewText(page, 'meshconfig.yaml')).toContain('cluster_id: 7');
});
