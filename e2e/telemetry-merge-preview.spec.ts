import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { expectStep, next, previewText, toMeshConfigStep } from './helpers';

const MESH_WIDE = readFileSync('src/core/merge/telemetry/__fixtures__/mesh-wide.yaml', 'utf8');

test('once a Telemetry is merged, the preview keeps showing the merged file while the user types on step 5', async ({
  page,
}) => {
  await toMeshConfigStep(page);
  await next(page);
  await next(page);
  await expectStep(page, 'Telemetry');

  await page.getByLabel('Your current Telemetry resources').fill(MESH_WIDE);
  await expect(page.getByTestId('telemetry-merge-target')).toHaveText(
    'Merged into istio-system/mesh-default (the input).',
  );
  await expect.poll(() => previewText(page, 'dt-telemetry.yaml')).toContain('name: mesh-default');

  // A custom tag changes the generated Telemetry, not the merged one (its tags are the user's to add): the preview
  // must not fall back to the generated file on a keystroke.
  await page.getByRole('button', { name: 'Add tag' }).click();
  const name = page.getByLabel('Tag 1 name');
  for (const key of 'cluster') {
    await name.press(key);
    expect(await previewText(page, 'dt-telemetry.yaml')).toContain('name: mesh-default');
  }
  // The tag has no value yet, so the configuration is not valid: the merge shown is the last valid one, and says so.
  await expect(page.getByTestId('stale-merge')).toBeVisible();
  await page.getByLabel('Tag 1 value').pressSequentially('eu-1');
  await expect(page.getByTestId('stale-merge')).toHaveCount(0);
  await expect(page.getByText(/custom tags chosen in the wizard are not written into/)).toBeVisible();
  expect(await previewText(page, 'dt-telemetry.yaml')).toContain('name: mesh-default');
});
