/**
 * The Twitch chat part of `npm run demo`: cleo turns chat bidding on for her channel, two
 * viewers sign in with Twitch once, cleo's next auction takes `!bid`s from her chat (really
 * signed EventSub deliveries to /webhooks/twitch) beside a Discord member's `/bid`, the bot
 * answers in chat within Twitch's limits, a chatter wins, and pays on our page after signing
 * in with Twitch.
 */
import type { DemoRun } from './demo-run';
import { command, suddenDeathAuction } from './demo-auction';
import { lastSeq, linkOf, waitFor } from './demo-outbox';
import { DemoBrowser, pageText } from './demo-browser';
import { bold, dim, pause, type Person, type Send, type Show } from './demo-words';

const channel = 'cleobuilds';

interface BotLine {
  text: string;
  time: string;
  dropped: boolean;
}

async function botSaid(url: string): Promise<BotLine[]> {
  return ((await (await fetch(`${url}/_local/twitch/chat?channel=${channel}`)).json()) as { messages: BotLine[] }).messages;
}

async function sayInChat(url: string, chatter: { login: string; userId: string }, text: string): Promise<void> {
  const res = await fetch(`${url}/_local/twitch/chat/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      broadcaster_user_login: channel,
      chatter_user_login: chatter.login,
      chatter_user_id: chatter.userId,
      chatter_user_name: chatter.login,
      text,
    }),
  });
  if (!res.ok) throw new Error(`the chat simulator answered ${res.status}: ${await res.text()}`);
}

/** The bot's lines since `before`, as chat shows them. */
async function printChat(url: string, before: number): Promise<BotLine[]> {
  const lines = (await botSaid(url)).slice(before);
  for (const line of lines) console.log(`  ${dim(`[twitch.tv/${channel} chat]`)} c500bot: ${line.text}${line.dropped ? dim(' (dropped by Twitch)') : ''}`);
  return lines;
}

export async function chatWalkthrough(url: string, run: DemoRun, send: Send, show: Show, cleo: Person): Promise<void> {
  const lastEdit = async (token: string, from: number) =>
    (await waitFor(url, from, 'the edited answer', (e) => e.filter((x) => x.interactionToken === token).pop())).message;
  // Chatters of this run: a second run of the demo meets new ones.
  const stamp = String(Date.now()).slice(-8);
  const kai = { login: `kai_${stamp}`, userId: `61${stamp}` };
  const lu = { login: `lu_${stamp}`, userId: `62${stamp}` };

  console.log(bold('\n23. cleo runs /c500 chat-bidding on, for her linked channel twitch.tv/cleobuilds'));
  let from = await lastSeq(url);
  const on = command(run, cleo, 'c500', [{ name: 'chat-bidding', type: 2, options: [{ name: 'on', type: 1, options: [] }] }]);
  await send(on);
  const answer = await lastEdit(on.token, from);
  show('cleo', answer);
  const consent = linkOf(answer);
  if (consent) {
    console.log(dim('  cleo opens the link and lets C500’s bot into her chat on (the local) Twitch'));
    const { res } = await new DemoBrowser(url, { login: channel, userId: '' }).open(consent);
    console.log(`  The browser shows: ${dim((await pageText(res)).slice(0, 160))}`);
  }

  console.log(bold(`\n24. Two viewers, ${kai.login} and ${lu.login}, sign in with Twitch once at /twitch/bidder`));
  const kaiBrowser = new DemoBrowser(url, kai);
  for (const [chatter, browser] of [
    [kai, kaiBrowser],
    [lu, new DemoBrowser(url, lu)],
  ] as const) {
    const { res } = await browser.open('/twitch/bidder');
    console.log(`  ${chatter.login}’s browser shows: ${dim((await pageText(res)).slice(0, 120))}`);
  }

  console.log(bold('\n25. cleo starts another auction; chat and Discord bid in the same book'));
  from = await lastSeq(url);
  const start = suddenDeathAuction(run, cleo, 'Bakeneko60 in lilac', 40);
  await send(start);
  show('cleo', await lastEdit(start.token, from));
  const chatBefore = (await botSaid(url)).length;
  const fay = { id: run.bidders.fay, name: 'fay_keys' };
  console.log(
    dim(
      `  ${kai.login} types "!bid 45" in cleo’s Twitch chat; a viewer who never signed in types "!bid 50"; fay bids $48 max $60 on Discord; ${lu.login} types "!bid 70 max 120"`,
    ),
  );
  await sayInChat(url, kai, '!bid 45');
  await sayInChat(url, { login: `guest_${stamp}`, userId: `63${stamp}` }, '!bid 50');
  await pause(1_100);
  const fayBid = command(run, fay, 'bid', [
    { name: 'amount', type: 10, value: 48 },
    { name: 'max', type: 10, value: 60 },
  ]);
  await send(fayBid);
  show('fay', await lastEdit(fayBid.token, from));
  await pause(1_100);
  await sayInChat(url, lu, '!bid 70 max 120');
  await sayInChat(url, kai, 'lilac is so good');
  await pause(2_500);
  await printChat(url, chatBefore);

  console.log(bold('\n26. Ten seconds pass, then the 5 s sealed final call: the hammer drops, and the bot says who won and where to pay'));
  const sold = await waitFor(url, from, 'the hammer’s SOLD post', (e) =>
    e.find(
      (x) =>
        x.kind === 'channel' &&
        x.channelId === run.channels.stage &&
        (x.message.content ?? '').includes('SOLD') &&
        JSON.stringify(x.message).includes('Bakeneko60'),
    ),
  );
  show('everyone in the Discord channel', sold.message);
  let payUrl: string | undefined;
  for (let i = 0; i < 50 && !payUrl; i++, await pause(200))
    payUrl = /(http\S+\/pay\/[0-9a-z-]+)/.exec(
      // This run's lines only: an earlier run's winner was told in the same channel.
      (await botSaid(url))
        .slice(chatBefore)
        .map((l) => l.text)
        .join('\n'),
    )?.[1];
  await printChat(url, chatBefore + 1);
  if (!payUrl) throw new Error('the bot never said where to pay');

  console.log(bold(`\n27. ${lu.login} opens the link: the page asks them to sign in with Twitch, then sends them to their checkout`));
  const luBrowser = new DemoBrowser(url, lu);
  const { next } = await luBrowser.open(payUrl);
  console.log(dim(`  signed in through (the local) Twitch; the page sends them on to ${next}`));
  if (!next) throw new Error('the pay page did not send the winner to a checkout');
  await fetch(`${url}/_local/stripe/sessions/${next.split('/').pop()}/pay`, { method: 'POST' });
  const stranger = await new DemoBrowser(url, kai).open(payUrl);
  console.log(`  ${kai.login} opening the same link sees: ${dim((await pageText(stranger.res)).slice(0, 110))}`);
  await pause(1_500);
  const again = await luBrowser.open(payUrl);
  console.log(`  ${lu.login} paid; the link now shows: ${dim((await pageText(again.res)).slice(0, 140))}`);
}
