/**
 * The herd in Twitch chat, for `npm run bench:auction -- --twitch`. Set up as people do it:
 * the builder links their channel and turns chat bidding on, consenting on the local Twitch's
 * authorize page; chatters sign in at `/twitch/bidder` in browsers that keep their cookies.
 * Then chat is said as Twitch delivers it: each message a `channel.chat.message` v1
 * notification to the subscription's callback, signed here with the EventSub secret (the
 * load generator builds its own deliveries, as the simulator would, without costing the
 * runtime a request each). Afterwards, what the bot said in chat, under Twitch's limits.
 */
import { randomUUID } from 'node:crypto';
import type { EventSubSubscription, TwitchUser } from '../../shared/ports';
import { eventSubSignature } from '../../shared/adapters/twitch/eventsub-signature';
import { chatNotification } from '../../shared/local/twitch-chat-events';
import { eventSubMessage } from '../../shared/local/twitch-eventsub-delivery';
import { sendBeforeTheHerd, type HttpSender, type Sent } from './http-sender';
import type { CheckedChatBid } from './auction-check';

/** What a browser keeps: cookies by name and path, sent where their path matches; redirects followed on our own origin. */
export class CookieBrowser {
  private readonly jar = new Map<string, { name: string; value: string; path: string }>();

  constructor(private readonly origin: string) {}

  /** Opens `url` and follows redirects, signing in as `as` on Twitch's authorize page. */
  async open(url: string, as: { login: string; userId: string }): Promise<Response> {
    let target = new URL(url, this.origin);
    for (let hops = 0; ; hops++) {
      if (target.pathname === '/_local/twitch/authorize') {
        target.searchParams.set('login', as.login);
        target.searchParams.set('user_id', as.userId);
      }
      const res = await this.get(target);
      if (res.status < 300 || res.status >= 400 || hops >= 10) return res;
      target = new URL(res.headers.get('location') as string, this.origin);
      if (target.origin !== this.origin) return res;
      await res.arrayBuffer();
    }
  }

  /** A form submitted as a browser submits one (urlencoded), with the cookies for its path. */
  async post(url: string, form: Record<string, string>): Promise<Response> {
    return this.get(new URL(url, this.origin), {
      method: 'POST',
      body: new URLSearchParams(form).toString(),
      contentType: 'application/x-www-form-urlencoded',
    });
  }

