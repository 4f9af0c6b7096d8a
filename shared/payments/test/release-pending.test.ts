/**
 * A show host's cut in flight is a pending journal entry (issue 75's two-phase release): written
 * when its amount is fixed, before Stripe is asked; posted by the transfer's entry, or voided
 * when the cut is owed by hand. No balance counts it while it is open, and one left open past a
 * day (a release that crashed and was never run again) is past its time (`pendingPastTime`).
 */
import { proveOrder } from '../../live/use-cases/prove-order';
import { openShowCheckouts } from '../../shows/use-cases/show-checkout';
import { auctionOfferOrderId } from '../../auctions/use-cases/auction-offers';
import { heldFor, journalOfOrder, openPending, owedByHandFor, pendingOn, pendingPastTime, unclearedAccounts } from '../../journal';
import type { Payments } from '../../ports';
import { BUILDERS, HOST, SHOW_ID, showPaymentsWorld } from '../../../test/support/show-payments';
import { releasePendingId } from '../rules/release-pending';

const [juno] = BUILDERS;
const A = auctionOfferOrderId('auct0001', 0);
const key = releasePendingId(`host-cut:${A}`);

async function paidLot(hostOnboarded = true) {
  const w = showPaymentsWorld();
  await w.setUp();
  const builder = await w.account(juno);
  await w.account(HOST, hostOnboarded);
  await w.hammer({ auctionId: 'auct0001', builderId: juno, item: 'Tofu65', priceCents: 25_000 });
  await openShowCheckouts(w.deps, SHOW_ID);
  const [session] = await w.payments.listSessions();
  await w.payments.paySession(session?.id as string);
  await w.deliver(w.event('checkout.session.completed', 'evt_paid'));
  const journal = () => journalOfOrder(w.store, A);
  return { w, builder, journal };
}

describe('a host’s cut in flight', () => {
  it('is reserved by a pending entry that the transfer’s entry posts: nothing left open, the cut sent once', async () => {
    const { w, builder, journal } = await paidLot();
    await proveOrder(w.deps, builder, A, {});
    const entries = await journal();
    expect(entries.find((e) => e.entryId === key)).toMatchObject({
      pending: { timeoutAt: expect.any(String) },
      postings: expect.arrayContaining([expect.objectContaining({ party: 'host', amountCents: 3_750 })]),
    });
    expect(entries.find((e) => e.resolves?.entryId === key)).toMatchObject({
      kind: 'release',
      resolves: { how: 'post' },
      stripeId: expect.stringMatching(/^tr_local_/),
    });
    expect(openPending(entries)).toEqual([]);
  });

  it('is posted to what is owed to the host when the host cannot take a transfer and is owed by hand', async () => {
    const { w, builder, journal } = await paidLot(false);
    await proveOrder(w.deps, builder, A, {});
    const entries = await journal();
    expect(entries.find((e) => e.resolves?.entryId === key)).toMatchObject({ kind: 'cut-owed', resolves: { how: 'post' } });
    expect(owedByHandFor(entries, 'usd', A)).toBe(3_750);
    expect(openPending(entries)).toEqual([]);
  });

  it('stays open after a crash before Stripe answered, counted by no balance, and is past its time a day on', async () => {
    const { w, builder, journal } = await paidLot();
    const down: Payments = Object.create(w.payments, {
      createTransfer: {
        value: async (request: Parameters<Payments['createTransfer']>[0]) => {
          if (request.idempotencyKey.startsWith('host-cut:')) throw new Error('socket hang up');
          return w.payments.createTransfer(request);
        },
      },
    });
    await expect(proveOrder({ ...w.deps, payments: down }, builder, A, {})).rejects.toThrow('socket hang up');
    const entries = await journal();
    const order = await w.order(A);
    expect(openPending(entries).map((e) => e.entryId)).toEqual([key]);
    expect(pendingOn(entries, 'usd', 'held', { orderId: A })).toBe(3_750);
    expect(heldFor(entries, 'usd', A)).toBe(3_750);
    // Were the order done with, its held money would still be the cut: the reservation sent nothing.
    expect(unclearedAccounts(entries, [{ orderId: A, currency: 'usd', platformFeeCents: order.platformFeeCents, doneWith: true }])).toMatchObject([
      { account: 'held', orderId: A, balanceCents: 3_750 },
    ]);
    const now = w.deps.clock.now().getTime();
    expect(pendingPastTime(entries, new Date(now + 60 * 60 * 1000).toISOString())).toEqual([]);
    expect(pendingPastTime(entries, new Date(now + 25 * 60 * 60 * 1000).toISOString()).map((e) => e.entryId)).toEqual([key]);
  });
});
