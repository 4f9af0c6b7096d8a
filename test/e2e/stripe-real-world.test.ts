/**
 * The payments review's three scenarios (issue 49), run as they happen: a $400.00 show lot
 * (4,000¢ platform fee, 6,000¢ host cut at 15 %, 30,000¢ builder share) paid, proved live and
 * released, then what real Stripe does after: an inquiry settled by a refund made in Stripe's
 * dashboard, an inquiry closed and a new chargeback lost, a hand-paid host cut then a full
 * refund. Every cent is read back from the local Stripe (its transfers, reversals and the
 * platform's balance transactions), not from C500's own records.
 */
import type { LocalBalanceTransaction } from '../../shared/local/stripe/objects';
import type { Order } from '../../shared/orders';
import { hostPayoutPath } from '../../shared/payments/rules/host-payout';
import { debtPath } from '../../shared/debts';
import { bid, type TestClock } from '../support/auctions';
import { ADMIN, snowflake } from '../support/interactions';
import { dmsTo, liftBidderLimits, linkIn, linkTwitch, onboard, order, pay, say, shipAndReceive, streamEvent, textOf } from '../support/marketplace';
import { csrfOf, get, post, signIn } from '../support/dashboard';
import type { TestRuntime } from '../support/local-runtime';
import { addLot, createShow, hammerLot, showWorld, startShow, waitOutGap } from '../support/shows';

jest.setTimeout(120_000);

const GUILD = '900000000000000001';
let rt: TestRuntime;
let clock: TestClock;
let host: string;
let builder: string;

beforeEach(async () => {
  let builders: [string, string];
  ({ rt, clock, host, builders } = await showWorld());
  builder = builders[0];
  await liftBidderLimits(rt);
});

afterEach(async () => {
  await rt.close();
});

type Transfer = { id: string; amount: number; amount_reversed: number; destination: string; transfer_group: string };

