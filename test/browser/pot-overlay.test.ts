/**
 * The live pot overlay as OBS shows it (1280×120), in headless Chromium, against the local
 * runtime: race lobbies opened, joined, started and ended with really signed interactions,
 * sales paid through the Ko-fi simulator, at the longest inputs the product takes (80-character
 * titles, 32-character names, the most a sale may be, in dollars and in yen), and the bar must
 * hold all of it whole. Screenshots land in test-artifacts/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import type { Interaction } from '../../shared/discord';
import { joinButtonId, maxTitleLength, type RaceLobby } from '../../shared/races/rules/race';
import {
  keepScreenshot,
  launchBrowser,
  openPage,
  outOfBounds,
  screenshotAlpha,
  settled,
  requestTimes,
  shown,
  viewports,
  wideDisplayName,
  type OpenedPage,
} from '../support/browser';
import { TestClock } from '../support/auctions';
import { ADMIN, buttonPress, command, snowflake, useInteractionClock } from '../support/interactions';
import { answerOf, textOf } from '../support/marketplace';
import { kofiPayment, lobby } from '../support/races';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

/** As long as `/race open` lets a title be. */
const LONG_TITLE = 'Friday Mario Kart Grand Prix: all four cups at 150cc, items on, whole server!!!!';
/** Discord usernames run to 32 characters; eight racers, each with a name that long. */
const LONG_NAMES = Array.from({ length: 8 }, (_, i) => `racer${i + 1}_with_the_longest_username`);
const WIDE_NAME = wideDisplayName;

let rt: TestRuntime;
let clock: TestClock;
let browser: Browser;
const opened: OpenedPage[] = [];

beforeAll(async () => {
  clock = new TestClock();
  useInteractionClock(clock);
  [rt, browser] = await Promise.all([startTestRuntime({ clock }), launchBrowser()]);
}, 60_000);

afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

afterAll(async () => {
  await browser?.close();
  await rt?.close();
});

/** A server of its own for each test: one commission window per server. */
interface Server {
  guildId: string;
  channelId: string;
  host: string;
}
let servers = 0;
function newServer(): Server {
  servers += 1;
  return { guildId: String(901_000_000_000_000_000n + BigInt(servers)), channelId: String(912_000_000_000_000_000n + BigInt(servers)), host: snowflake() };
}

/** `/race <sub> …` by the server's host, an admin there. */
function race(server: Server, sub: string, options: Record<string, string | number | boolean> = {}) {
  const interaction = command({ name: 'race', path: [sub], options, userId: server.host, permissions: ADMIN, guildId: server.guildId });
  interaction.channel_id = server.channelId;
  return answerOf(rt, interaction);
}

/** Join pressed by a member with this name: a username and no display name, or a display name. */
async function join(server: Server, lobbyId: string, name: string, kind: 'username' | 'display name' = 'username'): Promise<void> {
  const press: Interaction = buttonPress(joinButtonId(lobbyId), snowflake(), { channelId: server.channelId, guildId: server.guildId });
  const member = press.member as { user: { id: string; username: string; global_name?: string | null } };
  member.user =
    kind === 'username' ? { id: member.user.id, username: name, global_name: null } : { id: member.user.id, username: 'wolfgang', global_name: name };
  const answer = await answerOf(rt, press);
  if (!/racer \d+ of/.test(textOf(answer))) throw new Error(`${name} did not join: ${textOf(answer)}`);
}

/** A lobby opened with the longest title, joined by these racers; started when asked. */
async function lobbyWith(server: Server, racers: Array<[string, ('username' | 'display name')?]>, { start = false } = {}): Promise<RaceLobby> {
  const answer = textOf(await race(server, 'open', { title: LONG_TITLE }));
  const lobbyId = /Lobby `([0-9a-z]+)`/.exec(answer)?.[1];
  if (!lobbyId) throw new Error(`no lobby opened: ${answer}`);
  for (const [name, kind] of racers) await join(server, lobbyId, name, kind);
  if (start) expect(textOf(await race(server, 'start'))).toContain('The window is open');
  return lobby(rt, lobbyId);
}

/** A Ko-fi shop order paid to the server, as Ko-fi delivers it. */
async function kofiSale(server: Server, amount: string, params: Record<string, string> = {}): Promise<void> {
  const delivered = await kofiPayment(rt, amount, params, server.guildId);
  expect(delivered.status).toBe(200);
  await rt.settle();
}

