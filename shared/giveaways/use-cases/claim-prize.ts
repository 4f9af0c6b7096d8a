/**
 * @module claim-prize
 * The winner's address modal (from **Confirm and give address**, in their DMs or the
 * channel): before the round's deadline, judged at the moment Discord received it, only the
 * round's winner (or the member who linked the winning Twitch account) confirms. The prize
 * becomes an order as any other: the one factory (`newOrder`), at no price and with no
 * checkout, paid as it is made, the address kept on it as a checkout's is. The sponsor is
 * told where to ship it and ships it with `/c500 ship`. Redelivered, it answers as the first.
 */
import type { Clock, DiscordMessage, DiscordMessenger, DocumentStore } from '../../ports';
import { modalValues, invoker, refusals, tellOnce, type Interaction } from '../../discord';
import { personName, snowflakeTimeMs } from '../../common';
import { builderPath } from '../../onboarding';
import { newOrder, orderPath, type Order, createOrder } from '../../orders';
import { addressOf, readAddress } from '../rules/address-form';
import { chatterKey, giveawayPath, prizeOrderId, roundOf, type Giveaway } from '../rules/giveaway';
import { giveawayAnswers, sponsorShipNote } from '../rules/giveaway-messages';
import { followDrawPost } from './giveaway-posts';

export interface ClaimPrizeDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
  currency: string;
  /** The draw's post, edited once a round is confirmed, links the rules page. */
  publicBaseUrl: string;
}

export async function claimPrize(deps: ClaimPrizeDeps, interaction: Interaction): Promise<DiscordMessage> {
  const user = invoker(interaction);
  const claim = addressOf(interaction.data?.custom_id ?? '');
  if (!user || !claim) return refusals.staleComponent;
  const read = readAddress(modalValues(interaction.data?.components));
  if (!read.ok) return giveawayAnswers.badAddress(read.problem);
  const atMs = snowflakeTimeMs(interaction.id) ?? deps.clock.now().getTime();
  const linkedTwitch = (await deps.store.get(builderPath(user.id)))?.twitch?.userId;
  const orderId = prizeOrderId(claim.giveawayId, claim.round);
  const outcome = await deps.store.runTransaction(async (tx): Promise<DiscordMessage | { giveaway: Giveaway; order: Order }> => {
    const [giveaway, existing] = await Promise.all([tx.get(giveawayPath(claim.giveawayId)), tx.get(orderPath(orderId))]);
    const round = giveaway && roundOf(giveaway, claim.round);
    if (!giveaway || !round) return giveawayAnswers.notFound;
    const mine = round.winnerId === user.id || (linkedTwitch !== undefined && round.winnerId === chatterKey(linkedTwitch));
    if (!mine) return giveawayAnswers.notWinner;
    if (round.state === 'confirmed') return existing ? { giveaway, order: existing } : giveawayAnswers.notFound;
    if (round.state === 'lapsed' || atMs > Date.parse(round.confirmBy)) return giveawayAnswers.tooLate(round);
    const now = deps.clock.now().toISOString();
    const order: Order = {
      ...newOrder({
        orderId,
        source: 'giveaway',
        sourceId: giveaway.giveawayId,
        dropKind: 'ready-to-ship',
        guildId: giveaway.guildId,
        title: giveaway.prize,
        buyerId: user.id,
        buyerName: personName(user),
        builderId: giveaway.sponsorId,
        builderName: giveaway.sponsorName,
        amountCents: 0,
        currency: deps.currency,
        platformFeeBps: 0,
        createdAt: now,
      }),
      // Nothing to pay: the order is paid as it is made, and goes on to shipping as a paid order does.
      status: 'paid',
      paidAt: now,
      shippingAddress: read.address,
    };
    createOrder(tx, order);
    tx.update(giveawayPath(giveaway.giveawayId), {
      rounds: (giveaway.rounds ?? []).map((r) => (r.round === claim.round ? { ...r, state: 'confirmed' as const, orderId } : r)),
    });
    return { giveaway, order };
  });
  if (!('order' in outcome)) return outcome;
  await followDrawPost(deps, claim.giveawayId);
  await tellOnce(deps, `giveaway-ship:${orderId}`, outcome.giveaway.sponsorId, sponsorShipNote(outcome.giveaway, outcome.order), undefined, {
    mustArrive: true,
  });
  return giveawayAnswers.confirmed(outcome.giveaway, outcome.order);
}
