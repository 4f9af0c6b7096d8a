/**
 * @module payment-marks
 * The mark a payment that no Checkout Session made leaves on its order (`paidByEvent`), one per
 * PaymentIntent, so whichever path tells of it first records it and the other finds its work:
 * a saved card charged while its buyer was away, or that very intent confirmed later by its
 * buyer on session.
 */

/** A saved card charged off session (a group buy's close). */
export const offSessionMark = (paymentIntentId: string): string => `off-session:${paymentIntentId}`;

/** A refused off-session PaymentIntent its buyer confirmed on session (a group buy's pay page). */
export const onSessionMark = (paymentIntentId: string): string => `on-session:${paymentIntentId}`;

/** Whether the order was paid by its buyer confirming its PaymentIntent on session. */
export const paidOnSession = (order: { paidByEvent?: string; paymentIntentId?: string }): boolean =>
  order.paymentIntentId !== undefined && order.paidByEvent === onSessionMark(order.paymentIntentId);
