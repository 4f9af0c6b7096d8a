/**
 * @module join-group-buy
 * **Join** on a group buy's post (its quantity modal, submitted): nothing is charged. The
 * member gets a link to Stripe Checkout in setup mode, where they save a card (and give an
 * address, when the group buy ships under the builder's shipping profile) agreeing in words to
 * a charge that comes only if the MOQ is met by the close. Shipping under the profile, the
 * consent says what shipping costs for the member's quantity, and those rates are fixed on the
 * pledge: the address given then picks the one charged (card-saved). Until Stripe says the card
 * is saved, the pledge is `saving-card` and counts for nothing (card-saved makes it count). Pressed
 * again before a card was saved, the earlier link is expired at Stripe first (earlier-link), and
 * the answer says so; a card already saved on it counts, and the member is told that pledge stands.
 * Two Joins of one member at once (each read the pledge before the other wrote it): the one that
 * writes first keeps its link; the other expires its own at Stripe and says to use the other
 * answer's button, so no link is left open that the pledge does not look at. A pledge whose units
 * and shipping could come to more than Stripe charges at once (the builder's rates raised since
 * `start`) is refused before Stripe is asked anything, with the most units that fit.
 */
import type { Clock, DiscordMessage, DiscordMessenger, DocumentStore, Payments } from '../../ports';
import { modalValues, placeOf, refusals, type Interaction, type Place } from '../../discord';
import { personName, snowflakeTimeMs } from '../../common';
import { allowedCountries, shippingProfilePath, type ShippingProfile } from '../../shipping';
import { groupBuyPath, lostJoinsKept, pledgePath, type GroupBuy, type Pledge } from '../rules/group-buy';
import { idOfComponent, readQuantity, pressedOnItsPost } from '../rules/components';
import { cardSetupMetadata, joinStillAnswerable, setupExpiry, setupSessionKey } from '../rules/card-setup';
import { consentText } from '../rules/group-buy-messages';
import { cardLink } from '../rules/card-link';
import { pledgeShippingOf } from '../rules/pledge-shipping';
import { pledgeOverStripeMax } from '../rules/chargeable';
import { joinAnswers } from '../rules/group-buy-answers';
import { customerOf } from './stripe-customers';
import { settleEarlierLink } from './earlier-link';
import { log, personPseudonym } from '../../log';
import { isBlockedBuyer } from '../../auctions';
import { buyRefusals } from '../../marketplace';

export interface JoinGroupBuyDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
  payments: Pick<Payments, 'createCustomer' | 'createCardSetupSession' | 'expireCheckoutSession' | 'readCardSetup'>;
  publicBaseUrl: string;
}

/** Why this member may not join now, if they may not: judged at the moment Discord received the press. */
function joinRefusal(groupBuy: GroupBuy | undefined, pledge: Pledge | undefined, place: Place, atMs: number): DiscordMessage | undefined {
  if (!groupBuy || !pressedOnItsPost(groupBuy, place)) return joinAnswers.notFound;
  if (groupBuy.builderId === place.user.id) return joinAnswers.ownGroupBuy;
  if (groupBuy.status !== 'open' || atMs >= Date.parse(groupBuy.closesAt)) return joinAnswers.closed(groupBuy);
  if (pledge?.status === 'pledged' || pledge?.status === 'waitlisted') return joinAnswers.already(groupBuy, pledge.quantity, pledge.status === 'waitlisted');
  return undefined;
}

