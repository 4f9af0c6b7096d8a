/**
 * @module giveaway-messages
 * What a giveaway says, from values: the post with **Enter**, "No purchase necessary" and the
 * commitment; the answers to an entry; the draw with the revealed seed; the winner's DM with
 * **Confirm and give address**; the sponsor's note of where to ship. Names and addresses
 * stay out of channels: the channel names a winner by mention, a chatter by their login.
 */
import type { DiscordMessage } from '../../ports';
import { colors, privateNote } from '../../discord';
import { addressLines } from '../../payments';
import { type Order } from '../../orders';
import { registryEntry } from '../../registry';
import { blockedAfterDisputeWords } from '../../auctions';
import type { Giveaway, GiveawayRound } from './giveaway';
import { claimButtonId, enterButtonId } from './address-form';

export const noPurchase = 'No purchase necessary';

export const rulesUrl = (baseUrl: string, giveawayId: string) => `${baseUrl.replace(/\/+$/, '')}/giveaway/${giveawayId}/rules`;
export const entriesUrl = (baseUrl: string, giveawayId: string) => `${baseUrl.replace(/\/+$/, '')}/giveaway/${giveawayId}`;

const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/**
 * The post in the channel: how to enter (button, `!enter` in chat), the rules and the commitment.
 * Once drawn (`drawnAt`) the draw edits it: "drawn in 30 minutes" and **Enter** would say a
 * state that ended, so it says when it was drawn (a date, true for good) and keeps the links.
 */
export function giveawayPost(giveaway: Giveaway, baseUrl: string): DiscordMessage {
  const chat = giveaway.broadcasterLogin ? ` or type \`!enter\` in twitch.tv/${giveaway.broadcasterLogin}’s chat` : '';
  const winners = giveaway.winners === 1 ? 'One winner' : `${giveaway.winners} winners`;
  const open = [
    `**${noPurchase}.** Entry is free: press **Enter**${chat}. One entry a person; buying anything never adds one.`,
    `Sponsored by <@${giveaway.sponsorId}>. ${winners}, drawn <t:${unix(giveaway.endsAt)}:R>; odds depend on the number of entries.`,
    `A winner confirms within ${giveaway.confirmMinutes} minutes or the prize is drawn again.`,
  ];
  const drawn = giveaway.drawnAt && [
    `**${noPurchase}.** Entry is closed.`,
    `Sponsored by <@${giveaway.sponsorId}>. Drawn <t:${unix(giveaway.drawnAt)}:f> from ${giveaway.entrants ?? 0} ${giveaway.entrants === 1 ? 'entry' : 'entries'}: the winners are in the draw’s post.`,
  ];
  return {
    embeds: [
      {
        title: `🎁 Giveaway: ${giveaway.prize}`,
        color: colors.mint,
        description: [...(drawn || open), `Draw commitment (SHA-256 of the secret seed, revealed at the draw):\n\`${giveaway.commitment}\``].join('\n\n'),
        footer: { text: `Giveaway ${giveaway.giveawayId}` },
      },
    ],
    components: [
      ...(drawn ? [] : [{ type: 1, components: [{ type: 2, style: 3, label: 'Enter (free)', custom_id: enterButtonId(giveaway.giveawayId) }] }]),
      {
        type: 1,
        components: [
          { type: 2, style: 5, label: 'Official rules', url: rulesUrl(baseUrl, giveaway.giveawayId) },
          { type: 2, style: 5, label: 'Entries and draw', url: entriesUrl(baseUrl, giveaway.giveawayId) },
        ],
      },
    ],
    allowed_mentions: { parse: [] },
  };
}

/** Told to the entrant alone: the list shows nobody's name, so this is how they find themselves in it. */
const yourPseudonym = (pseudonym: string) => `Your entry in the public list (only you are told this): \`${pseudonym}\``;

