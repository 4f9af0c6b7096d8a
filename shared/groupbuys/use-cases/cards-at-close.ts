/**
 * @module cards-at-close
 * Before the close counts, every pledge still waiting for its card is read from Stripe: a card
 * Stripe saved before `closesAt` counts (count-saved-card), whenever its event comes (Stripe
 * retries an event for days, and a backlog at the close must not flip the last pledges). A read
 * that fails throws, so the close is tried again rather than decided without it.
 */
import type { Payments } from '../../ports';
import { pledgesCollection, type GroupBuy } from '../rules/group-buy';
import { savedBeforeClose } from '../rules/card-setup';
import { countSavedCard, type CountSavedCardDeps } from './count-saved-card';

export interface CardsAtCloseDeps extends CountSavedCardDeps {
  payments: Pick<Payments, 'readCardSetup'>;
}

/** How many pledges Stripe's word made count now. */
export async function countCardsSavedInTime(deps: CardsAtCloseDeps, groupBuy: GroupBuy): Promise<number> {
  const waiting = await deps.store.query(pledgesCollection(groupBuy.groupBuyId), { where: [['status', '==', 'saving-card']] });
  let counted = 0;
  for (const { data: pledge } of waiting) {
    if (!pledge.setupSessionId) continue;
    const setup = await deps.payments.readCardSetup(pledge.setupSessionId);
    if (!savedBeforeClose(setup, groupBuy.closesAt) || !setup.paymentMethodId || !setup.savedAt) continue;
    const fact = {
      groupBuyId: groupBuy.groupBuyId,
      buyerId: pledge.buyerId,
      setup: { ...setup, paymentMethodId: setup.paymentMethodId },
      savedAt: setup.savedAt,
    };
    if ((await countSavedCard(deps, fact)).kind === 'pledged') counted += 1;
  }
  return counted;
}
