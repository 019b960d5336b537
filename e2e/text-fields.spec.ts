import { expect, test } from './fixtures';
import { expectStep, next, openWizard } from './helpers';

// A text field has a set height (each is its own layout root: styles.css, .input-box), so it must hold a line of its
// own text at any text size: nothing typed may be cut off, also when the user has made the text larger.
test('every text field is tall enough for a line of its text, also with the text twice as large', async ({ page }) => {
  await openWizard(page);
  await next(page);
  await expectStep(page, 'Configuration');
  await page.getByLabel('Environment ID').pressSequentially('abc12345');
  for (const size of ['100%', '200%']) {
    await page.evaluate((fontSize) => (document.documentElement.style.fontSize = fontSize), size);
    const fields = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLInputElement>('.field input')]
        .filter((input) => !['checkbox', 'radio'].includes(input.type) && input.getClientRects().length > 0)
        .map((input) => {
          const style = getComputedStyle(input);
          const px = (value: string) => Number.parseFloat(value);
          const needed =
            px(style.lineHeight) +
            px(style.paddingTop) +
            px(style.paddingBottom) +
            px(style.borderTopWidth) +
            px(style.borderBottomWidth);
          return { id: input.id, height: input.getBoundingClientRect().height, needed, fontSize: px(style.fontSize) };
        }),
    );
    expect(fields.length, 'text fields on the Configuration step').toBeGreaterThan(2);
    for (const field of fields) {
      // The line of text is at least as tall as the font, and the field holds that line with its padding and border.
      expect(field.needed - field.fontSize, `${field.id} at ${size}`).toBeGreaterThan(0);
      expect(field.height, `${field.id} at ${size}`).toBeGreaterThanOrEqual(field.needed - 0.5);
    }
  }
});
