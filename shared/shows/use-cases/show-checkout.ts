/**
 * @module show-checkout
 * One checkout per winner, per builder. The hammer of a show's lot puts the winner's order
 * into their collecting checkout for that builder (instead of opening a checkout of its
 * own) and DMs them what they won; when the show is over every collecting checkout opens
 * and its link goes out by DM; Pay now opens a winner's checkouts at once and answers with
 * the links. Each step is safe to run again: the order remembers its checkout, the
 * checkout its session, and every DM is sent once.
 */
import type { DiscordMessage } from '../../ports';
import { type Auction, type AuctionOffer, sendOffer } from '../../auctions';
import { orderPath, applyOrderFact } from '../../orders';
import { showPath, type Show } from '../rules/show';
import { lotOf, showCheckoutId, showCheckoutPath, showCheckoutsCollection, takesLot, type ShowCheckout } from '../rules/show-checkout';
import { checkoutLinkDm, checkoutLinkNotice, lotWonDm, lotWonNotice, payNowAnswer, payNowRefusals } from '../rules/show-checkout-messages';
import { PaymentRefused } from '../../errors';
import { checkoutLink } from '../../common';
import { tellOnce } from '../../discord';
import { openShowCheckout } from './open-show-checkout';
import type { ShowPaymentDeps } from './show-deps';
import { log } from '../../log';

/** More rounds than a show has lots: only a buyer who paid early after every win gets past a few. */
const maxRounds = 100;

/**
 * The hammer of a show's lot, for its winner's offer (the order exists, made by the
 * hammer): into the winner's collecting checkout for this builder, then a DM of what they
 * won. A lot hammered after the show's checkouts were opened (the sweep settling a lost
 * hammer late) has its checkout opened at once.
 */
export async function addLotToShowCheckout(deps: ShowPaymentDeps, auction: Auction, offer: AuctionOffer): Promise<void> {
  const link = auction.show;
  if (!link) return sendOffer(deps, auction, offer);
  const show = await deps.store.get(showPath(link.showId));
  const checkoutId = await deps.store.runTransaction(async (tx): Promise<string | undefined> => {
    const order = await tx.get(orderPath(offer.orderId));
    if (order?.status !== 'awaiting-payment') return undefined;
    // Delivered again: the lot is in its checkout already.
    if (order.showCheckoutId) return order.showCheckoutId;
    for (let round = 0; round < maxRounds; round++) {
      const id = showCheckoutId(link.showId, order.buyerId, order.builderId, round);
      const existing = await tx.get(showCheckoutPath(id));
      if (existing && !takesLot(existing, order.amountCents)) continue;
      if (existing) tx.update(showCheckoutPath(id), { lots: [...existing.lots, lotOf(order)] });
      else
        tx.create(showCheckoutPath(id), {
          checkoutId: id,
          showId: link.showId,
          guildId: auction.guildId,
          channelId: auction.channelId,
          showTitle: show?.title ?? auction.item,
          hostId: link.hostId,
          buyerId: order.buyerId,
          buyerName: order.buyerName,
          builderId: order.builderId,
          builderName: order.builderName,
          currency: order.currency,
          round,
          lots: [lotOf(order)],
          status: 'collecting',
          createdAt: deps.clock.now().toISOString(),
        });
      applyOrderFact(tx, order, { kind: 'joined-show-checkout', showCheckoutId: id });
      return id;
    }
    // The people in fields, which the log hashes; the error's text is logged as it is, so it names nobody.
    log.error('a show winner has no checkout rounds left with a builder; the lot is not added', {
      showId: link.showId,
      orderId: order.orderId,
      buyerId: order.buyerId,
      builderId: order.builderId,
      rounds: maxRounds,
    });
    throw new Error(`a buyer has ${maxRounds} checkouts with one builder in show ${link.showId} (order ${order.orderId})`);
  });
  if (!checkoutId) return;
  const won = { item: auction.item, auctionId: auction.auctionId, priceCents: offer.priceCents, currency: auction.currency, builderName: auction.builderName };
  const showTitle = show?.title ?? 'the show';
  // A winner from Twitch chat is told in chat, with the page they pay on.
  if (deps.bidders.reaches(offer.bidderId)) {
    await deps.bidders.tellShowLot({
      ...won,
      bidderId: offer.bidderId,
      hostId: link.hostId,
      showTitle,
      orderId: offer.orderId,
      noticeId: `show-lot:${offer.orderId}`,
    });
  } else {
    await tellOnce(deps, `show-lot-won:${offer.orderId}`, offer.bidderId, lotWonDm({ ...won, showTitle }), {
      channelId: auction.channelId,
      notice: lotWonNotice(offer.bidderId, auction.item),
    });
  }
  if ((await deps.store.get(showPath(link.showId)))?.checkoutsOpenedAt) await openAndSendLink(deps, checkoutId);
}

