/**
 * A show's money as its winners meet it, through really signed requests and the local
 * Stripe simulator: one checkout per winner and builder, opened when the show is over (or
 * at once with Pay now), one payment for every lot in it.
 */
import { bid, type TestClock } from '../support/auctions';
import { snowflake } from '../support/interactions';
import { dmsTo, linkIn, linkTwitch, onboard, order, pay, say, sessions, shipAndReceive, streamEvent, textOf, transfers } from '../support/marketplace';
import { hostPayoutPath } from '../../shared/payments/rules/host-payout';
import { orderPath, type Order } from '../../shared/orders';
import type { TestRuntime } from '../support/local-runtime';
import { addLot, createShow, hammerLot, pressRunSheet, showWorld, startShow, theShow, waitOutGap } from '../support/shows';
import type { Auction } from '../../shared/auctions';

jest.setTimeout(60_000);

let rt: TestRuntime;
let clock: TestClock;
let host: string;
let builders: [string, string];

beforeEach(async () => {
  ({ rt, clock, host, builders } = await showWorld());
});

afterEach(async () => {
  await rt.close();
});

/** Three lots, two of them the first builder’s (or `fromFirst`: all three theirs); `viewer` wins each at the price given. */
async function runShow(viewer: string, prices: [number, number, number], between?: (lot: number) => Promise<void>, fromFirst = false): Promise<Auction[]> {
  await createShow(rt, host);
  await addLot(rt, builders[0], { item: 'Tofu65 in e-white', price: 100 });
  await addLot(rt, builders[fromFirst ? 0 : 1], { item: 'Lavender 65%', price: 50 });
  await addLot(rt, builders[0], { item: 'Brass Bauer', price: 80 });
  await startShow(rt, host);
  const won: Auction[] = [];
  for (const [i, price] of prices.entries()) {
    await bid(rt, viewer, price);
    won.push(await hammerLot(rt, clock, i + 1));
    await between?.(i + 1);
    await waitOutGap(rt, clock);
  }
  return won;
}

