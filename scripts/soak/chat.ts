/**
 * Twitch chat bids in the soak: the first builder turns chat bidding on for their linked
 * channel (consenting on the local Twitch's authorize page), some viewers sign in with
 * Twitch once at `/twitch/bidder` and some never do. While that builder's auctions run,
 * viewers type `!bid <amount>` in the channel's chat (`POST /_local/twitch/chat/send`, which
 * delivers each as Twitch does: a signed `channel.chat.message` to the webhook), under the
 * `twitch.*` faults on the bot's side. At the end the bot's lines are read back from the
 * local chat log, to check each bid was answered in chat.
 */
import type { TwitchUser } from '../../shared/ports';
import { CookieBrowser } from '../bench/twitch-herd';
import { linkOf, textOf, type Person, type SoakClient, type SoakRandom } from './client';
import { channels, loginOf } from './setup';

/** A `!bid` typed in chat, and by whom. */
export interface ChatBidSaid {
  login: string;
  signedIn: boolean;
  text: string;
  /** When it was typed, by the runtime's clock (the bot's lines are timed by it). */
  atMs: number;
  /** Whether the simulator took it (it is then delivered to the webhook as Twitch would). */
  delivered?: boolean;
}

/** A line the bot said in a channel's chat, as the local chat log lists it. */
export interface BotLine {
  text: string;
  time: string;
  /** Twitch dropped it (a limit), so no viewer saw it. */
  dropped: boolean;
}

export interface ChatRoom {
  builder: Person;
  login: string;
  signedIn: TwitchUser[];
  strangers: TwitchUser[];
  said: ChatBidSaid[];
}

const viewer = (prefix: string, i: number, idBase: number): TwitchUser => ({
  userId: String(idBase + i),
  login: `${prefix}${i}`,
  displayName: `${prefix}${i}`,
});

/** Turns chat bidding on for `builder` and signs some viewers in; undefined (with a note) when it could not. */
export async function openChatRoom(client: SoakClient, builder: Person, note: (line: string) => void): Promise<ChatRoom | undefined> {
  const login = loginOf(builder);
  const answer = await client.ask(client.c500(builder, channels.general, ['chat-bidding', 'on']), '/c500 chat-bidding on');
  const consent = linkOf(answer);
  if (!consent) {
    note(`${builder.name} could not turn chat bidding on: ${textOf(answer).slice(0, 120)}`);
    return undefined;
  }
  const consented = await new CookieBrowser(client.url).open(consent, { login, userId: '' });
  if (consented.status !== 200) {
    note(`${builder.name}'s chat-bidding consent answered ${consented.status}`);
    return undefined;
  }
  const signedIn = Array.from({ length: 6 }, (_, i) => viewer('soak_viewer_', i, 700_000_000));
  for (const who of signedIn) {
    const page = await new CookieBrowser(client.url).open('/twitch/bidder', who);
    if (page.status !== 200) note(`${who.login}'s Twitch sign-in answered ${page.status}`);
    await page.arrayBuffer();
  }
  return { builder, login, signedIn, strangers: Array.from({ length: 3 }, (_, i) => viewer('soak_lurker_', i, 790_000_000)), said: [] };
}

/** One `!bid` in the room's chat from a seeded viewer: now and then one who never signed in, now and then with a max. */
export async function chatBid(client: SoakClient, room: ChatRoom, random: SoakRandom, amountDollars: number): Promise<void> {
  const signedIn = random.chance(0.8);
  const who = random.pick(signedIn ? room.signedIn : room.strangers);
  const text = `!bid ${random.chance(0.3) ? '$' : ''}${amountDollars}${random.chance(0.15) ? ` max ${amountDollars + random.int(5, 40)}` : ''}`;
  const said: ChatBidSaid = { login: who.login, signedIn, text, atMs: client.now() };
  room.said.push(said);
  const sent = await client.local('/_local/twitch/chat/send', 'POST', {
    broadcaster_user_login: room.login,
    chatter_user_login: who.login,
    chatter_user_id: who.userId,
    chatter_user_name: who.displayName,
    text,
  });
  said.delivered = sent.status === 200;
}

/** What the bot said in the room's chat, from the local chat log. */
export async function botLines(runtimeUrl: string, room: ChatRoom | undefined): Promise<BotLine[]> {
  if (!room) return [];
  const read = await fetch(`${runtimeUrl}/_local/twitch/chat?channel=${room.login}`).catch(() => undefined);
  return read?.ok ? ((await read.json()) as { messages: BotLine[] }).messages : [];
}