/** The show is over and its last lot hammered: every checkout still collecting opens, and its link goes out by DM. */
export async function openShowCheckouts(deps: ShowPaymentDeps, showId: string): Promise<void> {
  const checkouts = await deps.store.query(showCheckoutsCollection, { where: [['showId', '==', showId]] });
  // One checkout's failure (Stripe refusing it, say) must not keep the others' winners waiting: each is tried, then the first error is raised for the retry.
  const failures: unknown[] = [];
  for (const checkout of sortByCreation(checkouts.map((c) => c.data))) {
    // An open one is finished too: a delivery that crashed between the session and the DM.
    if (checkout.status === 'collecting' || checkout.status === 'open')
      await openAndSendLink(deps, checkout.checkoutId).catch((error: unknown) => void failures.push(error));
  }
  if (failures.length > 0) throw failures[0];
}

/** Pay now: the buyer's unpaid checkouts in this show open now; the answer, only to them, has a link per builder. */
export async function payShowWinsNow(deps: ShowPaymentDeps, show: Show, buyerId: string): Promise<DiscordMessage> {
  const mine = sortByCreation(
    (
      await deps.store.query(showCheckoutsCollection, {
        where: [
          ['showId', '==', show.showId],
          ['buyerId', '==', buyerId],
        ],
      })
    ).map((c) => c.data),
  );
  const opened: Array<{ checkout: ShowCheckout; url: string; expiresAt: string }> = [];
  const now = deps.clock.now().getTime();
  for (const checkout of mine.filter((c) => c.status === 'collecting' || c.status === 'open')) {
    let result: Awaited<ReturnType<typeof openShowCheckout>>;
    try {
      result = await openShowCheckout(deps, checkout.checkoutId, 'pay-now');
    } catch (error) {
      if (error instanceof PaymentRefused) return payNowRefusals.stripeDown;
      throw error;
    }
    // A session past its deadline is on its way to expiring: its lots go to their runner-ups.
    if (result.kind === 'open' && Date.parse(result.session.expiresAt) > now)
      opened.push({
        checkout: result.checkout,
        url: showCheckoutLink(deps.publicBaseUrl, result.checkout, result.session.sessionId),
        expiresAt: result.session.expiresAt,
      });
  }
  if (opened.length > 0) return payNowAnswer(show.title, opened);
  return mine.some((c) => c.status === 'paid') ? payNowRefusals.allPaid(show.title) : payNowRefusals.nothingToPay(show.title);
}

/** Our own pay link for a show checkout: each of its lots' orders carries the session (see open-show-checkout), so the first names it. */
function showCheckoutLink(publicBaseUrl: string, checkout: ShowCheckout, sessionId: string): string {
  return checkoutLink(publicBaseUrl, checkout.lots[0]?.orderId ?? checkout.checkoutId, sessionId);
}

/** Opens the checkout (again, harmlessly) and, if the show's end opened it, DMs the link once. */
async function openAndSendLink(deps: ShowPaymentDeps, checkoutId: string): Promise<void> {
  const opened = await openShowCheckout(deps, checkoutId, 'show-end');
  if (opened.kind !== 'open' || opened.checkout.openedBy !== 'show-end') return;
  const { checkout, session } = opened;
  if (deps.bidders.reaches(checkout.buyerId)) {
    const [first] = checkout.lots;
    if (!first) return;
    return deps.bidders.tellShowCheckout({
      bidderId: checkout.buyerId,
      hostId: checkout.hostId,
      showTitle: checkout.showTitle,
      orderId: first.orderId,
      item: `${checkout.lots.length} lot${checkout.lots.length === 1 ? '' : 's'} from ${checkout.builderName}`,
      priceCents: checkout.amountCents ?? checkout.lots.reduce((sum, lot) => sum + lot.amountCents, 0),
      currency: checkout.currency,
      noticeId: `show-checkout:${checkoutId}`,
      expiresAt: session.expiresAt,
    });
  }
  const delivered = await tellOnce(
    deps,
    `show-checkout-link:${checkoutId}`,
    checkout.buyerId,
    checkoutLinkDm(checkout, showCheckoutLink(deps.publicBaseUrl, checkout, session.sessionId), session.expiresAt),
    {
      channelId: checkout.channelId,
      notice: checkoutLinkNotice(checkout.buyerId, checkout.builderName),
    },
    { mustArrive: true },
  );
  // As for an auction offer: someone who never got the link earns no strike when it lapses (marked again, harmlessly, on a redelivery).
  if (delivered === 'dms-closed') await markLinkRefused(deps, checkout);
}

async function markLinkRefused(deps: ShowPaymentDeps, checkout: ShowCheckout): Promise<void> {
  await deps.store.runTransaction(async (tx) => {
    const orders = await Promise.all(checkout.lots.map((lot) => tx.get(orderPath(lot.orderId))));
    for (const order of orders) if (order?.status === 'awaiting-payment') applyOrderFact(tx, order, { kind: 'offer-dm-refused' });
  });
}

/** In the order they were made (no index needed for an ordered query): the links and buttons keep one order. */
function sortByCreation(checkouts: ShowCheckout[]): ShowCheckout[] {
  return [...checkouts].sort((a, b) => (a.createdAt === b.createdAt ? (a.checkoutId < b.checkoutId ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1));
}
