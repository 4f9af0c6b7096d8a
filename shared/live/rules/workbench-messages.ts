/**
 * @module workbench-messages
 * What a buyer is told when their order is proved on the workbench, live, and later what
 * the proof's link turned out to be when no clip could be made at the proof.
 */
import type { DiscordMessage } from '../../ports';
import { describeProof, type ProofView } from '../../payments';
import { type Milestone, type Order } from '../../orders';

type Told = Pick<Order, 'orderId' | 'title' | 'builderName'>;

export function onTheWorkbench(order: Told & Pick<Order, 'commission'>, streamLink: string, proof?: ProofView): DiscordMessage {
  const watchLater = proof ? `\nProof of work, to watch any time: ${describeProof(proof)}` : '';
  // A queue's commission was proved step by step: its last proof is the build finished, not begun.
  const content =
    order.commission?.ticket !== undefined
      ? `Your commission **${order.title}** (\`${order.orderId}\`) is **done**: ${order.builderName} finished it live on stream (${streamLink}), and it leaves the queue.${watchLater}`
      : `Your order **${order.title}** (\`${order.orderId}\`) is on the workbench right now! Watch ${order.builderName} build it live: ${streamLink}${watchLater}`;
  return { allowed_mentions: { parse: [] }, content };
}

const milestoneWords: Record<Milestone, string> = {
  'parts-in': 'the parts are in',
  assembly: 'assembly',
  'sound-test': 'the sound test',
  done: 'done',
};

/** A commission's milestone proved live: the buyer gets the clip (or the VOD, or the channel) of that moment. */
export function milestoneProved(order: Told, milestone: Milestone, proof: ProofView): DiscordMessage {
  return {
    allowed_mentions: { parse: [] },
    content: `Your commission **${order.title}** (\`${order.orderId}\`) reached **${milestone}**: ${order.builderName} proved ${milestoneWords[milestone]} live on stream. Watch it any time: ${describeProof(proof)}
See your place in the line with \`/c500 queue line builder:@${order.builderName}\`.`,
  };
}

/** The VOD search found the stream's recording: the buyer gets the moment of their proof. */
export function proofRecordingFound(order: Told, proof: ProofView): DiscordMessage {
  return {
    allowed_mentions: { parse: [] },
    content: `The proof of work on your order **${order.title}** (\`${order.orderId}\`) can be watched any time: ${describeProof(proof)}`,
  };
}

/** Neither a clip nor a VOD: the buyer and the builder are told the proof is only the channel. */
export function noClipOrVod(order: Told, channelUrl: string, to: 'buyer' | 'builder'): DiscordMessage {
  const advice = to === 'builder' ? ' Turn on clips and “Store past broadcasts” in your Twitch settings, so the next proof can be watched later.' : '';
  return {
    allowed_mentions: { parse: [] },
    content: `No clip or VOD could be made of the proof of work on order **${order.title}** (\`${order.orderId}\`); the proof is the channel: ${channelUrl}.${advice}`,
  };
}
