/**
 * @module extras-messages
 * What `/groupbuy extras` answers its builder (only they see it), and the DM its
 * waitlist gets with the drop's link. Every refusal says why and what to do instead.
 */
import type { DiscordMessage } from '../../ports';
import { privateNote } from '../../discord';
import { formatMoney } from '../../common';
import type { GroupBuy, GroupBuyExtras } from './group-buy';
import { unitsText } from './group-buy-messages';
import { messageLink } from './interest-messages';
import { extrasExample } from './extras';

/** The extras' post, which opens from anywhere. */
export const extrasLink = (groupBuy: Pick<GroupBuy, 'guildId' | 'channelId'>, extras: Pick<GroupBuyExtras, 'messageId'>): string =>
  messageLink(groupBuy.guildId, groupBuy.channelId, extras.messageId ?? '');

const unitPrice = (groupBuy: Pick<GroupBuy, 'currency'>, extras: Pick<GroupBuyExtras, 'priceCents'>) =>
  formatMoney({ cents: extras.priceCents, currency: groupBuy.currency });

const toldText = (told: number) =>
  told === 0
    ? 'Nobody was on its waitlist.'
    : told === 1
      ? 'The one person on its waitlist was told first, by DM.'
      : `The ${told} people on its waitlist were told first, by DM.`;

export const extrasAnswers = {
  invalid: (problem: string) => privateNote(`${problem}\nTry: ${extrasExample}, adding \`price:<n>\` to sell them at another price than the group buy’s.`),
  notFound: (groupBuyId: string) => privateNote(`There is no group buy \`${groupBuyId}\` of yours in this server. Its id is at the foot of its post.`),
  notFunded: (groupBuy: GroupBuy) =>
    privateNote(
      groupBuy.status === 'open' || groupBuy.status === 'charging'
        ? `**${groupBuy.title}** isn’t funded yet: extras go on sale once every pledge is charged or let go. Run this again after you are told it is funded.`
        : `**${groupBuy.title}** didn’t reach its minimum (or was called off), so it has no extras to sell. Post what you have with \`/c500 drop\` instead.`,
    ),
  notOnboarded: privateNote('Your extras weren’t posted: buyers can’t pay you yet. Run `/c500 onboard` to set up Stripe payouts, then run this again.'),
  crossed: privateNote('Your extras weren’t posted: something got crossed on our side. Run the command again.'),
  onSale: (groupBuy: GroupBuy, extras: GroupBuyExtras, told: number) =>
    privateNote(
      `**${unitsText(extras.units)}** of **${groupBuy.title}** are on sale in <#${groupBuy.channelId}> at ${unitPrice(groupBuy, extras)} each, ready to ship: ${extrasLink(groupBuy, extras)}. ${toldText(told)}`,
    ),
  already: (groupBuy: GroupBuy, extras: GroupBuyExtras) =>
    privateNote(
      `The extras of **${groupBuy.title}** are already on sale (${unitsText(extras.units)} at ${unitPrice(groupBuy, extras)}): ${extrasLink(groupBuy, extras)}. A group buy sells its extras once; post any more with \`/c500 drop\`.`,
    ),
};

/** To each waitlisted member, never charged: what they wanted is on sale, and where. */
export function extrasDm(groupBuy: GroupBuy, extras: GroupBuyExtras): DiscordMessage {
  return {
    content: `You were on the waitlist for **${groupBuy.title}**, so you hear first: its builder has **${unitsText(extras.units)}** extra, ready to ship, at ${unitPrice(groupBuy, extras)} each. Press **Buy Now** on the post to get one: ${extrasLink(groupBuy, extras)}`,
    allowed_mentions: { parse: [] },
  };
}
