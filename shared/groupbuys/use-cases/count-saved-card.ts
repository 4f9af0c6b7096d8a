/**
 * @module count-saved-card
 * A card Stripe saved for a pledge, made to count: `pledged`, or `waitlisted` beyond the cap,
 * with the group buy's counts changed in the same transaction, and the member told (once per
 * setup session) only what is true. Whoever learned of the card calls it: Stripe's event
 * (card-saved), a later Join that finds the earlier link already used (join-group-buy), or the
 * close reading Stripe for the pledges whose event has not come (count-cards-at-close). The
 * time a card counts by is Stripe's: when Stripe saved it, never when we heard.
 *
 * Shipped under the builder's profile, the address's country picks the shipping from the rates
 * the member consented to at Join (pledge-shipping), and that amount is fixed on the pledge. An
 * address the builder does not ship to counts for nothing: the pledge stays `saving-card`, and
 * the member is told to join again with an address in one of the countries the builder ships to.
 */
import type { CardSetup, Clock, DiscordMessenger, DocumentStore, StripeShippingDetails, Transaction } from '../../ports';
import { tellOnce } from '../../discord';
import { shippingProfilePath, shippingTo, type ShippingDestinations } from '../../shipping';
import { groupBuyPath, pledgePath, type GroupBuy, type Pledge } from '../rules/group-buy';
import { shippingAddressOf } from '../rules/card-setup';
import { shippingToCountry } from '../rules/pledge-shipping';
import { missedCloseDm, noShippingDm, pledgedDm, tooLateDm } from '../rules/group-buy-answers';
import { inItsChannel } from '../rules/closed-dms';
import { followGroupBuyPost } from './group-buy-posts';

export interface CountSavedCardDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
}

/** What Stripe says was saved, and for whom. */
export interface SavedCardFact {
  groupBuyId: string;
  buyerId: string;
  /** Read from Stripe: complete, with its card. */
  setup: CardSetup & { paymentMethodId: string };
  /** When Stripe saved the card (its event's `created`, or the card's own `created`). */
  savedAt: string;
}

export type CountedCard =
  | { kind: 'pledged'; groupBuy: GroupBuy; quantity: number; waitlisted: boolean; shippingCents?: number }
  | { kind: 'too-late'; groupBuy: GroupBuy }
  | { kind: 'missed-close'; groupBuy: GroupBuy }
  | { kind: 'no-shipping'; groupBuy: GroupBuy; country?: string; shipsTo: ShippingDestinations }
  | { kind: 'not-this' };

/** The address and its shipping, or the country the builder does not ship to (and where they do). */
type Shipping = { fields: Pick<Pledge, 'shippingAddress' | 'shippingCents'> } | { refused: { country?: string; shipsTo: ShippingDestinations } };

/** Counts the card (when it is this pledge's and came in time) and tells the member what happened. */
export async function countSavedCard(deps: CountSavedCardDeps, fact: SavedCardFact): Promise<CountedCard> {
  const outcome = await countInStore(deps, fact);
  await tellMember(deps, fact, outcome);
  return outcome;
}

function countInStore(deps: CountSavedCardDeps, { groupBuyId, buyerId, setup, savedAt }: SavedCardFact): Promise<CountedCard> {
  return deps.store.runTransaction(async (tx): Promise<CountedCard> => {
    const [groupBuy, pledge] = await Promise.all([tx.get(groupBuyPath(groupBuyId)), tx.get(pledgePath(groupBuyId, buyerId))]);
    if (!groupBuy || pledge?.setupSessionId !== setup.sessionId) return { kind: 'not-this' };
    // Counted already, by this session (its event delivered again after telling the member failed): told now, nothing more.
    if (pledge.status === 'pledged' || pledge.status === 'waitlisted')
      return { kind: 'pledged', groupBuy, quantity: pledge.quantity, waitlisted: pledge.status === 'waitlisted' };
    if (pledge.status !== 'saving-card') return { kind: 'not-this' };
    if (groupBuy.status === 'cancelled' || Date.parse(savedAt) >= Date.parse(groupBuy.closesAt)) return { kind: 'too-late', groupBuy };
    // Saved in time, but the close was counted without it: only when the close could not read Stripe. Said as it is.
    if (groupBuy.status !== 'open') return { kind: 'missed-close', groupBuy };
    const shipping = await shippingOf(tx, groupBuy, pledge, setup.shipping);
    if ('refused' in shipping) return { kind: 'no-shipping', groupBuy, ...shipping.refused };
    const waitlisted = groupBuy.cap !== undefined && groupBuy.pledgedUnits + pledge.quantity > groupBuy.cap;
    tx.update(pledgePath(groupBuyId, buyerId), {
      status: waitlisted ? 'waitlisted' : 'pledged',
      customerId: setup.customerId,
      paymentMethodId: setup.paymentMethodId,
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
}

async function tellMember(deps: CountSavedCardDeps, { groupBuyId, buyerId, setup }: SavedCardFact, outcome: CountedCard): Promise<void> {
  const sessionId = setup.sessionId;
  if (outcome.kind === 'not-this') return;
  const fallback = inItsChannel(outcome.groupBuy, buyerId);
  if (outcome.kind === 'too-late') await tellOnce(deps, `groupbuy-card-late:${sessionId}`, buyerId, tooLateDm(outcome.groupBuy), fallback);
  else if (outcome.kind === 'missed-close') await tellOnce(deps, `groupbuy-card-late:${sessionId}`, buyerId, missedCloseDm(outcome.groupBuy), fallback);
  else if (outcome.kind === 'no-shipping')
    await tellOnce(deps, `groupbuy-no-shipping:${sessionId}`, buyerId, noShippingDm(outcome.groupBuy, outcome.country, outcome.shipsTo), fallback);
  else await tellPledged(deps, groupBuyId, buyerId, sessionId, outcome);
}

async function tellPledged(
  deps: CountSavedCardDeps,
  groupBuyId: string,
  buyerId: string,
  sessionId: string,
  outcome: Extract<CountedCard, { kind: 'pledged' }>,
) {
  const fallback = inItsChannel(outcome.groupBuy, buyerId);
  if (!outcome.waitlisted) await followGroupBuyPost(deps, groupBuyId);
  const dm = pledgedDm(outcome.groupBuy, outcome.quantity, outcome.waitlisted, outcome.shippingCents);
  await tellOnce(deps, `groupbuy-pledged:${sessionId}`, buyerId, dm, fallback);
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
