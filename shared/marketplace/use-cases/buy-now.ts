/**
 * @module buy-now
 * A buyer pressed Buy Now: reserve one unit (ready-to-ship) and open the order in one
 * transaction, so a drop is never oversold however many press at once; then open a Stripe
 * Checkout Session (separate charges and transfers: the money stays with the platform
 * until the builder proves the work live) and hand the buyer the pay link.
 */
import type { Clock, DiscordMessage, DiscordMessenger, DocumentStore, Payments, TaskQueue } from '../../ports';
import type { MarketplaceSettings } from '../../config';
import { builderPath, canSell } from '../../onboarding';
import { isBlockedBuyer } from '../../auctions';
import { checkoutDeadline, openOrderCheckout, scheduleCheckoutExpiry } from '../../payments';
import { orderPath, sourceIdOf, type Order, newOrder, createOrder } from '../../orders';
import { checkoutHoldPath, dropIdFromBuyNow, dropPath, hasUnits, holdsUnit, type Drop } from '../rules/drop';
import { buyRefusals, checkoutReady } from '../rules/drop-messages';
import { checkoutLink, shortIdFrom, formatMoney, personName } from '../../common';
import { invoker, type Interaction, privateNote, refusals } from '../../discord';
import { log } from '../../log';
import { noShippingNote, quoteCheckoutShipping, shippingAtCheckoutNote } from '../../shipping';
import { refreshDropPost } from './refresh-drop-post';
import { releaseReservation } from './release-reservation';
import { takeUnit, unitsLeft } from './drop-stock';
import { currentTraceparent } from '../../trace-context';

export interface BuyNowDeps {
  store: DocumentStore;
  payments: Payments;
  tasks: TaskQueue;
  discord: DiscordMessenger;
  clock: Clock;
  marketplace: MarketplaceSettings;
  publicBaseUrl: string;
}

type Reservation =
  { kind: 'reserved'; order: Order } | { kind: 'existing'; order: Order } | { kind: 'sold-out'; drop: Drop } | { kind: 'gone' } | { kind: 'collision' };

export async function buyNow(deps: BuyNowDeps, interaction: Interaction): Promise<DiscordMessage> {
  const buyer = invoker(interaction);
  const dropId = dropIdFromBuyNow(interaction.data?.custom_id ?? '');
  if (!buyer || !dropId) return refusals.staleComponent;
  const drop = await deps.store.get(dropPath(dropId));
  // A drop is sold where it was posted: a button id replayed from another channel, server or a DM finds nothing.
  if (!drop || drop.guildId !== interaction.guild_id || drop.channelId !== interaction.channel_id) return buyRefusals.gone;
  const orderId = shortIdFrom(`order:${interaction.id}`);
  const refused = await refusalBeforeReserving(deps.store, drop, buyer.id, orderId);
  if (refused) return refused;

  const now = deps.clock.now();
  // The hold shown until the session is made; openCheckout fixes the deadline Stripe gets.
  const expiresAt = checkoutDeadline(new Date(now.getTime() + deps.marketplace.checkoutMinutes * 60_000), now).toISOString();
  // Armed before the unit is taken: a process that dies anywhere after the reservation (before Stripe is asked, or
  // before the session is recorded) leaves an order this task lapses at its deadline. A named task: armed once per
  // press, so a redelivery, or the session's own arming below, makes no second one.
  await scheduleCheckoutExpiry(deps.tasks, { orderId }, expiresAt);
  const traceparent = currentTraceparent();
  const reservation = await deps.store.runTransaction<Reservation>(async (tx) => {
    const existing = await tx.get(orderPath(orderId));
    // The id is derived from the press: only that same press (a redelivery) may find it again.
    // Anything else under it is another buyer's order, whose checkout is never handed out.
    if (existing) return existing.buyerId === buyer.id && sourceIdOf(existing) === dropId ? { kind: 'existing', order: existing } : { kind: 'collision' };
    const hold = await tx.get(checkoutHoldPath(dropId, buyer.id));
    const held = hold ? await tx.get(orderPath(hold.orderId)) : undefined;
    const current = await tx.get(dropPath(dropId));
    if (!current) return { kind: 'gone' };
    // Still theirs, with its session or without (a press that died before opening it): handed back, never a second unit.
    if (held?.status === 'awaiting-payment' && Date.parse(held.checkoutExpiresAt ?? '') > now.getTime()) return { kind: 'existing', order: held };
    // A unit from one of the drop's stock shards: presses on one drop write different documents.
    const unit = hasUnits(current) ? await takeUnit(tx, current, orderId) : {};
    if (!unit) return { kind: 'sold-out', drop: current };
    const order = newOrder({
      orderId,
      source: 'drop',
      sourceId: dropId,
      dropKind: current.kind,
      guildId: current.guildId,
      title: current.title,
      buyerId: buyer.id,
      buyerName: personName(buyer),
      builderId: current.builderId,
      builderName: current.builderName,
      amountCents: current.priceCents,
      currency: current.currency,
      platformFeeBps: deps.marketplace.platformFeeBps,
      createdAt: now.toISOString(),
      checkoutExpiresAt: expiresAt,
      ...(traceparent ? { checkoutTraceparent: traceparent } : {}), // the hold is the first checkout's deadline: its trace goes with it
      ...(unit.shard !== undefined ? { stockShard: unit.shard } : {}),
      // The queue's terms as sold: its place and promised date are fixed when it is paid.
      ...(current.commission ? { commission: { terms: current.commission } } : {}),
    });
    createOrder(tx, order);
    tx.set(checkoutHoldPath(dropId, buyer.id), { orderId });
    return { kind: 'reserved', order };
  });

  if (reservation.kind === 'gone') return buyRefusals.gone;
  if (reservation.kind === 'sold-out') return buyRefusals.soldOut(reservation.drop);
  if (reservation.kind === 'collision') return buyRefusals.pressAgain;
  const { order } = reservation;
  if (reservation.kind === 'reserved' && holdsUnit(order)) await refreshDropPost(deps, dropId);
  if (order.status !== 'awaiting-payment') return checkoutEnded;
  if (order.checkoutUrl && order.checkoutSessionId) {
    // The delivery that recorded the session may have died before arming its expiry (a named task: armed once).
    await scheduleCheckoutExpiry(deps.tasks, { orderId: order.orderId }, order.checkoutExpiresAt ?? expiresAt);
    return readyMessage(order, checkoutLink(deps.publicBaseUrl, order.orderId, order.checkoutSessionId), order.checkoutExpiresAt ?? expiresAt, false);
  }

  let opened, shipping;
  try {
    // The builder's rates in this server for one item; fixed on the order with the first request (see openCheckout).
    const { guildId, builderId, currency, amountCents } = order;
    shipping = await quoteCheckoutShipping(deps.store, { guildId, builderId, currency, items: [amountCents] });
    opened = await openOrderCheckout(
      deps,
      order,
      new Date(order.checkoutExpiresAt ?? expiresAt),
      { itemName: order.title, ...(drop.imageUrl ? { imageUrl: drop.imageUrl } : {}), ...(shipping ? { shipping } : {}) },
      true,
    );
  } catch (error) {
    return checkoutNotOpened(deps, order, expiresAt, error);
  }
  if (opened.kind === 'ended') return checkoutEnded;
  return readyMessage(
    order,
    checkoutLink(deps.publicBaseUrl, order.orderId, opened.session.sessionId),
    opened.session.expiresAt,
    holdsUnit(order),
    shipping !== undefined,
  );
}

