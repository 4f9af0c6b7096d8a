/**
 * @module live-messages
 * `/c500 live`: the builder's answer for every outcome, and the public announcements.
 */
import type { DiscordMessage } from '../../ports';
import { colors, privateNote } from '../../discord';
import { describeProof, type ProofView } from '../../payments';
import { type GateWait, type Milestone } from '../../orders';

/** Why one order could not be verified, in words the builder can act on. */
export type OrderRefusal =
  | 'not-found'
  | 'not-yours'
  | 'not-paid'
  | 'refunded'
  | 'expired'
  | 'already-verified'
  | 'shipped'
  | 'release-refused'
  | 'disputed'
  | 'dispute-lost'
  | 'fraud-warning'
  | 'account-revoked'
  | 'no-milestones'
  | 'milestone-passed'
  | 'prize';

export interface OrderOutcome {
  orderId: string;
  ok: boolean;
  title?: string;
  refusal?: OrderRefusal;
  releasedLabel?: string;
  /** Stripe's words, for a release it refused. */
  detail?: string;
  /** The proof's link as it stands: a clip, the VOD, or the channel. */
  proof?: ProofView;
  /** A commission's milestone before `done`, proved live. */
  milestone?: Milestone;
  /** The commission's step to prove after it. */
  next?: Milestone;
  /** Why its tranche did not go out now (a dispute holds it). */
  held?: boolean;
  /** Proved, and its last payout waits at the delivery gate: for what. */
  waitsFor?: GateWait;
}

/** What the builder reads of a last payout the delivery gate holds. */
const gateWords: Record<GateWait, string> = {
  shipping: 'your payout leaves once it is delivered: ship it with `/c500 ship`',
  delivery: 'your payout leaves once the carrier delivers it (or the buyer presses Received)',
  window: 'delivered: your payout leaves once the buyer’s days to report a problem have passed',
  'parcel-problem': 'its parcel was returned or lost: the payout waits for the server’s admin to choose a reship or a refund',
};

const refusalText: Record<OrderRefusal, string> = {
  'not-found': 'no such order',
  'not-yours': 'not one of your orders',
  'not-paid': 'not paid yet',
  refunded: 'refunded',
  expired: 'checkout expired unpaid',
  'already-verified': 'already verified on stream earlier',
  shipped: 'already shipped',
  'release-refused': 'Stripe refused the release; still paid, buyer not told',
  disputed: 'proof recorded, but the buyer disputed the payment: nothing is released while the dispute is open; it goes out if the dispute is won',
  'dispute-lost': 'the buyer’s dispute was lost: the bank returned the payment, so there is nothing to release',
  'fraud-warning':
    'proof recorded, but Stripe flagged the payment as likely fraud: nothing is released while an admin reviews it (or the buyer is refunded, as Stripe advises)',
  'account-revoked':
    'proof recorded, but you disconnected C500 from your Stripe account: the money waits until you run `/c500 onboard` and Stripe has checked the new account',
  'no-milestones': 'not a commission from your queue: prove it whole with `/c500 live mode:order:<id>` (no milestone)',
  'milestone-passed': 'that milestone is already proved, or comes before one that is: prove the next one',
  prize: 'a giveaway’s prize: nobody paid for it, so nothing is held to release; send it with `/c500 ship`',
};

/** Stripe's reason for a refused release, cut short: ten of them still fit Discord's 2,000 characters. */
function refusalLine(o: OrderOutcome): string {
  const text = refusalText[o.refusal ?? 'not-found'];
  const why = o.refusal === 'release-refused' ? (o.detail ?? '').replace(/\s+/g, ' ').slice(0, 80) : '';
  // A dispute's due date, and what the builder can still do before it.
  if (o.refusal === 'disputed')
    return `${text}${o.detail ? ` (evidence due ${o.detail.slice(0, 40)})` : ''}; add a note to the evidence with \`/c500 dispute note order:${o.orderId} text:…\``;
  return why ? `${text} (“${why}”)` : text;
}

