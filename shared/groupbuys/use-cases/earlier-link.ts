/**
 * @module earlier-link
 * A member who presses Join again while their pledge still waits for a card has a link to
 * Stripe's page already. That link is expired at Stripe before a new one is made, so no card
 * can be saved where the pledge no longer looks. Stripe refuses to expire a session that is
 * complete: a card saved on it whose event has not come yet counts now, as Stripe has it.
 */
import type { Payments } from '../../ports';
import type { Pledge } from '../rules/group-buy';
import { countSavedCard, type CountSavedCardDeps, type CountedCard } from './count-saved-card';

export interface EarlierLinkDeps extends CountSavedCardDeps {
  payments: Pick<Payments, 'expireCheckoutSession' | 'readCardSetup'>;
}

/** `expired`: the earlier link no longer takes a card. Otherwise the card saved on it, counted (or why not). */
export async function settleEarlierLink(deps: EarlierLinkDeps, pledge: Pledge & { setupSessionId: string }): Promise<'expired' | CountedCard> {
  // The adapter leaves a session Stripe has closed as it is: paid (complete) or expired already.
  await deps.payments.expireCheckoutSession(pledge.setupSessionId);
  const setup = await deps.payments.readCardSetup(pledge.setupSessionId);
  if (setup.status !== 'complete' || !setup.paymentMethodId) return 'expired';
  const savedAt = setup.savedAt ?? deps.clock.now().toISOString();
  return countSavedCard(deps, { groupBuyId: pledge.groupBuyId, buyerId: pledge.buyerId, setup: { ...setup, paymentMethodId: setup.paymentMethodId }, savedAt });
}
