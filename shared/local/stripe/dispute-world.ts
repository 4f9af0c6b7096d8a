/**
 * @module stripe/dispute-world
 * The local Stripe's disputes, as the simulator's routes drive them: the buyer's bank opens
 * one on a paid charge (a chargeback, or an inquiry that may escalate into one) and later
 * decides it; each step sends the events Stripe sends. The
 * steps themselves (one transaction each) are in disputes.ts.
 */
import { collections, type LocalDispute } from './objects';
import { closeDisputeIn, escalateDisputeIn, isInquiry, openDisputeIn } from './disputes';
import { StripeWorld, type SimulatedChange } from './world';

export class StripeDisputeWorld extends StripeWorld {
  /**
   * The buyer's bank opens a dispute on a paid charge (one at a time, as Stripe has it). A
   * chargeback takes the disputed amount (all that was not refunded, by default) and the fee
   * from the platform's balance: `charge.dispute.created` then `charge.dispute.funds_withdrawn`.
   * An inquiry (`inquiry: true`) takes nothing: `charge.dispute.created` alone.
   */
  async openDispute(
    chargeId: string,
    request: { reason: string; amountCents?: number; dueInHours?: number; inquiry?: boolean },
  ): Promise<SimulatedChange<LocalDispute>> {
    const now = this.nowSeconds();
    const change = await this.options.store.runTransaction((tx) => openDisputeIn(tx, chargeId, request, now));
    if (change.result !== 'changed') return change;
    await this.send('charge.dispute.created', change.object);
    if (!isInquiry(change.object)) await this.send('charge.dispute.funds_withdrawn', change.object);
    return change;
  }

  /**
   * The bank decides: `charge.dispute.closed`, and when won `charge.dispute.funds_reinstated`.
   * An inquiry closes as `warning_closed`. Unchanged once closed.
   */
  async closeDispute(disputeId: string, status: 'won' | 'lost' | 'warning_closed'): Promise<SimulatedChange<LocalDispute>> {
    const now = this.nowSeconds();
    const change = await this.options.store.runTransaction((tx) => closeDisputeIn(tx, disputeId, status, now));
    if (change.result !== 'changed') return change;
    await this.send('charge.dispute.closed', change.object);
    if (status === 'won') await this.send('charge.dispute.funds_reinstated', change.object);
    return change;
  }

  /**
   * The bank escalates an open inquiry into a chargeback, on the same dispute: the amount and
   * the fee are withdrawn, `charge.dispute.updated` then `charge.dispute.funds_withdrawn`.
   */
  async escalateDispute(disputeId: string, request: { dueInHours?: number } = {}): Promise<SimulatedChange<LocalDispute>> {
    const now = this.nowSeconds();
    const change = await this.options.store.runTransaction((tx) => escalateDisputeIn(tx, disputeId, request, now));
    if (change.result !== 'changed') return change;
    await this.send('charge.dispute.updated', change.object);
    await this.send('charge.dispute.funds_withdrawn', change.object);
    return change;
  }

  /** Newest first. */
  async listDisputes(): Promise<LocalDispute[]> {
    return this.list<LocalDispute>(collections.disputes);
  }
}
