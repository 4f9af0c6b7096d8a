/**
 * Pre-bids on a show's lots, through really signed requests: members set maximums from the
 * run sheet's modal and with `/bid lot:<n> max:<n>`, change and withdraw them, see them in
 * `/c500 profile`; the run sheet counts them. Three lots then open in turn and each sells to
 * the right pre-bidder or live bidder at the right price, a tie going to the earlier pre-bid,
 * and a pre-bidder outbid is DMed.
 */
import { bid } from '../support/auctions';
import { buttonPress, command, modalSubmit, snowflake } from '../support/interactions';
import { answerOf, dmsTo, say, textOf } from '../support/marketplace';
import type { TestRuntime } from '../support/local-runtime';
import type { TestClock } from '../support/auctions';
import { SHOW_CHANNEL, addLot, createShow, hammerLot, lotAuction, lotStates, runSheetNow, showWorld, startShow, theShow, waitOutGap } from '../support/shows';

jest.setTimeout(120_000);

let rt: TestRuntime;
let clock: TestClock;
let host: string;
let builders: [string, string];
const [ann, bo, cy, dee] = [snowflake(), snowflake(), snowflake(), snowflake()];

beforeAll(async () => {
  ({ rt, clock, host, builders } = await showWorld());
  await createShow(rt, host);
  await addLot(rt, builders[0], { item: 'Tofu65 in e-white', price: 25 });
  await addLot(rt, builders[1], { item: 'Lavender 65%', price: 50 });
  await addLot(rt, builders[0], { item: 'Brass Bauer', price: 20 });
});
afterAll(() => rt.close());

/** `/bid lot:<n> max:<n>` in the show's channel, a second after the last, so the order pre-bids were set in is plain. */
async function preBid(userId: string, lot: number, max: number | string): Promise<string> {
  clock.advance(1_000);
  return textOf(await answerOf(rt, command({ name: 'bid', options: { lot, max }, userId })));
}

/** Lets the run sheet's edit task run. */
async function sheetEdited(): Promise<string> {
  clock.advance(1_100);
  await rt.tasks.runDueNow();
  await rt.settle();
  const show = await theShow(rt);
  return runSheetNow(rt, show).embeds?.[0]?.description ?? '';
}

describe('pre-bids before a show goes on air', () => {
  it('opens the modal from the run sheet’s Pre-bid button, and sets a maximum from it', async () => {
    const show = await theShow(rt);
    const buttons = (runSheetNow(rt, show).components ?? []) as Array<{ components: Array<{ label: string; custom_id: string }> }>;
    const press = buttons.flatMap((r) => r.components).find((b) => b.label === 'Pre-bid');
    expect(press).toBeDefined();
    const res = await rt.sendInteraction(buttonPress(press?.custom_id as string, ann, { channelId: SHOW_CHANNEL }));
    const modal = (await res.json()) as { type: number; data: { custom_id: string } };
    expect(modal.type).toBe(9);
    clock.advance(1_000);
    const answer = await answerOf(rt, modalSubmit(modal.data.custom_id, { lot: '1', max: '40' }, ann));
    expect(textOf(answer)).toContain('Your pre-bid on lot 1, **Tofu65 in e-white**, is up to **$40.00**');
  });

  it('takes pre-bids by command, changed and withdrawn until the lot opens, and counts them on the run sheet without amounts', async () => {
    expect(await preBid(bo, 1, 40)).toContain('up to **$40.00**');
    expect(await preBid(cy, 2, 80)).toContain('up to **$80.00**');
    expect(await preBid(bo, 3, 30)).toContain('up to **$30.00**');
    expect(await preBid(ann, 3, 25)).toContain('up to **$25.00**');
    // Raised after bo's: it takes the time of the raise.
    expect(await preBid(ann, 3, 35)).toContain('Changed: your pre-bid on lot 3');
    expect(await preBid(cy, 3, 22)).toContain('up to **$22.00**');
    expect(await preBid(cy, 3, 0)).toContain('is withdrawn');
    expect(await preBid(dee, 3, 0)).toContain('nothing to withdraw');
    const sheet = await sheetEdited();
    expect(sheet).toMatch(/Tofu65 in e-white.*🎯 2 pre-bids/);
    expect(sheet).toMatch(/Lavender 65%.*🎯 1 pre-bid\b/);
    expect(sheet).toMatch(/Brass Bauer.*🎯 2 pre-bids/);
    expect(sheet).not.toContain('$40.00');
    // The overlay marks the lots with pre-bids, by count alone.
    const board = (await (await fetch(`${rt.url}/overlay/show/${(await theShow(rt)).showId}`)).json()) as {
      upNext: Array<{ number: number; preBids: number }>;
    };
    expect(board.upNext.map((l) => [l.number, l.preBids])).toEqual([
      [1, 2],
      [2, 1],
      [3, 2],
    ]);
  });

  it('answers bad pre-bids privately with what to type: below the opening price, over the trust cap, no such lot, the builder’s own', async () => {
    expect(await preBid(dee, 2, 40)).toContain('opens at $50.00, so a pre-bid must be at least that');
    expect(await preBid(dee, 2, 600)).toContain('this server lets you bid up to $500.00');
    expect(await preBid(dee, 9, 40)).toContain('the run sheet has lots 1 to 3');
    expect(await preBid(builders[0], 1, 40)).toContain('is yours');
    expect(await preBid(dee, 2, '12.345')).toContain('**max**');
  });

  it('shows a member their own pre-bids in /c500 profile, and nobody else’s', async () => {
    const profile = textOf(await say(rt, ann, { path: ['profile'] }));
    expect(profile).toContain('Your pre-bids');
    expect(profile).toContain('**Tofu65 in e-white**: lot 1');
    expect(profile).toContain('up to **$35.00**');
    expect(profile).not.toContain('$80.00');
  });
});