/**
 * Stripe did not open the checkout. Nothing half-done: the unit goes back on sale (a session
 * made and not recorded expired with it) and the buyer can simply press again. Unless another
 * delivery of this same press opened and recorded it meanwhile: its link is the buyer's, and
 * it stands (released, it would be paid for an order that gave its unit back).
 */
async function checkoutNotOpened(deps: BuyNowDeps, order: Order, expiresAt: string, error: unknown): Promise<DiscordMessage> {
  if (await releaseReservation(deps, order.orderId, { unlessOpened: true })) {
    log.warn('checkout session failed; reservation released', { orderId: order.orderId, error });
    return checkoutFailed;
  }
  const opened = await deps.store.get(orderPath(order.orderId));
  if (opened?.status !== 'awaiting-payment' || !opened.checkoutSessionId) return checkoutEnded;
  return readyMessage(opened, checkoutLink(deps.publicBaseUrl, opened.orderId, opened.checkoutSessionId), opened.checkoutExpiresAt ?? expiresAt, false);
}

/** Why this buyer may not reserve on this drop, read before any transaction; undefined when they may try. */
async function refusalBeforeReserving(store: DocumentStore, drop: Drop, buyerId: string, orderId: string): Promise<DiscordMessage | undefined> {
  if (drop.builderId === buyerId) return buyRefusals.ownDrop;
  // Read at once, not one after another: each is a round trip to Firestore, and a hype drop's buyers wait on them.
  const [blocked, builder, soldOut] = await Promise.all([
    // The server's block list (an admin's `/c500 block`, or a payment the buyer disputed) holds for Buy Now as for bids.
    isBlockedBuyer(store, drop.guildId, buyerId),
    store.get(builderPath(drop.builderId)),
    soldOutForNewcomer(store, drop, buyerId, orderId),
  ]);
  if (blocked) return blocked === 'dispute' ? buyRefusals.blockedAfterDispute : buyRefusals.blocked;
  if (!canSell(builder)) return buyRefusals.builderCannotSell;
  // Sold out, and nothing of this buyer's to hand back: told without a transaction, so the many who came
  // too late neither wait on nor contend with the few reserving the last units.
  return soldOut ? buyRefusals.soldOut(drop) : undefined;
}

/**
 * Whether the drop has no unit left on any shard, the buyer holds no checkout on it and
 * this press made no order before (a checkout they hold, or this press delivered again, is
 * answered by the transaction as before). A read outside the transaction: a unit given
 * back a moment later is found by the next press.
 *
 * The shards are read first, the hold and the order after: a reservation takes its unit and
 * writes its hold and order in one commit, so shards read empty because of this buyer's own
 * reservation (an earlier delivery of this press, or their double click) mean the hold and
 * order read after them are there. Read at once, a reservation committing between the reads
 * would be told "sold out" and lose its link.
 */
async function soldOutForNewcomer(store: DocumentStore, drop: Drop, buyerId: string, orderId: string): Promise<boolean> {
  if (!hasUnits(drop) || (await unitsLeft(store, drop)) > 0) return false;
  const [hold, earlier] = await Promise.all([store.get(checkoutHoldPath(drop.dropId, buyerId)), store.get(orderPath(orderId))]);
  return hold === undefined && earlier === undefined;
}

function readyMessage(order: Order, url: string, expiresAt: string, reserved: boolean, shipped = order.shippingQuote !== undefined): DiscordMessage {
  const note = shipped ? shippingAtCheckoutNote : noShippingNote;
  return checkoutReady(order.title, formatMoney({ cents: order.amountCents, currency: order.currency }), url, expiresAt, reserved, note);
}

const checkoutEnded = privateNote('That checkout has ended. Press Buy Now again to start a new one.');

const checkoutFailed = privateNote('Stripe couldn’t open a checkout just now, so nothing was reserved or charged. Press Buy Now again in a moment.');
