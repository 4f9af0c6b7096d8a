/**
 * A released show lot (40,000¢: 4,000 platform fee, 6,000 host cut, 30,000 builder share)
 * against the local Stripe, with Stripe's dispute events written as Stripe sends them: an
 * inquiry (`warning_*`, no balance transaction, the charge still refundable) or a chargeback
 * (the amount and the 1,500 fee withdrawn). Written here because the local Stripe of this
 * branch opens chargebacks only; the shapes follow Stripe's Dispute object.
 */
import { proveOrder } from '../../live/use-cases/prove-order';
import { openShowCheckouts } from '../../shows/use-cases/show-checkout';
import { auctionOfferOrderId } from '../../auctions/use-cases/auction-offers';
import type { StripeEvent } from '../../payments';
import { BUILDERS, HOST, showPaymentsWorld } from '../../../test/support/show-payments';

const [juno] = BUILDERS;
export const LOT = auctionOfferOrderId('auct0001', 0);

export type DisputeStatus = 'warning_needs_response' | 'warning_under_review' | 'warning_closed' | 'needs_response' | 'under_review' | 'won' | 'lost';
const inquiry = (status: DisputeStatus) => status.startsWith('warning_');

export async function releasedLot(priceCents = 40_000) {
  const w = showPaymentsWorld();
  await w.setUp();
  const builder = await w.account(juno);
  const host = await w.account(HOST);
  await w.hammer({ auctionId: 'auct0001', builderId: juno, item: 'Tofu65', priceCents });
  await openShowCheckouts(w.deps, 'show0001');
  const [session] = await w.payments.listSessions();
  await w.payments.paySession(session?.id as string);
  await w.deliver(w.event('checkout.session.completed', 'evt_paid'));
  expect(await proveOrder(w.deps, builder, LOT, {})).toMatchObject({ ok: true });
  const order = await w.order(LOT);
  const chargeId = order.chargeId as string;
  const net = async (accountId: string | undefined) =>
    (await w.payments.listTransfers()).filter((t) => t.destination === accountId).reduce((sum, t) => sum + t.amount - t.amount_reversed, 0);
  let sequence = 0;
  return {
    w,
    chargeId,
    /** A `charge.dispute.*` event for dispute `id` as it stands at `status` (a chargeback's withdrawal, and a win's reinstatement, in its balance transactions). */
    dispute(type: string, id: string, status: DisputeStatus, amountCents = priceCents, eventId = `evt_${type}_${id}_${status}_${++sequence}`): StripeEvent {
      const withdrawn = inquiry(status) ? [] : [{ id: `txn_${id}_out`, amount: -amountCents, fee: 1_500 }];
      const reinstated = status === 'won' ? [{ id: `txn_${id}_back`, amount: amountCents, fee: 0 }] : [];
      return {
        id: eventId,
        type,
        created: Math.floor(w.deps.clock.now().getTime() / 1000),
        data: {
          object: {
            id,
            object: 'dispute',
            amount: amountCents,
            currency: 'usd',
            charge: chargeId,
            payment_intent: order.paymentIntentId,
            reason: 'product_not_received',
            status,
            is_charge_refundable: inquiry(status),
            balance_transactions: [...withdrawn, ...reinstated],
            evidence_details: {
              due_by: Math.floor(w.deps.clock.now().getTime() / 1000) + 7 * 86_400,
              has_evidence: false,
              past_due: false,
              submission_count: 0,
            },
          },
        },
      };
    },
    async refund(amountCents: number, eventId = `evt_refunded_${++sequence}`): Promise<StripeEvent> {
      await w.payments.refundCharge(chargeId, amountCents);
      return w.event('charge.refunded', eventId);
    },
    /** What the builder's and the host's transfers of this lot still hold on Stripe, net of reversals. */
    nets: async () => ({ builder: await net(builder.stripeAccountId), host: await net(host.stripeAccountId) }),
  };
}