describe('the lots open in turn', () => {
  it('sells lot 1 to the earlier of two equal pre-bids, at that maximum, and refuses a pre-bid once it is open', async () => {
    expect(textOf(await startShow(rt, host))).toContain('on air');
    expect(await lotStates(rt)).toEqual(['live', 'up-next', 'up-next']);
    // The lot's card shows the book once its pre-bids are in: $40 with two bids, the next bid $42 (the edit
    // after the pre-bids is a task the show's functions must be granted, as terraform grants it).
    clock.advance(1_100);
    await rt.tasks.runDueNow();
    await rt.settle();
    const card = runSheetNow(rt, await lotAuction(rt, 1));
    expect(JSON.stringify(card)).toContain('$40.00');
    expect(((card.components ?? []) as Array<{ components: Array<{ label?: string }> }>).flatMap((r) => r.components).map((b) => b.label)).toContain(
      'Bid $42.00',
    );
    expect(await preBid(dee, 1, 60)).toContain('is open now');
    const sold = await hammerLot(rt, clock, 1);
    expect(sold).toMatchObject({ status: 'awaiting-payment', winner: { bidderId: ann, priceCents: 4_000 } });
  });

  it('sells lot 2 to a live bidder over a lower pre-bid, one step above it, and DMs the pre-bidder outbid', async () => {
    await waitOutGap(rt, clock);
    expect(await lotStates(rt)).toEqual(['done', 'live', 'up-next']);
    clock.advance(2_000);
    expect(textOf(await bid(rt, dee, 55, { max: 100 }))).toMatch(/lead/i);
    await rt.settle();
    expect(dmsTo(rt, cy).map(textOf).join('\n')).toContain('You’ve been outbid on **Lavender 65%**');
    const sold = await hammerLot(rt, clock, 2);
    expect(sold).toMatchObject({ status: 'awaiting-payment', winner: { bidderId: dee, priceCents: 8_300 } });
  });

  // bo's $30 answered by ann's $35 one step ($2 from $30) above it.
  it('sells lot 3 to the higher pre-bid set later, one step over the other, which is DMed outbid', async () => {
    await waitOutGap(rt, clock);
    expect(await lotStates(rt)).toEqual(['done', 'done', 'live']);
    expect(dmsTo(rt, bo).map(textOf).join('\n')).toContain('You’ve been outbid on **Brass Bauer**');
    const sold = await hammerLot(rt, clock, 3);
    expect(sold).toMatchObject({ status: 'awaiting-payment', winner: { bidderId: ann, priceCents: 3_200 } });
    // The withdrawn pre-bid was never placed.
    expect((await lotAuction(rt, 3)).runnerUps?.map((r) => r.bidderId)).toEqual([bo]);
  });
});