async function overlay(lobbyIdParam: string, { waitFor = '#bar:not([hidden])' } = {}): Promise<OpenedPage> {
  const page = await openPage(browser, `${rt.url}/overlay/pot?id=${lobbyIdParam}`, viewports.potOverlay);
  opened.push(page);
  await page.page.waitForSelector(waitFor);
  await settled(page.page);
  return page;
}

/** Opens the overlay, keeps its screenshot and checks that the bar holds everything it shows, whole. */
async function expectWholeBar(lobbyId: string, screenshot: string): Promise<Page> {
  const { page, problems } = await overlay(lobbyId);
  await keepScreenshot(page, screenshot);
  expect(await outOfBounds(page, '#bar')).toEqual([]);
  expect(problems).toEqual([]);
  return page;
}

const chipNames = (page: Page) => page.locator('#group .chip .name').allInnerTexts();
const scrolls = (page: Page) => page.locator('#chips').evaluate((chips) => chips.hasAttribute('data-scrolls'));

describe('the pot overlay before the window opens', () => {
  it('invites racers to join a lobby nobody has joined yet, under the longest title', async () => {
    expect(LONG_TITLE).toHaveLength(maxTitleLength);
    const open = await lobbyWith(newServer(), []);
    const page = await expectWholeBar(open.lobbyId, 'pot-overlay-open-no-racers');
    expect(await shown(page, '#title')).toBe(LONG_TITLE);
    expect(await shown(page, '#group')).toMatch(/no racers yet/i);
    expect(await shown(page, '#sub')).toBe('no racers yet');
  });

  it.each([
    ['one racer', 1],
    ['three racers', 3],
    ['five racers', 5],
    ['eight racers', 8],
  ] as const)('shows %s, each with a 32-character name, whole, passing by only when they do not fit side by side', async (racers, count) => {
    expect(LONG_NAMES.every((n) => n.length === 32)).toBe(true);
    const names = LONG_NAMES.slice(0, count);
    const open = await lobbyWith(
      newServer(),
      names.map((name) => [name]),
    );
    const page = await expectWholeBar(open.lobbyId, `pot-overlay-open-${racers.replace(' ', '-')}`);
    expect(await chipNames(page)).toEqual(names);
    if (count === 1) expect(await scrolls(page)).toBe(false);
    if (count === 8) expect(await scrolls(page)).toBe(true);
    expect(await shown(page, '#sub')).toBe(`${count} ${count === 1 ? 'racer' : 'racers'} in`);
  });
});

describe('the pot overlay while the window is open', () => {
  it('shows the most a sale may be, all of it to eight racers, with more than an hour on the clock', async () => {
    const server = newServer();
    await race(server, 'settings', { rate: 100, 'max-minutes': 24 * 60 });
    const live = await lobbyWith(
      server,
      LONG_NAMES.map((name) => [name]),
      { start: true },
    );
    await kofiSale(server, '999999.99');
    const page = await expectWholeBar(live.lobbyId, 'pot-overlay-racing-max-pot');
    expect(await shown(page, '#pool')).toBe('$999,999.99');
    expect(await shown(page, '#clock')).toMatch(/^(24:00:00|23:59:\d\d)$/);
    expect(await chipNames(page)).toEqual(LONG_NAMES);
  });

  it('shows two racers side by side, every name and share whole without scrolling', async () => {
    const server = newServer();
    await race(server, 'settings', { rate: 100 });
    const live = await lobbyWith(server, [[LONG_NAMES[0] as string], [WIDE_NAME, 'display name']], { start: true });
    await kofiSale(server, '999999.99');
    const page = await expectWholeBar(live.lobbyId, 'pot-overlay-racing-two-racers');
    expect(await scrolls(page)).toBe(false);
    expect(await chipNames(page)).toEqual([LONG_NAMES[0], WIDE_NAME]);
    expect((await page.locator('#group .chip .share').allInnerTexts()).sort()).toEqual(['$499,999.99', '$500,000.00']);
  });

  it('shows the most a yen sale may be, in a server that races in yen', async () => {
    const server = newServer();
    await race(server, 'settings', { rate: 100, currency: 'jpy' });
    const live = await lobbyWith(server, [[WIDE_NAME, 'display name'], [LONG_NAMES[1] as string], [LONG_NAMES[2] as string]], { start: true });
    await kofiSale(server, '99999999', { currency: 'JPY' });
    const page = await expectWholeBar(live.lobbyId, 'pot-overlay-racing-max-yen');
    expect(await shown(page, '#pool')).toBe('99,999,999 JPY');
  });

  it('counts the last minute down in the alarm colour', async () => {
    const server = newServer();
    await race(server, 'settings', { 'max-minutes': 5 });
    const live = await lobbyWith(server, [[LONG_NAMES[3] as string], [LONG_NAMES[4] as string]], { start: true });
    await kofiSale(server, '25.00');
    clock.ms = Date.parse(live.closesBy as string) - 30_000;
    const page = await expectWholeBar(live.lobbyId, 'pot-overlay-racing-last-minute');
    expect(await shown(page, '#clock')).toMatch(/^00:[23]\d$/);
    expect(await page.locator('#clock').getAttribute('class')).toContain('soon');
  });
});

