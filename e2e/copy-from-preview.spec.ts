import { expect, test } from './fixtures';
import { toMeshConfigStep } from './helpers';

// Monaco is built without its clipboard contribution (src/ui/preview/monaco.ts): the browser's own copy must still
// take the selection out of a read-only preview.
test('selecting in a preview and pressing the copy keys copies the selection', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await toMeshConfigStep(page, '42');
  const editor = page.locator('section.preview[data-file="meshconfig.yaml"] .monaco-editor');
  await expect(editor).toBeVisible();
  // The clipboard may hold this file already (from Copy, in another test): start from something else.
  await page.evaluate(() => navigator.clipboard.writeText('nothing copied yet'));
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+C');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('cluster_id: 42');
});