  private async get(target: URL, send?: { method: string; body: string; contentType: string }): Promise<Response> {
    const cookie = [...this.jar.values()]
      .filter((c) => target.pathname === c.path || target.pathname.startsWith(`${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    const headers: Record<string, string> = { ...(cookie ? { cookie } : {}), ...(send ? { 'content-type': send.contentType } : {}) };
    const res = await fetch(target, { redirect: 'manual', headers, ...(send ? { method: send.method, body: send.body } : {}) });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((p) => p.trim());
      const name = pair.slice(0, pair.indexOf('='));
      const path = attributes.find((a) => a.startsWith('Path='))?.slice(5) ?? '/';
      if (attributes.includes('Max-Age=0')) this.jar.delete(`${name}@${path}`);
      else this.jar.set(`${name}@${path}`, { name, value: pair.slice(pair.indexOf('=') + 1), path });
    }
    return res;
  }
}

export interface ChatHerd {
  broadcaster: TwitchUser;
  /** The channel's `channel.chat.message` subscription: its callback is where Twitch delivers. */
  subscription: EventSubSubscription;
  secret: string;
  /** Signed in at `/twitch/bidder`: their bids count. */
  chatters: TwitchUser[];
  /** Never signed in: each is told once, in chat, with the link. */
  strangers: TwitchUser[];
}

const chatter = (i: number, prefix: string, idBase: number): TwitchUser => ({
  userId: String(idBase + i),
  login: `${prefix}${i}`,
  displayName: `${prefix}${i}`,
});

/**
 * The builder turns chat bidding on: `/c500 link-twitch` and its link, then
 * `/c500 chat-bidding on` and its consent, authorizing as the channel both times. `linkOf`
 * runs a `/c500` subcommand as the builder and answers the link button in its answer.
 */
export async function turnChatBiddingOn(
  url: string,
  linkOf: (subcommand: string[]) => Promise<string>,
  broadcaster: TwitchUser,
): Promise<EventSubSubscription> {
  const browser = new CookieBrowser(url);
  const linked = await browser.open(await linkOf(['link-twitch']), broadcaster);
  if (linked.status !== 200) throw new Error(`linking twitch.tv/${broadcaster.login} answered ${linked.status}: ${await linked.text()}`);
  const consented = await browser.open(await linkOf(['chat-bidding', 'on']), broadcaster);
  if (consented.status !== 200) throw new Error(`the chat-bidding consent answered ${consented.status}: ${await consented.text()}`);
  for (let attempt = 0; attempt < 50; attempt++) {
    const { subscriptions } = (await (await fetch(`${url}/_local/twitch/subscriptions?type=channel.chat.message`)).json()) as {
      subscriptions: EventSubSubscription[];
    };
    const found = subscriptions.find((s) => s.status === 'enabled' && s.condition.broadcaster_user_id === broadcaster.userId);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no enabled channel.chat.message subscription for ${broadcaster.login}`);
}

/** `count` chatters sign in at `/twitch/bidder`, `concurrency` browsers at a time; `strangers` never do. Answers the herd. */
export async function signInChatters(
  url: string,
  setUp: { broadcaster: TwitchUser; subscription: EventSubSubscription; secret: string },
  count: number,
  strangers: number,
  concurrency = 16,
): Promise<ChatHerd> {
  const chatters = Array.from({ length: count }, (_, i) => chatter(i, 'bench_chatter_', 600_000_000));
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < chatters.length) {
        const who = chatters[next++] as TwitchUser;
        const page = await new CookieBrowser(url).open('/twitch/bidder', who);
        if (page.status !== 200) throw new Error(`${who.login}'s sign-in answered ${page.status}: ${await page.text()}`);
        await page.arrayBuffer();
      }
    }),
  );
  return { ...setUp, chatters, strangers: Array.from({ length: strangers }, (_, i) => chatter(i, 'bench_lurker_', 690_000_000)) };
}

/** One chat message as sent: the delivery's bytes and headers, and what it said. */
export interface ChatMessage extends Sent {
  kind: 'bid' | 'chat';
  bid?: CheckedChatBid;
  body: string;
  headers: Record<string, string>;
}

const smallTalk = [
  'gg what a board',
  'that thock though',
  'LUL',
  'is it lubed?',
  '!discord',
  'PogChamp',
  'which switches?',
  'bid bid bid',
  'o7',
  'what plate is that',
];
const dollars = (cents: number) => (cents / 100).toFixed(2);

/**
 * `count` messages, message `j` sent at `sendAtMs(j)` and signed by Twitch then: about one in
 * ten small talk; of the `!bid`s, one in fifty from a chatter who never signed in, one in
 * five with a max; amounts from `amountAt(j)`. Signed-in chatters take turns, so each one's
 * bids are over a second apart with as many chatters as bids a second (the cooldown).
 */
export function makeChatMessages(herd: ChatHerd, count: number, sendAtMs: (j: number) => number, amountAt: (j: number) => number): ChatMessage[] {
  let turn = 0;
  return Array.from({ length: count }, (_, j) => {
    const at = new Date(sendAtMs(j));
    const roll = Math.random();
    let text: string;
    let who: TwitchUser;
    let bid: CheckedChatBid | undefined;
    if (roll < 0.1) {
      who = herd.chatters[Math.floor(Math.random() * herd.chatters.length)] as TwitchUser;
      text = smallTalk[j % smallTalk.length] as string;
    } else {
      const signedIn = roll >= 0.118 || herd.strangers.length === 0;
      who = (signedIn ? herd.chatters[turn++ % herd.chatters.length] : herd.strangers[j % herd.strangers.length]) as TwitchUser;
      const amountCents = amountAt(j);
      const maxCents = Math.random() < 0.2 ? amountCents + Math.floor(Math.random() * 1_000) * 5 : amountCents;
      text = `!bid ${j % 3 === 0 ? '$' : ''}${dollars(amountCents)}${maxCents > amountCents ? ` max ${dollars(maxCents)}` : ''}`;
      bid = { messageId: randomUUID(), chatterId: who.userId, login: who.login, amountCents, maxCents, signedIn };
    }
    const { body, headers } = signedChat(herd, who, text, at, bid?.messageId);
    return { kind: bid ? 'bid' : 'chat', ...(bid ? { bid } : {}), body, headers, sentAtMs: 0 };
  });
}