export async function joinGroupBuy(deps: JoinGroupBuyDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const groupBuyId = idOfComponent('joinModal', interaction.data?.custom_id ?? '');
  if (!groupBuyId) return refusals.staleComponent;
  const read = readQuantity(modalValues(interaction.data?.components).quantity);
  if (!read.ok) return joinAnswers.badQuantity(read.problem);
  const atMs = snowflakeTimeMs(interaction.id) ?? deps.clock.now().getTime();
  const buyerId = place.user.id;
  const [groupBuy, pledge, blocked] = await Promise.all([
    deps.store.get(groupBuyPath(groupBuyId)),
    deps.store.get(pledgePath(groupBuyId, buyerId)),
    isBlockedBuyer(deps.store, place.guildId, buyerId),
  ]);
  const refused = joinRefusal(groupBuy, pledge, place, atMs);
  if (refused || !groupBuy) return refused ?? joinAnswers.notFound;
  // On the server's block list (an admin's `/c500 block`, or C500's own after a chargeback): no card is asked for, as Buy Now and bids refuse.
  if (blocked) return blocked === 'dispute' ? buyRefusals.blockedAfterDispute : buyRefusals.blocked;
  const profile = await profileOf(deps, groupBuy);
  // `start` checked the largest pledge under the rates of then; raised since, they are met here, before Stripe is asked anything.
  const over = pledgeOverStripeMax(groupBuy.priceCents, read.quantity, (units) => profile && pledgeShippingOf(profile, groupBuy, units));
  if (over) return joinAnswers.overStripeMax(groupBuy, read.quantity, over);
  // Delivered past its token's life (retried that long, or held up): no one would see a link made now, so none is made.
  if (!joinStillAnswerable(atMs, deps.clock.now().getTime())) {
    log.warn('a Join reached its job after its answer could be shown; nothing asked of Stripe', { groupBuyId, interactionId: interaction.id });
    return joinAnswers.pressAgain;
  }
  // An earlier link of this member's (not this Join's own, delivered again) takes no card once this one is made.
  // A press that lost to another of the same moment, delivered again, leaves the winner's link alone.
  const lostBefore = pledge?.lostJoins?.includes(interaction.id) === true;
  const earlier =
    pledge?.status === 'saving-card' && pledge.setupSessionId && pledge.byInteraction !== interaction.id && !lostBefore
      ? await settleEarlierLink(deps, { ...pledge, setupSessionId: pledge.setupSessionId })
      : undefined;
  if (earlier !== undefined && earlier !== 'expired' && earlier.kind === 'pledged')
    return joinAnswers.savedOnEarlierLink(earlier.groupBuy, earlier.quantity, earlier.waitlisted);
  const customerId = await customerOf(deps, buyerId);
  const shippingTerms = profile && pledgeShippingOf(profile, groupBuy, read.quantity);
  const session = await deps.payments.createCardSetupSession({
    idempotencyKey: setupSessionKey(groupBuyId, interaction.id),
    customerId,
    currency: groupBuy.currency,
    consentText: consentText(groupBuy, read.quantity, shippingTerms),
    metadata: cardSetupMetadata(groupBuyId, personPseudonym(buyerId)),
    clientReferenceId: groupBuyId,
    successUrl: `${deps.publicBaseUrl}/checkout/card-saved`,
    cancelUrl: `${deps.publicBaseUrl}/checkout/cancel?kind=groupbuy`,
    // Counted from the press, not from now: a redelivered Join asks Stripe again under its key with the very same parameters.
    expiresAt: setupExpiry(Date.parse(groupBuy.closesAt), atMs),
    ...(profile ? { shippingCountries: allowedCountries(profile.to) } : {}),
  });
  const fresh: Pledge = {
    groupBuyId,
    buyerId,
    buyerName: personName(place.user),
    quantity: read.quantity,
    status: 'saving-card',
    joinedAt: new Date(atMs).toISOString(),
    customerId,
    setupSessionId: session.sessionId,
    setupUrl: session.url,
    setupExpiresAt: session.expiresAt,
    ...(shippingTerms ? { shippingTerms } : {}),
    byInteraction: interaction.id,
  };
  // The pledge names its newest session: a card saved on an older one (a Join pressed before) is not this pledge's.
  const written = await deps.store.runTransaction(async (tx): Promise<DiscordMessage | 'lost' | undefined> => {
    const [now, mine] = await Promise.all([tx.get(groupBuyPath(groupBuyId)), tx.get(pledgePath(groupBuyId, buyerId))]);
    const late = joinRefusal(now, mine, place, atMs);
    if (late) return late;
    if (mine && lostTo(mine, pledge, interaction.id)) {
      if (!mine.lostJoins?.includes(interaction.id))
        tx.update(pledgePath(groupBuyId, buyerId), { lostJoins: [...(mine.lostJoins ?? []), interaction.id].slice(-lostJoinsKept) });
      return 'lost';
    }
    tx.set(pledgePath(groupBuyId, buyerId), fresh);
    return undefined;
  });
  if (written === 'lost') {
    // After the pledge says so: a crash before this is delivered again, finds itself lost, and expires it then.
    await deps.payments.expireCheckoutSession(session.sessionId);
    return joinAnswers.pressedTwice(groupBuy);
  }
  // C500's own short link, as every payment button: Stripe's URL has no length Discord's 512 is sure to hold.
  const link = cardLink(deps.publicBaseUrl, groupBuyId, session.sessionId);
  return written ?? joinAnswers.saveCard(groupBuy, read.quantity, link, shippingTerms, earlier !== undefined);
}

/**
 * Whether another Join of this member's wrote its link since this one read the pledge (or beat
 * this very press before, which is now delivered again): then that link is the live one.
 */
function lostTo(mine: Pledge, readBefore: Pledge | undefined, interactionId: string): boolean {
  if (mine.lostJoins?.includes(interactionId)) return true;
  return mine.status === 'saving-card' && mine.byInteraction !== interactionId && mine.setupSessionId !== readBefore?.setupSessionId;
}

/** The builder's shipping profile, when the group buy ships under it: Stripe asks an address in one of its countries. */
async function profileOf(deps: Pick<JoinGroupBuyDeps, 'store'>, groupBuy: GroupBuy): Promise<ShippingProfile | undefined> {
  if (!groupBuy.shippingProfileId) return undefined;
  return deps.store.get(shippingProfilePath(groupBuy.guildId, groupBuy.builderId));
}
