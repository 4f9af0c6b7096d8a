/**
 * Pub/Sub at a show's peak against its published quota. The ingresses publish one message a
 * request, each in a publish request of its own (the REST publisher: no batching, as a
 * Discord interaction cannot wait for company), and Pub/Sub counts each request as its size
 * rounded up to a whole kB, at least 1 kB (https://cloud.google.com/pubsub/quotas, "quota
 * units"). So the publisher throughput a peak takes is its published messages × the kB each
 * one's request is counted, measured here from the product's own code: the job the Discord
 * ingress publishes for a typed `/bid` (its interaction as Discord sends one, a long token and
 * a member with roles) and the one the Twitch ingress publishes for a `!bid` in chat.
 *
 * No message carries an ordering key (the registry's topics are unordered; Redis orders bids),
 * so Pub/Sub's 1 MB/s per ordering key does not apply.
 */
import { readInteraction } from '../../shared/discord';
import { routeInteraction } from '../../shared/router/route-interaction';
import { routeChatMessage } from '../../shared/chatbids';
import { messageBytes } from '../../shared/adapters/pubsub/pubsub-envelope';
import { madeUpInteraction } from '../../shared/router/rehearse-interactions';
import { limits } from './services';

/** How Pub/Sub counts a request against its throughput quota: its bytes in whole kB, at least one. */
export const quotaKb = (bytes: number): number => Math.max(1, Math.ceil(bytes / 1000));

/** A message's bytes as Pub/Sub counts them: its data and its attributes' keys and values. */
function publishedBytes(data: unknown, attributes: Record<string, string>): number {
  return messageBytes(data).length + Object.entries(attributes).reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
}

/** A typed `/bid` with a max, as Discord sends one: a 300-character token and a member with 20 roles. */
export function discordBidMessageBytes(): number {
  const made = madeUpInteraction(0) as { member: { user: Record<string, unknown> } } & Record<string, unknown>;
  const roles = Array.from({ length: 20 }, (_, i) => String(1_300_000_000_000_000_000n + BigInt(i)));
  const body = {
    ...made,
    token: 'a'.repeat(300),
    locale: 'en-US',
    guild_locale: 'en-US',
    app_permissions: '2248473465835073',
    member: {
      ...made.member,
      roles,
      nick: 'a keyboard builder',
      joined_at: '2026-01-01T00:00:00.000000+00:00',
      user: { ...made.member.user, global_name: 'A keyboard builder', avatar: 'a'.repeat(32) },
    },
  };
  const read = readInteraction(body);
  if (!read.ok) throw new Error(`the made-up bid is not an interaction: ${read.problem}`);
  const route = routeInteraction(read.interaction, { currency: 'usd' });
  if (route.kind === 'reply') throw new Error('the made-up bid was answered, not published');
  return publishedBytes({ job: route.job, interaction: read.interaction }, { interactionId: read.interaction.id, job: route.job });
}

/** A `!bid 25` in chat, as the Twitch ingress publishes it. */
export function chatBidMessageBytes(text = '!bid 25'): number {
  const event = {
    broadcaster_user_id: '1337',
    broadcaster_user_login: 'cleo_builds',
    chatter_user_id: '4242424242',
    chatter_user_login: 'a_twitch_chatter_login',
    chatter_user_name: 'A_Twitch_Chatter_Login',
    message_id: 'cc106a89-1814-919d-454c-f4f2f970aae7',
    message: { text },
  };
  const route = routeChatMessage(event, '2026-11-29T10:00:00.000Z');
  if (route.kind !== 'bid') throw new Error(`the chat bid was not routed: ${route.why}`);
  return publishedBytes(route.job, { messageId: route.job.chatMessageId });
}

/** The kB a message of each topic is counted at; a topic not measured here at the larger of the two. */
export function kbPerMessage(topic: string): number {
  const discord = quotaKb(discordBidMessageBytes());
  const chat = quotaKb(chatBidMessageBytes());
  return topic.startsWith('chat-bids') ? chat : topic.startsWith('auction-bids') ? discord : Math.max(discord, chat);
}

/**
 * Publisher throughput at the peak: each subscription's deliveries a request (one subscription a
 * topic, so as many published) × the kB its message is counted at × the requests a second.
 */
export function publisherThroughput(deliveriesPerRequest: Readonly<Record<string, number>>, requestsPerSecond: number) {
  const kbPerRequest = Object.entries(deliveriesPerRequest).reduce((sum, [subscription, n]) => sum + n * kbPerMessage(subscription), 0);
  return {
    what: `Pub/Sub publisher throughput (a publish request a message: a Discord bid's ${n(discordBidMessageBytes())} bytes counted ${kbPerMessage('auction-bids')} kB, a chat bid's ${n(chatBidMessageBytes())} counted ${kbPerMessage('chat-bids')})`,
    atPeak: kbPerRequest * requestsPerSecond,
    limit: limits.pubsubPublisherKbPerSecond.value,
    limitName: 'pubsubPublisherKbPerSecond' as const,
    unit: ' kB/s',
    source: limits.pubsubPublisherKbPerSecond.source,
  };
}

const n = (value: number) => value.toLocaleString('en-US');
