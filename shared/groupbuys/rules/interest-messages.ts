/**
 * @module interest-messages
 * What an interest check says, from values: the post with **Interested**, **Not interested**
 * and **Who's interested** (its count of people and units), the answers to each press, and
 * the DM each interested member gets when it opens as a group buy. Names stay out of the
 * channel: the builder alone reads who, in an answer only they see.
 */
import type { DiscordMessage } from '../../ports';
import { colors, privateNote } from '../../discord';
import { formatMoney, linkButtonRow } from '../../common';
import type { Interest, InterestCheck } from './interest-check';
import { componentId } from './components';

const units = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'unit' : 'units'}`;
const people = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'person' : 'people'}`;
const price = (check: Pick<InterestCheck, 'priceCents' | 'currency'>) => formatMoney({ cents: check.priceCents, currency: check.currency });

/** A Discord message's link, which opens it from anywhere. */
export const messageLink = (guildId: string, channelId: string, messageId: string) => `https://discord.com/channels/${guildId}/${channelId}/${messageId}`;

/**
 * The post in the channel: what it is, the expected price, the MOQ, and how many say they would
 * buy. Opened as a group buy, it says "Now open" with the group buy post's link; ended unopened,
 * that it ended. Either way its buttons are gone: it takes no interest, and who was interested
 * is no longer kept.
 */
export function interestPost(check: InterestCheck, groupBuyPost?: { channelId: string; messageId?: string }): DiscordMessage {
  const open = check.status === 'open';
  const lines = [
    ...(check.description ? [check.description] : []),
    `**${price(check)}** a unit expected · needs **${units(check.moq)}** to happen · by <@${check.builderId}>`,
    `${open ? 'Interested so far' : 'Interested'}: **${people(check.interestedPeople)}**, **${units(check.interestedUnits)}** of ${check.moq.toLocaleString('en-US')}.`,
    endLine(check, groupBuyPost),
  ];
  const buttons = [
    { type: 2, style: 3, label: 'Interested', custom_id: componentId('interested', check.checkId) },
    { type: 2, style: 2, label: 'Not interested', custom_id: componentId('notInterested', check.checkId) },
    { type: 2, style: 2, label: 'Who’s interested', custom_id: componentId('whoIsInterested', check.checkId) },
  ];
  return {
    embeds: [
      {
        title: `👀 Interest check${check.status === 'ended' ? ' (ended)' : ''}: ${check.title}`,
        color: colors.peach,
        description: lines.join('\n\n'),
        ...(check.imageUrl ? { image: { url: check.imageUrl } } : {}),
        footer: { text: `Interest check ${check.checkId}${check.status === 'converted' && check.groupBuyId ? ` · group buy ${check.groupBuyId}` : ''}` },
      },
    ],
    // An edit that leaves components out keeps the old buttons: an ended check's post sends none, explicitly.
    components: open ? [{ type: 1, components: buttons }] : [],
    allowed_mentions: { parse: [] },
  };
}

/** What the post ends on: how to say you're interested, where the group buy is now, or that it ended. */
function endLine(check: InterestCheck, groupBuyPost: { channelId: string; messageId?: string } | undefined): string {
  if (check.status === 'converted') {
    const link = groupBuyPost?.messageId ? messageLink(check.guildId, groupBuyPost.channelId, groupBuyPost.messageId) : undefined;
    return `**Now open:** ${link ?? `group buy \`${check.groupBuyId ?? ''}\``}. Join there to pledge (joining saves a card and charges nothing unless it reaches its minimum).`;
  }
  if (check.status === 'ended')
    return `This interest check ended${check.endedAt ? ` <t:${Math.floor(Date.parse(check.endedAt) / 1000)}:D>` : ''} without opening as a group buy. Who was interested is no longer kept.`;
  return 'Press **Interested** to say you would buy, and how many. Nothing is charged and nobody is bound; if it opens as a group buy, you get a DM.';
}

/** The builder's list: each interested member and their quantity, most units first. */
export function interestList(check: InterestCheck, interest: readonly Interest[], listedAtMost: number): DiscordMessage {
  if (interest.length === 0) return privateNote(`Nobody has said they’re interested in **${check.title}** yet.`);
  const sorted = [...interest].sort((a, b) => b.quantity - a.quantity || a.at.localeCompare(b.at));
  const shown = sorted.slice(0, listedAtMost).map((i) => `• <@${i.memberId}> (${i.memberName.replace(/[*_`~|\\<>@]/g, '')}): ${units(i.quantity)}`);
  const more = sorted.length > listedAtMost ? `\n…and ${people(sorted.length - listedAtMost)} more.` : '';
  return privateNote(
    `**${check.title}**: ${people(check.interestedPeople)}, ${units(check.interestedUnits)} of the ${check.moq.toLocaleString('en-US')} you need.\n${shown.join('\n')}${more}\n\nOpen it with \`/groupbuy start from:${check.checkId} closes:14d ships:<YYYY-MM>\`: everyone here gets a DM.`,
  );
}

export const interestAnswers = {
  invalid: (problem: string) => privateNote(`${problem}\nTry: \`/groupbuy interest title:GMK Olivia price:120 moq:50\`.`),
  notAllowed: privateNote('Only a builder who sells on C500 can post an interest check. Run `/c500 onboard` to set up Stripe payouts first.'),
  posted: (check: InterestCheck) =>
    privateNote(
      `Interest check \`${check.checkId}\` is up. Press **Who’s interested** on it to see who. When you’re ready: \`/groupbuy start from:${check.checkId} closes:14d ships:<YYYY-MM>\`.`,
    ),
  marked: (check: InterestCheck, quantity: number, changed: boolean) =>
    privateNote(
      `${changed ? 'Changed: you’re' : 'You’re'} down for **${units(quantity)}** of **${check.title}** (about ${price(check)} a unit). Nothing is charged and you’re not bound; if it opens as a group buy, I’ll DM you. Press **Interested** again to change the quantity, **Not interested** to take it back.`,
    ),
  unmarked: (check: InterestCheck) => privateNote(`Taken back: you’re no longer counted as interested in **${check.title}**.`),
  wasNot: (check: InterestCheck) => privateNote(`You weren’t counted as interested in **${check.title}**, so there’s nothing to take back.`),
  badQuantity: (problem: string) => privateNote(`${problem} Press **Interested** again.`),
  ownCheck: privateNote('That’s your own interest check: your buyers say they’re interested, not you.'),
  /** A press on a check that takes no interest any more: opened as a group buy, or ended. */
  closed: (check: InterestCheck) =>
    check.status === 'converted'
      ? privateNote(`**${check.title}** has opened as a group buy (\`${check.groupBuyId ?? ''}\`): join it there.`)
      : privateNote(`The interest check for **${check.title}** has ended: it no longer takes interest, and who was interested is no longer kept.`),
  notFound: privateNote('That interest check is not here any more.'),
  notBuilder: privateNote('Only the builder who posted this interest check can see who’s interested. Press **Interested** to be counted yourself.'),
};

/** To each interested member when the check opens as a group buy: where to join, and that joining charges nothing yet. */
export function openedDm(check: InterestCheck, title: string, postLink: string | undefined): DiscordMessage {
  return {
    content: `🛒 **${title}**, which you said you’d buy, is open as a group buy by <@${check.builderId}>. Joining saves a card and charges nothing unless it reaches its minimum by the close.${postLink ? ` Join here: ${postLink}` : ''}`,
    ...(postLink ? { components: [linkButtonRow('Open the group buy', postLink)] } : {}),
    allowed_mentions: { parse: [] },
  };
}
