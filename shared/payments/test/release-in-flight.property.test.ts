/**
 * A release being sent is kept twice: on the order (`payouts.<party>.releasing`, what a retry
 * replays under the same key) and in the journal (its pending entry, money in flight). For any
 * sequence of proofs answered by Stripe in any way (sent, down before it answered, its answer
 * lost after it sent, refused), refunds and redeliveries, the two agree after every step
 * (`releaseInFlightProblems`), and the journal balances.
 */
import fc from 'fast-check';
import { proveOrder } from '../../live/use-cases/prove-order';
import { openShowCheckouts } from '../../shows/use-cases/show-checkout';
import { auctionOfferOrderId } from '../../auctions/use-cases/auction-offers';
import { journalOfOrder, unbalanced } from '../../journal';
import type { Payments } from '../../ports';
import { PaymentRefused } from '../../errors';
import { releaseInFlightProblems } from '../rules/release-pending';
import { BUILDERS, HOST, SHOW_ID, showPaymentsWorld } from '../../../test/support/show-payments';

const [juno] = BUILDERS;
const A = auctionOfferOrderId('auct0001', 0);

type Stripe = 'sends' | 'down' | 'answer-lost' | 'refuses';
type Op = { op: 'prove'; stripe: Stripe } | { op: 'refund'; amountCents: number } | { op: 'redeliver' };

const operation: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('prove' as const), stripe: fc.constantFrom<Stripe>('sends', 'down', 'answer-lost', 'refuses') }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('refund' as const), amountCents: fc.integer({ min: 1, max: 25_000 }) }) },
  { weight: 1, arbitrary: fc.constant<Op>({ op: 'redeliver' }) },
);

/** Stripe as the step has it answer a transfer: sent, unreachable before sending, sent with its answer lost, or refused. */
function stripeThat(payments: Payments, stripe: Stripe): Payments {
  const createTransfer = async (request: Parameters<Payments['createTransfer']>[0]) => {
    if (stripe === 'down') throw new Error('socket hang up');
    if (stripe === 'refuses') throw new PaymentRefused('Insufficient funds in Stripe account', { stripeCode: 'balance_insufficient' });
    const made = await payments.createTransfer(request);
    if (stripe === 'answer-lost') throw new Error('socket hang up');
    return made;
  };
  return Object.create(payments, { createTransfer: { value: createTransfer } }) as Payments;
}

async function paidLot(hostOnboarded: boolean) {
  const w = showPaymentsWorld();
  await w.setUp();
  const builder = await w.account(juno);
  await w.account(HOST, hostOnboarded);
  await w.hammer({ auctionId: 'auct0001', builderId: juno, item: 'Tofu65', priceCents: 25_000 });
  await openShowCheckouts(w.deps, SHOW_ID);
  const [session] = await w.payments.listSessions();
  await w.payments.paySession(session?.id as string);
  await w.deliver(w.event('checkout.session.completed', 'evt_paid'));
  return { w, builder };
}

describe('a release being sent', () => {
  it('is the same on the order and in the journal’s money in flight after any proofs, Stripe answers, refunds and redeliveries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(operation, { minLength: 1, maxLength: 8 }), async (hostOnboarded, ops) => {
        const { w, builder } = await paidLot(hostOnboarded);
        const chargeId = (await w.order(A)).chargeId as string;
        let events = 0;
        let last: ReturnType<typeof w.event> | undefined;
        for (const op of ops) {
          if (op.op === 'prove') await proveOrder({ ...w.deps, payments: stripeThat(w.payments, op.stripe) }, builder, A, {}).catch(() => undefined);
          else if (op.op === 'refund') {
            const left = 25_000 - (await w.order(A)).refundedCents;
            const refunded = left > 0 ? await w.payments.refundCharge(chargeId, Math.min(op.amountCents, left)).catch(() => undefined) : undefined;
            if (refunded?.result === 'changed') {
              last = w.event('charge.refunded', `evt_${++events}`);
              await w.deliver(last).catch(() => undefined);
            }
          } else if (last) await w.deliver(last).catch(() => undefined);
          const entries = await journalOfOrder(w.store, A);
          expect(releaseInFlightProblems(await w.order(A), entries)).toEqual([]);
          expect(unbalanced(entries)).toEqual([]);
        }
      }),
      { numRuns: 30 },
    );
  });
});
