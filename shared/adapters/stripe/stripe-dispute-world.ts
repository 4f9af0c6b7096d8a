/**
 * @module stripe-dispute-world
 * The local Stripe's disputes, as the simulator's routes drive them: the buyer's bank opens
 * one on a paid charge and later decides it; each step sends the events Stripe sends.
 */
import { PaymentRefused } from '../../errors';
import { collections, docIn, sequencePath, type LocalDispute } from './stripe-objects';
import { closedDispute, openedDispute } from './local-disputes';
import { StripeWorld, type SimulatedChange } from './stripe-world';

export class StripeDisputeWorld extends StripeWorld {
  /**
   * The buyer's bank opens a dispute on a paid charge (one per charge, as Stripe has it): the
   * disputed amount (all that was not refunded, by default) and the fee leave the platform's
   * balance, and `charge.dispute.created` then `charge.dispute.funds_withdrawn` are sent.
   */
  async openDispute(chargeId: string, request: { reason: string; amountCents?: number; dueInHours?: number }): Promise<SimulatedChange<LocalDispute>> {
    const now = this.nowSeconds();
    const change = await this.options.store.runTransaction(async (tx): Promise<SimulatedChange<LocalDispute>> => {
      const path = docIn(collections.charges, chargeId);
      const stored = await tx.get(path);
      if (!stored) return { result: 'unknown' };
      const existing = (await tx.query(collections.disputes, { where: [['stripe.charge', '==', chargeId]], limit: 1 }))[0];
      if (existing) return { result: 'unchanged', object: existing.data.stripe };
      const left = stored.stripe.amount - stored.stripe.amount_refunded;
      const amountCents = Math.min(request.amountCents ?? left, left);
      if (amountCents <= 0) throw new PaymentRefused(`charge ${chargeId} was refunded in full: there is nothing to dispute`);
      const dueBy = now + Math.round((request.dueInHours ?? 7 * 24) * 3600);
      const dispute = openedDispute(stored.stripe, { reason: request.reason, amountCents, dueBy }, now);
      const sequence = ((await tx.get(sequencePath))?.value ?? 0) + 1;
      tx.set(sequencePath, { value: sequence });
      tx.set(docIn(collections.disputes, dispute.id), { stripe: dispute, sequence });
      tx.update(path, { 'stripe.disputed': true });
      return { result: 'changed', object: dispute };
    });
    if (change.result !== 'changed') return change;
    await this.send('charge.dispute.created', change.object);
    await this.send('charge.dispute.funds_withdrawn', change.object);
    return change;
  }

  /** The bank decides: `charge.dispute.closed`, and when won `charge.dispute.funds_reinstated`. Unchanged once closed. */
  async closeDispute(disputeId: string, status: 'won' | 'lost'): Promise<SimulatedChange<LocalDispute>> {
    const now = this.nowSeconds();
    const change = await this.change<LocalDispute>(docIn(collections.disputes, disputeId), 'charge.dispute.closed', (dispute) =>
      dispute.status === 'won' || dispute.status === 'lost' ? undefined : closedDispute(dispute, status, now),
    );
    if (change.result === 'changed' && status === 'won') await this.send('charge.dispute.funds_reinstated', change.object);
    return change;
  }

  /** Newest first. */
  async listDisputes(): Promise<LocalDispute[]> {
    return this.list<LocalDispute>(collections.disputes);
  }
}
