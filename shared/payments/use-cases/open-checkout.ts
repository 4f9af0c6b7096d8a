/**
 * @module open-checkout
 * Opens the one Checkout Session of something waiting for payment (an order, or a show
 * winner's checkout of several lots), with a deadline Stripe accepts, and arms its own
 * expiry at the deadline Stripe answered with.
 *
 * The deadline is written on the document before Stripe is asked, and it is part of the
 * idempotency key: every retry that can still send it sends the same request under the
 * same key (Stripe answers with the session it made). Once it is too close to send, a new
 * deadline means a new key, so first the old request is replayed: if Stripe had made that
 * session it answers with it, and nothing ever gets two sessions a buyer could pay. A call
 * that finds the session recorded arms its expiry again (a named task: at most one), as
 * the attempt that recorded it may have died before arming it.
 *
 * The trace a deadline was fixed in is written with it and sent in the session's metadata
 * (`traceparent`), so Stripe's events about the session continue the checkout's trace; being
 * fixed with the deadline, it is the same in every request under that deadline's key.
 */
import type { CheckoutRequest, CheckoutSession, CheckoutShipping, Clock, DocPath, DocumentStore, Payments, TaskQueue, Update } from '../../ports';
import { canStillSend, checkoutDeadline } from '../rules/checkout-window';
import { checkoutMetadata, checkoutSourceOf, type Order } from '../../orders';
import { orderPath } from '../../orders';
import { checkoutReturnUrls } from '../../common';
import { PaymentRefused } from '../../errors';
import { scheduleCheckoutExpiry, type CheckoutExpiry } from './expire-checkout';
import { log, personPseudonym } from '../../log';
import { currentTraceparent } from '../../trace-context';

export interface OpenCheckoutDeps {
  store: DocumentStore;
  payments: Payments;
  tasks: TaskQueue;
  clock: Clock;
}

/** Everything of the session but what this module decides: the key and the deadline. */
export type CheckoutDetails = Omit<CheckoutRequest, 'idempotencyKey' | 'expiresAt' | 'orderId'>;

export type OpenedCheckout = { kind: 'open'; session: CheckoutSession } | { kind: 'ended' };

/** A request to make: its deadline and the trace fixed with it, and the earlier deadline's (and trace) to replay first. */
type Claim =
  OpenedCheckout | { kind: 'create'; deadline: Date; traceparent?: string; earlier?: Date; earlierTraceparent?: string; shipping?: CheckoutShipping };

/** Where a session is kept: an order and a show checkout both hold it in these fields. */
export interface SessionFields {
  checkoutSessionId?: string;
  checkoutUrl?: string;
  checkoutExpiresAt?: string;
  /** The trace the deadline was fixed in: part of the request under that deadline's key (see Order's). */
  checkoutTraceparent?: string;
  /** The shipping asked for, fixed with the first request: a builder changing their rates meanwhile never changes a replayed one. */
  shippingQuote?: CheckoutShipping;
}

/** The document a session is opened for. */
export interface CheckoutHolder<T extends SessionFields> {
  path: DocPath<T>;
  /** The session's `client_reference_id` and `transfer_group`. */
  id: string;
  /** What its idempotency keys are named from (`checkout:<key id>:<deadline>`). */
  keyId: string;
  /** Whether it still waits for payment; otherwise nothing is opened. */
  payable: (held: T) => boolean;
  /** The backstop task that expires the session at its deadline. */
  expiry: CheckoutExpiry;
  /**
   * The caller gives back what the checkout holds when opening it fails (Buy Now's unit), so a
   * session Stripe made and the store did not record is expired at once. A caller that tries
   * again instead leaves it: the retry's key replays that very session, which must stay open.
   */
  givenUpOnFailure?: boolean;
}

/** `wanted` is the deadline the product promises; Stripe's window may move it (see checkout-window). */
export function openCheckout(
  deps: OpenCheckoutDeps,
  orderId: string,
  wanted: Date,
  details: CheckoutDetails,
  givenUpOnFailure = false,
): Promise<OpenedCheckout> {
  const holder: CheckoutHolder<Order> = {
    path: orderPath(orderId),
    id: orderId,
    keyId: orderId,
    payable: (order) => order.status === 'awaiting-payment',
    expiry: { orderId },
    givenUpOnFailure,
  };
  return openCheckoutFor(deps, holder, wanted, details);
}

