/**
 * @module profile-view
 * `/c500 profile`: a buyer's orders, newest first, with status, builder and proof link,
 * shipped and received with their dates, and the payment link of one still waiting to be paid;
 * then what they owe C500 on this server, if they ever owed anything here.
 */
import type { Clock, DiscordMessage, DocumentStore } from '../../ports';
import { type Interaction, commandCall, refusals, placeOf } from '../../discord';
import { queuePrivacyPath } from '../../queue';
import { profileMessage, withPreBids } from '../rules/profile-messages';
import { preBidsOf } from '../../shows';
import { debtAccountOf } from '../../debts';
import { withDebt } from '../rules/profile-debts';
import { trackingLine } from '../rules/ship-messages';
import { formatMoney } from '../../common';
import { bestProofOf } from '../../payments';
import { chargedCents, ordersCollection } from '../../orders';

export async function profileView(deps: { store: DocumentStore; clock: Clock }, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const { user: buyer } = place;
  const note = await setQueueName(deps, buyer.id, commandCall(interaction).options['queue-name']);
  const [orders, preBids, debt] = await Promise.all([
    profileOf(deps, buyer),
    preBidsOf(deps.store, buyer.id),
    debtAccountOf(deps.store, place.guildId, buyer.id),
  ]);
  // Their own account on this server only: another server's debts are not this one's business.
  const profile = withDebt(withPreBids(orders, preBids), debt);
  return note ? { ...profile, content: [note, profile.content].filter(Boolean).join('\n\n') } : profile;
}

/**
 * `queue-name:hide` keeps the buyer's name out of the builders' lines ("a buyer" there instead);
 * `show` puts it back, and forgets the choice: showing is what a buyer with no record gets, so
 * the record is kept only while it hides a name (the privacy table's promise).
 */
async function setQueueName(deps: { store: DocumentStore; clock: Clock }, userId: string, choice: unknown): Promise<string | undefined> {
  if (choice !== 'hide' && choice !== 'show') return undefined;
  if (choice === 'hide') await deps.store.set(queuePrivacyPath(userId), { nameHidden: true, at: deps.clock.now().toISOString() });
  else await deps.store.delete(queuePrivacyPath(userId));
  return choice === 'hide'
    ? 'Done: builders’ queues now show you as “a buyer”. You still see your own place.'
    : 'Done: builders’ queues now show your name at your place (to members of the server you bought in).';
}

async function profileOf(deps: { store: DocumentStore; clock: Clock }, buyer: NonNullable<ReturnType<typeof placeOf>>['user']): Promise<DiscordMessage> {
  const orders = await deps.store.query(ordersCollection, {
    where: [['buyerId', '==', buyer.id]],
    orderBy: [['createdAt', 'desc']],
    limit: 26,
  });
  // A builder also sees the paid orders still waiting for them, with the ids to prove live.
  const sold = await deps.store.query(ordersCollection, {
    where: [['builderId', '==', buyer.id]],
    orderBy: [['createdAt', 'desc']],
    limit: 50,
  });
  const toBuild = sold
    .filter(({ data }) => data.status === 'paid' || data.status === 'building')
    .map(({ id, data }) => ({ orderId: id, title: data.title, status: data.status, buyerName: data.buyerName }));
  return profileMessage(
    buyer.global_name ?? buyer.username,
    orders.map(({ id, data }) => ({
      orderId: id,
      title: data.title,
      status: data.status,
      builderName: data.builderName,
      // What they paid: the price and any shipping.
      amountLabel: formatMoney({ cents: chargedCents(data), currency: data.currency }),
      proof: bestProofOf(data),
      shippedAt: data.shippedAt,
      trackingLabel: data.tracking ? trackingLine(data) : undefined,
      trackingUrl: data.trackingUrl,
      receivedAt: data.receivedAt,
      receivedBy: data.receivedBy,
      // Where a winner whose DMs are closed finds their payment link, for them alone.
      ...(data.status === 'awaiting-payment' && data.checkoutUrl && data.checkoutExpiresAt && Date.parse(data.checkoutExpiresAt) > deps.clock.now().getTime()
        ? { payUrl: data.checkoutUrl, payBy: data.checkoutExpiresAt }
        : {}),
    })),
    toBuild,
  );
}
