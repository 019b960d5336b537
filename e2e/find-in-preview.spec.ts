import { expect, test } from './fixtures';
import { readFileSync } from 'node:fs';
import { toMeshConfigStep } from './helpers';

const ISTIO_OPERATOR = readFileSync('src/core/merge/__fixtures__/istio-operator.yaml', 'utf8');

// Monaco is built trimmed (src/ui/preview/monaco.ts, scripts/monaco-leave-out.ts); its find widget is kept on
// purpose, for searching a large merged file: Ctrl+F in a preview must still find text.
test('Ctrl+F in a preview finds text in the file', async ({ page }) => {
  await toMeshConfigStep(page, '42');
  const editor = page.locator('section.preview[data-file="meshconfig.yaml"] .monaco-editor');
  await expect(editor).toBeVisible();
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+F');
  const find = editor.getByRole('textbox', { name: 'Find' });
  await expect(find).toBeFocused();
  await page.keyboard.type('cluster_id');
  await expect(editor.locator('.find-widget .matchesCount')).toHaveText('1 of 1');
});

// The diff editor's accessible diff viewer (F7: go to the next difference) is kept too: it is how a screen reader
// user reads what a merge changes.
test('F7 in the merge diff opens the accessible diff viewer on the first change', async ({ page }) => {
  await toMeshConfigStep(page);
  await page.getByLabel('Your current mesh config').fill(ISTIO_OPERATOR);
  await expect(page.getByTestId('diff-summary')).toHaveText('12 lines added, 0 removed');
  const diff = page.locator('.monaco-diff-editor');
  await diff.locator('.editor.modified .view-lines').click();
  await page.keyboard.press('F7');
  await expect(diff.locator('.diff-review')).toBeVisible();
  await expect(diff.locator('.diff-review')).toContainText('dynatrace-otel');
});
