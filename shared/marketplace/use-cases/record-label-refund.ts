/**
 * @module record-label-refund
 * The carrier gave an unused label's money back (EasyPost's `refund_status: refunded`): the
 * label's cost comes back in the journal (`shipping-label-refund`), once, whichever delivery
 * of the news gets here. A builder's label lowers their debt (never below zero: what a
 * release already netted of it stays netted); a label C500 bore undoes its own cost.
 */
import type { Clock, DocumentStore } from '../../ports';
import { orderPath } from '../../orders';
import { debtEntryIds, readAccount, writeMove } from '../../debts';
import { readEntries, writeEntry } from '../../journal';
import { labelEntryIds, platformLabelRefundEntry } from '../rules/label-journal';

/** Answers whether the refund was recorded now (false: no bought label on the order, or recorded already). */
export async function recordLabelRefund(deps: { store: DocumentStore; clock: Clock }, orderId: string): Promise<boolean> {
  const at = deps.clock.now().toISOString();
  return deps.store.runTransaction(async (tx) => {
    const order = await tx.get(orderPath(orderId));
    const label = order?.label;
    if (!order || !label?.trackingCode) return false;
    if (label.payer === 'platform') {
      const read = await readEntries(tx, [labelEntryIds.refunded(label.shipmentId)]);
      return writeEntry(tx, read, platformLabelRefundEntry(order, label, at));
    }
    const entryId = debtEntryIds.labelRefunded(label.shipmentId);
    const account = await readAccount(tx, order.guildId, order.builderId, entryId);
    const moved = writeMove(tx, account, {
      entryId,
      kind: 'label-refunded',
      guildId: order.guildId,
      userId: order.builderId,
      orderId: order.orderId,
      party: 'builder',
      amountCents: label.rate.amountCents,
      currency: label.rate.currency,
      reason: `shipping label for ${order.orderId} refunded by the carrier`,
      at,
    });
    return moved > 0;
  });
}
