/**
 * A Twitch chatter's erasure in the soak (issue 62): once the traffic is over, with the faults
 * still on, a signed-in viewer types `!privacy` in the room's chat, waits for the bot's link,
 * signs in with Twitch on the page it names, downloads what C500 keeps about them and erases it.
 * The erasure invariant then reads that their Twitch id and login are nowhere (privacy-invariants.ts).
 */
import { CookieBrowser } from '../bench/twitch-herd';
import { pause, type SoakClient } from './client';
import { botLines, type ChatRoom } from './chat';
import type { ErasedMember } from './privacy';

type TrafficCounts = Record<string, number>;

export async function chatterErases(
  client: SoakClient,
  room: ChatRoom | undefined,
  counts: TrafficCounts,
  note: (line: string) => void,
): Promise<ErasedMember | undefined> {
  const who = room?.signedIn[0];
  if (!room || !who) return undefined;
  await client.local('/_local/twitch/chat/send', 'POST', {
    broadcaster_user_login: room.login,
    chatter_user_login: who.login,
    chatter_user_id: who.userId,
    chatter_user_name: who.displayName,
    text: '!privacy',
  });
  // As the viewer would: the link is read from chat, once the bot has said it.
  let link: string | undefined;
  for (let tries = 0; tries < 60 && !link; tries++) {
    const said = (await botLines(client.runtimeUrl, room))
      .map((line) => line.text)
      .find((text) => new RegExp(`@${who.login}(?![\\w])`).test(text) && text.includes('/privacy/twitch'));
    link = said ? /(https?:\/\/\S+\/privacy\/twitch)/.exec(said)?.[1] : undefined;
    if (!link) await pause(500);
  }
  if (!link) {
    note(`${who.login}'s !privacy was never answered in chat with the page's link`);
    return undefined;
  }
  const browser = new CookieBrowser(client.url);
  const signedOut = await (await browser.open(new URL(new URL(link).pathname, client.url).toString(), { login: who.login, userId: who.userId })).text();
  const signIn = /href="([^"]*\/twitch\/bidder\?next=[^"]*)"/.exec(signedOut)?.[1]?.replace(/&amp;/g, '&');
  const page = signIn ? await browser.open(signIn, { login: who.login, userId: who.userId }) : undefined;
  const html = page ? await page.text() : '';
  const token = /name="token" value="([^"]+)"/.exec(html)?.[1];
  if (!token) {
    note(`${who.login}'s privacy page offered no erase form (${page?.status ?? 'no sign-in link'})`);
    return undefined;
  }
  const download = await browser.open('/privacy/twitch?download=json', { login: who.login, userId: who.userId });
  if (download.status !== 200 || !(await download.text()).includes(who.login)) note(`${who.login}'s download answered ${download.status}`);
  count(counts, 'chatter exports');
  const fromSeq = client.lastSeq;
  const erasedAtMs = Date.now();
  const erasedAtRuntimeMs = client.now();
  const erased = await browser.post('/privacy/twitch', { token });
  const answer = await erased.text();
  count(counts, 'chatter erasures');
  if (!/Done|Already erased/.test(answer)) {
    note(`${who.login}'s erasure answered ${erased.status}: ${answer.slice(0, 140)}`);
    return undefined;
  }
  return { id: `twitch:${who.userId}`, name: who.login, fromSeq, erasedAtMs, erasedAtRuntimeMs, twitchId: who.userId, twitchLogin: who.login };
}

const count = (counts: TrafficCounts, what: string) => (counts[what] = (counts[what] ?? 0) + 1);
