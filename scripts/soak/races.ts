/**
 * A race lobby with merch selling while it runs: racers join, the window opens, sales come
 * from Stripe Payment Links, Ko-fi and Shopify (some delivered twice, some refunded, a
 * refund now and then before its sale), the race ends, racers check `/wallet` and the admin
 * pays some of them out (once asking for more than is pending, which must be refused).
 */
import { hostileNames } from './hostile';
import { cents, GUILD, pause, textOf, type SoakClient, type SoakRandom } from './client';
import type { TrafficCounts } from './marketplace';
import { channels, type SoakPeople } from './setup';

export async function raceTraffic(
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
    const from = client.lastSeq;
    // Now and then a title that would ping (a mention as short as a name, see hostile.ts): the race's posts repeat it.
    const title = `Soak race ${round}${random.chance(0.3) ? ` ${random.pick(hostileNames)}` : ''}`;
    await client.ask(
      client.command(people.admin, channels.races, 'race', [{ name: 'open', type: 1, options: [{ name: 'title', type: 3, value: title }] }]),
      '/race open',
    );
    const lobbyPost = await client.entry(
      (e) => e.kind === 'channel' && e.channelId === channels.races && /Lobby [0-9a-z]+/.test(e.message.embeds?.[0]?.footer?.text ?? ''),
      from,
      30_000,
    );
    const lobbyId = /Lobby ([0-9a-z]+)/.exec(lobbyPost?.message.embeds?.[0]?.footer?.text ?? '')?.[1];
    if (!lobbyId) {
      note(`race ${round} did not open`);
      await pause(5_000);
      continue;
    }
    for (const racer of people.racers) await client.ask(client.press(racer, channels.races, `race:join:${lobbyId}`), 'Join race');
    await client.ask(client.command(people.admin, channels.races, 'race', [{ name: 'start', type: 1, options: [] }]), '/race start');
    counts.races = (counts.races ?? 0) + 1;
    const windowEnds = Math.min(until, Date.now() + random.int(40, 90) * 1_000);
    let sale = 0;
    const shopifyOrders: number[] = [];
    const stripeSessions: string[] = [];
    while (Date.now() < windowEnds) {
      sale++;
      const amount = `${random.int(10, 80)}.${String(random.int(0, 99)).padStart(2, '0')}`;
      const shop = random.pick(['stripe', 'kofi', 'shopify'] as const);
      const id = `${round}-${sale}-${random.int(0, 1_000_000)}`;
      if (shop === 'stripe') {
        const link = await client.local(`/_local/stripe/payment-links/${GUILD}?amount=${amount}&item=Hoodie`);
        const session = (link.body.session as { id?: string } | undefined)?.id;
        if (session && (await client.pay(session))) {
          client.sold({ shop: 'stripe', saleId: session, amountCents: cents(amount) });
          stripeSessions.push(session);
        }
      } else if (shop === 'kofi') {
        const message = `kofi-msg-${id}`;
        const path = `/_local/kofi/${GUILD}/payments?amount=${amount}&transaction=kofi-${id}&message=${message}`;
        const delivered = [await client.local(path)];
        // Ko-fi delivers now and then twice, with the same message id.
        if (random.chance(0.15)) delivered.push(await client.local(path));
        if (delivered.some((d) => d.status === 200)) client.sold({ shop: 'kofi', saleId: `kofi-${id}`, amountCents: cents(amount) });
      } else {
        const order = 5_000_000 + round * 10_000 + sale;
        const webhook = `wh-${id}`;
        // A refund that arrives before its sale: kept, and applied when the sale comes.
        if (random.chance(0.05)) await client.local(`/_local/shopify/${GUILD}/orders/${order}/refunds?amount=1.00`);
        const path = (webhookId: string) => `/_local/shopify/${GUILD}/orders/${order}/paid?amount=${amount}&webhook=${webhookId}`;
        const delivered = [await client.local(path(webhook))];
        // Shopify delivers now and then twice: the same webhook again, or the same order under a webhook id of its own.
        if (random.chance(0.15)) delivered.push(await client.local(path(random.chance(0.5) ? webhook : `${webhook}-again`)));
        if (delivered.some((d) => d.status === 200)) client.sold({ shop: 'shopify', saleId: String(order), amountCents: cents(amount) });
        shopifyOrders.push(order);
      }
      counts['merch sales'] = (counts['merch sales'] ?? 0) + 1;
      if (random.chance(0.1) && stripeSessions.length > 0) {
        await client.local(`/_local/stripe/sessions/${random.pick(stripeSessions)}/refund?amount=${random.int(100, 900)}`);
        counts['merch refunds'] = (counts['merch refunds'] ?? 0) + 1;
      }
      if (random.chance(0.1) && shopifyOrders.length > 0) {
        await client.local(`/_local/shopify/${GUILD}/orders/${random.pick(shopifyOrders)}/refunds?amount=${random.int(1, 5)}.00`);
        counts['merch refunds'] = (counts['merch refunds'] ?? 0) + 1;
      }
      await pause(random.int(100, 600));
    }
    await client.ask(client.command(people.admin, channels.races, 'race', [{ name: 'end', type: 1, options: [] }]), '/race end');
    await pause(2_000);
    for (const racer of people.racers) {
      const wallet = await client.ask(client.command(racer, channels.races, 'wallet'), '/wallet');
      const pending = Number(/Pending[^$]*\$([\d,]+\.\d\d)/i.exec(textOf(wallet))?.[1]?.replace(/,/g, '') ?? 0);
      if (pending <= 0 || !random.chance(0.5)) continue;
      // Now and then more than is pending: refused, nothing paid.
      const asked = random.chance(0.2) ? pending + 5 : Math.max(0.01, Math.floor(pending * random.int(20, 100)) / 100);
      await client.ask(
        client.command(people.admin, channels.races, 'payout', [
          { name: 'user', type: 6, value: racer.id },
          { name: 'amount', type: 10, value: Number(asked.toFixed(2)) },
        ]),
        '/payout',
      );
      counts.payouts = (counts.payouts ?? 0) + 1;
    }
  }
}