const postJson = async (path: string, body: unknown = {}) => {
  const res = await fetch(`${rt.url}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  await rt.settle();
  expect(res.status).toBe(200);
  return (await res.json()) as { dispute?: { id: string; status: string } };
};

/** What each account still holds of the order's transfers: sent less reversed, by destination. */
async function heldBy(orderId: string): Promise<Map<string, number>> {
  const { transfers } = (await (await fetch(`${rt.url}/_local/stripe/transfers`)).json()) as { transfers: Transfer[] };
  const held = new Map<string, number>();
  for (const t of transfers.filter((t) => t.transfer_group === orderId)) held.set(t.destination, (held.get(t.destination) ?? 0) + t.amount - t.amount_reversed);
  return held;
}

/** Every balance transaction of the platform, oldest first, paged as Stripe pages them. */
async function ledger(): Promise<LocalBalanceTransaction[]> {
  const all: LocalBalanceTransaction[] = [];
  let after = '';
  for (;;) {
    const page = (await (await fetch(`${rt.url}/_local/stripe/balance-transactions?limit=100${after}`)).json()) as {
      data: LocalBalanceTransaction[];
      has_more: boolean;
    };
    all.push(...page.data);
    if (!page.has_more || page.data.length === 0) return all.reverse();
    after = `&starting_after=${page.data.at(-1)?.id}`;
  }
}
const netOf = (lines: readonly LocalBalanceTransaction[]) => lines.reduce((sum, t) => sum + t.net, 0);
/** What Stripe kept for processing the charge: read off its own balance transaction. */
const processingFeeOf = (lines: readonly LocalBalanceTransaction[], chargeId: string) => lines.find((t) => t.type === 'charge' && t.source === chargeId)?.fee;

/** The lot sold for $400.00 at a 15 % host cut, paid, proved live, shipped, received (the delivery gate) and so released. */
async function releasedLot(): Promise<Order> {
  const viewer = snowflake();
  await say(rt, host, { path: ['show', 'settings'], options: { 'host-cut': '15' }, permissions: ADMIN });
  await createShow(rt, host);
  await addLot(rt, builder, { item: 'Brass Bauer', price: 300 });
  await startShow(rt, host);
  await bid(rt, viewer, 400);
  const won = await hammerLot(rt, clock, 1);
  await waitOutGap(rt, clock);
  const checkout = dmsTo(rt, viewer).find((m) => textOf(m).includes('Your checkout'));
  await pay(rt, linkIn(checkout ?? {}));
  const orderId = won.offer?.orderId as string;
  await linkTwitch(rt, builder, 'bauerbuilds');
  await streamEvent(rt, 'bauerbuilds', 'online');
  await say(rt, builder, { path: ['live'], options: { mode: `order:${orderId}` } });
  await shipAndReceive(rt, builder, viewer, orderId);
  await rt.settle();
  const released = (await order(rt, orderId)) as Order;
  expect(released).toMatchObject({ amountCents: 40_000, platformFeeCents: 4_000, hostCutCents: 6_000 });
  return released;
}

describe('an inquiry, a refund made in Stripe’s dashboard, then warning_closed', () => {
  it('leaves builder and host holding nothing of the order and the platform out only Stripe’s kept processing fee', async () => {
    await onboard(rt, host);
    const lot = await releasedLot();
    expect([...(await heldBy(lot.orderId)).values()].sort((a, b) => a - b)).toEqual([6_000, 30_000]);

    const { dispute } = await postJson(`/_local/stripe/charges/${lot.chargeId}/dispute`, { reason: 'fraudulent', inquiry: true });
    expect(dispute?.status).toBe('warning_needs_response');
    // An inquiry withdraws nothing, so nothing is taken back from anyone.
    expect([...(await heldBy(lot.orderId)).values()].sort((a, b) => a - b)).toEqual([6_000, 30_000]);

    await postJson(`/_local/stripe/charges/${lot.chargeId}/refund`);
    await postJson(`/_local/stripe/disputes/${dispute?.id}/close`, { status: 'warning_closed' });

    expect([...(await heldBy(lot.orderId)).values()]).toEqual([0, 0]);
    const lines = await ledger();
    const fee = processingFeeOf(lines, lot.chargeId as string);
    expect(fee).toBeGreaterThan(0);
    expect(netOf(lines)).toBe(-(fee as number));
  });
});

describe('an inquiry closed, then a new chargeback lost', () => {
  it('takes both shares back and leaves the platform out the 1,500¢ dispute fee beyond Stripe’s processing fee, no more', async () => {
    await onboard(rt, host);
    const lot = await releasedLot();
    const inquiry = (await postJson(`/_local/stripe/charges/${lot.chargeId}/dispute`, { reason: 'general', inquiry: true })).dispute;
    await postJson(`/_local/stripe/disputes/${inquiry?.id}/close`, { status: 'warning_closed' });
    expect([...(await heldBy(lot.orderId)).values()].sort((a, b) => a - b)).toEqual([6_000, 30_000]);

    const chargeback = (await postJson(`/_local/stripe/charges/${lot.chargeId}/dispute`, { reason: 'fraudulent' })).dispute;
    expect(chargeback?.id).not.toBe(inquiry?.id);
    await postJson(`/_local/stripe/disputes/${chargeback?.id}/close`, { status: 'lost' });

    expect([...(await heldBy(lot.orderId)).values()]).toEqual([0, 0]);
    const lines = await ledger();
    const fee = processingFeeOf(lines, lot.chargeId as string) as number;
    expect(netOf(lines)).toBe(-(fee + 1_500));
  });
});

describe('a host cut paid by hand, then a full refund', () => {
  it('keeps the hand payment recorded as paid and makes the 6,000¢ a debt the host and the admins see', async () => {
    const lot = await releasedLot();
    expect([...(await heldBy(lot.orderId)).values()]).toEqual([30_000]);
    expect(await rt.store.get(hostPayoutPath(lot.orderId))).toMatchObject({ hostId: host, amountCents: 6_000 });

    const admin = { userId: host, username: 'hosting_admin', adminGuilds: [GUILD] };
    const { cookie } = await signIn(rt, admin);
    const csrf = csrfOf(await (await get(rt, `/dashboard/guild/${GUILD}`, cookie)).text());
    const paid = await post(rt, `/dashboard/guild/${GUILD}/host-payouts/${lot.orderId}/paid`, cookie, { csrf, note: 'PayPal, ref 77' });
    expect(paid.status).toBe(303);

    await postJson(`/_local/stripe/charges/${lot.chargeId}/refund`);

    expect(await rt.store.get(hostPayoutPath(lot.orderId))).toMatchObject({
      status: 'paid-by-hand',
      amountCents: 6_000,
      paidByHand: { byUserId: host, note: 'PayPal, ref 77' },
    });
    expect(await rt.store.get(debtPath(GUILD, host))).toMatchObject({ owedCents: 6_000 });
    expect([...(await heldBy(lot.orderId)).values()]).toEqual([0]);

    const profile = textOf(await say(rt, host, { path: ['profile'] }));
    expect(profile).toContain('$60.00');
    const debtsPage = await (await get(rt, `/dashboard/guild/${GUILD}/debts`, cookie)).text();
    expect(debtsPage).toContain(host);
    expect(debtsPage).toContain('$60.00');
  });
});
