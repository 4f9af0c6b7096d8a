/**
 * @module card-saved
 * Stripe's `checkout.session.completed` for a pledge's setup session (routed by payments by
 * its `kind`): the card is read back from Stripe (`readCardSetup`), and the pledge counts,
 * `pledged`, or `waitlisted` beyond the cap, with the group buy's counts changed in the same
 * transaction. Safe under redelivery and out of order: only the pledge's newest session, and
 * only while it is `saving-card`, makes it count; delivered again once it counts, it tells the
 * member (once) what the first delivery may have failed to. A card saved once the group buy had closed
 * (judged by when Stripe completed the session) or was called off saves nothing, and the
 * member is told.
 */
import type { Clock, DiscordMessenger, DocumentStore, Payments } from '../../ports';
import { tellOnce } from '../../discord';
import { text, type StripeEvent } from '../../payments';
import { log } from '../../log';
import { groupBuyPath, pledgePath, type GroupBuy } from '../rules/group-buy';
import { shippingAddressOf } from '../rules/card-setup';
import { pledgedDm, tooLateDm } from '../rules/group-buy-answers';
import { inItsChannel } from '../rules/closed-dms';
import { followGroupBuyPost } from './group-buy-posts';

export interface CardSavedDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
  payments: Pick<Payments, 'readCardSetup'>;
}

type Outcome = { kind: 'pledged'; groupBuy: GroupBuy; quantity: number; waitlisted: boolean } | { kind: 'too-late'; groupBuy: GroupBuy } | { kind: 'not-this' };

export async function cardSaved(deps: CardSavedDeps, event: StripeEvent): Promise<void> {
  const session = event.data.object;
  const groupBuyId = text(session.metadata?.group_buy_id);
  const buyerId = text(session.metadata?.buyer_id);
  if (!groupBuyId || !buyerId) return log.warn('a pledge’s setup session names no group buy or member; ignored', { sessionId: session.id, eventId: event.id });
  const setup = await deps.payments.readCardSetup(session.id);
  // The event says complete: Stripe's read will too, so anything else is retried rather than lost.
  if (setup.status !== 'complete' || !setup.paymentMethodId) throw new Error(`setup session ${session.id} completed without a saved card`);
  const paymentMethodId = setup.paymentMethodId;
  const savedAt = new Date(event.created * 1000).toISOString();
  const outcome = await deps.store.runTransaction(async (tx): Promise<Outcome> => {
    const [groupBuy, pledge] = await Promise.all([tx.get(groupBuyPath(groupBuyId)), tx.get(pledgePath(groupBuyId, buyerId))]);
    if (!groupBuy || pledge?.setupSessionId !== session.id) return { kind: 'not-this' };
    // Counted already, by this session (its event delivered again after telling the member failed): told now, nothing more.
    if (pledge.status === 'pledged' || pledge.status === 'waitlisted')
      return { kind: 'pledged', groupBuy, quantity: pledge.quantity, waitlisted: pledge.status === 'waitlisted' };
    if (pledge.status !== 'saving-card') return { kind: 'not-this' };
    if (groupBuy.status !== 'open' || savedAt >= groupBuy.closesAt) return { kind: 'too-late', groupBuy };
    const waitlisted = groupBuy.cap !== undefined && groupBuy.pledgedUnits + pledge.quantity > groupBuy.cap;
    tx.update(pledgePath(groupBuyId, buyerId), {
      status: waitlisted ? 'waitlisted' : 'pledged',
      customerId: setup.customerId,
      paymentMethodId,
      pledgedAt: savedAt,
      ...(setup.shipping ? { shippingAddress: shippingAddressOf(setup.shipping) } : {}),
    });
    if (waitlisted) return { kind: 'pledged', groupBuy, quantity: pledge.quantity, waitlisted };
    const counted = { pledgedUnits: groupBuy.pledgedUnits + pledge.quantity, pledgers: groupBuy.pledgers + 1 };
    tx.update(groupBuyPath(groupBuyId), counted);
    return { kind: 'pledged', groupBuy: { ...groupBuy, ...counted }, quantity: pledge.quantity, waitlisted };
  });
  if (outcome.kind === 'not-this')
    return log.info('a setup session that is not its pledge’s newest, or was already counted; nothing to do', { sessionId: session.id, groupBuyId });
  if (outcome.kind === 'too-late') {
    await tellOnce(deps, `groupbuy-card-late:${session.id}`, buyerId, tooLateDm(outcome.groupBuy), inItsChannel(outcome.groupBuy, buyerId));
    return;
  }
  if (!outcome.waitlisted) await followGroupBuyPost(deps, groupBuyId);
  await tellOnce(
    deps,
    `groupbuy-pledged:${session.id}`,
    buyerId,
    pledgedDm(outcome.groupBuy, outcome.quantity, outcome.waitlisted),
    inItsChannel(outcome.groupBuy, buyerId),
  );
}