describe('the pot overlay once the window has closed', () => {
  it('shows the final pot and when the window closed', async () => {
    const server = newServer();
    await race(server, 'settings', { rate: 100 });
    const live = await lobbyWith(
      server,
      LONG_NAMES.slice(0, 5).map((name) => [name]),
      { start: true },
    );
    await kofiSale(server, '999999.99');
    expect(textOf(await race(server, 'end'))).toContain('is over');
    const page = await expectWholeBar(live.lobbyId, 'pot-overlay-ended');
    expect(await shown(page, '#tag')).toBe('FINAL POT');
    expect(await shown(page, '#pill')).toBe('window closed');
    expect(await shown(page, '#sub')).toMatch(/^closed at \d\d:\d\d$/);
  });
});

describe('the pot overlay when something is wrong', () => {
  it('says an id that is not a lobby id is one, and asks again only every few seconds, not every second', async () => {
    const { page, problems } = await overlay('NOT-A-LOBBY!', { waitFor: '#note:not([hidden])' });
    await page.waitForFunction(() => /isn’t a race lobby id/.test(document.getElementById('note')?.textContent ?? ''));
    await keepScreenshot(page, 'pot-overlay-malformed-id');
    expect(await shown(page, '#note')).toContain('check the ?id= in the overlay URL');
    // A refused id is asked again after about five seconds (±10 %), then ten: never every second.
    const [first, again] = await requestTimes(page, '/overlay/pot/', 2);
    expect((again as number) - (first as number)).toBeGreaterThanOrEqual(4_400);
    expect(problems.length).toBeLessThanOrEqual(4);
    for (const problem of problems) expect(problem).toMatch(/400/);
  });

  it('says there is no such race lobby for a well-formed id nobody opened', async () => {
    const { page } = await overlay('nosuchid', { waitFor: '#note:not([hidden])' });
    await page.waitForFunction(() => /No such race lobby/.test(document.getElementById('note')?.textContent ?? ''));
    await keepScreenshot(page, 'pot-overlay-no-such-lobby');
    expect(await page.locator('#bar').isHidden()).toBe(true);
  });

  it('keeps showing the last pot, marked as reconnecting, when the network drops', async () => {
    const server = newServer();
    await race(server, 'settings', { rate: 100 });
    const live = await lobbyWith(server, [[LONG_NAMES[5] as string], [LONG_NAMES[6] as string]], { start: true });
    await kofiSale(server, '999999.99');
    const { page } = await overlay(live.lobbyId);
    await page.route('**/overlay/pot/**', (route) => route.abort('internetdisconnected'));
    await page.locator('#conn').waitFor({ state: 'visible' });
    await settled(page);
    await keepScreenshot(page, 'pot-overlay-reconnecting');
    expect(await shown(page, '#pool')).toBe('$999,999.99');
    expect(await chipNames(page)).toEqual([LONG_NAMES[5], LONG_NAMES[6]]);
    expect(await outOfBounds(page, '#bar')).toEqual([]);
  });

  it('draws nothing but the bar: the page itself is transparent', async () => {
    const open = await lobbyWith(newServer(), []);
    const { page } = await overlay(open.lobbyId);
    expect(await page.evaluate(() => [getComputedStyle(document.documentElement).backgroundColor, getComputedStyle(document.body).backgroundColor])).toEqual([
      'rgba(0, 0, 0, 0)',
      'rgba(0, 0, 0, 0)',
    ]);
    // The bar's shadow reaches the page's edges; with the bar gone, not one pixel is drawn.
    await page.locator('#bar').evaluate((bar) => bar.setAttribute('hidden', ''));
    expect((await screenshotAlpha(page, await page.screenshot({ omitBackground: true }))).most).toBe(0);
  });
});
