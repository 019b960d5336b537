import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectStep, next, openWizard, toMeshConfigStep, waitForMonaco } from './helpers';

/** Presses Tab until the focused element has the given accessible label (or text), like a keyboard user scanning the page. */
async function tabTo(page: Page, name: RegExp, limit = 60) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element) return '';
      const id = element.id;
      const byFor = id ? document.querySelector(`label[for="${id}"]`)?.textContent : '';
      return [element.getAttribute('aria-label'), byFor, element.textContent].filter(Boolean).join(' ').trim();
    });
    if (name.test(label)) return;
  }
  throw new Error(`could not reach ${name} with Tab`);
}

test('the whole wizard works by keyboard alone', async ({ page }) => {
  await openWizard(page, './');
  await tabTo(page, /Istio version/);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1.26.1');
  await page.keyboard.press('Enter'); // submits the step: Next
  await expectStep(page, 'Configuration');
  await expect(page.getByLabel('Environment ID')).toBeVisible();
  await tabTo(page, /Environment ID/);
  await page.keyboard.type('abc12345');
  await tabTo(page, /Dynatrace cluster ID/);
  await page.keyboard.type('-99');
  await page.keyboard.press('Enter');
  await expectStep(page, 'Mesh config');
  await tabTo(page, /istioctl with an IstioOperator file/);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('The istio ConfigMap')).toBeChecked();
  await tabTo(page, /^Next: Service entry/);
  await page.keyboard.press('Enter');
  await expectStep(page, 'Service entry');
  await tabTo(page, /^Next: Telemetry/);
  await page.keyboard.press('Enter');
  await expectStep(page, 'Telemetry');
  await tabTo(page, /^Next: Verify/);
  await page.keyboard.press('Enter');
  await expectStep(page, 'Verify');
  await tabTo(page, /Download all/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toBe('dynatrace-istio-otel.zip');
  // The step list is reachable by keyboard too.
  await page.keyboard.press('Shift+Tab');
  await tabTo(page, /Requirements \(done\)$/, 120);
  await page.keyboard.press('Enter');
  await expectStep(page, 'Requirements');
});

/**
 * Scans the page with axe-core, made fast on a busy machine (an earlier version needed ~2.5 s a scan at best,
 * over 60 s for twelve under load), with the same rules:
 * - Legacy mode runs axe.run() in the page itself. The default mode also opens a new blank page per scan to combine
 *   results across frames (for cross-origin iframes; the wizard has none).
 * - analyze() evaluates the whole axe-core source (about 600 KB) before every scan, which was most of a scan's
 *   time. The wizard is one page, so once it holds axe, later scans pass a no-op source and reuse it.
 * - Monaco's editor DOM is left out: its internals (hidden textarea, line layers, minimap) are Monaco's, outside our
 *   control; the preview's header, buttons and the plain-text fallback are ours and are scanned.
 */
async function expectNoAxeViolations(page: Page, step: string) {
  const axeLoaded = await page.evaluate(() => 'axe' in window);
  const results = await new AxeBuilder({ page, ...(axeLoaded ? { axeSource: 'void 0' } : {}) })
    .setLegacyMode()
    .exclude('.monaco-editor')
    .analyze();
  expect(
    results.violations.map((v) => `${step}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

/** Opens the wizard in a colour scheme and mode, and walks to the configuration step with valid values. */
async function toConfigurationStep(page: Page, mode: 'operator' | 'standalone', scan: boolean) {
  await openWizard(page, './');
  if (mode === 'standalone') await page.getByLabel('Standalone, straight to your Dynatrace environment').check();
  if (scan) await expectNoAxeViolations(page, 'requirements');
  await next(page);
  await page.getByLabel('Environment ID').fill('abc12345');
  await page.getByLabel('Dynatrace cluster ID').fill('1');
  await page.getByText('Advanced options').click();
}

// Per mode and colour scheme, the first two steps and the four with previews are separate tests: they run side by
// side, and each stays far from the time limit on a busy machine (a scan of a long step took up to 5 s there).
for (const mode of ['operator', 'standalone'] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`no axe violations on the requirements and configuration steps (${mode}, ${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await toConfigurationStep(page, mode, true);
      await expectNoAxeViolations(page, 'configuration');
    });

    test(`no axe violations on the steps with previews (${mode}, ${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await toConfigurationStep(page, mode, false);
      await next(page);
      await waitForMonaco(page, 'meshconfig.yaml');
      await expectNoAxeViolations(page, 'mesh-config');
      for (const step of ['service-entry', 'telemetry', 'verify']) {
        await next(page);
        await expectNoAxeViolations(page, step);
      }
    });
  }
}

test('usable in a narrow window', async ({ page }) => {
  await page.setViewportSize({ width: 380, height: 800 });
  await toMeshConfigStep(page, '1');
  await waitForMonaco(page, 'meshconfig.yaml');
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});
