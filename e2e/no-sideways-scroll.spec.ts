import { expect, test } from './fixtures';
import { expectStep, next, toMeshConfigStep } from './helpers';

// Long commands and hosts scroll inside their own boxes; the page itself never needs scrolling sideways
// (WCAG 1.4.10 Reflow), at a desktop width or on a phone.
for (const width of [1280, 390]) {
  test(`no step makes the page scroll sideways at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    await toMeshConfigStep(page);
    for (const step of ['Mesh config', 'Service entry', 'Telemetry', 'Verify']) {
      await expectStep(page, step);
      await expect.poll(pageWidth, { message: `step ${step}` }).toBeLessThanOrEqual(width);
      if (step !== 'Verify') await next(page);
    }
  });
}
