/**
 * The local Stripe's checkout address, in real Chromium at a laptop's and a phone's size, as a
 * buyer meets it: the builder ships from the US (`/c500 shipping` from the `/` list), posts a
 * drop; the buyer presses Buy Now and opens the pay link. Each field's label sits above its
 * field, whole, inside the card; an address whose city is only spaces (which the browser's own
 * check lets through) comes back on the same page with what was typed kept, the city marked,
 * "Enter the city." beside it and the cursor in it; typing the city and pressing Enter pays.
 */
import type { Page } from 'playwright-core';
import { keepScreenshot } from '../support/browser';
import { playgroundSuite } from '../support/playground-suite';

const suite = playgroundSuite({ sharedRuntime: false });

/**
 * Each address field whose label's words are not wholly above it (beside it, or wrapped round
 * it), or that is narrower than the card's column lets it be (up to 28rem, a comfortable line
 * for an address): the fields read as a list, each wide enough to see what was typed.
 */
function labelsNotAbove(page: Page): Promise<string[]> {
  return page.$$eval('.shipping-address label', (labels) =>
    labels.flatMap((label) => {
      const control = (label as HTMLLabelElement).control;
      if (!control) return [`${label.textContent ?? ''}: labels no field`];
      // The label's own words, without a field (or a select's options) it may hold.
      const words = Array.from(label.childNodes)
        .filter((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '')
        .flatMap((n) => {
          const range = document.createRange();
          range.selectNodeContents(n);
          return Array.from(range.getClientRects());
        });
      const c = control.getBoundingClientRect();
      const lowest = Math.max(...words.map((r) => r.bottom));
      const card = label.closest('.card') as HTMLElement;
      const style = getComputedStyle(card);
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
      const room = Math.min(card.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight), 28 * rem);
      const cramped = lowest > c.top + 0.5 || c.width < room * 0.9;
      const what = (label.firstChild?.textContent ?? '').trim();
      return cramped
        ? [`${what}: words down to ${Math.round(lowest)}, field from ${Math.round(c.top)}, ${Math.round(c.width)} of ${Math.round(room)} wide`]
        : [];
    }),
  );
}

/** Whatever of the address pokes out of its fieldset or its card sideways, or makes the page scroll sideways. */
function sidewaysOut(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const set = document.querySelector('.shipping-address') as HTMLElement;
    const card = set.closest('.card') as HTMLElement;
    const [s, c] = [set.getBoundingClientRect(), card.getBoundingClientRect()];
    const out = Array.from(set.querySelectorAll('*'))
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.left < s.left - 0.5 || r.right > s.right + 0.5);
      })
      .map((el) => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}" leaves the fieldset`);
    if (s.left < c.left - 0.5 || s.right > c.right + 0.5) out.push('the fieldset leaves the card');
    if (document.documentElement.scrollWidth > window.innerWidth)
      out.push(`the page scrolls sideways (${document.documentElement.scrollWidth} in ${window.innerWidth})`);
    return out;
  });
}

/** Where the words about a field sit: just under it, and what they say. */
function problemUnder(page: Page, field: string): Promise<{ words: string; gap: number; describes: boolean }> {
  return page.evaluate((name) => {
    const control = document.querySelector(`.shipping-address [name="${name}"]`) as HTMLElement;
    const id = control.getAttribute('aria-describedby') ?? '';
    const words = document.getElementById(id);
    if (!words) return { words: '', gap: Number.POSITIVE_INFINITY, describes: false };
    return {
      words: words.textContent ?? '',
      gap: words.getBoundingClientRect().top - control.getBoundingClientRect().bottom,
      describes: control.getAttribute('aria-invalid') === 'true',
    };
  }, field);
}

const sizes = [
  ['a laptop', 'laptop', { width: 1280, height: 800 }],
  ['a phone', 'phone', { width: 390, height: 844 }],
] as const;

describe.each(sizes)('the checkout’s shipping address on %s', (_size, name, viewport) => {
  it('lists each field under its label, and says a blank city beside the city with the address kept, then pays', async () => {
    const { play, opening } = await suite.open(viewport, await suite.freshRuntime());
    await play.setUp();
    await play.as('cleo_builds');
    await play.channel('general');
    await play.pick('c500 shipping', 'mouse');
    await play.option('to', 'US');
    await play.option('domestic', '12');
    await play.option('domestic-extra', '4');
    await play.option('from', '417 Montgomery St, San Francisco, CA, 94104');
    await play.enter('from');
    await play.message('Shipping saved.');
    await play.postDrop('cleo_builds', { title: 'Lavender 65%', description: 'Oil Kings on a brass plate', price: '240', kind: 'ready-to-ship 1' });
    await play.as('bo_buyer');
    await play.channel('marketplace');
    await play.press('Buy');
    const link = play.page
      .locator('discord-button[url]')
      .filter({ hasText: /^Pay \$240\.00/ })
      .last();
    const [checkout] = await Promise.all([play.page.context().waitForEvent('page'), link.click()]);
    await checkout.waitForLoadState('load');

    expect(await labelsNotAbove(checkout)).toEqual([]);
    expect(await sidewaysOut(checkout)).toEqual([]);
    await keepScreenshot(checkout, `checkout-address-${name}`);

    await checkout.getByLabel('Full name').fill('Bo Buyer');
    await checkout.getByLabel('Address line 1').fill('7421 Wisteria Quarry Lane');
    await checkout.getByLabel('City').fill('   ');
    await checkout.getByLabel('ZIP or postal code').fill('05099');
    await checkout.getByLabel('ZIP or postal code').press('Enter');
    await checkout.locator('.field-error').waitFor();

    expect(await checkout.getByLabel('Full name').inputValue()).toBe('Bo Buyer');
    expect(await checkout.getByLabel('ZIP or postal code').inputValue()).toBe('05099');
    const problem = await problemUnder(checkout, 'city');
    expect(problem).toMatchObject({ words: 'Enter the city.', describes: true });
    expect(problem.gap).toBeGreaterThanOrEqual(0);
    expect(problem.gap).toBeLessThan(16);
    expect(await checkout.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('city');
    expect(await sidewaysOut(checkout)).toEqual([]);
    await keepScreenshot(checkout, `checkout-address-refused-${name}`);

    await checkout.keyboard.type('Pemberton Falls');
    await checkout.keyboard.press('Enter');
    await checkout.waitForURL(/\/checkout\/success/);
    await checkout.close();
    await play.dms();
    // The items and the shipping, paid with the address once its city was given.
    expect(await play.message('Thanks for your order')).toMatch(/\$252\.00 .*\$12\.00 to the address you gave at checkout/);
    // The refused post answered 400 on purpose; anything else that failed is a problem.
    expect(opening.problems).toEqual([]);
  }, 240_000);
});
