/**
 * @module release-saved-card
 * A pledge's saved card detached at Stripe once the pledge needs it no more (charged or paid,
 * released, left, lapsed), and the member's customer deleted once nothing needs it either
 * (saved-card-release says when). Asked at each end of a pledge and by a member's erasure;
 * asked again it changes nothing: Stripe's "detached already" and "deleted already" are taken
 * as done, and a detached card is marked on its pledge. Batch work: every Stripe write here
 * leaves the budget's last tokens to a person pressing a button meanwhile.
 */
import { collectionGroup, type Clock, type DocumentStore, type Payments } from '../../ports';
import { asBatchWork } from '../../stripe-work';
import { log } from '../../log';
import { pledgePath, type Pledge } from '../rules/group-buy';
import { stripeCustomerPath } from '../rules/card-setup';
import { cardToDetach, customerNeededNoMore } from '../rules/saved-card-release';

export interface SavedCardReleaseDeps {
  store: DocumentStore;
  clock: Clock;
  payments: Pick<Payments, 'detachPaymentMethod' | 'deleteCustomer'>;
}

/** The pledge's card, if it ended, and then its customer, if nothing needs it: how many things Stripe let go. */
export function releaseSavedCard(deps: SavedCardReleaseDeps, groupBuyId: string, buyerId: string): Promise<number> {
  return asBatchWork(async () => {
    const pledge = await deps.store.get(pledgePath(groupBuyId, buyerId));
    if (!pledge || !cardToDetach(pledge)) return 0;
    await deps.payments.detachPaymentMethod(pledge.paymentMethodId);
    await markReleased(deps, groupBuyId, buyerId);
    return 1 + (pledge.customerId ? await releaseCustomer(deps, buyerId, pledge.customerId) : 0);
  });
}

/**
 * The same, where a refusal must not undo what came before it (a release batch, a Leave, the
 * funding's end): Stripe still refusing past the adapter's waits leaves the card for a later
 * settle or the member's erasure, said in a log line.
 */
export async function releaseSavedCardOrLater(deps: SavedCardReleaseDeps, groupBuyId: string, buyerId: string): Promise<void> {
  try {
    await releaseSavedCard(deps, groupBuyId, buyerId);
  } catch (error) {
    log.warn('group buy: a saved card could not be detached at Stripe yet', { groupBuyId, error: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * A member's erasure: every card of theirs no pledge needs any more, detached, and each of their
 * customers nothing needs, deleted. Run before the store forgets them (their record of the
 * customer, their ended pledges). A customer an open pledge needs stays: that pledge's end lets
 * it go, the member's record of it being erased by then.
 */
export function releaseErasedCustomer(deps: SavedCardReleaseDeps, memberId: string): Promise<number> {
  return asBatchWork(async () => {
    const pledges = await pledgesOf(deps.store, memberId);
    let released = 0;
    for (const pledge of pledges) {
      if (!cardToDetach(pledge)) continue;
      await deps.payments.detachPaymentMethod(pledge.paymentMethodId);
      released += 1;
    }
    const kept = await deps.store.get(stripeCustomerPath(memberId));
    const customers = new Set([kept?.customerId, ...pledges.map((pledge) => pledge.customerId)]);
    for (const customerId of customers) {
      // Erasure ends the member's own record of the customer: only the pledges are asked.
      if (!customerId || !customerNeededNoMore(customerId, undefined, pledges)) continue;
      await deps.payments.deleteCustomer(customerId);
      released += 1;
    }
    return released;
  });
}

async function releaseCustomer(deps: SavedCardReleaseDeps, memberId: string, customerId: string): Promise<number> {
  const kept = await deps.store.get(stripeCustomerPath(memberId));
  if (!customerNeededNoMore(customerId, kept?.customerId, await pledgesOf(deps.store, memberId))) return 0;
  await deps.payments.deleteCustomer(customerId);
  return 1;
}

const pledgesOf = async (store: DocumentStore, memberId: string): Promise<Pledge[]> =>
  (await store.queryGroup(collectionGroup<Pledge>('pledges'), { where: [['buyerId', '==', memberId]] })).map((found) => found.data);

/** Marked where it is written: a pledge an erasure deleted meanwhile is left deleted. */
async function markReleased(deps: SavedCardReleaseDeps, groupBuyId: string, buyerId: string): Promise<void> {
  await deps.store.runTransaction(async (tx) => {
    const path = pledgePath(groupBuyId, buyerId);
    const pledge = await tx.get(path);
    if (pledge) tx.update(path, { cardReleasedAt: deps.clock.now().toISOString(), ...(pledge.cardReleaseOwed ? { cardReleaseOwed: false } : {}) });
  });
}
