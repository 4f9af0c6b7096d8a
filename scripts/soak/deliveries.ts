/**
 * Parcels for the soak (issue 78): a proved order's last payout waits for its delivery, so the
 * builder ships each proved order with a tracking number typed by hand (which starts the
 * carrier stand-in's tracker), and then, by chance: the buyer presses **Received**; or the
 * carrier scans it in transit and delivered (sometimes the delivered scan first, so the in
 * transit one arrives late and out of order; sometimes delivered sent again); or it comes back
 * to its sender (its money stays); or nothing more happens (its money stays). The server's
 * delivery window is 0 days in the soak (soak/setup), so a delivered scan frees the payout at
 * once. The money invariant "no last payout left before its delivery" reads what came of it.
 */
import type { SoakClient, SoakRandom } from './client';
import { channels, type SoakPeople } from './setup';

type Person = SoakPeople['builders'][number];

/** What the soak counts of each flow (marketplace's TrafficCounts; not imported, as marketplace imports this file). */
type TrafficCounts = Record<string, number>;

const count = (counts: TrafficCounts, what: string) => (counts[what] = (counts[what] ?? 0) + 1);

/** Ships each of `orderIds` (the builder's own, proved) and lets chance decide how its parcel ends. */
export async function shipAndDeliver(
  client: SoakClient,
  people: SoakPeople,
  builder: Person,
  random: SoakRandom,
  orderIds: readonly string[],
  counts: TrafficCounts,
): Promise<void> {
  for (const orderId of orderIds) {
    const from = client.lastSeq;
    // Unique per order: two orders never share a tracker, whatever a run left behind.
    const tracking = `1ZSOAK${orderId.toUpperCase()}`;
    const answer = await client.ask(client.c500(builder, channels.general, ['ship'], { order: orderId, tracking, carrier: 'ups' }), '/c500 ship');
    if (!JSON.stringify(answer ?? {}).includes('marked shipped')) continue;
    count(counts, 'parcels shipped');
    const fate = random.next();
    if (fate < 0.4) {
      // The buyer is whoever got the Received button (a buyer with closed DMs is told in the channel, or not at all).
      const dm = await client.entry((e) => JSON.stringify(e.message).includes(`received:${orderId}`), from);
      const buyer = people.buyers.find((b) => b.id === (dm?.kind === 'dm' ? dm.userId : undefined));
      if (buyer) {
        await client.ask(client.press(buyer, channels.general, `received:${orderId}`), 'Received');
        count(counts, 'parcels received by their buyer');
        continue;
      }
    }
    if (fate < 0.8) {
      const move = (status: string) => client.local(`/_local/carrier/trackers/${tracking}/status`, 'POST', { status });
      if (random.chance(0.3)) {
        // Out of order: the delivered scan first, the in-transit one after it (ignored as stale).
        await move('delivered');
        await move('in_transit');
      } else {
        await move('in_transit');
        await move('delivered');
      }
      if (random.chance(0.3)) await move('delivered');
      // The webhook is a subscriber's, a moment later: the buyer hears of the delivery once its release was asked
      // for, so later traffic (a dispute on the charge) meets the release done, as it met a proof's (bounded wait).
      await client.entry(
        (e) => e.kind === 'dm' && JSON.stringify(e.message).includes(`\`${orderId}\``) && JSON.stringify(e.message).includes('was delivered'),
        from,
      );
      count(counts, 'parcels delivered by the carrier');
    } else if (fate < 0.9) {
      await client.local(`/_local/carrier/trackers/${tracking}/status`, 'POST', { status: 'return_to_sender' });
      count(counts, 'parcels returned to sender');
    } else count(counts, 'parcels left in transit');
  }
}