export const giveawayAnswers = {
  invalid: (problem: string) => privateNote(`${problem}\nTry: \`/giveaway start prize:<text> duration:30m winners:1\`.`),
  notAllowed: privateNote('Only a builder who sells on C500, a show host or a server admin can start a giveaway here.'),
  started: (giveaway: Giveaway, baseUrl: string) =>
    privateNote(
      `Giveaway \`${giveaway.giveawayId}\` is open until <t:${unix(giveaway.endsAt)}:f>. Official rules: ${rulesUrl(baseUrl, giveaway.giveawayId)}${giveaway.broadcasterLogin ? `\n\`!enter\` counts in twitch.tv/${giveaway.broadcasterLogin}’s chat while chat bidding is on there.` : ''}`,
    ),
  entered: (giveaway: Giveaway, baseUrl: string, pseudonym: string) =>
    privateNote(
      `You’re in the draw for **${giveaway.prize}**. ${noPurchase}. Rules and every entry: ${rulesUrl(baseUrl, giveaway.giveawayId)}\n${yourPseudonym(pseudonym)}`,
    ),
  already: (giveaway: Giveaway, pseudonym: string) =>
    privateNote(`You’re already in the draw for **${giveaway.prize}**: one entry a person, and buying never adds one.\n${yourPseudonym(pseudonym)}`),
  sponsor: privateNote('You sponsor this giveaway, so you can’t enter it.'),
  blocked: privateNote('A server admin has blocked you from this server’s auctions and giveaways, so you can’t enter.'),
  // C500's own block after a disputed payment, an automatic decision (GDPR Art. 22): said why and how to contest it, as a bid and Buy Now say it.
  blockedAfterDispute: privateNote(blockedAfterDisputeWords('You can’t enter this server’s giveaways')),
  closed: privateNote('This giveaway has closed: its draw is done or under way.'),
  notFound: privateNote('That giveaway is not running here any more.'),
  notWinner: privateNote('This prize is not yours to claim: only the winner of that round can confirm it.'),
  tooLate: (round: GiveawayRound) =>
    privateNote(`The time to confirm round ${round.round} ran out <t:${unix(round.confirmBy)}:R>, so the prize went to a new draw.`),
  badAddress: (problem: string) => privateNote(`${problem} Press **Confirm and give address** again.`),
  confirmed: (giveaway: Giveaway, order: Order) =>
    privateNote(
      `Confirmed: **${giveaway.prize}** is yours. <@${giveaway.sponsorId}> ships it to the address you gave (only they see it); you’ll get the tracking by DM. Order \`${order.orderId}\`.`,
    ),
};

/** Each round as it stands: a winner who confirmed or let the time run out is no longer asked to confirm. */
function winnerLines(rounds: readonly GiveawayRound[]): string {
  const line = (r: GiveawayRound) =>
    r.state === 'confirmed'
      ? `Round ${r.round}: ${r.winnerLabel} confirmed ✓`
      : r.state === 'lapsed'
        ? `Round ${r.round}: ${r.winnerLabel} did not confirm in time, so the prize was drawn again`
        : `Round ${r.round}: ${r.winnerLabel}, confirm by <t:${unix(r.confirmBy)}:t>`;
  return rounds.map(line).join('\n');
}

