/**
 * @module group-buy-answers
 * What a group buy answers the person who pressed or typed, only they see it: the start and
 * the extension to the builder, Join, Leave and the saved card to a member. Every refusal says
 * why and what to do instead.
 */
import type { DiscordMessage } from '../../ports';
import { privateNote } from '../../discord';
import { formatMoney, linkButtonRow, maxAmountCents } from '../../common';
import type { ShippingDestinations } from '../../shipping';
import { pledgeChargeCents, type GroupBuy } from './group-buy';
import { consentText, unitsText, unix } from './group-buy-messages';
import { countriesWords, type PledgeShipping } from './pledge-shipping';
import type { PledgeOverStripe } from './chargeable';

/** `The 3 people who pledged were told.`, `The one person … was told.`, or what to say when there was nobody. */
const toldText = (told: number, who: string, nobody: string) =>
  told === 0 ? nobody : told === 1 ? `The one person ${who} was told.` : `The ${told} people ${who} were told.`;

const startExample = '`/groupbuy start title:GMK Olivia price:120 moq:50 closes:14d ships:2027-09`';

export const startAnswers = {
  invalid: (problem: string) => privateNote(`${problem}\nTry: ${startExample}, or \`from:<check id>\` to open an interest check.`),
  notAllowed: privateNote('Only a builder who sells on C500 can open a group buy. Run `/c500 onboard` to set up Stripe payouts first.'),
  checkNotFound: (checkId: string) => privateNote(`There is no interest check \`${checkId}\` of yours in this server. Its id is at the foot of its post.`),
  checkConverted: (checkId: string, groupBuyId: string) =>
    privateNote(`Interest check \`${checkId}\` already opened as group buy \`${groupBuyId}\`: one group buy a check.`),
  started: (groupBuy: GroupBuy, told: number) =>
    privateNote(
      `Group buy \`${groupBuy.groupBuyId}\` is open until <t:${unix(groupBuy.closesAt)}:f>. Nobody is charged unless ${unitsText(groupBuy.moq)} are pledged by then.${groupBuy.fromCheckId ? ` ${toldText(told, `interested in check \`${groupBuy.fromCheckId}\``, 'Nobody had said they were interested in the check.')}` : ''} You may extend it once before it closes: \`/groupbuy extend id:${groupBuy.groupBuyId} by:7d\`.`,
    ),
};

export const joinAnswers = {
  badQuantity: (problem: string) => privateNote(`${problem} Press **Join** again.`),
  pressAgain: privateNote('That took too long to reach me, so nothing was saved. Press **Join** again.'),
  notFound: privateNote('That group buy is not here any more.'),
  closed: (groupBuy: GroupBuy) => privateNote(`**${groupBuy.title}** has closed: it takes no more pledges.`),
  ownGroupBuy: privateNote('That’s your own group buy: your buyers join it, not you.'),
  already: (groupBuy: GroupBuy, quantity: number, waitlisted: boolean) =>
    privateNote(
      `You’re already ${waitlisted ? 'on the waitlist' : 'in'} for **${unitsText(quantity)}** of **${groupBuy.title}**, with your card saved. To change the quantity, press **Leave**, then **Join** again.`,
    ),
  /** `replaced`: an earlier link of theirs was unused, and Stripe now refuses it: said, so they use this one. */
  saveCard: (groupBuy: GroupBuy, quantity: number, url: string, shipping?: PledgeShipping, replaced = false): DiscordMessage => ({
    ...privateNote(
      `To pledge **${unitsText(quantity)}** of **${groupBuy.title}**, save a card on Stripe’s page. ${consentText(groupBuy, quantity, shipping)} The link works until <t:${unix(groupBuy.closesAt)}:R> at the latest.${replaced ? ' The link I gave you before no longer works: use this one.' : ''}`,
    ),
    components: [linkButtonRow('Save a card (nothing is charged now)', url)],
  }),
  /** Two Joins of the member's at once: the other press's link is the live one; this press's was expired at Stripe. */
  pressedTwice: (groupBuy: GroupBuy) =>
    privateNote(
      `You pressed **Join** twice at once, so this press made no link: use the **Save a card** button in my other answer about **${groupBuy.title}**, with the quantity you gave there. To change the quantity later, press **Leave**, then **Join** again.`,
    ),
  /** A Join pressed again after the member had saved a card on the earlier link, whose event had not come yet: that pledge stands. */
  savedOnEarlierLink: (groupBuy: GroupBuy, quantity: number, waitlisted: boolean) =>
    privateNote(
      `Your card was already saved on the link I gave you before, so that pledge stands: you’re ${waitlisted ? 'on the waitlist' : 'in'} for **${unitsText(quantity)}** of **${groupBuy.title}**. To change the quantity, press **Leave**, then **Join** again.`,
    ),
  /** The pledge could come to more than Stripe charges at once (the builder's shipping rose since the start): fewer units, or a word to the builder. */
  overStripeMax: (groupBuy: GroupBuy, quantity: number, over: PledgeOverStripe) => {
    const money = (cents: number) => formatMoney({ cents, currency: groupBuy.currency });
    const said = `**${unitsText(quantity)}** of **${groupBuy.title}** with shipping can come to ${money(over.chargeCents)}, more than Stripe can charge at once (${money(maxAmountCents)}), so nothing was saved and nothing is charged.`;
    return privateNote(
      over.mostUnits > 0
        ? `${said} Press **Join** again with at most **${unitsText(over.mostUnits)}**.`
        : `${said} Not even one unit fits with the builder’s shipping rates as they are now: ask <@${groupBuy.builderId}> to lower them, then press **Join** again.`,
    );
  },
  left: (groupBuy: GroupBuy) =>
    privateNote(`You’ve left **${groupBuy.title}**: nothing will be charged, and your units no longer count. Press **Join** to come back before it closes.`),
  notIn: (groupBuy: GroupBuy) => privateNote(`You haven’t joined **${groupBuy.title}**, so there’s nothing to leave.`),
  tooLateToLeave: (groupBuy: GroupBuy) =>
    privateNote(
      `**${groupBuy.title}** has closed, so you can’t leave it now: ${groupBuy.status === 'not-met' || groupBuy.status === 'cancelled' ? 'nobody was charged anyway.' : 'it met its minimum and pledges are charged as agreed. If it has not shipped by the end of its ship month, you may ask for a refund of what was not yet sent to the builder.'}`,
    ),
};

