/**
 * A show of several lots from both builders, run back to back: the host creates it and
 * starts it, the crowd bids on whatever lot is live, a winner now and then presses Pay now
 * mid-show, and at the wrap each winner's checkout (one per builder) is paid or lapses.
 */
import { sessionIdOf } from '../checkout-link';
import { buttonsOf, linkOf, pause, textOf, type SoakClient, type SoakRandom } from './client';
import { proveBuildersOrders, type TrafficCounts } from './marketplace';
import { payAndCount } from './paying';
import { disputeCheckouts } from './aftermath';
import type { SoakPeople } from './setup';

export async function showTraffic(
  client: SoakClient,
  people: SoakPeople,
  random: SoakRandom,
  until: number,
  counts: TrafficCounts,
  note: (line: string) => void,
) {
  let round = 0;
  while (Date.now() < until) {
    round++;
    const channel = `94100000000${String(round).padStart(7, '0')}`;
    const host = people.admin;
    const from = client.lastSeq;
    const title = `Soak show ${round}`;
    await client.ask(client.c500(host, channel, ['show', 'create'], { title }), '/c500 show create');
    const sheet = await client.entry(
      (e) => e.kind === 'channel' && e.channelId === channel && /Show [0-9a-z]+/.test(e.message.embeds?.[0]?.footer?.text ?? ''),
      from,
      30_000,
    );
    const showId = /Show ([0-9a-z]+)/.exec(sheet?.message.embeds?.[0]?.footer?.text ?? '')?.[1];
    if (!showId) {
      note(`show ${round} was not created`);
      continue;
    }
    const lots = random.int(2, 4);
    const seconds = random.int(10, 15);
    for (let lot = 1; lot <= lots; lot++) {
      const builder = people.builders[lot % people.builders.length] ?? random.pick(people.builders);
      await client.ask(
        client.c500(builder, channel, ['show', 'add'], {
          item: `${title} lot ${lot}`,
          price: random.int(20, 50),
          duration: `${seconds}s`,
          ...(random.chance(0.2) ? { reserve: 150 } : {}),
        }),
        '/c500 show add',
      );
    }
    await client.ask(client.c500(host, channel, ['show', 'start']), '/c500 show start');
    counts.shows = (counts.shows ?? 0) + 1;
    // Lots run one after another, a gap of a few seconds between them: bid until the show wraps (or its time is surely up).
    const latest = Date.now() + lots * (seconds + 3 + 5) * 1_000 + 30_000;
    let amount = 55;
    let paidEarly = false;
    while (Date.now() < latest) {
      const wrapped = client
        .entriesSince(from)
        .some((e) => e.kind === 'channel' && e.channelId === channel && (e.message.content ?? '').includes('That’s a wrap'));
      if (wrapped) break;
      amount += random.int(1, 8);
      const bidder = random.pick(people.buyers);
      void client.send(client.command(bidder, channel, 'bid', [{ name: 'amount', type: 10, value: amount }]), 'bid');
      counts.bids = (counts.bids ?? 0) + 1;
      if (!paidEarly && random.chance(0.02)) {
        paidEarly = true;
        const payButton = `show:${showId}:pay`;
        const answer = await client.ask(client.press(bidder, channel, payButton), 'Pay now');
        const session = sessionIdOf(linkOf(answer));
        if (session && random.chance(0.7)) await client.pay(session);
      }
      await pause(random.int(100, 400));
    }
    // The wrap DMs each winner one checkout per builder.
    await pause(3_000);
    const checkoutDms = client
      .entriesSince(from)
      .filter((e) => e.kind === 'dm' && (e.message.embeds?.[0]?.footer?.text ?? '').startsWith(`${title}:`) && Boolean(linkOf(e.message)));
    const paid: string[] = [];
    for (const dm of checkoutDms) {
      const session = sessionIdOf(linkOf(dm.message));
      if (!session) continue;
      if (random.chance(0.65)) {
        if (await payAndCount(client, counts, 'show checkouts paid', session)) paid.push(session);
      } else {
        await client.local(`/_local/stripe/sessions/${session}/expire`);
        counts['show checkouts lapsed'] = (counts['show checkouts lapsed'] ?? 0) + 1;
      }
    }
    // A show's checkout names no order: each paid one is at least one order DM to a builder.
    await proveBuildersOrders(client, people, random, from, counts, { until, dms: paid.length });
    // Now and then a winner disputes a checkout of several lots: the dispute is spread over them as a refund is.
    await disputeCheckouts(
      client,
      random,
      paid.filter(() => random.chance(0.5)),
      counts,
      note,
    );
    void buttonsOf;
    void textOf;
  }
}
