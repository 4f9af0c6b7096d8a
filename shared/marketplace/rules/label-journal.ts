/**
 * @module label-journal
 * A label's cost in the journal (entry kind `shipping-label`). C500 buys the label from the
 * carrier and owes it (`carrier-postage`). The builder's label is a debt of theirs, netted from
 * their release like any other (the debts module writes it, under the debt's own ids); a label
 * for a listing whose shipping was free is C500's own cost (`label-costs`), written here. A
 * label the carrier refunds is the same entry back (`shipping-label-refund`).
 */
import { entryOf, post, type JournalEntry } from '../../journal';
import type { Order, OrderLabel } from '../../orders';

type LabelOrder = Pick<Order, 'orderId' | 'guildId'>;
type Label = Pick<OrderLabel, 'shipmentId' | 'rate'>;

/** Where C500's own label entries live: one per carrier shipment. */
export const labelEntryIds = {
  bought: (shipmentId: string) => `label:${shipmentId}`,
  refunded: (shipmentId: string) => `label-refunded:${shipmentId}`,
};

/** C500 pays the carrier for a label it bears: its own cost, owed to the carrier. */
export function platformLabelEntry(order: LabelOrder, label: Label, at: string): JournalEntry | undefined {
  const cents = label.rate.amountCents;
  return entryOf(
    {
      entryId: labelEntryIds.bought(label.shipmentId),
      kind: 'shipping-label',
      at,
      guildId: order.guildId,
      currency: label.rate.currency,
      orderId: order.orderId,
    },
    [post.to('label-costs', cents), post.to('carrier-postage', -cents)],
  );
}

/** The carrier gave a label C500 bore back: the cost and the debt to the carrier both undone. */
export function platformLabelRefundEntry(order: LabelOrder, label: Label, at: string): JournalEntry | undefined {
  const cents = label.rate.amountCents;
  return entryOf(
    {
      entryId: labelEntryIds.refunded(label.shipmentId),
      kind: 'shipping-label-refund',
      at,
      guildId: order.guildId,
      currency: label.rate.currency,
      orderId: order.orderId,
    },
    [post.to('carrier-postage', cents), post.to('label-costs', -cents)],
  );
}
