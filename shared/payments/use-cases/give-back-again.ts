/**
 * @module give-back-again
 * `/c500 refund` of a lot whose payment C500 gave back by itself and whose refund then failed at
 * the buyer's bank, or which Stripe would not let it refund at all (given-back-again): written down on the lot in the command's transaction, as
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
  const attempts = (order.givenRefunds ?? []).filter((r) => r.givesBack !== undefined);
  // Another press is being answered: it is finished, never asked twice.
  const inFlight = attempts.find((r) => r.refundId === undefined && r.refusal === undefined);
  if (inFlight) return { order, refund: inFlight };
  const again = giveBackAgain(order, entries, form.amountCents);
  if (!again.ok) {
    const last = attempts.at(-1);
    if (again.refusal === 'nothing-owed' && last?.refundId !== undefined && last.refusal === undefined) return givenBackAgainWords.already(order, last);
    return again.refusal === 'not-exact' ? givenBackAgainWords.notExact(order, again.owedCents) : givenBackAgainWords.nothingOwed(order);
  }
  // The bank is deciding a chargeback of the charge, or decided it for the buyer: Stripe refuses any refund of it (`charge_disputed`), so it is not asked.
  const chargeback = order.dispute;
  if (chargeback?.state === 'open') return givenBackAgainWords.waitsForDispute(order, chargeback, again.amountCents);
  if (chargeback?.state === 'lost') return givenBackAgainWords.chargedBackLost(order, chargeback, again.amountCents);
  // This failure was given again already: Stripe's answer stands (it never refunds a charged-back charge). A held lot's key is new each attempt.
  const earlier = attempts.find((r) => r.idempotencyKey === again.idempotencyKey);
  if (earlier)
    return earlier.refusal !== undefined ? givenBackAgainWords.refused(order, earlier, earlier.refusal) : givenBackAgainWords.already(order, earlier);
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
