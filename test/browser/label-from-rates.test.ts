/**
 * A label bought from the rate buttons and opened, in real Chromium, as people do it in the
 * playground: the builder says where they ship from with `/c500 shipping` (picked from the `/`
 * list, its fields typed, Enter), posts a drop; the buyer presses Buy Now, opens the pay link
 * and types their address on the local Stripe's checkout before pressing Pay (the builder's DM
 * shows it); the builder runs
 * `/c500 ship order:<id>` from the `/` list and presses the cheapest rate: the answer's
 * **Open the label** opens a new tab showing the label, an image a person can see, and the
 * carrier panel lists the parcel with the same label behind its **Label** link.
 */
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { playgroundSuite } from '../support/playground-suite';

const suite = playgroundSuite({ sharedRuntime: false });

/** Clicks a link as a person does and returns the tab it opened, once that tab has loaded. */
async function opensTab(context: BrowserContext, link: Locator): Promise<Page> {
  const [tab] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await tab.waitForLoadState('load');
  return tab;
}

/** What a tab shows: its address, the type the browser received it as, and, for an image, how wide it was drawn. */
async function shownLabel(tab: Page): Promise<{ url: string; contentType: string; naturalWidth: number }> {
  const contentType = await tab.evaluate(() => document.contentType);
  const naturalWidth = contentType.startsWith('image/')
    ? await tab
        .locator('img')
        .first()
        .evaluate((img) => ((img as HTMLImageElement).complete ? (img as HTMLImageElement).naturalWidth : 0))
    : 0;
  return { url: tab.url(), contentType, naturalWidth };
}

describe('a label bought from the rate buttons in the playground', () => {
  it('opens in a new tab as an image a person can see, and the carrier panel shows the parcel with that label', async () => {
    const rt = await suite.freshRuntime();
    const { play, opening } = await suite.open({ width: 1280, height: 800 }, rt);
    const context = play.page.context();
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
    const checkout = await opensTab(
      context,
      play.page
        .locator('discord-button[url]')
        .filter({ hasText: /^Pay \$240\.00/ })
        .last(),
    );
    await checkout.getByLabel('Full name').fill('Bo Buyer');
    await checkout.getByLabel('Address line 1').fill('7421 Wisteria Quarry Lane');
    await checkout.getByLabel('City').fill('Pemberton Falls');
    await checkout.getByLabel('State').fill('VT');
    await checkout.getByLabel('ZIP').fill('05099');
    await checkout.getByRole('button', { name: /^Pay \$/ }).click();
    await checkout.waitForURL(/\/checkout\/success/);
    await checkout.close();
    await play.dms();
    await play.message('Thanks for your order');
    const orderId = await play.field('Order');

    await play.as('cleo_builds');
    await play.dms();
    expect(await play.message('Pemberton Falls')).toContain('7421 Wisteria Quarry Lane');
    await play.channel('general');
    await play.pick('c500 ship', 'mouse');
    await play.option('order', orderId);
    await play.enter('order');
    await play.message(`Labels for Lavender 65%`);
    await play.press(/^USPS /);
    expect(await play.message(`Label bought for ${orderId}`)).toMatch(/USPS .*tracking \S+/);

    const fromAnswer = await opensTab(context, play.page.locator('discord-button[url]').filter({ hasText: 'Open the label' }).last());
    const label = await shownLabel(fromAnswer);
    expect(label.url).toMatch(/\.png$/);
    expect(label.contentType).toMatch(/^image\/png/);
    expect(label.naturalWidth).toBeGreaterThan(0);
    await fromAnswer.close();

    const parcel = play.page.locator(`.carrier-parcel[data-order="${orderId}"]`);
    await parcel.locator('.parcel-status').filter({ hasText: 'shipped' }).waitFor({ timeout: 30_000 });
    const fromPanel = await opensTab(context, parcel.getByRole('link', { name: 'Label', exact: true }));
    const same = await shownLabel(fromPanel);
    expect(same).toEqual(label);
    await fromPanel.close();
    expect(opening.problems).toEqual([]);
  }, 240_000);
});
