/**
 * The README's five-minute tour, done as a newcomer does it in Chromium: every command picked
 * from the `/` list (with the mouse, or the arrows and Enter or Tab), its options filled in
 * their fields, sent with Enter; every answer a step causes seen without scrolling; nothing
 * wider than the window. Once at a desktop's size and once at a phone's, each on an empty
 * runtime of its own as a newcomer starts, word for word as the README says. Screenshots land in
 * test-artifacts/screenshots/ (playground-tour-<width>-<step>.png).
 */
import type { Page } from 'playwright-core';
import { keepScreenshot } from '../support/browser';
import type { TestRuntime } from '../support/local-runtime';
import { type PlaygroundPage } from '../support/playground';
import { playgroundSuite } from '../support/playground-suite';

const suite = playgroundSuite();

/** `POST /_local/clock`: the local runtime's clock moves on, and what fell due runs. */
async function moveClock(on: TestRuntime, ms: number): Promise<void> {
  const moved = await fetch(`${on.url}/_local/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMs: ms }),
  });
  expect(moved.status).toBe(200);
}

const sizes = [
  { name: 'desktop', viewport: { width: 1440, height: 900 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const;

/** The README's prices, word for word. */
const [price, commission] = ['240', '300'];

/** What every step of the tour works with: the page at one size, the size's name, the runtime of its own, and the checks a step repeats. */
interface Tour {
  play: PlaygroundPage;
  page: Page;
  name: string;
  own: TestRuntime;
  shot: (step: string) => Promise<string>;
  fits: (where: string) => Promise<void>;
}

function tourOn(play: PlaygroundPage, name: string, own: TestRuntime): Tour {
  const { page } = play;
  return {
    play,
    page,
    name,
    own,
    shot: (step) => keepScreenshot(page, `playground-tour-${name}-${step}`),
    fits: async (where) => expect([where, await play.sideways()]).toEqual([where, 0]),
  };
}

/** 1. Set up a server. */
async function setUpServer({ play, page, fits }: Tour): Promise<void> {
  await play.setUp();
  await play.channel('general');
  await fits('set up');
  const general = await page.locator('discord-message').allInnerTexts();
  expect(general.join('\n')).not.toMatch(/Set up payouts|Authorize on Twitch/);
}

/** The drop modal's parts that stick out of the window, and "Submit is cut" if its word does not fit its button. */
function modalOutsideWindow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const modal = document.querySelector('discord-modal') as HTMLElement;
    const submit = modal.shadowRoot?.querySelector('.discord-modal-button-submit') as HTMLElement;
    const parts = [modal.shadowRoot?.querySelector('.discord-modal-root') as HTMLElement, submit, ...Array.from(modal.querySelectorAll('discord-input-text'))];
    const outside = parts.filter((e) => e.getBoundingClientRect().left < 0 || e.getBoundingClientRect().right > window.innerWidth);
    return [...outside.map((e) => e.className || e.tagName), ...(submit.scrollWidth > submit.clientWidth ? ['Submit is cut'] : [])];
  });
}

/** 2. Post a drop: /c500 drop picked with the mouse, Enter, the modal filled. */
async function postDrop({ play, page, name, shot, fits }: Tour): Promise<void> {
  await play.as('cleo_builds');
  await play.channel('marketplace');
  await play.pick('c500 drop', 'mouse', { typed: '/c500 dr' });
  await play.enter();
  await play.fillModal({ title: `Lavender 65% (${name})`, description: 'Oil Kings on a brass plate', price, kind: 'ready-to-ship 1' });
  await fits('the drop modal');
  // The modal keeps a margin on a phone: its box, every field and Submit inside the window, Submit's word whole.
  expect(await modalOutsideWindow(page)).toEqual([]);
  await shot('2-modal');
  await play.submitModal();
  expect(await play.messageInView(`Lavender 65% (${name})`)).toContain(`$${price}.00`);
  // The modal gone, the page is as it was: no scrollbars of its own.
  expect(await page.evaluate(() => [document.body.style.overflow, document.documentElement.scrollHeight <= window.innerHeight])).toEqual(['', true]);
}

/** 3. Buy it: the checkout link it answers with. */
async function buyDrop({ play, shot }: Tour): Promise<string> {
  await play.as('bo_buyer');
  await play.press('Buy');
  const checkoutUrl = await play.linkOf(new RegExp(`^Pay \\$${price}\\.00`));
  await play.messageInView('checkout');
  await shot('3-buy');
  return checkoutUrl;
}

/** 4. Pay, and the receipt in the buyer's DMs: the order's id it names. */
async function payAndReadReceipt({ play, name }: Tour, checkoutUrl: string): Promise<string> {
  await play.payOnCheckout(checkoutUrl, [new RegExp(`^Pay \\$${price}\\.00`)]);
  await play.dms();
  await play.messageInView(`Receipt: Lavender 65% (${name})`);
  return play.field('Order');
}

/** 5. Go live. */
async function goLive({ play }: Tour): Promise<void> {
  await play.as('cleo_builds');
  await play.goLive();
}

/** 6. Prove the order: /c500 live picked with the arrows and Enter, its mode typed, Enter in the field. */
async function proveOrder({ play, shot, fits }: Tour, orderId: string): Promise<void> {
  await play.channel('general');
  await play.pick('c500 live', 'keyboard', { typed: '/c500 l' });
  // "type order:<id> (the cursor is in its mode field)": typed with no click, it lands there.
  expect(await play.focused()).toBe('mode');
  await play.typeHere(`order:${orderId}`);
  await play.enter('mode');
  expect(await play.messageInView(new RegExp(`${orderId}.*on the workbench`))).toContain('🎬 Proof:');
  await fits('the proof');
  await shot('6-proved');
}

/** The transfers the local Stripe made for an order (read from Stripe's side, not from C500's records). */
async function transfersOf(own: TestRuntime, orderId: string): Promise<{ amount: number }[]> {
  const { transfers } = (await (await fetch(`${own.url}/_local/stripe/transfers`)).json()) as {
    transfers: { amount: number; metadata?: Record<string, string> }[];
  };
  return transfers.filter((t) => t.metadata?.order_id === orderId);
}

/** 7. Read the buyer's DM; ship as the builder (/c500 ship, its options in their fields); Received as the buyer: the share is released. */
async function readProofShipAndReceive({ play, name, own, shot }: Tour, orderId: string): Promise<void> {
  await play.as('bo_buyer');
  await play.dms();
  const proved = await play.messageInView(/on stream|clip/i);
  expect(proved).toContain(`Lavender 65% (${name})`);
  // Proved but not delivered: nothing has left for the builder yet.
  expect(await transfersOf(own, orderId)).toEqual([]);
  await play.as('cleo_builds');
  await play.channel('general');
  await play.pick('c500 ship', 'mouse');
  await play.option('order', orderId);
  await play.option('tracking', '1Z999AA10123456784');
  await play.option('carrier', 'UPS');
  await play.enter('tracking');
  await play.messageInView(new RegExp(`${orderId}.*marked shipped`));
  await play.as('bo_buyer');
  await play.dms();
  await play.messageInView('has shipped');
  await play.press('Received');
  await play.messageInView('is marked received');
  await shot('7-received');
  await own.settle();
  expect(await transfersOf(own, orderId)).toHaveLength(1);
}

/** 8. Run an auction: picked with the arrows and Tab, its options in their fields; two bids; the hammer. */
async function runAuction({ play, name, own, shot, fits }: Tour): Promise<void> {
  await play.as('cleo_builds');
  await play.channel('auctions');
  // "type /c500 auc: /c500 auction start is highlighted, press Tab": no arrow pressed.
  await play.pick('c500 auction start', 'keyboard', { typed: '/c500 auc', take: 'Tab', highlighted: true });
  expect(await play.focused()).toBe('item');
  await play.option('item', `Brass keycap set (${name})`);
  await play.option('price', '20');
  await play.option('duration', '90s');
  await play.enter('duration');
  // Its end is counted from the runtime's clock, however far a run before moved it.
  const posted = await play.messageInView(/then a sealed final call of \d+s until .* · a bid in the last/);
  expect(posted).toContain('No bids yet');
  // "it ends in 90 seconds": exact while short, counting down (never "in 1 minute" or "in 2 minutes").
  expect(posted).toMatch(/\(in \d{1,2} seconds\)/);
  await play.twoBids(true);
  await fits('the auction');
  await shot('8-auction');
  await moveClock(own, 3 * 60_000);
  await play.messageInView(/SOLD!/, 40_000);
  await play.dms();
  expect(await play.messageInView(`Brass keycap set (${name})`, 40_000)).toMatch(/won/i);
}

/** 9, first: a commission drop, bought and paid; the commission's order id from the receipt. */
async function buyCommission({ play, name }: Tour): Promise<string> {
  await play.as('cleo_builds');
  await play.channel('marketplace');
  await play.pick('c500 drop', 'mouse', { typed: '/c500 dr' });
  await play.enter();
  await play.fillModal({
    title: `Tactile 75% (${name})`,
    description: 'Built to order',
    price: commission,
    kind: 'commission 3 slots 6 weeks 30% at parts-in',
  });
  await play.submitModal();
  await play.messageInView(`Tactile 75% (${name})`);
  await play.as('bo_buyer');
  await play.press('Buy');
  const pay = new RegExp(`^Pay \\$${commission}\\.00`);
  await play.payOnCheckout(await play.linkOf(pay), [pay]);
  await play.dms();
  await play.messageInView(`Receipt: Tactile 75% (${name})`);
  return play.field('Order');
}

/** 9, then: the line, in Discord and on the builder's queue page. */
async function readQueueLine({ play, page, name, own, shot }: Tour): Promise<void> {
  await play.as('cleo_builds');
  await play.channel('marketplace');
  await play.pick('c500 queue line', 'mouse');
  await play.enter();
  await play.messageInView(`Tactile 75% (${name}) · for bo_buyer`);
  await shot('9-queue-line');

  const builderId = await page.$eval('select[name=as]', (s) => (s as HTMLSelectElement).value);
  const queuePage = await page.context().newPage();
  await queuePage.goto(`${own.url}/queue/${builderId}`);
  expect(await queuePage.locator('header.site-header').count()).toBe(1);
  expect(await queuePage.locator('.queue-line time').first().innerText()).toMatch(/^[A-Z][a-z]+ \d{1,2}, \d{4}$/);
  expect(await queuePage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
  await keepScreenshot(queuePage, `playground-tour-${name}-9-queue-page`);
  await queuePage.close();
}

/** 9, then: a milestone proved on stream. */
async function proveMilestone({ play }: Tour, commissionId: string): Promise<void> {
  await play.channel('general');
  await play.pick('c500 live', 'mouse');
  await play.option('mode', `order:${commissionId}`);
  await play.option('milestone', 'parts-in');
  await play.enter('milestone');
  await play.messageInView(new RegExp(`${commissionId}.*parts-in\\s*proved`));
}

/** 9, last: eight weeks on the commission is late, and the buyer cancels it from the notice. */
async function cancelLateCommission({ play, page, name, own, shot, fits }: Tour, commissionId: string): Promise<void> {
  await moveClock(own, 8 * 7 * 24 * 3_600_000);
  await play.as('bo_buyer');
  await play.dms();
  // The buyer was sent the milestone's clip.
  await page
    .locator('discord-message')
    .filter({ hasText: `(${commissionId}) reached parts-in` })
    .waitFor();
  // Eight weeks on, more than one DM may come at once: the newest shows, the late notice is scrolled to as a person does.
  const late = page.locator('discord-message').filter({ hasText: `(${commissionId}) from cleo_builds was promised` });
  await late.waitFor();
  await play.newestInView();
  await late.locator('discord-button', { hasText: 'Cancel and refund' }).click();
  await play.messageInView(`Cancelled: Tactile 75% (${name})`);
  await late.locator('discord-button[disabled]', { hasText: 'Cancel and refund' }).waitFor();
  await late.locator('discord-button[disabled]', { hasText: 'Keep waiting' }).waitFor();
  await fits('the cancel');
  await shot('9-cancelled');
}

describe.each(sizes)('the five-minute tour at a $name’s size', ({ name, viewport }) => {
  // A server of its own, empty as a newcomer's: the README's tour word for word, prices included.
  let own: TestRuntime;
  beforeAll(async () => {
    own = await suite.freshRuntime();
  }, 120_000);

  it(`runs its nine steps by picking commands from the / list and pressing Enter, each answer in view and nothing wider than ${viewport.width} px`, async () => {
    const { play, opening } = await suite.open(viewport, own);
    const tour = tourOn(play, name, own);

    await setUpServer(tour);
    await postDrop(tour);
    const checkoutUrl = await buyDrop(tour);
    const orderId = await payAndReadReceipt(tour, checkoutUrl);
    await goLive(tour);
    await proveOrder(tour, orderId);
    await readProofShipAndReceive(tour, orderId);
    await runAuction(tour);
    // 9. Take commissions in a queue: a commission drop, bought and paid; the line; a milestone; late; cancel.
    const commissionId = await buyCommission(tour);
    await readQueueLine(tour);
    await proveMilestone(tour, commissionId);
    await cancelLateCommission(tour, commissionId);

    // Emoji are drawn as emoji everywhere: no "::" where one belongs.
    expect((await play.page.locator('discord-message').allInnerTexts()).join('\n')).not.toContain('::');
    expect(opening.problems).toEqual([]);
  }, 240_000);
});

describe('the message box, as Discord’s', () => {
  it('says what is missing when Enter is pressed before a required option is filled, and sends once it is', async () => {
    const { play } = await suite.open(sizes[0].viewport);
    await play.setUp();
    await play.as('cleo_builds');
    await play.goLive();
    await play.channel('general');
    await play.pick('c500 live', 'keyboard', { typed: '/c500 l' });
    await play.enter();
    const hint = play.page.locator('.composer .hint.problem');
    await hint.waitFor();
    expect(await hint.innerText()).toMatch(/^Fill in mode/);
    expect(await hint.isVisible()).toBe(true);
    expect(await play.page.locator('.composer .options [name="mode"][aria-invalid="true"]').count()).toBe(1);
    await play.option('mode', 'chat');
    await play.enter('mode');
    await play.messageInView(/Posted your hangout/);
  }, 90_000);

  it('links a command’s answer to its trace, which lists the ingress and the subscriber that did its work', async () => {
    const { play } = await suite.open(sizes[0].viewport);
    await play.setUp();
    await play.as('cleo_builds');
    await play.goLive();
    await play.channel('general');
    await play.pick('c500 live', 'keyboard', { typed: '/c500 l' });
    await play.option('mode', 'chat');
    await play.enter('mode');
    await play.messageInView(/Posted your hangout/);
    await play.page.check('input[name="show-traces"]');
    const link = play.page.locator('discord-message .play-trace').last();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/_local\/trace\/[0-9a-f]{32}$/);
    // The subscriber's lines reach the journal from its own process: wait for them, as a person reloads the page.
    const functionsOf = async () =>
      new Set(((await (await fetch(`${suite.runtime().url}${href}`)).json()) as { entries: Array<{ function: string }> }).entries.map((e) => e.function));
    // No count of tries: under load the lines come later, never not at all (the test's own timeout bounds the wait).
    await suite.runtime().settle();
    let functions = await functionsOf();
    while (!functions.has('liveCommands')) {
      await play.page.waitForTimeout(200);
      functions = await functionsOf();
    }
    expect(functions.has('discordInteractions')).toBe(true);
    expect(functions.has('liveCommands')).toBe(true);
  }, 90_000);

  it('clears the option fields when the line is cleared, and offers the list again', async () => {
    const { play } = await suite.open(sizes[1].viewport);
    const { page } = play;
    await play.pick('c500 auction start', 'mouse');
    expect(await page.locator('.composer .options [name]').count()).toBeGreaterThan(2);
    await page.fill('.composer > input', '');
    await page.locator('.composer .options').waitFor({ state: 'hidden' });
    expect(await page.locator('.composer .options [name]').count()).toBe(0);
    await page.locator('.composer > input').pressSequentially('/c500 q');
    await page.locator('.suggestions li[data-command="c500 queue line"]').waitFor();
  }, 60_000);

  it('keeps the reader where they are when they scrolled up, with a bar that jumps to the newest', async () => {
    const { play } = await suite.open(sizes[1].viewport);
    const { page } = play;
    await play.setUp();
    await play.as('cleo_builds');
    await play.channel('general');
    for (let i = 0; i < 4; i++) {
      await play.pick('c500 help', 'mouse');
      await play.enter();
      await play.messageInView(/C500 Collective: commands/);
    }
    const list = page.locator('.messages');
    // Up to the first, with the mouse's wheel over the messages.
    await list.hover();
    while ((await list.evaluate((el) => el.scrollTop)) > 0) await page.mouse.wheel(0, -2_000);
    // The builder announces a hangout from another tab: the reader up the page stays there, and is told.
    const world = (await (await fetch(`${suite.runtime().url}/_local/play/world`)).json()) as {
      people: Array<{ id: string; name: string }>;
      channels: Array<{ id: string; name: string }>;
    };
    const cleo = world.people.find((p) => p.name === 'cleo_builds')?.id;
    const general = world.channels.find((c) => c.name === 'general')?.id;
    await fetch(`${suite.runtime().url}/_local/twitch/streams/cleobuilds/online?type=live`, { method: 'POST' });
    const sent = await fetch(`${suite.runtime().url}/_local/play/interactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        as: cleo,
        channelId: general,
        type: 2,
        data: { id: '1320000000000000001', name: 'c500', type: 1, options: [{ name: 'live', type: 1, options: [{ name: 'mode', type: 3, value: 'chat' }] }] },
      }),
    });
    expect(sent.status).toBe(200);
    const jump = page.locator('button.jump');
    await jump.waitFor();
    expect(await list.evaluate((el) => el.scrollTop)).toBe(0);
    await jump.click();
    await jump.waitFor({ state: 'hidden' });
    await play.newestInView();
  }, 90_000);
});

