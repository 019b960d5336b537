import { expect, type Download, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';

export const SAMPLE_TOKEN = `dt0c01.${'ABCDEFGHIJKLMNOPQRSTUVWX'}.${'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOPQR'}`;

/** Opens the wizard and waits until it is live (the first step is prerendered and usable even before). */
export async function openWizard(page: Page, url = './') {
  await page.goto(url);
  await page.locator('html[data-wizard-ready="true"]').waitFor({ state: 'attached' });
}

export async function next(page: Page) {
  await page.getByRole('button', { name: /^Next:/ }).click();
}

/** A new user's shortest way to the mesh-config step: defaults, environment ID, cluster ID. */
export async function toMeshConfigStep(page: Page, clusterId = '-1743916452') {
  await openWizard(page, './');
  await next(page);
  await page.getByLabel('Environment ID').fill('abc12345');
  await page.getByLabel('Dynatrace cluster ID').fill(clusterId);
  await next(page);
  await expectStep(page, 'Mesh config');
}

export async function expectStep(page: Page, title: string) {
  await expect(page.getByRole('heading', { level: 2 })).toContainText(title);
}

/** The text a preview shows (Monaco once loaded, the plain fallback before), with Monaco's spacing normalised. */
export async function previewText(page: Page, fileName: string): Promise<string> {
  const preview = page.locator(`section.preview[data-file="${fileName}"]`);
  await expect(preview).toBeVisible();
  const monaco = preview.locator('.monaco-editor .view-lines');
  const fallback = preview.locator('pre.preview-fallback');
  // The plain preview is swapped for Monaco when it arrives; read whichever is there.
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      if ((await monaco.count()) > 0) return (await monaco.innerText({ timeout: 1000 })).replace(/\u00a0/g, ' ');
      if ((await fallback.count()) > 0) return await fallback.innerText({ timeout: 1000 });
    } catch {
      // swapped while reading: try again
    }
    await page.waitForTimeout(50);
  }
  throw new Error(`no preview text for ${fileName}`);
}

export async function waitForMonaco(page: Page, fileName: string) {
  await expect(page.locator(`section.preview[data-file="${fileName}"] .monaco-editor .view-lines`)).toBeVisible();
}

export async function downloadText(download: Download): Promise<string> {
  return readFileSync(await download.path(), 'utf8');
}

/** Clicks "Download all" and returns every file in the zip by name. */
export async function downloadAll(page: Page): Promise<Record<string, string>> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download all (.zip)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('dynatrace-istio-otel.zip');
  const entries = unzipSync(new Uint8Array(readFileSync(await download.path())));
  return Object.fromEntries(
    Object.entries(entries).map(([name, bytes]) => [name.replace(/^dynatrace-istio-otel\//, ''), strFromU8(bytes)]),
  );
}

/** Fails the test if the page requests anything outside its own origin. */
export async function forbidForeignRequests(page: Page): Promise<string[]> {
  const foreign: string[] = [];
  await page.context().route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname !== '127.0.0.1' && url.protocol !== 'data:' && url.protocol !== 'blob:') {
      foreign.push(url.href);
      return route.abort();
    }
    return route.continue();
  });
  return foreign;
}
