/**
 * The playground in real Chromium, as a newcomer uses it: set up the server with one click,
 * post a drop through the modal, buy it as a buyer, pay on the local checkout, go live as
 * the builder, prove the order with `/c500 live`, read the buyer's DM; then an auction where
 * two buyers bid and one wins; and the same page at a phone's width. Nothing is typed but
 * the slash commands and the modal's fields. Screenshots land in test-artifacts/screenshots/
 * (`npm run docs:pictures` makes the README's picture from them).
 */
import { keepScreenshot, viewports } from '../support/browser';
import { playgroundSuite } from '../support/playground-suite';

const suite = playgroundSuite();
const playground = (viewport: { width: number; height: number }) => suite.open(viewport);

describe('the playground', () => {
  it('takes its banner away once Set up this server is done: the steps it told have ended', async () => {
    const { play } = await playground(viewports.desktop);
    await play.setUp();
    expect(await play.page.locator('.banner').isVisible()).toBe(false);
    expect(await play.page.getAttribute('button.setup', 'title')).toContain('can sell');
    expect(await play.page.getByRole('button', { name: 'Set up this server' }).count()).toBe(0);
    expect(await play.page.getByRole('button', { name: 'Set up again' }).isVisible()).toBe(true);
  });

  it('shows no trace link under a bot message until Show trace links is ticked', async () => {
    const { play } = await playground(viewports.desktop);
    await play.as('bo_buyer');
    await play.channel('general');
    await play.pick('c500 profile', 'keyboard', { typed: '/c500 prof' });
    await play.enter();
    await play.messageInView(/order|profile/i);
    const links = play.page.locator('discord-message .play-trace');
    expect(await links.count()).toBeGreaterThan(0);
    expect(await links.last().isVisible()).toBe(false);
    await play.page.check('input[name="show-traces"]');
    expect(await links.last().isVisible()).toBe(true);
    await play.page.uncheck('input[name="show-traces"]');
  });

  it('takes a newcomer from an empty server to a proved order: set up, drop, buy, pay, go live, prove, and the buyer’s DM', async () => {
    const { play, opening } = await playground(viewports.desktop);
    const { page } = play;

    await play.setUp();

    await play.postDrop(
      'cleo_builds',
      { title: 'Lavender 65%', description: 'Oil Kings on a brass plate, tuned on stream', price: '240', kind: 'ready-to-ship 1' },
      () => keepScreenshot(page, 'playground-modal'),
    );
    expect(await play.message('Lavender 65%')).toContain('$240.00');
    await keepScreenshot(page, 'playground-drop');

    await play.as('bo_buyer');
    await play.press('Buy');
    const checkoutUrl = await play.linkOf(/^Pay/);
    // Our own short link to Stripe's page (a Stripe URL can pass Discord's 512 characters for a link button).
    expect(checkoutUrl).toMatch(/\/pay\/[0-9a-z]+\?session=cs_/);
    await keepScreenshot(page, 'playground-buy');
    await play.payOnCheckout(checkoutUrl, [/^Pay \$240\.00/]);

    await play.dms();
    await play.message('Thanks for your order');
    const orderId = await play.field('Order');
    expect(orderId).toMatch(/^[0-9a-z]{6,}$/);

    await play.as('cleo_builds');
    await page.click('button.live');
    await page.locator('.parties .hint', { hasText: /twitch\.tv\/\S+ is live/ }).waitFor();
    await play.channel('general');
    await play.type(`/c500 live mode:order:${orderId}`);
    await play.message(new RegExp(orderId));

    await play.as('bo_buyer');
    await play.dms();
    const proved = await play.message(/on stream|clip/i);
    expect(proved).toContain('Lavender 65%');
    await keepScreenshot(page, 'playground-proved');

    // The dashboard opens in a new tab, signed in as whoever you are.
    const [dashboard] = await Promise.all([page.context().waitForEvent('page'), page.click('.tabs a:has-text("Your dashboard")')]);
    await dashboard.waitForLoadState();
    expect(await dashboard.textContent('body')).toContain('bo_buyer');
    await dashboard.close();
    expect(opening.problems).toEqual([]);
  }, 120_000);

  it('runs an auction where two buyers bid with the embed’s buttons and the higher wins a checkout by DM', async () => {
    const { play, opening } = await playground(viewports.desktop);
    const { page } = play;
    await play.setUp();
    await play.as('cleo_builds');
    await play.channel('auctions');
    await play.type('/c500 auction start item:Brass keycap set price:20 duration:10m counter-bid:0');
    await play.message('Brass keycap set');

    await play.twoBids();
    await keepScreenshot(page, 'playground-auction');

    // Ten minutes later, on the local clock: the hammer falls.
    const moved = await fetch(`${suite.runtime().url}/_local/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: 11 * 60_000 }),
    });
    expect(moved.status).toBe(200);
    await play.dms();
    const won = await play.message(/won/i, 40_000);
    expect(won).toContain('Brass keycap set');
    expect(await play.linkOf(/^Pay/)).toMatch(/\/pay\/[0-9a-z]+\?session=cs_/);
    await play.as('bo_buyer');
    expect(await page.locator('discord-message').filter({ hasText: /won/i }).count()).toBe(0);
    expect(opening.problems).toEqual([]);
  }, 120_000);

  it('fits a phone: the channel alone, the channels behind ☰, nothing running off the side', async () => {
    const { play, opening } = await playground(viewports.phone);
    const { page } = play;
    await play.setUp();
    // The modal and the buttons at a phone's width: a drop posted, bought, and paid by bank debit.
    await play.postDrop('cleo_builds', { title: 'Walnut case 60%', description: 'A spare case from the last build', price: '90', kind: 'ready-to-ship 2' });
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(sideways).toBeLessThanOrEqual(0);
    await keepScreenshot(page, 'playground-phone');
    await play.as('bo_buyer');
    await play.channel('marketplace');
    await play.press('Buy');
    const checkoutUrl = await play.linkOf(/^Pay \$90\.00/);
    await play.payOnCheckout(checkoutUrl, [/bank debit/, 'The bank pays']);
    await play.dms();
    await play.message('Receipt: Walnut case 60%');
    await play.channel('marketplace');
    await play.type('/c500 help');
    await play.message('C500 Collective: commands');
    expect(opening.problems).toEqual([]);
  }, 90_000);
});