const releaseAdvice = 'Stripe must be able to send you transfers: check your payouts with `/c500 onboard`, then run `/c500 live` on the order again.';

export const liveRefusals = {
  notLinked: privateNote('Link the Twitch channel you build on first: `/c500 link-twitch`. Only a channel you authorized can prove your work.'),
  offline: (login: string) =>
    privateNote(
      `You’re not live on **twitch.tv/${login}** right now, so nothing was posted or verified. Go live on that channel, then run \`/c500 live\` again.`,
    ),
  notLiveBroadcast: (login: string, type: string) =>
    privateNote(
      `**twitch.tv/${login}** is playing a ${type}, not a live broadcast. Proof of work needs you live: start a live stream, then run \`/c500 live\` again.`,
    ),
  twitchUnavailable: privateNote(
    'Twitch didn’t answer when I checked whether you’re live, so nothing was posted or verified. Try `/c500 live` again in a minute.',
  ),
  guildNotSetUp: privateNote('This server has no channels set up for announcements. Ask an admin to run `/c500 setup`.'),
  invalid: (reason: string) => privateNote(reason),
};

/** One summary for the builder, however many orders were listed. */
export function ordersVerified(outcomes: OrderOutcome[], streamLink: string): DiscordMessage {
  const verified = outcomes.filter((o) => o.ok);
  const refused = outcomes.filter((o) => !o.ok);
  const lines = [
    ...verified.map(
      (o) =>
        `✅ \`${o.orderId}\` ${o.title ?? ''}: ${o.milestone ? `**${o.milestone}** proved` : 'on the workbench'}; buyer notified${o.releasedLabel ? `, ${o.releasedLabel} released to you` : ''}${o.waitsFor ? `; ${gateWords[o.waitsFor]}` : ''}${o.held ? '; its part waits while the buyer’s dispute is open' : ''}${o.next ? `; next step: **${o.next}**` : ''}`,
    ),
    ...refused.map((o) => `✖️ \`${o.orderId}\`: ${refusalLine(o)}`),
  ];
  const headline =
    refused.length === 0
      ? `Verified live on ${streamLink}`
      : verified.length === 0
        ? 'Nothing was verified'
        : `${verified.length} of ${outcomes.length} verified live on ${streamLink}`;
  const advice = refused.some((o) => o.refusal === 'release-refused') ? `\n${releaseAdvice}` : '';
  // Every order of one command shares the one clip (or VOD): said once, ahead of the lines Discord may cut.
  const proof = verified.find((o) => o.proof)?.proof;
  const proofLine = proof ? `\n🎬 Proof: ${describeProof(proof)}` : '';
  return privateNote(`**${headline}**${proofLine}\n${lines.join('\n')}${advice}`.slice(0, 2000));
}

export function hangoutAnnouncement(builderId: string, streamLink: string): DiscordMessage {
  return {
    content: `🛋️ <@${builderId}> is hanging out live. Come say hi: ${streamLink}`,
    allowed_mentions: { parse: [] },
  };
}

export function dropHype(builderId: string, streamLink: string, dropRoleId: string | null | undefined): DiscordMessage {
  return {
    content: `${dropRoleId ? `<@&${dropRoleId}> ` : ''}🔥 <@${builderId}> is live with a drop! Watch and grab it before it’s gone: ${streamLink}`,
    allowed_mentions: { parse: [], roles: dropRoleId ? [dropRoleId] : [] },
    embeds: [{ title: 'Live drop', url: streamLink, color: colors.peach, description: 'Buy Now buttons are in this channel.' }],
  };
}

export function announced(channelId: string, what: 'hangout' | 'drop'): DiscordMessage {
  return privateNote(what === 'hangout' ? `Posted your hangout in <#${channelId}>.` : `Posted your drop hype in <#${channelId}> and pinged the drop role.`);
}
