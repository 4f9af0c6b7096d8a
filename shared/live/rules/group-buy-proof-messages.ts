/**
 * @module group-buy-proof-messages
 * `/c500 live mode:groupbuy:<id> milestone:<m>`: the builder's answer for each refusal and
 * for the proof, and the one DM that sums the milestone up once every order has it. Counts
 * and money only: no buyer is named.
 */
import type { DiscordMessage } from '../../ports';
import { privateNote } from '../../discord';
import { formatMoney } from '../../common';
import { milestones, type Milestone } from '../../orders';
import type { GroupBuy, GroupBuyMilestone } from '../../groupbuys';
import type { FanOutTally, WaitReason } from './group-buy-fan-out';
import type { OrderRefusal } from './live-messages';

const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const named = (g: Pick<GroupBuy, 'title' | 'groupBuyId'>) => `**${g.title}** (\`${g.groupBuyId}\`)`;
const later = (m: Milestone) => milestones.filter((x) => milestones.indexOf(x) > milestones.indexOf(m));

/** Why this group buy's milestone cannot be proved now, in words the builder can act on. */
export const groupBuyProofRefusals = {
  notFound: (groupBuyId: string) =>
    privateNote(`There is no group buy \`${groupBuyId}\` in this server. Its id is the 8 characters at the foot of its post; run the command in its server.`),
  notYours: (g: GroupBuy) => privateNote(`${named(g)} is another builder’s group buy: only its builder proves its production.`),
  notFunded: (g: GroupBuy) => {
    switch (g.status) {
      case 'open':
        return privateNote(
          `${named(g)} is still open until <t:${unix(g.closesAt)}:f>. Production is proved once it is funded: its pledges charged at the close.`,
        );
      case 'charging':
        return privateNote(
          `${named(g)} is not funded yet: its pledges are still being charged, or some buyers have a pay link still open. Production is proved once every pledge is settled; its post says **Funded** then.`,
        );
      default:
        return privateNote(
          `${named(g)} was never funded (${g.status === 'cancelled' ? 'called off' : 'its minimum was not met'}): nobody was charged, so there is no production to prove.`,
        );
    }
  },
  passed: (g: GroupBuy, asked: Milestone, last: GroupBuyMilestone) => {
    const next = later(last.milestone);
    return privateNote(
      `**${asked}** can’t be proved now: **${last.milestone}** was proved for ${named(g)} <t:${unix(last.provedAt)}:R>, and a build never goes back a step.${next.length > 0 ? ` Prove a later one: \`${next.join('`, `')}\`.` : ' It is done.'}`,
    );
  },
  stillReaching: (g: GroupBuy, last: GroupBuyMilestone) =>
    privateNote(`**${last.milestone}** is still reaching the orders of ${named(g)}. Prove the next step once it has: you’ll get a DM when every order has it.`),
};

/** How the proof's link reads: a clip, the stream's recording at the moment, or only the channel. */
function proofWords(proof: Pick<GroupBuyMilestone, 'kind' | 'url'>): string {
  if (proof.kind === 'clip') return `a clip of the stream: ${proof.url}`;
  if (proof.kind === 'vod') return `the stream’s recording at this moment: ${proof.url}`;
  return `your channel (${proof.url}): no clip or recording could be made`;
}

/** The builder's answer: the proof, and that every order gets it now; a redelivery answers the same. */
export function groupBuyProved(g: GroupBuy, proof: GroupBuyMilestone): DiscordMessage {
  return privateNote(
    [
      `✅ **${proof.milestone}** proved live for ${named(g)}.`,
      `🎬 Proof: ${proofWords(proof)}`,
      `Each of its orders now gets this proof and its buyer a DM, and the part of your money ${proof.milestone === 'done' ? 'left on it' : 'this step releases'} goes to you, a few orders a second. You’ll get one DM when every order has it. Its page shows the proof to everyone.`,
    ].join('\n'),
  );
}

const skippedWords: Partial<Record<OrderRefusal, string>> = {
  refunded: 'refunded or cancelled',
  'milestone-passed': 'proved past this step already, one by one',
  'already-verified': 'proved done already, one by one',
  shipped: 'shipped already',
  'not-paid': 'not paid',
  expired: 'never paid',
  'dispute-lost': 'a dispute lost: the bank took the payment back',
  'release-refused': 'Stripe refused the transfer: check `/c500 onboard`, then prove each with `/c500 live mode:order:<id> milestone:done`',
};

const waitingWords: Record<WaitReason, string> = {
  disputed: 'held by an open dispute',
  'fraud-warning': 'held for an admin’s review of a fraud warning',
  'account-revoked': 'waiting for you to reconnect Stripe with `/c500 onboard`',
  'release-refused': 'Stripe refused the transfer; the next step sends it',
  delivery: 'waiting for delivery: the rest leaves as each parcel is delivered (and the buyer’s days to report a problem pass) or its buyer presses Received',
};

function countLines<K extends string>(counts: Partial<Record<K, number>>, words: Partial<Record<K, string>>): string {
  return (Object.entries(counts) as Array<[K, number]>)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${n} ${words[reason] ?? reason}`)
    .join(', ');
}

/** The one DM once every order has the milestone: how many, what was released, and what was skipped or waits, in counts. */
export function fanOutSummary(g: GroupBuy, milestone: Milestone, total: FanOutTally): DiscordMessage {
  const skipped = Object.values(total.skipped).reduce((sum, n) => sum + (n ?? 0), 0);
  const waiting = Object.values(total.waiting).reduce((sum, n) => sum + (n ?? 0), 0);
  const lines = [
    `🎬 **${milestone}** reached every order of ${named(g)}.`,
    `${total.proved.toLocaleString('en-US')} ${total.proved === 1 ? 'order' : 'orders'} proved; ${formatMoney({ cents: total.releasedCents, currency: g.currency })} released to you.`,
    ...(waiting > 0 ? [`${waiting} of them wait for their money: ${countLines(total.waiting, waitingWords)}.`] : []),
    ...(skipped > 0 ? [`${skipped} skipped: ${countLines(total.skipped, skippedWords)}.`] : []),
  ];
  return { content: lines.join('\n').slice(0, 2000), allowed_mentions: { parse: [] } };
}
