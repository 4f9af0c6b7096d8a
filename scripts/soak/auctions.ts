/**
 * Live auctions under a herd: a builder starts a short auction in a channel of its own
 * (now and then with sudden death or a reserve), a crowd bids by `/bid` (some with a max)
 * and by the embed's buttons, the hammer drops, and the winner pays or lets the checkout
 * lapse, which passes the board to the runner-up (second chance), who pays or not. A paid
 * board is proved live like any order.
 */
import { sessionIdOf } from '../checkout-link';
import { buttonsOf, linkOf, pause, textOf, type Person, type SoakClient, type SoakRandom } from './client';
import { proveBuildersOrders, type TrafficCounts } from './marketplace';
import { payAndCount } from './paying';
import type { SoakPeople } from './setup';
import { hostileText } from './hostile';
import { chatBid, type ChatRoom } from './chat';

export async function auctionTraffic(
  client: SoakClient,
  people: SoakPeople,
  random: SoakRandom,
  until: number,
  counts: TrafficCounts,
  note: (line: string) => void,
  chat?: ChatRoom,
) {
  let round = 0;
  while (Date.now() < until) {
    round++;
    const channel = `93100000000${String(round).padStart(7, '0')}`;
    const builder = random.pick(people.builders);
    const from = client.lastSeq;
    const seconds = random.int(12, 25);
    // Now and then the builder types something hostile after the lot's name (see hostile.ts).
    const item = `Soak lot ${round}${random.chance(0.3) ? ` ${hostileText(random)}` : ''}`;
    const start = await client.ask(
      client.c500(builder, channel, ['auction', 'start'], {
        item,
        price: random.int(20, 60),
        duration: `${seconds}s`,
        ...(random.chance(0.3) ? { 'sudden-death': true } : {}),
        ...(random.chance(0.2) ? { reserve: random.int(80, 200) } : {}),
      }),
      '/c500 auction start',
    );
    const card = await client.entry(
      (e) => e.kind === 'channel' && e.channelId === channel && /Auction [0-9a-z]+/.test(e.message.embeds?.[0]?.footer?.text ?? ''),
      from,
      30_000,
    );
    const auctionId = /Auction ([0-9a-z]+)/.exec(card?.message.embeds?.[0]?.footer?.text ?? '')?.[1];
    if (!auctionId) {
      // 4,000 characters typed as the item: the builder is told to shorten it, as they should be.
      if (item.length > 100 && /under 100 characters/.test(textOf(start))) counts['items refused as too long'] = (counts['items refused as too long'] ?? 0) + 1;
      else note(`auction ${round} did not start: ${textOf(start).slice(0, 120)}`);
      continue;
    }
    counts.auctions = (counts.auctions ?? 0) + 1;
    // The chat builder's auction takes `!bid`s from their Twitch chat too, in the same book.
    const room = chat?.builder.id === builder.id ? chat : undefined;
    await herd(client, people.buyers, channel, random, Date.now() + seconds * 1_000, counts, card?.message, room);
    const paid = await settleOffers(client, channel, `Soak lot ${round}`, from, random, counts);
    await proveBuildersOrders(client, people, random, from, counts, { until, orders: new Set(paid ? [paid] : []) });
    void note;
  }
}

/** Bids until the end: `/bid` with amounts that climb, a max now and then, the card's buttons too. */
export async function herd(
  client: SoakClient,
  bidders: readonly Person[],
  channel: string,
  random: SoakRandom,
  endsAtMs: number,
  counts: TrafficCounts,
  card?: Parameters<typeof buttonsOf>[0],
  chat?: ChatRoom,
): Promise<void> {
  let amount = 60;
  const buttons = buttonsOf(card).filter((b) => b.startsWith('bid:'));
  const inFlight: Array<Promise<unknown>> = [];
  while (Date.now() < endsAtMs + 500) {
    const bidder = random.pick(bidders);
    amount += random.int(1, 12);
    if (chat && random.chance(0.25)) {
      inFlight.push(chatBid(client, chat, random, amount));
      counts['chat bids'] = (counts['chat bids'] ?? 0) + 1;
      await pause(random.int(20, 250));
      continue;
    }
    const useButton = buttons.length > 0 && random.chance(0.2);
    const bid = useButton
      ? client.press(bidder, channel, random.pick(buttons))
      : client.command(bidder, channel, 'bid', [
          { name: 'amount', type: 10, value: amount },
          ...(random.chance(0.15) ? [{ name: 'max', type: 10, value: amount + random.int(10, 80) }] : []),
        ]);
    inFlight.push(client.send(bid, 'bid'));
    counts.bids = (counts.bids ?? 0) + 1;
    await pause(random.int(20, 250));
  }
  await Promise.all(inFlight);
}

/**
 * Follows the offers of one auction (or show): each winner's checkout DM is paid or left
 * to lapse; a lapse is the stand-in's `checkout.session.expired`, which passes it on. The
 * order Stripe took the winner's payment for, if one did.
 */
export async function settleOffers(
  client: SoakClient,
  channel: string,
  item: string,
  from: number,
  random: SoakRandom,
  counts: TrafficCounts,
): Promise<string | undefined> {
  const hammer = await client.entry(
    (e) => e.kind === 'channel' && e.channelId === channel && /SOLD|unsold|no bids|reserve/i.test(textOf(e.message)),
    from,
    90_000,
  );
  if (!hammer || !/SOLD/i.test(textOf(hammer.message))) return;
  const handled = new Set<string>();
  for (let offer = 0; offer < 3; offer++) {
    const dm = await client.entry(
      (e) =>
        e.kind === 'dm' &&
        /You won|Second chance/.test(e.message.content ?? '') &&
        (e.message.content ?? '').includes(item) &&
        !handled.has(String(e.seq)) &&
        Boolean(linkOf(e.message)),
      from,
      60_000,
    );
    if (!dm) return;
    handled.add(String(dm.seq));
    const session = sessionIdOf(linkOf(dm.message));
    if (!session) return;
    if (random.chance(0.6)) {
      return (await payAndCount(client, counts, 'winners paid', session))?.orderId;
    }
    await client.local(`/_local/stripe/sessions/${session}/expire`);
    counts['offers lapsed'] = (counts['offers lapsed'] ?? 0) + 1;
  }
}