export const extendAnswers = {
  invalid: (problem: string) => privateNote(`${problem}\nTry: \`/groupbuy extend id:<group buy id> by:7d\`.`),
  notFound: (groupBuyId: string) => privateNote(`There is no group buy \`${groupBuyId}\` of yours in this server. Its id is at the foot of its post.`),
  closed: (groupBuy: GroupBuy) => privateNote(`**${groupBuy.title}** has already closed: only an open group buy can be extended.`),
  already: (groupBuy: GroupBuy) => privateNote(`**${groupBuy.title}** was already extended once: a group buy is extended at most once.`),
  shipsTooSoon: (groupBuy: GroupBuy) =>
    privateNote(`Extended that far, **${groupBuy.title}** would close after its ship month: extend by less, or start a new group buy with a later \`ships\`.`),
  extended: (groupBuy: GroupBuy, told: number) =>
    privateNote(
      `**${groupBuy.title}** now closes <t:${unix(groupBuy.closesAt)}:f> (<t:${unix(groupBuy.closesAt)}:R>). ${toldText(told, 'who pledged', 'Nobody has pledged yet.')}`,
    ),
};

/** What a pledge will be charged, in words: the price, and the shipping fixed from the address when there is one. */
export function chargeWords(groupBuy: Pick<GroupBuy, 'priceCents' | 'currency'>, quantity: number, shippingCents: number | undefined): string {
  const total = formatMoney({ cents: pledgeChargeCents(groupBuy, { quantity, shippingCents }), currency: groupBuy.currency });
  if (shippingCents === undefined) return total;
  return `${total}, ${shippingCents === 0 ? 'shipping free' : `with ${formatMoney({ cents: shippingCents, currency: groupBuy.currency })} shipping`}`;
}

/** The DM of a member whose card was saved: in, or on the waitlist, and what it will cost. */
export function pledgedDm(groupBuy: GroupBuy, quantity: number, waitlisted: boolean, shippingCents?: number): DiscordMessage {
  const amount = chargeWords(groupBuy, quantity, shippingCents);
  return {
    content: waitlisted
      ? `Your card is saved for **${groupBuy.title}**, but it is full: you’re on the waitlist for **${unitsText(quantity)}**. If units free up before the close, you move in and I’ll tell you; otherwise nothing is charged.`
      : `You’re in: **${unitsText(quantity)}** of **${groupBuy.title}** (${amount}). Nothing is charged now; ${amount} is charged <t:${unix(groupBuy.closesAt)}:f> only if it reaches its minimum of ${unitsText(groupBuy.moq)}. Press **Leave** on its post before then to change your mind.`,
    allowed_mentions: { parse: [] },
  };
}

/** A card saved on a group buy that had closed (or was called off) by then: nothing was kept. */
export function tooLateDm(groupBuy: GroupBuy): DiscordMessage {
  return {
    content: `Your card was saved after **${groupBuy.title}** closed, so it was not pledged: nothing is kept for it and nothing will be charged.`,
    allowed_mentions: { parse: [] },
  };
}

/** A card Stripe saved before the close whose pledge the close could not count (it could not read Stripe then): nothing kept. */
export function missedCloseDm(groupBuy: GroupBuy): DiscordMessage {
  return {
    content: `Your card was saved before **${groupBuy.title}** closed, but it reached me only after its pledges were counted, so it was not pledged: nothing is kept for it and nothing will be charged. Sorry about that.`,
    allowed_mentions: { parse: [] },
  };
}

/**
 * A card saved with an address the builder does not ship to (they changed where they ship
 * since the member pressed Join): nothing counts, and what to do instead.
 */
export function noShippingDm(groupBuy: GroupBuy, country: string | undefined, shipsTo: ShippingDestinations): DiscordMessage {
  return {
    content: `Your card was saved for **${groupBuy.title}**, but its builder does not ship to ${country ?? 'the address given'}, so you are not in: nothing counts and nothing will be charged. To join, press **Join** on its post again and give an address in one of these countries: ${countriesWords(shipsTo)}.`,
    allowed_mentions: { parse: [] },
  };
}

/** A waitlisted member moved in when units freed up. */
export function movedInDm(groupBuy: GroupBuy, quantity: number, shippingCents?: number): DiscordMessage {
  return {
    content: `Units freed up in **${groupBuy.title}**: your **${unitsText(quantity)}** moved off the waitlist and count now. ${chargeWords(groupBuy, quantity, shippingCents)} is charged <t:${unix(groupBuy.closesAt)}:f> only if it reaches its minimum.`,
    allowed_mentions: { parse: [] },
  };
}

/** To each pledger when the builder extends: the new close. */
export function extendedDm(groupBuy: GroupBuy): DiscordMessage {
  return {
    content: `**${groupBuy.title}** was extended by its builder: it now closes <t:${unix(groupBuy.closesAt)}:f> (<t:${unix(groupBuy.closesAt)}:R>). Your pledge stands and nothing is charged unless it reaches its minimum by then; press **Leave** on its post before then to change your mind.`,
    allowed_mentions: { parse: [] },
  };
}
