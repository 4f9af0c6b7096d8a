/**
 * @module saved-card-release
 * When a pledge's saved card, and the member's customer at Stripe, are needed no more (issue
 * 79). A card is kept only while a charge on it may still come: while it is being saved, the
 * pledge counts or waits on the list, or its buyer is asked to pay (the pledge is still theirs
 * to settle). Closed and charged, called off, left, lapsed: it is detached. The customer stays
 * while the member keeps it for their next Join (`stripeCustomers/<member>`: erasure ends
 * that) or any pledge of theirs still needs a card on it. Pure.
 */
import type { Pledge, PledgeStatus } from './group-buy';

/** The statuses in which a charge on the saved card may still come. */
export const cardNeededWhile: readonly PledgeStatus[] = ['saving-card', 'pledged', 'waitlisted', 'needs-buyer'];

/** Whether the pledge still needs its card. */
export const cardStillNeeded = (pledge: Pick<Pledge, 'status'>): boolean => cardNeededWhile.includes(pledge.status);

/** Whether the pledge's card is to be detached now: saved, needed no more, and not detached yet. */
export const cardToDetach = (
  pledge: Pick<Pledge, 'status' | 'paymentMethodId' | 'cardReleasedAt'>,
): pledge is Pick<Pledge, 'status' | 'cardReleasedAt'> & { paymentMethodId: string } =>
  pledge.paymentMethodId !== undefined && pledge.cardReleasedAt === undefined && !cardStillNeeded(pledge);

/**
 * Whether the customer may be deleted at Stripe: the member keeps it for no next Join (`keptFor`
 * is the customer the member's record names, if any), and no pledge of theirs on it still needs
 * its card.
 */
export function customerNeededNoMore(customerId: string, keptFor: string | undefined, pledges: readonly Pick<Pledge, 'status' | 'customerId'>[]): boolean {
  if (keptFor === customerId) return false;
  return !pledges.some((pledge) => pledge.customerId === customerId && cardStillNeeded(pledge));
}