describe('a phone of any common width', () => {
  it.each([360, 414])(
    'fits %i px: a long command’s answer and the drop modal, nothing sideways',
    async (width) => {
      const { play, opening } = await suite.open({ width, height: 800 });
      const { page } = play;
      await play.setUp();
      await play.as('cleo_builds');
      await play.channel('general');
      await play.goLive();
      await play.type('/c500 live mode:order:abcdefgh milestone:parts-in');
      await play.messageInView(/abcdefgh/);
      expect(await play.sideways()).toBe(0);
      await play.pick('c500 drop', 'mouse', { typed: '/c500 dr' });
      await play.enter();
      await play.fillModal({ kind: 'commission 3 slots 6 weeks 30% at parts-in' });
      const outside = await page.evaluate(() => {
        const modal = document.querySelector('discord-modal') as HTMLElement;
        const parts = [
          modal.shadowRoot?.querySelector('.discord-modal-root'),
          modal.shadowRoot?.querySelector('.discord-modal-button-submit'),
          ...Array.from(modal.querySelectorAll('discord-input-text')),
        ];
        return parts.filter((e) => !e || e.getBoundingClientRect().left < 0 || e.getBoundingClientRect().right > window.innerWidth).length;
      });
      expect(outside).toBe(0);
      await keepScreenshot(page, `playground-modal-${width}`);
      await page.locator('discord-modal').getByRole('button', { name: 'Cancel' }).click();
      expect(await page.evaluate(() => document.body.style.overflow)).toBe('');
      expect(opening.problems).toEqual([]);
    },
    60_000,
  );
});

describe('the Twitch panel', () => {
  it('still says the builder is live after the page is loaded again', async () => {
    const { play } = await suite.open(sizes[0].viewport);
    await play.setUp();
    await play.as('cleo_builds');
    await play.goLive();
    await play.page.reload();
    await play.ready();
    await play.page.locator('.parties .hint', { hasText: 'twitch.tv/cleobuilds is live' }).waitFor();
  }, 60_000);
});
