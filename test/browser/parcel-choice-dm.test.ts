/**
 * The admin's DM of a returned parcel, in real Chromium at a laptop's and a phone's size, as
 * people meet it in the playground: the builder ships from the US, the buyer pays with their
 * address, the builder buys the cheapest label; the carrier panel's **Returned** holds the
 * payout and the admin (ana_admin) gets the DM with **Reship** and **Refund**, both inside it.
 * Pressing Reship answers on that DM itself: it says what was done, with the label a press away,
 * and no Reship or Refund is left to press (a second choice would only be told "that choice
 * stands").
 */
import type { Page } from 'playwright-core';
import { keepScreenshot } from '../support/browser';
import type { PlaygroundPage } from '../support/playground';
import { playgroundSuite } from '../support/playground-suite';

const suite = playgroundSuite({ sharedRuntime: false });

/** Presses a move on the order's parcel in the carrier panel (behind its button on a phone) and waits for what it says. */
async function carrierMove(page: Page, orderId: string, label: string, says: RegExp): Promise<void> {
  const toggle = page.locator('.parties-toggle');
  const phone = await toggle.isVisible();
  if (phone) await toggle.click();
  await page.locator(`.carrier-parcel[data-order="${orderId}"]`).getByRole('button', { name: label, exact: true }).click({ timeout: 20_000 });
  await page.locator('.carrier-feedback').filter({ hasText: says }).waitFor({ timeout: 30_000 });
  if (phone) await page.click('.parties-close');
}

/** A drop bought with an address typed on the checkout, and its label bought from the rate buttons: the order's id. */
async function boughtAndLabelled(play: PlaygroundPage): Promise<string> {
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
  await checkout.getByLabel('Full name').fill('Bo Buyer');
  await checkout.getByLabel('Address line 1').fill('7421 Wisteria Quarry Lane');
  await checkout.getByLabel('City').fill('Pemberton Falls');
  await checkout.getByLabel('ZIP or postal code').fill('05099');
  await checkout.getByRole('button', { name: /^Pay \$/ }).click();
  await checkout.waitForURL(/\/checkout\/success/);
  await checkout.close();
  await play.dms();
  await play.message('Thanks for your order');
  const orderId = await play.field('Order');
  await play.as('cleo_builds');
  await play.channel('general');
  await play.pick('c500 ship', 'mouse');
  await play.option('order', orderId);
  await play.enter('order');
  await play.message('Labels for Lavender 65%');
  await play.press(/^USPS /);
  await play.message(`Label bought for ${orderId}`);
  return orderId;
}

const sizes = [
  ['a laptop', 'laptop', { width: 1280, height: 800 }],
  ['a phone', 'phone', { width: 390, height: 844 }],
] as const;

describe.each(sizes)('the admin’s DM of a returned parcel on %s', (_size, name, viewport) => {
  it('answers Reship on the DM itself, with the label a press away and no Reship or Refund left to press', async () => {
    const { play, opening } = await suite.open(viewport, await suite.freshRuntime());
    const { page } = play;
    const orderId = await boughtAndLabelled(play);
    await carrierMove(page, orderId, 'Returned', /^Returned: .*ana_admin were told/);

    await play.as('ana_admin');
    await play.dms();
    const dm = page.locator('discord-message').filter({ hasText: 'is being returned to the sender' });
    await dm.waitFor();
    expect(await dm.locator('discord-button').allInnerTexts()).toEqual(['Reship', 'Refund']);
    await play.messageInView('is being returned to the sender');
    await keepScreenshot(page, `parcel-choice-dm-${name}`);

    const messages = await page.locator('discord-message').count();
    await dm.locator('discord-button').filter({ hasText: 'Reship' }).click();
    const answered = page.locator('discord-message').filter({ hasText: `Reshipped: a new label for order ${orderId}` });
    await answered.waitFor({ timeout: 45_000 });
    // The DM became the answer: no message was added beside it, and nothing on it is left to choose.
    expect(await page.locator('discord-message').count()).toBe(messages);
    expect(await page.locator('discord-message').filter({ hasText: 'is being returned to the sender' }).count()).toBe(0);
    expect(await answered.locator('discord-button').allInnerTexts()).toEqual(['Open the label']);
    expect(
      await page
        .locator('discord-button')
        .filter({ hasText: /^(Reship|Refund)$/ })
        .count(),
    ).toBe(0);
    await play.messageInView(`Reshipped: a new label for order ${orderId}`);
    await keepScreenshot(page, `parcel-choice-dm-reshipped-${name}`);
    expect(await play.sideways()).toBe(0);
    expect(opening.problems).toEqual([]);
  }, 300_000);
});