/** One chat message as Twitch delivers it: a `channel.chat.message` notification, signed at `at`. */
function signedChat(herd: ChatHerd, who: TwitchUser, text: string, at: Date, messageId?: string): { body: string; headers: Record<string, string> } {
  const event = chatNotification({ broadcaster: herd.broadcaster, chatter: who, text, ...(messageId ? { messageId } : {}) });
  const message = eventSubMessage({ messageType: 'notification', subscription: herd.subscription, event, clock: { now: () => at }, at });
  const headers = {
    'content-type': 'application/json',
    'Twitch-Eventsub-Message-Id': message.messageId,
    'Twitch-Eventsub-Message-Retry': '0',
    'Twitch-Eventsub-Message-Type': message.messageType,
    'Twitch-Eventsub-Message-Signature': eventSubSignature(herd.secret, message.messageId, message.timestamp, Buffer.from(message.body, 'utf8')),
    'Twitch-Eventsub-Message-Timestamp': message.timestamp,
    'Twitch-Eventsub-Subscription-Type': message.subscriptionType,
    'Twitch-Eventsub-Subscription-Version': '1',
  };
  return { body: message.body, headers };
}

/**
 * The chat before the herd: a live channel's chat is talking before anyone bids, so Twitch's
 * deliveries arrive over connections already open. `count` small-talk messages at once, one
 * per connection the sender keeps, each answered before the herd starts (none of them a bid).
 */
export async function chatBeforeTheHerd(herd: ChatHerd, sender: HttpSender, count: number): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, async (_, j) => {
      const who = herd.chatters[j % herd.chatters.length] as TwitchUser;
      await sendBeforeTheHerd(sender, () => signedChat(herd, who, smallTalk[j % smallTalk.length] as string, new Date()), [204, 200], 'chat before the herd');
    }),
  );
}

/** The bot's chat in one channel as the local Twitch recorded it (`GET /_local/twitch/chat`), from `afterSeq` on. */
export interface BotChat {
  lastSeq: number;
  texts: string[];
  /** Each line posted, with when the chat showed it. */
  lines: Array<{ text: string; atMs: number }>;
  sent: number;
  dropped: number;
  /** The most posted in any 30 s window, and the window's budget for the bot there. */
  mostIn30s: number;
  budget: number;
}

export async function botChat(url: string, channel: string, afterSeq: number): Promise<BotChat> {
  const answer = (await (await fetch(`${url}/_local/twitch/chat?channel=${channel}&after=${afterSeq}`)).json()) as {
    messages: Array<{ seq: number; text: string; time: string; dropped: boolean }>;
    channels: Array<{ broadcasterLogin: string | null; limit: number }>;
  };
  const { messages } = answer;
  const posted = messages.filter((m) => !m.dropped).map((m) => Date.parse(m.time));
  return {
    lastSeq: Math.max(afterSeq, ...messages.map((m) => m.seq)),
    texts: messages.filter((m) => !m.dropped).map((m) => m.text),
    lines: messages.filter((m) => !m.dropped).map((m) => ({ text: m.text, atMs: Date.parse(m.time) })),
    sent: posted.length,
    dropped: messages.length - posted.length,
    mostIn30s: mostInWindow(posted, 30_000),
    budget: answer.channels.find((c) => c.broadcasterLogin === channel)?.limit ?? 20,
  };
}

/** The most times in any window of `windowMs` (sorted or not): each time opens a window, counted to the last time inside it. */
export function mostInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; start < sorted.length; start++) {
    while (end < sorted.length && (sorted[end] as number) < (sorted[start] as number) + windowMs) end++;
    most = Math.max(most, end - start);
  }
  return most;
}
