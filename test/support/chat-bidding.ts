/**
 * Chat bidding as people take part in it, through the local runtime: a browser that keeps
 * cookies and signs in on the local Twitch's authorize page, a channel's chat bidding turned
 * on through `/c500 chat-bidding on` and its consent, chatters signed in, and chat said in a
 * channel (the simulator signs each message as an EventSub delivery to /webhooks/twitch).
 */
import { builderPath } from '../../shared/onboarding';
import { eventSubMessage } from '../../shared/local/twitch-eventsub-delivery';
import { chatNotification } from '../../shared/local/twitch-chat-events';
import type { Clock } from '../../shared/ports';
import type { TestRuntime } from './local-runtime';
import { linkIn, linkTwitch, say } from './marketplace';

/** What a browser keeps: cookies by name and path, sent where their path matches. */
export class Browser {
  private readonly jar = new Map<string, { name: string; value: string; path: string }>();

  constructor(private readonly rt: { url: string }) {}

  async get(url: string): Promise<Response> {
    return this.send(url, {});
  }

  /** A form submitted as a browser submits one (urlencoded), with the cookies for its path. */
  async post(url: string, form: Record<string, string>): Promise<Response> {
    return this.send(url, { method: 'POST', body: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  private async send(url: string, init: { method?: string; body?: string; headers?: Record<string, string> }): Promise<Response> {
    const target = new URL(url, this.rt.url);
    const cookie = [...this.jar.values()]
      .filter((c) => target.pathname === c.path || target.pathname.startsWith(`${c.path}/`))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    const res = await fetch(target, { ...init, redirect: 'manual', headers: { ...init.headers, ...(cookie ? { cookie } : {}) } });
    for (const line of res.headers.getSetCookie()) this.keep(line);
    return res;
  }

  /** Follows redirects as a browser would, through Twitch's authorize page signing in as `as`. */
  async open(url: string, as?: { login: string; userId?: string }): Promise<Response> {
    let res = await this.get(this.signingIn(url, as));
    for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 10; hops++) {
      const next = new URL(res.headers.get('location') as string, this.rt.url);
      if (next.origin !== this.rt.url) break; // off to Stripe: where the winner pays, not ours to follow
      res = await this.get(this.signingIn(next.toString(), as));
    }
    return res;
  }

  keep(line: string): void {
    const [pair, ...attributes] = line.split(';').map((p) => p.trim());
    const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
    const path = attributes.find((a) => a.startsWith('Path='))?.slice(5) ?? '/';
    if (attributes.includes('Max-Age=0')) this.jar.delete(`${name}@${path}`);
    else this.jar.set(`${name}@${path}`, { name, value, path });
  }

  private signingIn(url: string, as?: { login: string; userId?: string }): string {
    const target = new URL(url, this.rt.url);
    if (as && target.pathname === '/_local/twitch/authorize') {
      target.searchParams.set('login', as.login);
      if (as.userId) target.searchParams.set('user_id', as.userId);
    }
    return target.toString();
  }
}

export interface Chatter {
  login: string;
  userId: string;
}

/** The member links their Twitch channel and turns chat bidding on, consenting as that channel. Answers the broadcaster id. */
export async function chatBiddingOn(rt: TestRuntime, memberId: string, login: string): Promise<string> {
  if ((await linkTwitch(rt, memberId, login)).status !== 200) throw new Error(`linking twitch.tv/${login} failed`);
  const consent = linkIn(await say(rt, memberId, { path: ['chat-bidding', 'on'] }));
  const page = await new Browser(rt).open(consent, { login });
  if (page.status !== 200) throw new Error(`the consent page answered ${page.status}: ${await page.text()}`);
  await rt.settle();
  const broadcasterId = (await rt.store.get(builderPath(memberId)))?.twitch?.userId;
  if (!broadcasterId) throw new Error(`${memberId} has no linked channel`);
  return broadcasterId;
}

/** A chatter signs in with Twitch on our page, once: from then on their bids count. Answers the browser, signed in. */
export async function signInChatter(rt: TestRuntime, chatter: Chatter): Promise<Browser> {
  const browser = new Browser(rt);
  const page = await browser.open('/twitch/bidder', chatter);
  if (page.status !== 200) throw new Error(`sign-in answered ${page.status}`);
  return browser;
}

/** A viewer says `text` in the channel's chat; `delayMs` holds the delivery back, keeping the moment Twitch signed it. */
export async function sayInChat(rt: TestRuntime, channelLogin: string, chatter: Chatter, text: string, delayMs = 0): Promise<{ messageId: string }> {
  const res = await fetch(`${rt.url}/_local/twitch/chat/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      broadcaster_user_login: channelLogin,
      chatter_user_login: chatter.login,
      chatter_user_id: chatter.userId,
      chatter_user_name: chatter.login,
      text,
      ...(delayMs > 0 ? { delay_ms: delayMs } : {}),
    }),
  });
  if (res.status !== 200) throw new Error(`chat send answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { messageId: string };
}

export interface BotChatMessage {
  channel: string;
  text: string;
  time: string;
  dropped: boolean;
  dropReason?: { code: string; message: string } | null;
}

/** What the bot said in the channel's chat (the simulator's record, Twitch's limits enforced). */
export async function botSaid(rt: TestRuntime, channelLogin: string): Promise<BotChatMessage[]> {
  const res = await fetch(`${rt.url}/_local/twitch/chat?channel=${channelLogin}`);
  return ((await res.json()) as { messages: BotChatMessage[] }).messages;
}

/**
 * A chat message as Twitch would deliver it to a channel's chat subscription, signed when `at`
 * says (its viewer typed it then), to send to /webhooks/twitch at a moment of the test's choosing.
 */
export async function signedChatMessage(
  rt: TestRuntime,
  clock: Clock,
  channel: { broadcasterId: string; login: string },
  chatter: Chatter,
  text: string,
  at?: Date,
) {
  const [subscription] = await rt.twitch.enabledSubscriptions('channel.chat.message', channel.broadcasterId);
  if (!subscription) throw new Error(`no chat subscription for ${channel.login}`);
  return eventSubMessage({
    messageType: 'notification',
    subscription,
    event: chatNotification({
      broadcaster: { userId: channel.broadcasterId, login: channel.login, displayName: channel.login },
      chatter: { userId: chatter.userId, login: chatter.login, displayName: chatter.login },
      text,
    }),
    clock,
    ...(at ? { at } : {}),
  });
}

/**
 * A chatter's sealed bid from the private page the bot links in a final call (`/bid/<auction id>`):
 * opened as a browser does (through the local Twitch's sign-in), the form's token read, the
 * amount submitted. Answers the page that came back.
 */
export async function bidInPrivate(rt: TestRuntime, chatter: Chatter, auctionId: string, amount: string): Promise<string> {
  const browser = new Browser(rt);
  const form = await (await browser.open(`/bid/${auctionId}`, chatter)).text();
  const token = /name="token" value="([^"]+)"/.exec(form)?.[1];
  if (!token) throw new Error(`no sealed-bid form for ${chatter.login}: ${/<h1>([^<]*)<\/h1>/.exec(form)?.[1] ?? form.slice(0, 200)}`);
  return (await browser.post(`/bid/${auctionId}`, { token, amount })).text();
}
