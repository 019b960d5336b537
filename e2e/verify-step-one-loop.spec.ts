import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { defaultModel, encodeShareFragment, withDefaults } from '../src/core';
import { expectStep, openWizard } from './helpers';

const operator = withDefaults({ dynatrace: { environmentId: 'abc12345', clusterId: '-5' } }, defaultModel);

/** The words a person sees on the step (folded text, e.g. closed notes, is not visible and not counted). */
async function visibleWords(page: Page): Promise<number> {
  const text = await page.locator('main .step-body').first().innerText();
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

async function openVerify(page: Page) {
  await openWizard(page, `./#${encodeShareFragment(operator, 'verify')}`);
  await expectStep(page, 'Verify');
  await expect(page.getByRole('button', { name: 'Download all (.zip)' })).toBeEnabled();
}

// Issue 26: step 6 was 1,630 words (Operator/SaaS, this measure) before it became one collect-and-paste loop.
test('step 6 starts with collect.sh and one drop target, lists each command once, and is shorter', async ({ page }) => {
  await openVerify(page);
  const headings = await page.locator('main h3').allInnerTexts();
  expect(headings.slice(0, 2)).toEqual([
    '1. Run collect.sh, then drop its output below',
    '2. Drop dt-istio-collect.txt here',
  ]);
  const first = page.getByRole('region', { name: '1. Run collect.sh, then drop its output below' });
  await expect(first.getByRole('button', { name: 'Copy collect.sh' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: /^Output \d/ })).toHaveCount(1);

  // No command the box cannot read (filtered through grep), and none listed twice.
  const commands = await page.locator('main .step-body pre code').allInnerTexts();
  expect(commands.filter((command) => /\| grep (-c |-A )|\| grep -E 'invalid/.test(command))).toEqual([]);
  const checklistCommands = await page.locator('[data-check] pre code').allInnerTexts();
  expect(new Set(checklistCommands).size).toBe(checklistCommands.length);

  const words = await visibleWords(page);
  console.log(`Verify step words: ${words} (before: 1630)`);
  expect(words).toBeLessThan(1100);
});
