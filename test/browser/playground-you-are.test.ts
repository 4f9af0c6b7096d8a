/**
 * The playground's dashboard and "Download my data" follow **You are**, at a desktop's size and
 * a phone's: switching person signs the dashboard in as them through the local Discord, so the
 * dashboard link and a bot message's Download my data open the person chosen, not whoever
 * signed in first; and a browser with no session is offered the playground's people by name,
 * one click each. Done by clicking, as a person does. And the playground on a phone keeps the
 * screen for the channel: its header one line, its banner folded to one, command names unbroken.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { type PlaygroundPage } from '../support/playground';
import { playgroundSuite } from '../support/playground-suite';

const suite = playgroundSuite();

const sizes = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const;

async function playground(viewport: { width: number; height: number }): Promise<PlaygroundPage> {
  return (await suite.open(viewport)).play;
}

/** Switches person and waits until the dashboard's session is theirs (the page marks it). */
async function become(play: PlaygroundPage, name: string): Promise<void> {
  await play.as(name);
  await play.page.locator(`body[data-dashboard-as="${name}"]`).waitFor({ state: 'attached', timeout: 20_000 });
}

/** Clicks a link that opens a new tab and waits for the tab's page to load. */
async function newTab(page: Page, click: () => Promise<void>): Promise<Page> {
  const [tab] = await Promise.all([page.context().waitForEvent('page'), click()]);
  await tab.waitForLoadState();
  return tab;
}

/** "Your dashboard (as …)" under Twitch & pages, behind its button on a phone. */
async function openDashboard(play: PlaygroundPage): Promise<Page> {
  const toggle = play.page.locator('.parties-toggle');
  const phone = await toggle.isVisible();
  if (phone) await toggle.click();
  const tab = await newTab(play.page, () => play.page.click('.tabs a:has-text("Your dashboard")'));
  if (phone) await play.page.click('.parties-close');
  return tab;
}

/** `/c500 privacy` in #general: what C500 keeps about you, with Download my data. */
async function askPrivacy(play: PlaygroundPage): Promise<void> {
  await play.channel('general');
  await play.pick('c500 privacy', 'mouse', { typed: '/c500 priv' });
  await play.enter();
  await play.messageInView(/What C500 keeps about you/);
}

/** The newest Download my data button, opened in its new tab. */
const downloadMyData = (play: PlaygroundPage) =>
  newTab(play.page, () => play.page.locator('discord-button').filter({ hasText: 'Download my data' }).last().click());

/** Who the dashboard page says is signed in ("Signed in with Discord as …"). */
const signedInAs = async (tab: Page) => (await tab.locator('.signed-in').innerText()).trim();

describe.each(sizes)('the dashboard at a $name’s size', ({ viewport }) => {
  it('opens as the person chosen in You are, after switching, from the dashboard link and from Download my data', async () => {
    const play = await playground(viewport);
    await become(play, 'bo_buyer');
    const first = await openDashboard(play);
    expect(await signedInAs(first)).toContain('bo_buyer');
    await first.close();

    await become(play, 'dee_bids');
    const second = await openDashboard(play);
    expect(await signedInAs(second)).toContain('dee_bids');
    expect(await signedInAs(second)).not.toContain('bo_buyer');
    await second.close();

    // The bot's link carries nobody's id: it opens the person chosen because the session switched.
    await become(play, 'bo_buyer');
    await askPrivacy(play);
    const data = await downloadMyData(play);
    expect(data.url()).toContain('/dashboard/me');
    expect(await signedInAs(data)).toContain('bo_buyer');
    await data.close();
  }, 180_000);

  it('downloads the person’s own export from the Your data page’s Download my data, as a file of their records', async () => {
    const play = await playground(viewport);
    await become(play, 'bo_buyer');
    await askPrivacy(play);
    const page = await downloadMyData(play);
    await page.screenshot({ path: `test-artifacts/screenshots/your-data-${viewport.width}.png`, fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download my data' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as { memberId?: string };
    expect(exported.memberId).toBeDefined();
    expect(await signedInAs(page)).toContain('bo_buyer');
    await page.close();
  }, 180_000);

  it('offers the playground’s people by name to a browser with no session, and signs in the one clicked', async () => {
    const play = await playground(viewport);
    await become(play, 'dee_bids');
    await askPrivacy(play);
    // Signed out on the dashboard, then Download my data: the link reaches a browser with no session.
    const dashboard = await openDashboard(play);
    await dashboard.getByRole('button', { name: 'Sign out' }).click();
    await dashboard.getByText('You are signed out').waitFor();
    await dashboard.close();

    const signIn = await downloadMyData(play);
    const offered = await signIn.locator('.sign-in-people button').allInnerTexts();
    for (const name of ['cleo_builds', 'bo_buyer', 'dee_bids', 'ana_admin', 'hal_hosts', 'rio_races']) expect(offered.join('\n')).toContain(name);
    expect(await signIn.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await signIn.getByRole('button', { name: 'Sign in as dee_bids (buyer)' }).click();
    await signIn.waitForURL(/\/dashboard\/me/);
    expect(await signedInAs(signIn)).toContain('dee_bids');
    await signIn.close();
  }, 180_000);
});

/**
 * At most 12 % of a 390×844 phone for the header and the banner together (about 100 px): one
 * line of buttons and one folded line of banner fit in it with room to spare, and the channel
 * keeps seven eighths of the screen; unfolded, as before, the two took a third.
 */
const headerShare = 0.12;

describe('the playground on a phone (390×844)', () => {
  it('keeps its header and the setup banner to one line each, under 12 % of the screen, with nothing scrolling sideways', async () => {
    const play = await playground(sizes[1].viewport);
    // Every state the banner shows while Set up this server runs, measured as it is drawn.
    await play.page.evaluate(() => {
      const w = window as unknown as { tallest: number };
      w.tallest = 0;
      const banner = document.querySelector('.banner') as HTMLElement;
      const header = document.querySelector('.chat header') as HTMLElement;
      const measure = () => {
        if (!banner.hidden) w.tallest = Math.max(w.tallest, header.getBoundingClientRect().height + banner.getBoundingClientRect().height);
      };
      new MutationObserver(measure).observe(banner, { childList: true, characterData: true, subtree: true, attributes: true });
    });
    await play.setUp();
    const tallest = await play.page.evaluate(() => (window as unknown as { tallest: number }).tallest);
    expect(tallest).toBeGreaterThan(0);
    expect(tallest).toBeLessThanOrEqual(sizes[1].viewport.height * headerShare);
    expect(await play.sideways()).toBe(0);
  }, 120_000);

  it('shows every command’s name in the / list on one line', async () => {
    const play = await playground(sizes[1].viewport);
    await play.channel('general');
    await play.page.locator('.composer > input').pressSequentially('/c500 ');
    await play.page.locator('.suggestions li').first().waitFor();
    expect(await play.page.locator('.suggestions strong').count()).toBeGreaterThan(5);
    // Taller than one line of its own font (a flex item gives one client rect however many lines it has).
    const broken = await play.page.$$eval('.suggestions strong', (names) =>
      names.filter((n) => n.getBoundingClientRect().height > 1.8 * parseFloat(getComputedStyle(n).fontSize)).map((n) => n.textContent),
    );
    expect(broken).toEqual([]);
    expect(await play.sideways()).toBe(0);
  }, 60_000);
});
