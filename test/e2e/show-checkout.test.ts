/**
 * A show's money as its winners meet it, through really signed requests and the local
 * Stripe simulator: one checkout per winner and builder, opened when the show is over (or
 * at once with Pay now), one payment for every lot in it.
 */
import { bid } from '../support/auctions';
import { snowflake } from '../support/interactions';
import { dmsTo, linkIn, order, pay, sessions, textOf } from '../support/marketplace';
import type { TestRuntime } from '../support/local-runtime';
import type { TestClock } from '../support/auctions';
import { addLot, createShow, hammerLot, pressRunSheet, showWorld, startShow, theShow, waitOutGap } from '../support/shows';
import type { Auction } from '../../shared/domain/auctions/auction';

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

/** Three lots, two of them the first builder’s; `viewer` wins each at the price given. */
async function runShow(viewer: string, prices: [number, number, number], between?: (lot: number) => Promise<void>): Promise<Auction[]> {
  await createShow(rt, host);
  await addLot(rt, builders[0], { item: 'Tofu65 in e-white', price: 100 });
  await addLot(rt, builders[1], { item: 'Lavender 65%', price: 50 });
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
});
