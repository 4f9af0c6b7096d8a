/**
 * A commission queue under the storm (issue 34): the builder proves some paid places'
 * first milestone live (a tranche leaves from the charge), moves others' promised dates
 * with a reason, and some of those buyers press **Cancel and refund** in the DM that tells
 * them. A cancelled order leaves the rest of the round alone: nobody proves, refunds as
 * builder or disputes it afterwards (Stripe's dashboard still may: a refund after a cancel
 * comes out of what the builder kept).
 */
import { buttonsOf, pause, textOf, type Person, type SoakClient, type SoakRandom } from './client';
import type { Sold } from './aftermath';
import { channels } from './setup';

type TrafficCounts = Record<string, number>;
const count = (counts: TrafficCounts, what: string) => (counts[what] = (counts[what] ?? 0) + 1);

/** A commission drop's kind as the modal takes it: slots, a lead time, and 30 % of the share at parts-in. */
export const queueKind = (slots: number, weeks: number) => `commission ${slots} slots ${weeks} weeks 30% at parts-in`;

/**
 * Milestones, moved dates and cancels on this round's paid places. `buyerOf` names who paid
 * each checkout. Answers the order ids cancelled (their slots are back on the drop).
 */
export async function queueSteps(
  client: SoakClient,
  random: SoakRandom,
  sold: readonly Sold[],
  buyerOf: ReadonlyMap<string, Person>,
  counts: TrafficCounts,
  note: (line: string) => void,
): Promise<Set<string>> {
  const cancelled = new Set<string>();
  for (const s of sold) {
    const step = random.next();
    // The builder acts on a place once told it is paid (the payment lands a moment after Stripe's answer).
    const told = await client.entry((e) => e.kind === 'dm' && e.userId === s.builder.id && textOf(e.message).includes(s.orderId), 0, 30_000);
    if (!told) continue;
    if (step < 0.4) {
      const answer = await client.ask(
        client.c500(s.builder, channels.general, ['live'], { mode: `order:${s.orderId}`, milestone: 'parts-in' }),
        '/c500 live milestone',
      );
      count(counts, 'milestones proved');
      if (answer && !/parts-in/i.test(textOf(answer))) note(`${s.builder.name}'s parts-in of ${s.orderId} was answered: ${textOf(answer).slice(0, 140)}`);
    } else if (step < 0.8) {
      const buyer = buyerOf.get(s.session);
      if (buyer && (await delayThenCancel(client, s, buyer, counts, note))) cancelled.add(s.orderId);
    }
  }
  return cancelled;
}

/** The builder moves the date by two weeks; the buyer reads why in a DM and presses Cancel and refund there. */
async function delayThenCancel(client: SoakClient, s: Sold, buyer: Person, counts: TrafficCounts, note: (line: string) => void): Promise<boolean> {
  const from = client.lastSeq;
  const moved = await client.ask(
    client.c500(s.builder, channels.general, ['queue', 'delay'], { order: s.orderId, weeks: 2, reason: 'Switches are stuck at customs' }),
    '/c500 queue delay',
  );
  count(counts, 'promised dates moved');
  const cancelId = `qcancel:${s.orderId}`;
  // By DM, or, with their DMs closed, by a mention in the drop's channel: the same buttons either way.
  const told = await client.entry(
    (e) => buttonsOf(e.message).includes(cancelId) && (e.kind === 'dm' ? e.userId === buyer.id : textOf(e.message).includes(`<@${buyer.id}>`)),
    from,
  );
  if (!told) {
    note(`${buyer.name} was not told they may cancel ${s.orderId} (the delay was answered: ${textOf(moved).slice(0, 140)})`);
    return false;
  }
  let answer = await client.ask(client.press(buyer, channels.general, cancelId), 'Cancel and refund');
  // Refused by Stripe (a dashboard refund the order has not heard of yet): nothing was cancelled; the buyer presses again, as told.
  if (/Nothing was cancelled/.test(textOf(answer))) {
    count(counts, 'late cancels refused, pressed again');
    await pause(3_000);
    answer = await client.ask(client.press(buyer, channels.general, cancelId), 'Cancel and refund');
  }
  count(counts, 'late cancels');
  if (!/^Cancelled/.test(textOf(answer))) note(`${buyer.name}'s cancel of ${s.orderId} was answered: ${textOf(answer).slice(0, 140)}`);
  // A lost answer may still have cancelled it: the place is left alone either way, unless Stripe refused it twice.
  return !/Nothing was cancelled/.test(textOf(answer));
}
