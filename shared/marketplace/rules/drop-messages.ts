/**
 * @module drop-messages
 * The public drop post with its Buy Now button, and what a builder or buyer reads about it.
 */
import type { DiscordMessage } from '../../ports';
import { buyNowCustomId, isSoldOut, type Drop } from './drop';
import { EPHEMERAL, colors, privateNote } from '../../discord';
import { linkButtonRow, formatMoney } from '../../common';
import { blockedAfterDisputeWords } from '../../auctions';

export function dropPost(drop: Drop): DiscordMessage {
  const soldOut = isSoldOut(drop);
  const availability = drop.commission
    ? queueAvailability(drop, soldOut)
    : drop.kind === 'commission'
      ? 'Commission: built to order, live on stream'
      : soldOut
        ? `Sold out (${drop.stock} made)`
        : `Ready to ship: ${drop.stockAvailable} of ${drop.stock} left`;
  return {
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: drop.title,
        description: drop.description,
        color: soldOut ? colors.rose : colors.peach,
        fields: [
          { name: 'Price', value: formatMoney({ cents: drop.priceCents, currency: drop.currency }), inline: true },
          { name: 'Builder', value: `<@${drop.builderId}>`, inline: true },
          { name: 'Availability', value: availability },
        ],
        ...(drop.imageUrl ? { image: { url: drop.imageUrl } } : {}),
        footer: { text: 'Paid through Stripe. Your money is held until the builder shows your order on stream.' },
      },
    ],
    components: [
      {
        type: 1,
        components: [{ type: 2, style: soldOut ? 2 : 3, label: soldOut ? 'Sold out' : 'Buy Now', custom_id: buyNowCustomId(drop.dropId), disabled: soldOut }],
      },
    ],
  };
}

/** A queue's slots and promise, as a buyer weighs them: how many are open, and when a build is promised. */
function queueAvailability(drop: Drop, soldOut: boolean): string {
  const terms = drop.commission;
  if (!terms) return '';
  const slots = soldOut
    ? `All ${terms.slots} ${terms.slots === 1 ? 'slot is' : 'slots are'} taken: \`/c500 queue builder:\` shows the builder’s line`
    : `${drop.stockAvailable ?? 0} of ${terms.slots} ${terms.slots === 1 ? 'slot' : 'slots'} open`;
  const lead = `each built within ${terms.leadWeeks} ${terms.leadWeeks === 1 ? 'week' : 'weeks'} of paying${terms.oneAtATime ? ', one at a time after the place before it' : ''}`;
  const parts = terms.tranches.filter((t) => t.milestone !== 'done' && t.percent > 0);
  const paid =
    parts.length > 0
      ? `The builder is paid ${parts.map((t) => `${t.percent}% at ${t.milestone}`).join(', ')} and the rest at done, each step proven live.`
      : 'The builder is paid when it is done, proven live.';
  return `Commission queue: ${slots}; ${lead}. ${paid} Late past the promised date? You can cancel for a refund of what was not released.`;
}

export function dropPosted(drop: Drop): DiscordMessage {
  return privateNote(
    `Your drop **${drop.title}** is up in <#${drop.channelId}>. When someone buys, I’ll DM you the order id to prove live with \`/c500 live mode:order:<id>\`.`,
  );
}

export const dropRefusals = {
  notOnboarded: privateNote('Your drop wasn’t posted: buyers can’t pay you yet. Run `/c500 onboard` to set up Stripe payouts, then `/c500 drop` again.'),
  submitAgain: privateNote('Your drop wasn’t posted: something got crossed on our side. Run `/c500 drop` again.'),
  guildNotSetUp: privateNote('Your drop wasn’t posted: this server has no marketplace channel yet. Ask an admin to run `/c500 setup`.'),
  invalid: (problems: string[]) => privateNote(`Your drop wasn’t posted. Fix these and run \`/c500 drop\` again:\n${problems.map((p) => `• ${p}`).join('\n')}`),
};

export const buyRefusals = {
  gone: privateNote('That drop is no longer for sale. Keep an eye on the marketplace channel for the next one.'),
  ownDrop: privateNote('That’s your own drop: you can’t buy it. Share it with your buyers instead!'),
  soldOut: (drop: Drop) =>
    privateNote(
      drop.commission
        ? `**${drop.title}** is sold out: all ${drop.stock} slots in the queue are taken. A slot comes back if a checkout expires unpaid or a buyer cancels; try Buy Now again later, and see the line with \`/c500 queue builder:@${drop.builderName}\`.`
        : `**${drop.title}** is sold out: all ${drop.stock} are claimed. If a checkout expires unpaid, one comes back; try Buy Now again later.`,
    ),
  pressAgain: privateNote('Something got crossed on our side and nothing was reserved. Press Buy Now again.'),
  builderCannotSell: privateNote('The builder can’t take payments right now (their Stripe account needs attention). Try again later.'),
  blocked: privateNote('You can’t buy or bid in this server’s marketplace right now. If you think this is a mistake, ask a server admin.'),
  // An automatic decision (GDPR Art. 22): said why, and who can review it.
  blockedAfterDispute: privateNote(blockedAfterDisputeWords('You can’t buy or bid in this server’s marketplace')),
};

/** `shippingNote`: how the item reaches the buyer (shipping added at checkout, or arranged with the builder). */
export function checkoutReady(title: string, amountLabel: string, url: string, expiresAt: string, reserved: boolean, shippingNote?: string): DiscordMessage {
  const until = `<t:${Math.floor(Date.parse(expiresAt) / 1000)}:t>`;
  const lead = reserved
    ? `**${title}** is held for you until ${until}. Pay ${amountLabel} with Stripe to make it yours.`
    : `Your checkout for **${title}** (${amountLabel}) is open until ${until}.`;
  return {
    flags: EPHEMERAL,
    content: shippingNote ? `${lead}\n${shippingNote}` : lead,
    components: [linkButtonRow(`Pay ${amountLabel}`, url)],
  };
}
