/**
 * A show's lot won from Twitch chat: the host turned chat bidding on for their channel, a
 * chatter wins a lot by `!bid`, is told in the host's chat, and when the show ends their
 * checkout for that builder's lots opens; they pay on our page after signing in with Twitch.
 */
import { sessions, pay, order } from '../support/marketplace';
import { addLot, createShow, hammerLot, showWorld, startShow, waitOutGap } from '../support/shows';
import { botSaid, chatBiddingOn, sayInChat, signInChatter, type Chatter } from '../support/chat-bidding';
import type { TestClock } from '../support/auctions';
import type { TestRuntime } from '../support/local-runtime';

jest.setTimeout(60_000);

let rt: TestRuntime;
let clock: TestClock;
let host: string;
let builders: [string, string];
const channel = 'friday_keebs';
const ana: Chatter = { login: 'ana_keys', userId: '510000001' };

beforeAll(async () => {
  ({ rt, clock, host, builders } = await showWorld());
  await chatBiddingOn(rt, host, channel);
});
afterAll(() => rt.close());

test('a chatter wins a show lot from chat, is told in chat, and pays for it when the show ends', async () => {
  const browser = await signInChatter(rt, ana);
  await createShow(rt, host);
  await addLot(rt, builders[0], { item: 'Tofu65 in e-white', price: 100 });
  await startShow(rt, host);
  clock.advance(1_500);
  await sayInChat(rt, channel, ana, '!bid 120');
  await rt.settle();
  const won = await hammerLot(rt, clock, 1);
  await waitOutGap(rt, clock);
  // The show wraps up, its checkouts open, and the bot says so in the next second's message.
  for (let i = 0; i < 3; i++) {
    clock.advance(1_100);
    await rt.tasks.runDueNow();
    await rt.settle();
  }

  const said = (await botSaid(rt, channel)).map((m) => m.text);
  expect(said.some((t) => t.includes('SOLD! @ana_keys wins Tofu65 in e-white at $120.00. Pay for your lots when the show ends'))).toBe(true);
  const open = said.find((t) => t.includes('@ana_keys your checkout is open: 1 lot from'));
  expect(open).toMatch(/\$120\.00\. Pay by \d\d:\d\d UTC: http\S+\/pay\/[0-9a-z-]+/);
  const payUrl = /(http\S+\/pay\/[0-9a-z-]+)/.exec(open ?? '')?.[1] as string;

  const toCheckout = await browser.get(payUrl);
  expect(toCheckout.status).toBe(303);
  const checkoutUrl = toCheckout.headers.get('location') as string;
  expect((await sessions(rt)).some((s) => checkoutUrl.endsWith(s.id))).toBe(true);
  expect((await pay(rt, checkoutUrl)).status).toBe(200);
  expect(await order(rt, won.offer?.orderId as string)).toMatchObject({ status: 'paid', buyerId: `twitch:${ana.userId}` });
  expect(rt.bus.deadLetters).toEqual([]);
  expect(JSON.stringify(rt.outbox.entries)).not.toContain('<@twitch:');
});
