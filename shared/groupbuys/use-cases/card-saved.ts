/**
 * @module card-saved
 * Stripe's `checkout.session.completed` for a pledge's setup session (routed by payments by
 * its `kind`): the card is read back from Stripe (`readCardSetup`) and counted
 * (count-saved-card) as of when Stripe completed the session (the event's `created`), however
 * late the event comes. Safe under redelivery and out of order: only the pledge's newest
 * session, and only while it is `saving-card`, makes it count; delivered again once it counts,
 * it tells the member (once) what the first delivery may have failed to. The pledge is found
 * by the session's own id (Stripe holds the member's pseudonym only), or, for an event sent
 * before pseudonyms, by the member's id it names.
 */
import type { Clock, DiscordMessenger, DocumentStore, Payments } from '../../ports';
import { text, type StripeEvent } from '../../payments';
import { log } from '../../log';
import { countSavedCard } from './count-saved-card';
import { pledgePath, pledgesCollection } from '../rules/group-buy';
import { cardStillNeeded } from '../rules/saved-card-release';
import { asBatchWork } from '../../stripe-work';

export interface CardSavedDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
  payments: Pick<Payments, 'readCardSetup' | 'detachPaymentMethod'>;
}

export async function cardSaved(deps: CardSavedDeps, event: StripeEvent): Promise<void> {
  const session = event.data.object;
  const groupBuyId = text(session.metadata?.group_buy_id);
  if (!groupBuyId || (!session.metadata?.buyer_pseudonym && !session.metadata?.buyer_id))
    return log.warn('a pledge’s setup session names no group buy or member; ignored', { sessionId: session.id, eventId: event.id });
  const setup = await deps.payments.readCardSetup(session.id);
  // The event says complete: Stripe's read will too, so anything else is retried rather than lost.
  if (setup.status !== 'complete' || !setup.paymentMethodId) throw new Error(`setup session ${session.id} completed without a saved card`);
  const buyerId = text(session.metadata?.buyer_id) ?? (await pledgerOfSession(deps, groupBuyId, session.id));
  if (!buyerId) {
    // No pledge has this session as its newest (an older Join's page, a Leave, an erasure): the card counts for nothing.
    log.info('a setup session no pledge waits on; its card is detached', { sessionId: session.id, groupBuyId });
    return asBatchWork(() => deps.payments.detachPaymentMethod(setup.paymentMethodId as string));
  }
  const savedAt = new Date(event.created * 1000).toISOString();
  const outcome = await countSavedCard(deps, { groupBuyId, buyerId, setup: { ...setup, paymentMethodId: setup.paymentMethodId }, savedAt });
  if (outcome.kind === 'not-this')
    log.info('a setup session that is not its pledge’s newest, or was already counted; nothing to do', { sessionId: session.id, groupBuyId });
  if (outcome.kind !== 'pledged') await detachUncounted(deps, groupBuyId, buyerId, setup.paymentMethodId);
}

/**
 * The member whose pledge waits on this setup session. Stripe is sent the member's keyed
 * pseudonym only, so the pledge is found by the session's id, which it keeps from the Join that
 * made it (`setupSessionId`). An event from before pseudonyms names the member (`buyer_id`): it
 * is read as it was.
 */
async function pledgerOfSession(deps: CardSavedDeps, groupBuyId: string, sessionId: string): Promise<string | undefined> {
  const [pledge] = await deps.store.query(pledgesCollection(groupBuyId), { where: [['setupSessionId', '==', sessionId]], limit: 1 });
  return pledge?.data.buyerId;
}

/**
 * A card saved on a page that counted for nothing (after the close, after a Leave, an older
 * Join's page, a country not shipped to) is detached at once: no pledge will ever charge it.
 * The one a pledge holds and still needs is left; a redelivery finds it detached, which Stripe
 * takes as done.
 */
async function detachUncounted(deps: CardSavedDeps, groupBuyId: string, buyerId: string, paymentMethodId: string): Promise<void> {
  const pledge = await deps.store.get(pledgePath(groupBuyId, buyerId));
  if (pledge?.paymentMethodId === paymentMethodId && cardStillNeeded(pledge)) return;
  await asBatchWork(() => deps.payments.detachPaymentMethod(paymentMethodId));
}
