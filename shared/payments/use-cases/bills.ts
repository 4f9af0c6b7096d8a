/**
 * @module bills
 * The one place a Stripe session is matched to what it pays for, by the `kind` our
 * checkouts carry in their metadata: a single order of ours (a Buy Now, an auction offer),
 * a checkout of several a module registered (a show winner's lots), or nothing of ours (a
 * guild's Payment Link, which is races' merch). Only our metadata is read: whoever opens a
 * Payment Link can set its `client_reference_id`.
 */
import { closedDmNotices } from '../rules/closed-dm-messages';
import { chargedCents, checkoutKinds, isOrderIdShaped, type Order } from '../../orders';
import { orderPath } from '../../orders';
import { builderNewOrder, buyerPaymentFailed, buyerReceipt } from '../rules/order-messages';
import { text, type StripeEvent } from '../rules/stripe-event';
import { log } from '../../log';
import { sendDmOrMention, tellOnce } from '../../discord';
import type { Bill, PaymentDeps } from './apply-payment';
import type { BundleKind, BundleView } from './payment-modules';

/** What a session's lapse (expired, or a delayed payment failed) and its failure do, beside its payment. */
export interface SessionBill extends Bill {
  lapsed(event: StripeEvent): Promise<void>;
  /** The buyer hears why their delayed payment failed: only when the checkout ended unpaid through that very session. */
  tellFailed(view: BundleView): Promise<void>;
}

/** Whether a session's `kind` is one of our checkouts' (then it is never a merch sale, even when malformed). */
export function isOurKind(deps: Pick<PaymentDeps, 'modules'>, kind: string | undefined): boolean {
  return kind !== undefined && (Object.hasOwn(deps.modules.bundles, kind) || Object.values(checkoutKinds).some((k) => k === kind));
}

/** What `metadata` says the session pays for, or undefined when it is none of our checkouts. */
export function billOf(deps: PaymentDeps, metadata: Record<string, string> | undefined): SessionBill | undefined {
  const kind = text(metadata?.kind);
  const bundle = kind !== undefined && Object.hasOwn(deps.modules.bundles, kind) ? deps.modules.bundles[kind] : undefined;
  if (bundle) {
    const checkoutId = text(metadata?.[bundle.metadataKey]);
    return checkoutId && bundle.isIdShaped(checkoutId) ? bundleBill(bundle, checkoutId) : undefined;
  }
  const orderId = text(metadata?.order_id);
  // Sessions opened before checkouts named their kind carry only the order id.
  const ours = kind === undefined || Object.values(checkoutKinds).some((k) => k === kind);
  return ours && orderId && isOrderIdShaped(orderId) ? orderBill(deps, orderId) : undefined;
}

/** The session a checkout holds speaks for it, or any when none is recorded: a crash between opening it and saving its id, and there is never another. */
export const isOwnSession = (held: string | undefined, sessionId: string): boolean => held === undefined || held === sessionId;

/** A single order is a checkout of itself. */
export function orderBill(deps: PaymentDeps, orderId: string): SessionBill {
  const path = orderPath(orderId);
  const sourceOf = (order: Order) => deps.modules.orders[order.source];
  return {
    label: `order ${orderId}`,
    bundled: false,
    read: async (reader) => {
      const order = await reader.get(path);
      return order && orderView(order);
    },
    markPaid: () => undefined,
    tellPaid: async (_view, [paid], stripePaidAt) => {
      if (!paid) return;
      const own = sourceOf(paid).tellPaid;
      if (own) return own(paid, stripePaidAt);
      // Each side is told once, whatever else fails and brings this event back; closed DMs are
      // final, so each is told in the channel instead, and neither waits on the other.
      const channelId = await sourceOf(paid).channelOf(paid);
      await tellOnce(
        deps,
        `receipt:${paid.orderId}`,
        paid.buyerId,
        buyerReceipt(paid),
        {
          channelId,
          notice: closedDmNotices.receipt(paid.buyerId, paid.orderId),
        },
        { since: stripePaidAt },
      );
      await tellOnce(deps, `new-order:${paid.orderId}`, paid.builderId, builderNewOrder(paid, deps.publicBaseUrl), {
        channelId,
        notice: closedDmNotices.newOrder(paid.builderId, paid.orderId),
      });
    },
    lapsed: async (event) => {
      const order = await deps.store.get(path);
      if (!order) return;
      if (!isOwnSession(order.checkoutSessionId, event.data.object.id)) {
        log.warn('a lapsed checkout names an order whose session is another; ignored', { orderId, sessionId: event.data.object.id, eventId: event.id });
        return;
      }
      await sourceOf(order).lapsed(order, event.id);
    },
    tellFailed: async () => {
      const order = await deps.store.get(path);
      if (!order) return;
      const channelId = await sourceOf(order).channelOf(order);
      await sendDmOrMention(deps.discord, order.buyerId, buyerPaymentFailed(order), {
        channelId,
        notice: closedDmNotices.paymentFailed(order.buyerId, order.orderId),
      });
    },
  };
}

function orderView(order: Order): BundleView {
  const status = order.status === 'awaiting-payment' ? 'open' : order.status === 'expired' ? 'expired' : 'closed';
  return {
    checkoutId: order.orderId,
    status,
    orderIds: [order.orderId],
    // A checkout that quotes shipping has Stripe add it; one whose shipping was fixed before (a group buy's pledge) asks for both.
    amountCents: order.shippingQuote ? order.amountCents : chargedCents(order),
    currency: order.currency,
    buyerId: order.buyerId,
    ...(order.checkoutSessionId ? { checkoutSessionId: order.checkoutSessionId } : {}),
    ...(order.checkoutExpiresAt ? { checkoutExpiresAt: order.checkoutExpiresAt } : {}),
    ...(order.chargeId ? { chargeId: order.chargeId } : {}),
    ...(order.paidByEvent ? { paidByEvent: order.paidByEvent } : {}),
    ...(order.shippingQuote ? { shippingQuote: order.shippingQuote } : {}),
  };
}

function bundleBill(kind: BundleKind, checkoutId: string): SessionBill {
  return {
    label: `checkout ${checkoutId}`,
    bundled: true,
    read: (reader) => kind.read(reader, checkoutId),
    markPaid: (tx, mark) => kind.markPaid(tx, checkoutId, mark),
    tellPaid: (view, kept, stripePaidAt) => kind.tellPaid(view, kept, stripePaidAt),
    lapsed: (event) => kind.lapsed(checkoutId, event),
    tellFailed: (view) => kind.tellFailed(view),
  };
}
