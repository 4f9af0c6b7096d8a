/**
 * @module cancel-late
 * The buyer's **Cancel and refund** on a late (or moved) commission: in one transaction the
 * place leaves the line, what the builder keeps is fixed (the tranches sent for steps proved
 * live), and the refund of everything else is written down under its key; then Stripe is
 * asked, the slot goes back to the drop, and the builder is told. A press delivered again
 * finishes what the first started and answers as it did.
 */
import { withJournal } from '../../journal';
import type { Clock, DiscordMessage, DiscordMessenger, DocumentStore, Payments } from '../../ports';
import { invoker, refusals, tellOnce, type Interaction } from '../../discord';
import { advancedNetCents, askRefund, givenRefundKey } from '../../payments';
import { orderPath, type GivenRefund, type Order, applyOrderFact } from '../../orders';
import { cancelRefundCents, cancelRefusal, orderIdFromCancel } from '../rules/late';
import { builderCancelled, cancelAnswers, choiceMade } from '../rules/late-messages';

export interface CancelLateDeps {
  store: DocumentStore;
  payments: Payments;
  discord: DiscordMessenger;
  clock: Clock;
  /** The drop's slot back on sale (the marketplace's, wired above the modules). */
  freeSlot: (orderId: string) => Promise<void>;
}

type Fixed = { order: Order; refund?: GivenRefund };

export async function cancelLate(deps: CancelLateDeps, interaction: Interaction): Promise<DiscordMessage> {
  const orderId = orderIdFromCancel(interaction.data?.custom_id ?? '');
  const buyer = invoker(interaction);
  if (!orderId || !buyer) return refusals.staleComponent;
  const now = deps.clock.now();
  const fixed = await deps.store.runTransaction(async (tx): Promise<Fixed | DiscordMessage> => {
    const order = await tx.get(orderPath(orderId));
    // This very press, delivered again: it finishes its own cancel, under the refund that cancel
    // wrote down (an earlier delivery's refused refund, under another key, is not it), and
    // another press's cancel is not its own.
    if (order?.commission?.ended === 'cancelled' && order.commission.cancelledByInteraction === interaction.id) {
      const key = order.commission.cancelRefundKey;
      const again = key === undefined ? undefined : order.givenRefunds?.find((r) => r.idempotencyKey === key);
      return { order, ...(again ? { refund: again } : {}) };
    }
    const refusal = cancelRefusal(order, buyer.id, interaction.guild_id, now);
    if (refusal || !order?.commission) return cancelAnswers.of(refusal ?? 'not-found', orderId);
    const { order: withMoney, entries } = await withJournal(tx, order);
    const amountCents = cancelRefundCents(withMoney, entries);
    const given = order.givenRefunds ?? [];
    const refund: GivenRefund | undefined =
      amountCents > 0
        ? {
            idempotencyKey: givenRefundKey(orderId, given.length + 1),
            amountCents,
            byInteraction: interaction.id,
            byUserId: buyer.id,
            reason: 'cancelled: late',
            askedAt: now.toISOString(),
          }
        : undefined;
    // Closed: nothing is left to build or ship (out of the to-ship views, the address erased after its period).
    const closed = applyOrderFact(tx, order, {
      kind: 'cancelled-late',
      at: now.toISOString(),
      keptCents: advancedNetCents(order, entries),
      byInteraction: interaction.id,
      ...(refund ? { refund } : {}),
    });
    return { order: closed, ...(refund ? { refund } : {}) };
  });
  if (!('order' in fixed)) return fixed;
  const { order } = fixed;
  const asked = fixed.refund ? await askRefund(deps, order, fixed.refund) : undefined;
  if (asked?.refusal !== undefined && fixed.refund) {
    await undoCancel(deps.store, orderId, fixed.refund.idempotencyKey);
    return cancelAnswers.refused(order, asked.refusal);
  }
  await deps.freeSlot(orderId);
  const refunded = asked?.amountCents ?? 0;
  const kept = order.commission?.keptCents ?? 0;
  await tellOnce(deps, `cancelled:${orderId}`, order.builderId, builderCancelled(order, refunded, kept));
  await disableChoice(deps.discord, interaction, orderId);
  return cancelAnswers.cancelled(order, refunded, kept);
}

/**
 * The pressed message's buttons, greyed out as Discord shows a choice made. Only its look: the
 * cancel stands whatever Discord answers (the message may be gone), and a press on an old
 * copy is refused as `ended` anyway.
 */
async function disableChoice(discord: DiscordMessenger, interaction: Interaction, orderId: string): Promise<void> {
  const channelId = interaction.message?.channel_id ?? interaction.channel_id;
  if (!interaction.message?.id || !channelId) return;
  await discord.editChannelMessage(channelId, interaction.message.id, choiceMade(orderId)).catch(() => undefined);
}

/**
 * Stripe refused the refund (a refund from its dashboard not yet heard of, a charge already
 * disputed): nothing is cancelled, so the place is back in the line as it was and the buyer
 * may press again. Only the cancel that refund belonged to is undone: a later cancel (this
 * press's own, delivered again, included) made its own refund and stands.
 */
async function undoCancel(store: DocumentStore, orderId: string, refundKey: string): Promise<void> {
  await store.runTransaction(async (tx) => {
    const order = await tx.get(orderPath(orderId));
    if (!order?.commission || order.commission.ended !== 'cancelled' || order.commission.cancelRefundKey !== refundKey) return;
    applyOrderFact(tx, order, { kind: 'cancel-undone' });
  });
}