/** In the channel, after the draw: the winners, the revealed seed, and how to check it; a Confirm button for each round still waiting. */
export function drawPost(giveaway: Giveaway, rounds: readonly GiveawayRound[], baseUrl: string): DiscordMessage {
  const rules = rulesUrl(baseUrl, giveaway.giveawayId);
  const waiting = rounds.filter((r) => r.state === 'waiting');
  const ask = waiting.length
    ? '\n\nA winner presses **Confirm and give address** (in their DMs, or here) before the time is up, or the prize is drawn again from the same seed.'
    : '';
  const body = rounds.length === 0 ? 'Nobody entered, so nobody wins.' : `${winnerLines(rounds)}${ask}`;
  return {
    content: `🎁 **${giveaway.prize}**: the draw (${giveaway.entrants ?? 0} ${giveaway.entrants === 1 ? 'entry' : 'entries'})\n${body}\n\nSeed: \`${giveaway.seed}\`\nIts SHA-256 is the commitment \`${giveaway.commitment}\`.${giveaway.entriesHash ? ` Entries’ hash, fixed at the close: \`${giveaway.entriesHash}\`.` : ''} Recompute the draw from the seed and the entries: ${rules}`,
    // No row at all once none waits: an edit that leaves `components` out would keep the old buttons.
    components:
      waiting.length === 0 ? [] : [{ type: 1, components: waiting.slice(0, 5).map((r) => claimButton(giveaway.giveawayId, r.round, rounds.length > 1)) }],
    allowed_mentions: { users: rounds.filter((r) => /^\d+$/.test(r.winnerId)).map((r) => r.winnerId) },
  };
}

function claimButton(giveawayId: string, round: number, numbered: boolean) {
  return {
    type: 2,
    style: 3,
    label: numbered ? `Confirm round ${round} and give address` : 'Confirm and give address',
    custom_id: claimButtonId(giveawayId, round),
  };
}

/**
 * In the channel, when a winner let the time run out: the next round's winner, with its Confirm
 * button while it waits; once that round is confirmed or lapses too, the same post says so
 * and offers nothing.
 */
export function redrawPost(giveaway: Giveaway, lapsed: GiveawayRound, next: GiveawayRound | undefined): DiscordMessage {
  const picked = next && `Round ${next.round} (same seed) picked ${next.winnerLabel}`;
  const what = !next
    ? 'Nobody is left to draw: the prize stays with the sponsor.'
    : next.state === 'confirmed'
      ? `${picked}, who confirmed ✓`
      : next.state === 'lapsed'
        ? `${picked}, who did not confirm in time either, so the prize was drawn again.`
        : `Round ${next.round} (same seed) picks ${next.winnerLabel}: confirm by <t:${unix(next.confirmBy)}:t>.`;
  return {
    content: `🎁 **${giveaway.prize}**: round ${lapsed.round}’s winner did not confirm in time. ${what}`,
    // An empty row list, not none: an edit that leaves `components` out would keep the button.
    components: next?.state === 'waiting' ? [{ type: 1, components: [claimButton(giveaway.giveawayId, next.round, true)] }] : [],
    allowed_mentions: next?.state === 'waiting' && /^\d+$/.test(next.winnerId) ? { users: [next.winnerId] } : { parse: [] },
  };
}

/** To the winner: the button that confirms and asks the address. */
export function winnerDm(giveaway: Giveaway, round: GiveawayRound): DiscordMessage {
  return {
    embeds: [
      {
        title: `🎉 You won ${giveaway.prize}`,
        color: colors.mint,
        description: `You won round ${round.round} of the giveaway sponsored by <@${giveaway.sponsorId}>. Confirm by <t:${unix(round.confirmBy)}:t> (<t:${unix(round.confirmBy)}:R>) and say where to ship it, or the prize is drawn again. Nothing to pay.`,
      },
    ],
    components: [{ type: 1, components: [claimButton(giveaway.giveawayId, round.round, false)] }],
  };
}

/** To the sponsor, once the winner confirmed: the order to ship, with the address (theirs alone to see). */
export function sponsorShipNote(giveaway: Giveaway, order: Order): DiscordMessage {
  const to = order.shippingAddress ? `Ship to:\n\`\`\`\n${addressLines(order.shippingAddress)}\n\`\`\`` : '';
  return {
    content: `🎁 <@${order.buyerId}> confirmed their prize **${giveaway.prize}** (giveaway \`${giveaway.giveawayId}\`, order \`${order.orderId}\`).\n${to}\nWhen it’s on its way: \`/c500 ship order:${order.orderId} tracking:<number>\`.`,
    allowed_mentions: { parse: [] },
  };
}

/** What the bot says in the Twitch chat to an `!enter`. */
export const chatAnswers = {
  // Chat is public: the pseudonym is in the chatter's own data, behind their Twitch sign-in, never in this line.
  entered: (login: string, giveaway: Giveaway, baseUrl: string) =>
    `@${login} you’re in the draw for ${giveaway.prize.slice(0, 80)}. ${noPurchase}. Rules: ${rulesUrl(baseUrl, giveaway.giveawayId)} · your entry in the list, for you alone: ${baseUrl.replace(/\/+$/, '')}${registryEntry('chatterPrivacy', 'http').route}`,
  already: (login: string) => `@${login} you’re already in: one entry a person.`,
  signIn: (login: string, signInUrl: string) =>
    `@${login} to enter from chat, sign in with Twitch once (it only reads who you are): ${signInUrl} then type !enter again.`,
  refused: (login: string) => `@${login} you can’t enter this giveaway.`,
  won: (login: string, giveaway: Giveaway, round: GiveawayRound) =>
    `@${login} you won ${giveaway.prize.slice(0, 80)}! Confirm in Discord before ${round.confirmBy.slice(11, 16)} UTC: link this Twitch account with /c500 link-twitch, then press Confirm on the draw's post.`,
};
