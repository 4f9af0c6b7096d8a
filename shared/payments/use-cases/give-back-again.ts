/**
 * @module give-back-again
 * `/c500 refund` of a lot whose payment C500 gave back by itself and whose refund then failed at
 * the buyer's bank (given-back-again): written down on the lot in the command's transaction, as
 * any refund given (give-refund asks Stripe and journals its answer). One refund per failed
 * refund, under its own key: the command delivered again finishes it, a second press finishes
 * one still being asked or says it was given.
 */
import type { DiscordMessage, Transaction } from '../../ports';
import { applyOrderFact, type GivenRefund, type Order } from '../../orders';
import { withJournal } from '../../journal';
import { giveBackAgain } from '../rules/given-back-again';
import { givenBackAgainWords } from '../rules/refund-messages';
import type { RefundAsker, RefundForm } from '../rules/given-refunds';

/** The refund written down (or found) on the lot, or what the admin is answered instead. */
export async function giveBackAgainAsked(
  tx: Transaction,
  order: Order,
  asker: RefundAsker,
  form: Extract<RefundForm, { ok: true }>,
  byInteraction: string,
  askedAt: string,
): Promise<{ order: Order; refund: GivenRefund } | DiscordMessage> {
  const { entries } = await withJournal(tx, order);
  const failed = (order.failedRefunds ?? []).at(-1);
  const earlier = (order.givenRefunds ?? []).find((r) => failed !== undefined && r.givesBack === failed.refundId);
  if (earlier) {
    // Another press gave this failure again: one still being asked is finished, one answered is told as it stands.
    if (earlier.refundId === undefined && earlier.refusal === undefined) return { order, refund: earlier };
    return earlier.refusal !== undefined ? givenBackAgainWords.refused(order, earlier, earlier.refusal) : givenBackAgainWords.already(order, earlier);
  }
  const again = giveBackAgain(order, entries, form.amountCents);
  if (!again.ok) return again.refusal === 'not-exact' ? givenBackAgainWords.notExact(order, again.owedCents) : givenBackAgainWords.nothingOwed(order);
  const refund: GivenRefund = {
    idempotencyKey: again.idempotencyKey,
    amountCents: again.amountCents,
    byInteraction,
    byUserId: asker.userId,
    ...(form.reason ? { reason: form.reason } : {}),
    askedAt,
    givesBack: again.givesBack,
  };
  return { order: applyOrderFact(tx, order, { kind: 'refund-asked', refund }), refund };
}