/** `openCheckout` for any holder of a session (see CheckoutHolder). */
export async function openCheckoutFor<T extends SessionFields>(
  deps: OpenCheckoutDeps,
  holder: CheckoutHolder<T>,
  wanted: Date,
  details: CheckoutDetails,
): Promise<OpenedCheckout> {
  // Taken here, in the caller's span (the one that goes on to ask Stripe), not in the transaction's.
  const traceparent = currentTraceparent();
  const claim = await deps.store.runTransaction(async (tx): Promise<Claim> => {
    const held = await tx.get(holder.path);
    if (!held || !holder.payable(held)) return { kind: 'ended' };
    if (held.checkoutSessionId && held.checkoutUrl && held.checkoutExpiresAt) {
      return { kind: 'open', session: { sessionId: held.checkoutSessionId, url: held.checkoutUrl, expiresAt: held.checkoutExpiresAt } };
    }
    const now = deps.clock.now();
    const shipping = held.shippingQuote ?? details.shipping;
    const fixed = { ...(shipping ? { shipping } : {}) };
    const quote = shipping && !held.shippingQuote ? { shippingQuote: shipping } : {};
    const earlier = held.checkoutExpiresAt ? new Date(held.checkoutExpiresAt) : undefined;
    if (earlier && canStillSend(earlier, now)) {
      if (shipping && !held.shippingQuote) tx.update(holder.path, quote as Update<T>);
      return { kind: 'create', deadline: earlier, ...traced(held.checkoutTraceparent), ...fixed };
    }
    const deadline = checkoutDeadline(wanted, now);
    // A new deadline is a new key: the trace this request is made in goes with it.
    tx.update(holder.path, { checkoutExpiresAt: deadline.toISOString(), ...traceField(traceparent), ...quote } as Update<T>);
    const replay = earlier ? { earlier, ...(held.checkoutTraceparent ? { earlierTraceparent: held.checkoutTraceparent } : {}) } : {};
    return { kind: 'create', deadline, ...traced(traceparent), ...replay, ...fixed };
  });
  if (claim.kind === 'open') {
    // Without its task the checkout would hold what it holds past its deadline for good.
    await scheduleCheckoutExpiry(deps.tasks, holder.expiry, claim.session.expiresAt);
    return claim;
  }
  if (claim.kind !== 'create') return claim;

  const { shipping: _asked, ...rest } = details;
  const request = (deadline: Date, traceparent: string | undefined): CheckoutRequest => ({
    ...rest,
    ...(claim.shipping ? { shipping: claim.shipping } : {}),
    ...(traceparent ? { metadata: { ...rest.metadata, ...checkoutTraceMetadata(traceparent) } } : {}),
    orderId: holder.id,
    expiresAt: deadline,
    idempotencyKey: checkoutKey(holder.keyId, deadline),
  });
  const session =
    (claim.earlier && (await sessionMadeEarlier(deps.payments, request(claim.earlier, claim.earlierTraceparent)))) ||
    (await deps.payments.createCheckoutSession(request(claim.deadline, claim.traceparent)));
  // Recorded only while it still waits for payment: another delivery of the same press may have given up meanwhile
  // (Stripe answering it 409 while this request was in flight) and put the unit back on sale.
  const recorded = await deps.store
    .runTransaction(async (tx) => {
      const held = await tx.get(holder.path);
      if (!held || !holder.payable(held)) return false;
      tx.update(holder.path, { checkoutSessionId: session.sessionId, checkoutUrl: session.url, checkoutExpiresAt: session.expiresAt } as Update<T>);
      return true;
    })
    .catch(async (error: unknown) => {
      if (!holder.givenUpOnFailure) throw error;
      // Not recorded (or not known to be), and the caller gives up what the checkout held: the session may not stay payable.
      // Should Stripe fail to expire it too, it still ends at its own deadline; a payment before then is logged for an admin.
      await deps.payments
        .expireCheckoutSession(session.sessionId)
        .catch((expiring: unknown) => log.warn('a session not recorded could not be expired', { sessionId: session.sessionId, error: expiring }));
      throw error;
    });
  if (!recorded) {
    // Nobody may pay for what is no longer held: the session ends now, not at its deadline.
    await deps.payments.expireCheckoutSession(session.sessionId);
    return { kind: 'ended' };
  }
  await scheduleCheckoutExpiry(deps.tasks, holder.expiry, session.expiresAt);
  return { kind: 'open', session };
}

/**
 * An order's checkout, for a drop's Buy Now or an auction offer alike: amount, currency,
 * metadata and the pages Stripe sends the buyer back to all come from the order, so the
 * two can never disagree about what a session carries.
 */
export function openOrderCheckout(
  deps: OpenCheckoutDeps & { publicBaseUrl: string },
  order: Order,
  wanted: Date,
  shown: { itemName: string; imageUrl?: string; shipping?: CheckoutShipping },
  givenUpOnFailure = false,
): Promise<OpenedCheckout> {
  return openCheckout(
    deps,
    order.orderId,
    wanted,
    {
      ...shown,
      amountCents: order.amountCents,
      currency: order.currency,
      metadata: checkoutMetadata(order, personPseudonym),
      ...checkoutReturnUrls(deps.publicBaseUrl, order.orderId, checkoutSourceOf(order)),
    },
    givenUpOnFailure,
  );
}

const traced = (traceparent: string | undefined) => (traceparent ? { traceparent } : {});
const traceField = (traceparent: string | undefined) => (traceparent ? { checkoutTraceparent: traceparent } : {});

/**
 * The session's metadata that names the trace it was opened in: the Stripe webhook continues
 * that trace (shared/payments/use-cases/accept-stripe-event), so a payment's trace holds its checkout.
 */
export function checkoutTraceMetadata(traceparent: string): { traceparent: string } {
  return { traceparent };
}

/** One key per order (or show checkout) and deadline: Stripe compares a replayed key's parameters, `expires_at` among them. */
export function checkoutKey(keyId: string, deadline: Date): string {
  return `checkout:${keyId}:${Math.floor(deadline.getTime() / 1000)}`;
}

/** The earlier request again: its session if Stripe made it, undefined if Stripe refuses it now (it never did). */
async function sessionMadeEarlier(payments: Payments, request: CheckoutRequest): Promise<CheckoutSession | undefined> {
  try {
    return await payments.createCheckoutSession(request);
  } catch (error) {
    if (error instanceof PaymentRefused) return undefined;
    throw error;
  }
}
