/**
 * A show host's cut owed by hand (`hostPayouts/<order>`) keeps what is owed now as a cached
 * figure beside the journal. For any sequence of refunds (partial, redelivered), a dispute
 * opened then won or lost, and hand payments from the dashboard, what the record says is owed
 * (`owedNowCents`) equals the journal's fold (`owedByHandFor`), and the journal balances.
 */
import fc from 'fast-check';
import { proveOrder } from '../../live/use-cases/prove-order';
import { openShowCheckouts } from '../../shows/use-cases/show-checkout';
import { auctionOfferOrderId } from '../../auctions/use-cases/auction-offers';
import { hostPayoutPath, owedNowCents } from '../rules/host-payout';
import { markHostPayoutPaid } from '../../dashboard/use-cases/dashboard-actions';
import type { DashboardDeps } from '../../dashboard/use-cases/dashboard-deps';
import { sessionOf, world as dashboardWorld } from '../../dashboard/test/dashboard-fixtures';
import { journalCollection, owedByHandFor, unbalanced, type JournalEntry } from '../../journal';
import { BUILDERS, GUILD, showPaymentsWorld } from '../../../test/support/show-payments';

const [juno] = BUILDERS;
const A = auctionOfferOrderId('auct0001', 0);

type Op =
  | { op: 'refund'; amountCents: number }
  | { op: 'redeliver' }
  | { op: 'dispute' }
  | { op: 'close'; outcome: 'won' | 'lost' }
  | { op: 'pay-by-hand' }
  | { op: 'later'; ms: number };

const operation: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('refund' as const), amountCents: fc.integer({ min: 1, max: 25_000 }) }) },
  { weight: 1, arbitrary: fc.constant<Op>({ op: 'redeliver' }) },
  { weight: 1, arbitrary: fc.constant<Op>({ op: 'dispute' }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('close' as const), outcome: fc.constantFrom<'won' | 'lost'>('won', 'lost') }) },
  { weight: 2, arbitrary: fc.constant<Op>({ op: 'pay-by-hand' }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('later' as const), ms: fc.integer({ min: 1_000, max: 3_600_000 }) }) },
);

/** A $250.00 lot (10 % fee, 15 % host cut: 3,750) whose host has no account: proved, so their cut is owed by hand. */
async function provedLotOwedByHand() {
  const w = showPaymentsWorld();
  await w.setUp();
  const builder = await w.account(juno);
  await w.hammer({ auctionId: 'auct0001', builderId: juno, item: 'Tofu65', priceCents: 25_000 });
  await openShowCheckouts(w.deps, 'show0001');
  const [session] = await w.payments.listSessions();
  await w.payments.paySession(session?.id as string);
  await w.deliver(w.event('checkout.session.completed', 'evt_paid'));
  expect(await proveOrder(w.deps, builder, A, {})).toMatchObject({ ok: true });
  return w;
}

async function journalOf(w: Awaited<ReturnType<typeof provedLotOwedByHand>>): Promise<JournalEntry[]> {
  return (await w.store.query(journalCollection)).map((d) => d.data);
}

describe('a host’s cut owed by hand', () => {
  it('is owed, as its record caches it, exactly what the journal folds to after any refunds, dispute and hand payments', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 8 }), async (ops) => {
        const w = await provedLotOwedByHand();
        const chargeId = (await w.order(A)).chargeId as string;
        const dashboard: DashboardDeps = { ...dashboardWorld().deps, store: w.store, clock: w.deps.clock };
        const admin = sessionOf([GUILD]);
        let events = 0;
        let last: ReturnType<typeof w.event> | undefined;
        let disputeId: string | undefined;
        const deliver = async (type: string) => {
          last = w.event(type, `evt_${++events}`);
          await w.deliver(last);
        };
        for (const op of ops) {
          if (op.op === 'refund') {
            const left = 25_000 - (await w.order(A)).refundedCents;
            // Stripe refuses a refund of what is not left, or of a charge charged back: nothing happens then, as for a person.
            const refunded = left > 0 ? await w.payments.refundCharge(chargeId, Math.min(op.amountCents, left)).catch(() => undefined) : undefined;
            if (refunded?.result === 'changed') await deliver('charge.refunded');
          } else if (op.op === 'redeliver' && last) await w.deliver(last);
          else if (op.op === 'dispute' && !disputeId) {
            const opened = await w.payments.openDispute(chargeId, { reason: 'product_not_received' }).catch(() => undefined);
            if (opened?.result === 'changed') {
              disputeId = opened.object.id;
              await deliver('charge.dispute.created');
            }
          } else if (op.op === 'close' && disputeId) {
            const closed = await w.payments.closeDispute(disputeId, op.outcome).catch(() => undefined);
            if (closed?.result === 'changed') await deliver('charge.dispute.closed');
          } else if (op.op === 'pay-by-hand') await markHostPayoutPaid(dashboard, admin, GUILD, A, 'PayPal');
          else if (op.op === 'later') w.advance(op.ms);

          const record = await w.store.get(hostPayoutPath(A));
          const journal = await journalOf(w);
          expect(unbalanced(journal)).toEqual([]);
          expect(record && owedNowCents(record)).toBe(owedByHandFor(journal, 'usd', A));
        }
      }),
      { numRuns: 25 },
    );
  });

  it('moves the cut at release from the order’s held money to what is owed to the host, posting its release in flight', async () => {
    const w = await provedLotOwedByHand();
    const journal = await journalOf(w);
    expect(owedByHandFor(journal, 'usd', A)).toBe(3_750);
    expect(journal.find((e) => e.entryId === `cut-owed:${A}:release`)).toMatchObject({
      kind: 'cut-owed',
      resolves: { how: 'post' },
      postings: expect.arrayContaining([expect.objectContaining({ account: 'host-payable', amountCents: -3_750, orderId: A })]),
    });
  });

  it('is owed nothing in the journal once an admin paid it by hand', async () => {
    const w = await provedLotOwedByHand();
    const dashboard: DashboardDeps = { ...dashboardWorld().deps, store: w.store, clock: w.deps.clock };
    expect(await markHostPayoutPaid(dashboard, sessionOf([GUILD]), GUILD, A, 'PayPal')).toMatchObject({ ok: true });
    expect(owedByHandFor(await journalOf(w), 'usd', A)).toBe(0);
  });
});
