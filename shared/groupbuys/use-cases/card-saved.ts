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
 *
 * Shipped under the builder's profile, the address's country picks the shipping from the rates
 * the member consented to at Join (pledge-shipping), and that amount is fixed on the pledge. An
 * address the builder does not ship to (not in those rates, or no longer in their profile)
 * counts for nothing: the pledge stays `saving-card`, and the member is told to join again with
 * an address in one of the countries the builder ships to.
 */
import type { Clock, DiscordMessenger, DocumentStore, Payments, StripeShippingDetails, Transaction } from '../../ports';
import { tellOnce } from '../../discord';
import { text, type StripeEvent } from '../../payments';
import { log } from '../../log';
import { shippingProfilePath, shippingTo, type ShippingDestinations } from '../../shipping';
import { groupBuyPath, pledgePath, type GroupBuy, type Pledge } from '../rules/group-buy';
import { shippingAddressOf } from '../rules/card-setup';
import { shippingToCountry } from '../rules/pledge-shipping';
import { noShippingDm, pledgedDm, tooLateDm } from '../rules/group-buy-answers';
import { inItsChannel } from '../rules/closed-dms';
import { followGroupBuyPost } from './group-buy-posts';

export interface CardSavedDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
  payments: Pick<Payments, 'readCardSetup'>;
}

type Outcome =
  | { kind: 'pledged'; groupBuy: GroupBuy; quantity: number; waitlisted: boolean; shippingCents?: number }
  | { kind: 'too-late'; groupBuy: GroupBuy }
  | { kind: 'no-shipping'; groupBuy: GroupBuy; country?: string; shipsTo: ShippingDestinations }
  | { kind: 'not-this' };

/** The address and its shipping, or the country the builder does not ship to (and where they do). */
type Shipping = { fields: Pick<Pledge, 'shippingAddress' | 'shippingCents'> } | { refused: { country?: string; shipsTo: ShippingDestinations } };

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
    const shipping = await shippingOf(tx, groupBuy, pledge, setup.shipping);
    if ('refused' in shipping) return { kind: 'no-shipping', groupBuy, ...shipping.refused };
    const waitlisted = groupBuy.cap !== undefined && groupBuy.pledgedUnits + pledge.quantity > groupBuy.cap;
    tx.update(pledgePath(groupBuyId, buyerId), {
      status: waitlisted ? 'waitlisted' : 'pledged',
      customerId: setup.customerId,
      paymentMethodId,
      pledgedAt: savedAt,
      ...shipping.fields,
    });
    const told = {
      quantity: pledge.quantity,
      waitlisted,
      ...(shipping.fields.shippingCents !== undefined ? { shippingCents: shipping.fields.shippingCents } : {}),
    };
    if (waitlisted) return { kind: 'pledged', groupBuy, ...told };
    const counted = { pledgedUnits: groupBuy.pledgedUnits + pledge.quantity, pledgers: groupBuy.pledgers + 1 };
    tx.update(groupBuyPath(groupBuyId), counted);
    return { kind: 'pledged', groupBuy: { ...groupBuy, ...counted }, ...told };
  });
  if (outcome.kind === 'not-this')
    return log.info('a setup session that is not its pledge’s newest, or was already counted; nothing to do', { sessionId: session.id, groupBuyId });
  if (outcome.kind === 'too-late') {
    await tellOnce(deps, `groupbuy-card-late:${session.id}`, buyerId, tooLateDm(outcome.groupBuy), inItsChannel(outcome.groupBuy, buyerId));
    return;
  }
  if (outcome.kind === 'no-shipping') {
    await tellOnce(
      deps,
      `groupbuy-no-shipping:${session.id}`,
      buyerId,
      noShippingDm(outcome.groupBuy, outcome.country, outcome.shipsTo),
      inItsChannel(outcome.groupBuy, buyerId),
    );
    return;
  }
  if (!outcome.waitlisted) await followGroupBuyPost(deps, groupBuyId);
  const dm = pledgedDm(outcome.groupBuy, outcome.quantity, outcome.waitlisted, outcome.shippingCents);
  await tellOnce(deps, `groupbuy-pledged:${session.id}`, buyerId, dm, inItsChannel(outcome.groupBuy, buyerId));
}

/**
 * The address the member gave, and (shipped under the builder's profile, with the rates quoted
 * at Join) the shipping to it at those rates. The builder must still ship there: a country they
 * dropped from their profile since is refused, as one the rates never named.
 */
async function shippingOf(tx: Transaction, groupBuy: GroupBuy, pledge: Pledge, details: StripeShippingDetails | undefined): Promise<Shipping> {
  const address = details ? shippingAddressOf(details) : undefined;
  if (!pledge.shippingTerms) return { fields: address ? { shippingAddress: address } : {} };
  const profile = await tx.get(shippingProfilePath(groupBuy.guildId, groupBuy.builderId));
  const shipsTo = profile?.to ?? pledge.shippingTerms.to;
  // Stripe's page asks for an address: none given is none the builder ships to.
  if (!address) return { refused: { shipsTo } };
  const cents = shippingToCountry(pledge.shippingTerms, address.country);
  const stillShips = !profile || shippingTo(profile, address.country, [groupBuy.priceCents]) !== undefined;
  if (cents === undefined || !stillShips) return { refused: { country: address.country, shipsTo } };
  return { fields: { shippingAddress: address, shippingCents: cents } };
}
