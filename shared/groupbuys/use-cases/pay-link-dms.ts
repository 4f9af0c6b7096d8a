/**
 * @module pay-link-dms
 * A pay link's DM carries a **Pay now** (or **Confirm and pay**) button; once the pledge is
 * paid, each such DM is edited to say so, the button gone, so nobody is left a button to a
 * payment made. Where each went (its DM channel and message, as Discord answered the send) is
 * kept on the pledge when sent. Paid first and told after (the DM's send retried past the
 * payment), the DM is edited as soon as it is kept. Every edit writes the same words, so a
 * redelivered payment (or a DM kept twice) edits again to the same message, and nothing else.
 */
import type { DiscordMessenger, DocumentStore, SentDm } from '../../ports';
import { discordErrorCode, discordErrorCodes } from '../../errors';
import { log } from '../../log';
import { orderPath, type Order } from '../../orders';
import { pledgePath } from '../rules/group-buy';
import { closeDms } from '../rules/close-messages';

interface PayLinkDmDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
}

/** A pledge's chain of links is a few a day for 72 hours: more than this is not kept. */
const payLinkDmsKept = 8;

/** Keeps where a pay link's DM went; when the pledge was paid meanwhile, edits it at once. */
export async function keepPayLinkDm(deps: PayLinkDmDeps, groupBuyId: string, buyerId: string, sent: SentDm): Promise<void> {
  const path = pledgePath(groupBuyId, buyerId);
  const paid = await deps.store.runTransaction(async (tx) => {
    const pledge = await tx.get(path);
    if (!pledge) return undefined;
    const order = pledge.orderId ? await tx.get(orderPath(pledge.orderId)) : undefined;
    const kept = pledge.payLinkDms ?? [];
    if (!kept.some((dm) => dm.messageId === sent.messageId))
      tx.update(path, { payLinkDms: [...kept, { channelId: sent.channelId, messageId: sent.messageId }].slice(-payLinkDmsKept) });
    return order && isPaid(order) ? order : undefined;
  });
  if (paid) await editToPaid(deps, sent, paid);
}

/** The pledge of a paid order: each of its pay links' DMs says it is paid, without a button. */
export async function markPayLinkDmsPaid(deps: PayLinkDmDeps, groupBuyId: string, order: Order): Promise<void> {
  const pledge = await deps.store.get(pledgePath(groupBuyId, order.buyerId));
  if (pledge?.orderId !== order.orderId) return;
  for (const dm of pledge.payLinkDms ?? []) await editToPaid(deps, dm, order);
}

/** Paid, and whatever came of it since (production, shipping, a refund): the pay link is done with either way. */
const isPaid = (order: Order): boolean => order.paidAt !== undefined;

async function editToPaid(deps: PayLinkDmDeps, dm: SentDm, order: Order): Promise<void> {
  try {
    await deps.discord.editChannelMessage(dm.channelId, dm.messageId, closeDms.payLinkPaid(order));
  } catch (error) {
    // Gone, or their DMs closed since: nothing is left to press, or nobody can be shown. An outage throws, and the event comes back.
    const code = discordErrorCode(error);
    const final: number[] = [discordErrorCodes.unknownMessage, discordErrorCodes.unknownChannel, discordErrorCodes.cannotMessageUser];
    if (code === undefined || !final.includes(code)) throw error;
    log.info('a paid pay link’s DM could not be edited', { event: 'groupbuy.pay-dm-edit', code, orderId: order.orderId });
  }
}