describe('paying for what you won in a show', () => {
  test('a winner gets one checkout per builder when the show is over, and one payment pays every lot in it', async () => {
    const viewer = snowflake();
    const won = await runShow(viewer, [120, 60, 90]);
    expect((await theShow(rt)).checkoutsOpenedAt).toBeDefined();

    const dms = dmsTo(rt, viewer);
    expect(dms.filter((m) => textOf(m).includes('You won'))).toHaveLength(3);
    const links = dms.filter((m) => textOf(m).includes('Your checkout'));
    expect(links).toHaveLength(2);
    const fromFirst = links.find((m) => textOf(m).includes('2 lots')) ?? {};
    expect(textOf(fromFirst)).toContain('$210.00');

    await pay(rt, linkIn(fromFirst));
    const [tofu, lavender, bauer] = await Promise.all(won.map((a) => order(rt, a.offer?.orderId as string)));
    expect(tofu).toMatchObject({ status: 'paid', hostCutCents: expect.any(Number) });
    expect(bauer).toMatchObject({ status: 'paid', chargeId: tofu?.chargeId });
    expect(lavender).toMatchObject({ status: 'awaiting-payment' });
    expect(dmsTo(rt, viewer).filter((m) => textOf(m).includes('Receipt'))).toHaveLength(1);
    expect(textOf(dmsTo(rt, builders[0]).at(-1) ?? {})).toContain('mode:orders:');
  });

  test('Pay now opens the checkout at once; a lot won afterwards from the same builder is paid in a checkout of its own', async () => {
    const viewer = snowflake();
    const won = await runShow(viewer, [120, 60, 90], async (lot) => {
      if (lot !== 1) return;
      const answer = await pressRunSheet(rt, viewer, await theShow(rt), 'pay');
      expect(textOf(answer)).toContain('one per builder');
      await pay(rt, linkIn(answer));
    });
    expect(await order(rt, won[0]?.offer?.orderId as string)).toMatchObject({ status: 'paid' });
    const amounts = (await sessions(rt)) as unknown as Array<{ amount_total: number; metadata: Record<string, string> }>;
    expect(
      amounts
        .filter((s) => s.metadata.kind === 'show-checkout')
        .map((s) => s.amount_total)
        .sort((a, b) => a - b),
    ).toEqual([6_000, 9_000, 12_000]);
  });

  test('GIVEN two lots of a three-lot checkout moved on before the winner paid THEN the lot still waiting is paid, each other lot’s price is refunded at the local Stripe by a refund of its own, and the winner is told once', async () => {
    const viewer = snowflake();
    const won = await runShow(viewer, [120, 60, 90], undefined, true);
    const link = dmsTo(rt, viewer).find((m) => textOf(m).includes('Your checkout') && textOf(m).includes('3 lots'));
    const [kept, lavender, bauer] = won.map((a) => a.offer?.orderId as string) as [string, string, string];
    // Their time to pay ran out and they passed on (the state a lapse leaves a lot in); Stripe's page, still open, knows nothing of it.
    for (const movedOn of [lavender, bauer])
      await rt.store.update(orderPath(movedOn), { status: 'expired', expiredAt: new Date().toISOString(), expiredByEvent: `evt_lapsed_${movedOn}` });
    expect((await pay(rt, linkIn(link ?? {}))).status).toBe(200);
    await rt.settle();

    const { refunds } = (await (await fetch(`${rt.url}/_local/stripe/refunds`)).json()) as {
      refunds: Array<{ amount: number; charge: string; metadata: Record<string, string> }>;
    };
    const paid = await order(rt, kept);
    expect(paid).toMatchObject({ status: 'paid' });
    const given = refunds.filter((r) => r.charge === paid?.chargeId).map((r) => [r.metadata.order_id, r.amount, r.metadata.reason]);
    expect(given.sort()).toEqual(
      [
        [lavender, 6_000, 'paid-orders-not-waiting'],
        [bauer, 9_000, 'paid-orders-not-waiting'],
      ].sort(),
    );
    for (const movedOn of [lavender, bauer]) expect(await order(rt, movedOn)).toMatchObject({ status: 'expired', chargeId: paid?.chargeId });
    const told = dmsTo(rt, viewer).filter((m) => textOf(m).includes('We refunded'));
    expect(told).toHaveLength(1);
    expect(textOf(told[0] ?? {})).toContain('We refunded $150.00 for them to your card');
    expect(textOf(told[0] ?? {})).toContain('Brass Bauer');
    const receipts = dmsTo(rt, viewer).filter((m) => textOf(m).includes('Receipt'));
    expect(receipts).toHaveLength(1);
    expect(textOf(receipts[0] ?? {})).not.toContain('Brass Bauer');
  });

  /**
   * The winner pays for the first builder's two lots; that builder proves both live, ships them,
   * and the winner presses Received (the delivery gate: the proof alone sends no last payout).
   */
  async function paidAndProved(viewer: string): Promise<{ lots: Order[]; answer: string }> {
    const won = await runShow(viewer, [120, 60, 90]);
    const link = dmsTo(rt, viewer).find((m) => textOf(m).includes('Your checkout') && textOf(m).includes('2 lots'));
    await pay(rt, linkIn(link ?? {}));
    const lots = (await Promise.all([won[0], won[2]].map((a) => order(rt, a?.offer?.orderId as string)))) as Order[];
    await linkTwitch(rt, builders[0], 'cleobuilds');
    await streamEvent(rt, 'cleobuilds', 'online');
    const answer = textOf(await say(rt, builders[0], { path: ['live'], options: { mode: `orders:${lots.map((o) => o.orderId).join(',')}` } }));
    expect((await transfers(rt)).filter((t) => t.source_transaction === lots[0]?.chargeId)).toEqual([]);
    for (const lot of lots) await shipAndReceive(rt, builders[0], viewer, lot.orderId);
    return { lots, answer };
  }

  test('at release the builder and the host are each paid from the one charge, and with the platform’s fee that is the charge to the cent', async () => {
    await onboard(rt, host);
    const { lots, answer } = await paidAndProved(snowflake());
    expect(answer).toContain('your payout leaves once it is delivered');
    const fromCharge = (await transfers(rt)).filter((t) => t.source_transaction === lots[0]?.chargeId);
    // Each lot: 10 % platform fee, 10 % host's cut (the defaults), the rest the builder's.
    expect(fromCharge.map((t) => t.amount).sort((a, b) => a - b)).toEqual([900, 1_200, 7_200, 9_600]);
    const builderGot = fromCharge.filter((t) => t.amount >= 7_200).reduce((sum, t) => sum + t.amount, 0);
    const hostGot = fromCharge.filter((t) => t.amount < 7_200).reduce((sum, t) => sum + t.amount, 0);
    const fees = lots.reduce((sum, o) => sum + o.platformFeeCents, 0);
    expect(builderGot + hostGot + fees).toBe(21_000);
    expect(new Set(fromCharge.filter((t) => t.amount < 7_200).map((t) => t.destination)).size).toBe(1);
    for (const lot of lots) expect(await order(rt, lot.orderId)).toMatchObject({ payouts: { host: { via: 'transfer', transferId: expect.any(String) } } });

    // Proving again (a redelivery, or the builder pressing twice) transfers nothing more.
    await say(rt, builders[0], { path: ['live'], options: { mode: `orders:${lots.map((o) => o.orderId).join(',')}` } });
    expect((await transfers(rt)).filter((t) => t.source_transaction === lots[0]?.chargeId)).toHaveLength(4);
  });

  test('a host who cannot be paid by Stripe has the cut recorded for a manual payout, once per lot', async () => {
    const { lots } = await paidAndProved(snowflake());
    const fromCharge = (await transfers(rt)).filter((t) => t.source_transaction === lots[0]?.chargeId);
    expect(fromCharge.map((t) => t.amount).sort((a, b) => a - b)).toEqual([7_200, 9_600]);
    expect(await rt.store.get(hostPayoutPath(lots[0]?.orderId as string))).toMatchObject({ hostId: host, amountCents: 1_200 });
    expect(await rt.store.get(hostPayoutPath(lots[1]?.orderId as string))).toMatchObject({ hostId: host, amountCents: 900 });
  });
});
