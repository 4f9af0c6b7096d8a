/**
 * @module closed-dm-messages
 * What a person whose DMs are closed is told in the channel instead: a mention (pinging
 * only them) that says what we could not send, where to find it privately, and how to
 * open their DMs. Nothing private is in it: no amount, no link.
 */
import type { DiscordMessage } from '../../ports';

const howToOpen = 'To get these by DM, open your DMs for this server: click the server name → **Privacy Settings** → turn on **Direct Messages**.';

function mention(userId: string, text: string): DiscordMessage {
  return { content: `<@${userId}> ${text}\n${howToOpen}`, allowed_mentions: { users: [userId] } };
}

export const closedDmNotices = {
  receipt: (buyerId: string, orderId: string) =>
    mention(buyerId, `your order \`${orderId}\` is paid, but I couldn’t DM you the receipt. \`/c500 profile\` shows your orders (only you see it).`),
  newOrder: (builderId: string, orderId: string) =>
    mention(
      builderId,
      `you have a new paid order \`${orderId}\`, but I couldn’t DM you about it. \`/c500 profile\` lists the orders waiting for you (only you see it).`,
    ),
  refunded: (buyerId: string, orderId: string) =>
    mention(
      buyerId,
      `your payment for order \`${orderId}\` was refunded, but I couldn’t DM you about it. \`/c500 profile\` shows your orders (only you see it).`,
    ),
  paymentFailed: (buyerId: string, orderId: string) =>
    mention(
      buyerId,
      `your bank payment for order \`${orderId}\` didn’t go through, so nothing was charged and it is cancelled, but I couldn’t DM you about it. \`/c500 profile\` shows your orders (only you see it).`,
    ),
  commissionChoice: (buyerId: string, orderId: string, why: 'late' | 'moved') =>
    mention(
      buyerId,
      `your commission \`${orderId}\` ${why === 'late' ? 'passed its promised date' : 'had its promised date moved by its builder'}, so you may cancel it for a refund or keep waiting, but I couldn’t DM you the details. The buttons below work only for you; \`/c500 queue line\` shows your place (only you see it).`,
    ),
  /** A group buy's order past the end of its ship month: the same choice, and no queue to look in. */
  groupBuyLate: (buyerId: string, orderId: string) =>
    mention(
      buyerId,
      `your group buy order \`${orderId}\` passed the end of its ship month, so you may cancel it for a refund or keep waiting, but I couldn’t DM you the details. The buttons below work only for you; \`/c500 profile\` shows the order (only you see it).`,
    ),
  /** The same choice for a buyer who keeps their name out of the lines: no order, no builder, no "late" beside their name. */
  commissionChoiceUnnamed: (buyerId: string) =>
    mention(
      buyerId,
      `one of your commissions needs a choice from you, but I couldn’t DM you the details. Before you press one of the buttons below (they work only for you), \`/c500 profile\` shows which order it is (only you see it).`,
    ),
  /** A group buy's pay link: the group buy and the deadline to pay by; not the amount, the link, or why the card needed them. */
  groupBuyPayLink: (buyerId: string, title: string, payBy: string) =>
    mention(
      buyerId,
      `**${title.slice(0, 200)}** reached its minimum and your place needs a payment from you, but I couldn’t DM you the link. Run \`/c500 profile\` to get it (only you see it), and pay within 72 hours, by <t:${Math.floor(Date.parse(payBy) / 1000)}:f>, to keep your place.`,
    ),
  auctionWon: (winnerId: string, item: string, secondChance: boolean) =>
    mention(
      winnerId,
      `${secondChance ? 'the item is offered to you as a second chance' : 'you won'}: **${item.slice(0, 200)}**! I couldn’t DM you the payment link. Run \`/c500 profile\` to get it (only you see it), and pay before it expires.`,
    ),
  /** Any other news of a group buy for one of its members (joined, waitlisted, closed, lapsed…): which group buy, and where it stands; nothing of theirs. */
  groupBuyNews: (memberId: string, title: string) =>
    mention(
      memberId,
      `there’s news of **${title.slice(0, 200)}** for you, but I couldn’t DM you. Its post in this channel shows where it stands, and \`/c500 profile\` shows your orders (only you see it).`,
    ),
};
