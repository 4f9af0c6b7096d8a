/**
 * A streamer's setup in one place, at a desktop's and a phone's size, done by clicking as a
 * person does: an auction started, its OBS overlay link found under Twitch & pages (no guide
 * read) and opened; chat bidding said to be off with the button that turns it on, whose
 * answer leads to Twitch's page filled with the streamer's login.
 */
import type { Page } from 'playwright-core';
import { playgroundSuite } from '../support/playground-suite';

const suite = playgroundSuite({ sharedRuntime: false });

const sizes = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const;

async function newTab(page: Page, click: () => Promise<void>): Promise<Page> {
  const [tab] = await Promise.all([page.context().waitForEvent('page'), click()]);
  await tab.waitForLoadState();
  return tab;
}

describe.each(sizes)('a streamer’s setup at a $name’s size', ({ name, viewport }) => {
  it('lists the live auction’s overlay link, which opens the overlay, and says chat bidding is off with its fix', async () => {
    const { play } = await suite.open(viewport, await suite.freshRuntime());
    const { page } = play;
    await play.setUp();
    await play.as('cleo_builds');
    await play.channel('auctions');
    await play.pick('c500 auction start', 'mouse');
    await play.option('item', 'Brass keycap set');
    await play.option('price', '20');
    await play.option('duration', '10m');
    await play.enter('duration');
    await play.messageInView(/No bids yet/);

    const toggle = page.locator('.parties-toggle');
    if (await toggle.isVisible()) await toggle.click();
    const link = page.locator('.streamer .overlays a', { hasText: 'Auction: Brass keycap set' });
    await link.waitFor();
    await page.locator('.streamer .chat-bidding', { hasText: 'Off for twitch.tv/cleobuilds' }).waitFor();
    await page.screenshot({ path: `/tmp/streamer-setup-${name}.png` });
    const href = (await link.getAttribute('href')) as string;
    expect(href).toMatch(/\/overlay\/auction\?id=[\w-]+$/);
    const overlay = await newTab(page, () => link.click());
    expect(new URL(overlay.url()).pathname).toBe('/overlay/auction');
    // The overlay draws once its first answer is in: waited for, never timed.
    await overlay.waitForSelector('#card:not([hidden])');
    expect(await overlay.locator('#card').innerText()).toContain('Brass keycap set');
    await overlay.close();

    await page.click('.streamer button.fix');
    const authorise = await play.linkOf('Let C500’s bot in');
    const twitch = await page.context().newPage();
    await twitch.goto(authorise);
    expect(await twitch.inputValue('input[name=login]')).toBe('cleobuilds');
    await twitch.close();
  }, 180_000);
});
