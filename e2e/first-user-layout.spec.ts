import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { expectStep, next, openWizard, toMeshConfigStep } from './helpers';

// Issue 26, "smaller, each seen by the user": the bar that does not move, the diff that does not cover it, the
// phone, the keyboard.

const ISTIO_OPERATOR = readFileSync('src/core/merge/__fixtures__/istio-operator.yaml', 'utf8');

test('Share link does not move the action bar’s buttons under the pointer', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await toMeshConfigStep(page);
  const bar = page.getByRole('region', { name: 'Your files' });
  const download = bar.getByRole('button', { name: 'Download all (.zip)' });
  const share = bar.getByRole('button', { name: 'Share link' });
  const before = { download: await download.boundingBox(), share: await share.boundingBox() };
  await share.click();
  await expect(bar.getByTestId('share-status')).toContainText('Link copied');
  expect(await download.boundingBox()).toEqual(before.download);
  expect(await share.boundingBox()).toEqual(before.share);
});

test('a click on Download all is never taken by the merge diff under it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 700 });
  await toMeshConfigStep(page);
  await page.getByLabel('Your current mesh config').fill(ISTIO_OPERATOR);
  await expect(page.getByTestId('diff-summary')).toHaveText('12 lines added, 0 removed');
  const diff = page.getByTestId('merge-diff');
  await expect(diff.locator('.editor.modified .view-lines')).toContainText('dynatrace-otel');
  const download = page
    .getByRole('region', { name: 'Your files' })
    .getByRole('button', { name: 'Download all (.zip)' });
  // Scroll until the diff's right edge (its overview ruler) runs under the sticky bar.
  for (let i = 0; i < 20; i++) {
    const [d, b] = [await diff.boundingBox(), await download.boundingBox()];
    if (d && b && d.y < b.y && d.y + d.height > b.y + b.height) break;
    await page.mouse.wheel(0, 120);
  }
  const box = (await download.boundingBox())!;
  const diffBox = (await diff.boundingBox())!;
  expect(diffBox.y + diffBox.height).toBeGreaterThan(box.y + box.height);
  // Nothing of the diff (its sash, overview ruler, scrollbars) is painted over the bar: every point of the bar
  // (inside its rounded corners) hits the bar itself.
  const bar = (await page.getByRole('region', { name: 'Your files' }).boundingBox())!;
  const covered = await page.evaluate(
    ([x0, y0, width, height]) => {
      const hits = new Set<string>();
      for (let x = x0! + 12; x < x0! + width! - 12; x += 4)
        for (let y = y0! + 12; y < y0! + height! - 12; y += 4) {
          const element = document.elementFromPoint(x, y);
          if (element && !element.closest('.action-bar')) hits.add(String(element.className));
        }
      return [...hits];
    },
    [bar.x, bar.y, bar.width, bar.height],
  );
  expect(covered).toEqual([]);
  const [download0] = await Promise.all([page.waitForEvent('download'), download.click()]);
  expect(download0.suggestedFilename()).toBe('dynatrace-istio-otel.zip');
});

test('the merge diff opens on the first change', async ({ page }) => {
  await toMeshConfigStep(page);
  // A long config whose providers come after 120 lines of settings that stay as they are.
  const padding = Array.from({ length: 120 }, (_, i) => `    # setting ${i}: unchanged`).join('\n');
  await page
    .getByLabel('Your current mesh config')
    .fill(
      `meshConfig:\n  accessLogFile: /dev/stdout\n${padding}\n  extensionProviders:\n  - name: other\n    zipkin:\n      service: zipkin.tracing\n      port: 9411\n`,
    );
  await expect(page.getByTestId('diff-summary')).toContainText('lines added');
  const modified = page.getByTestId('merge-diff').locator('.editor.modified .view-lines');
  await expect(modified).toContainText('dynatrace-otel');
});

test('on a phone the action bar stays small and long commands wrap instead of being cut off', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await toMeshConfigStep(page);
  const bar = page.getByRole('region', { name: 'Your files' });
  expect((await bar.boundingBox())!.height).toBeLessThanOrEqual(844 * 0.12);
  // It still says what Download all gives, to assistive technology.
  await expect(bar.getByRole('button', { name: 'Download all (.zip)' })).toHaveAccessibleDescription(/^Ready: /);
  for (let i = 0; i < 3; i++) await next(page);
  await expectStep(page, 'Verify');
  const cut = await page.evaluate(
    () => [...document.querySelectorAll('.command pre')].filter((pre) => pre.scrollWidth > pre.clientWidth + 1).length,
  );
  expect(cut).toBe(0);
});

test('a skip link takes the keyboard from the top of the page to Next in three key presses', async ({ page }) => {
  await openWizard(page, './');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to the step’s Back and Next buttons' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Next: Configuration' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expectStep(page, 'Configuration');
});

test('the Service entry step does not open with a promise of work when there is none', async ({ page }) => {
  await toMeshConfigStep(page);
  await next(page);
  await expectStep(page, 'Service entry');
  await expect(page.getByTestId('no-service-entry')).toContainText('No action needed');
  await expect(page.locator('.intro')).not.toContainText('with TLS');
});

test('on a phone the span path is numbered once, and the troubleshooting table says it goes on to the right', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await toMeshConfigStep(page);
  const path = page.getByRole('list', { name: 'Path of the spans' });
  await expect(path).toBeVisible();
  const first = path.getByRole('listitem').first();
  await expect(first).toHaveText(/^1\. /);
  expect(await first.evaluate((item) => getComputedStyle(item).listStyleType)).toBe('none');
  for (let i = 0; i < 3; i++) await next(page);
  await page.getByText(/^Troubleshooting: \d+ symptoms/).click();
  await expect(page.getByText('Each row continues to the right: Cause, then Fix.')).toBeVisible();
});
