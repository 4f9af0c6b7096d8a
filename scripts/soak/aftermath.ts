/**
 * What happens to an order's money after the sale, as the people around it would do it:
 * the builder refunds with `/c500 refund` before the release (part or all, now and then
 * the same command delivered twice), an admin refunds after it (and a builder who tries is
 * sent to one), and the buyer's bank opens a chargeback through the local Stripe before or
 * after the release, closed won or lost, some before their evidence went in and some after.
 * Any traffic that sells calls these around its proofs of work.
 */
import { pause, textOf, type Paid, type Person, type SoakClient, type SoakRandom } from './client';
/** What the soak counts of each flow (marketplace's TrafficCounts). */
type TrafficCounts = Record<string, number>;
import { channels, type SoakPeople } from './setup';
import { failAPayoutOfAny, inquire, warnOfFraud } from './stripe-world';

/** A paid order, with who built it and what it cost (the soak set the price). */
export interface Sold extends Paid {
  orderId: string;
  builder: Person;
  priceCents: number;
}

/** A dispute the soak opened, and whether its evidence is due at once (submitted before the bank decides). */
export interface Opened {
  disputeId: string;
  sold: Sold;
  evidenceAtOnce: boolean;
}

const count = (counts: TrafficCounts, what: string) => (counts[what] = (counts[what] ?? 0) + 1);
const major = (cents: number) => Math.round(cents) / 100;

/** Before the proof: the builder refunds some orders, and some buyers dispute. Answers the disputes opened and the orders refunded in full. */
export async function beforeRelease(
  client: SoakClient,
  random: SoakRandom,
  sold: readonly Sold[],
  counts: TrafficCounts,
  note: (line: string) => void,
): Promise<{ opened: Opened[]; refundedInFull: Set<string> }> {
  const refundedInFull = new Set<string>();
  // A builder refunds an order they were told is paid (the payment lands a moment after Stripe's answer).
  const told = await Promise.all(
    sold.map((s) => client.entry((e) => e.kind === 'dm' && e.userId === s.builder.id && textOf(e.message).includes(s.orderId), 0, 30_000)),
  );
  for (const s of sold.filter((_, i) => told[i] !== undefined && random.chance(0.25))) {
    const all = random.chance(0.4);
    const amount = all ? undefined : major(random.int(100, Math.max(100, Math.floor(s.priceCents / 2))));
    const twice = random.chance(0.3);
    const answer = await client.refund(s.builder, channels.general, s.orderId, amount, twice);
    if (twice) count(counts, 'refunds sent twice');
    if (!/^Refunded/.test(textOf(answer))) {
      note(`${s.builder.name}'s /c500 refund of ${s.orderId} was answered: ${textOf(answer).slice(0, 140)}`);
      continue;
    }
    count(counts, all ? 'builder refunds in full' : 'builder refunds in part');
    if (all) refundedInFull.add(s.orderId);
  }
  // Now and then Radar flags a payment before its release: C500 refunds it by default, so nothing else follows on it.
  if (client.stripeWorld)
    for (const s of sold.filter((s) => !refundedInFull.has(s.orderId) && random.chance(0.05)))
      if (await warnOfFraud(client, s, counts, note)) refundedInFull.add(s.orderId);
  const opened = await openDisputes(
    client,
    random,
    sold.filter((s) => !refundedInFull.has(s.orderId) && random.chance(0.25)),
    counts,
    note,
  );
  counts['disputes before release'] = (counts['disputes before release'] ?? 0) + opened.length;
  return { opened, refundedInFull };
}

/** After the proof: an admin refunds some orders (a builder who tries is refused), more buyers dispute, and every dispute closes. */
export async function afterRelease(
  client: SoakClient,
  people: SoakPeople,
  random: SoakRandom,
  sold: readonly Sold[],
  earlier: { opened: Opened[]; refundedInFull: Set<string> },
  counts: TrafficCounts,
  note: (line: string) => void,
): Promise<void> {
  const disputed = new Set(earlier.opened.map((o) => o.sold.orderId));
  const open = sold.filter((s) => !disputed.has(s.orderId) && !earlier.refundedInFull.has(s.orderId));
  for (const s of open.filter(() => random.chance(0.1))) {
    const answer = await client.refund(s.builder, channels.general, s.orderId, major(100));
    if (/already released/.test(textOf(answer))) count(counts, 'builder refunds after release, sent to an admin');
  }
  const refundedInFull = new Set<string>();
  for (const s of open.filter(() => random.chance(0.2))) {
    const all = random.chance(0.4);
    const twice = random.chance(0.3);
    const answer = await client.refund(
      people.admin,
      channels.general,
      s.orderId,
      all ? undefined : major(random.int(100, Math.max(100, Math.floor(s.priceCents / 3)))),
      twice,
    );
    if (twice) count(counts, 'refunds sent twice');
    if (!/^Refunded/.test(textOf(answer))) {
      note(`the admin's /c500 refund of ${s.orderId} was answered: ${textOf(answer).slice(0, 140)}`);
      continue;
    }
    count(counts, all ? 'admin refunds after release in full' : 'admin refunds after release in part');
    if (all) refundedInFull.add(s.orderId);
  }
  const disputing = open.filter((s) => !refundedInFull.has(s.orderId) && random.chance(0.25));
  const opened = await openDisputes(client, random, disputing, counts, note);
  counts['disputes after release'] = (counts['disputes after release'] ?? 0) + opened.length;
  // Stripe's wider world: some buyers' banks only ask (an inquiry), and once a run a builder's payout fails.
  const asked = client.stripeWorld ? open.filter((s) => !refundedInFull.has(s.orderId) && !disputing.includes(s) && random.chance(0.15)) : [];
  const payoutFails = client.stripeWorld
    ? [
        failAPayoutOfAny(
          client,
          sold.map((s) => s.builder),
          counts,
        ),
      ]
    : [];
  await Promise.all([
    ...[...earlier.opened, ...opened].map((o) => closeDispute(client, people.admin, random, o, counts, note)),
    ...asked.map((s) => inquire(client, random, s, counts, note)),
    ...payoutFails,
  ]);
}

/** The buyer's bank opens a dispute on each: the soak waits until the builder hears of it, so C500 knows before anything else happens. */
async function openDisputes(
  client: SoakClient,
  random: SoakRandom,
  sold: readonly Sold[],
  counts: TrafficCounts,
  note: (line: string) => void,
): Promise<Opened[]> {
  const from = client.lastSeq;
  const opened: Opened[] = [];
  for (const s of sold) {
    const evidenceAtOnce = random.chance(0.5);
    // Due within a day: C500 submits the evidence at once; due in a week: it waits, and the bank decides first.
    const body = {
      reason: random.pick(['product_not_received', 'fraudulent', 'product_unacceptable'] as const),
      ...(evidenceAtOnce ? { due_in_hours: 2 } : {}),
    };
    const answer = await client.local(`/_local/stripe/sessions/${s.session}/dispute`, 'POST', body);
    const disputeId = (answer.body.dispute as { id?: string } | undefined)?.id;
    if (answer.status !== 200 || !disputeId) {
      note(`the dispute of ${s.orderId} was answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 140)}`);
      continue;
    }
    opened.push({ disputeId, sold: s, evidenceAtOnce });
  }
  await Promise.all(
    opened.map(async (o) => {
      const told = await client.entry(
        (e) =>
          e.kind === 'dm' &&
          e.userId === o.sold.builder.id &&
          /disputed the payment/.test(e.message.content ?? '') &&
          (e.message.content ?? '').includes(o.sold.orderId),
        from,
        30_000,
      );
      if (!told) note(`${o.sold.builder.name} was not told of the dispute on ${o.sold.orderId} within 30 s`);
      else if (random.chance(0.3)) {
        await client.ask(
          client.c500(o.sold.builder, channels.general, ['dispute', 'note'], { order: o.sold.orderId, text: 'Built live on stream; shipped with tracking.' }),
          '/c500 dispute note',
        );
        count(counts, 'dispute notes');
      }
    }),
  );
  return opened;
}

/** The bank decides: won or lost, after the evidence went in when it was due at once, else while it is still pending. */
async function closeDispute(
  client: SoakClient,
  admin: Person,
  random: SoakRandom,
  o: Opened,
  counts: TrafficCounts,
  note: (line: string) => void,
): Promise<void> {
  if (o.evidenceAtOnce) {
    const sent = await client.entry(
      (e) =>
        e.kind === 'dm' &&
        e.userId === o.sold.builder.id &&
        /evidence for the dispute/.test(e.message.content ?? '') &&
        (e.message.content ?? '').includes(o.sold.orderId),
      0,
      30_000,
    );
    if (!sent) note(`the evidence for the dispute on ${o.sold.orderId} was not submitted within 30 s`);
  } else await pause(random.int(200, 2_000));
  const status = random.chance(0.5) ? 'won' : 'lost';
  const answer = await client.local(`/_local/stripe/disputes/${o.disputeId}/close`, 'POST', { status });
  if (answer.status !== 200)
    return void note(`closing dispute ${o.disputeId} ${status} was answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 140)}`);
  count(counts, `disputes ${status}`);
  count(counts, o.evidenceAtOnce ? 'disputes closed after their evidence' : 'disputes closed with evidence pending');
  if (status === 'won' && random.chance(0.5)) await refundAfterWin(client, admin, random, o.sold, counts, note);
}

/**
 * The seller won, then agrees to give part back anyway: an admin's `/c500 refund` of an order
 * whose dispute is won, asked again while C500 has not heard of the win yet (until then it
 * refuses a disputed order). On a released order, what the win sent back is taken back too.
 */
async function refundAfterWin(client: SoakClient, admin: Person, random: SoakRandom, s: Sold, counts: TrafficCounts, note: (line: string) => void) {
  const amount = major(random.int(100, Math.max(100, Math.floor(s.priceCents / 3))));
  for (let attempt = 1; attempt <= 20; attempt++) {
    const answered = await client.refund(admin, channels.general, s.orderId, amount);
    // No answer: the clock's move outlived its token (the soak counts those), or a process died with it.
    if (!answered) return note(`the admin's /c500 refund of ${s.orderId} after its won dispute got no answer`);
    const answer = textOf(answered);
    if (/^Refunded/.test(answer)) return void count(counts, 'admin refunds after a won dispute');
    if (!/disputed the payment/.test(answer))
      return note(`the admin's /c500 refund of ${s.orderId} after its won dispute was answered: ${answer.slice(0, 140)}`);
    await pause(500);
  }
  note(`the admin's /c500 refund of ${s.orderId} was still refused as disputed 10 s after the win`);
}

/** Checkouts paid and proved (a show winner's, several lots in one charge), disputed and closed a few seconds later. */
export async function disputeCheckouts(
  client: SoakClient,
  random: SoakRandom,
  sessions: readonly string[],
  counts: TrafficCounts,
  note: (line: string) => void,
): Promise<void> {
  for (const session of sessions) {
    const answer = await client.local(`/_local/stripe/sessions/${session}/dispute`, 'POST', { reason: 'product_not_received' });
    const disputeId = (answer.body.dispute as { id?: string } | undefined)?.id;
    if (answer.status !== 200 || !disputeId) {
      note(`the dispute of show checkout session ${session} was answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 140)}`);
      continue;
    }
    count(counts, 'show checkouts disputed');
    await pause(random.int(2_000, 5_000));
    const status = random.chance(0.5) ? 'won' : 'lost';
    const closed = await client.local(`/_local/stripe/disputes/${disputeId}/close`, 'POST', { status });
    if (closed.status === 200) count(counts, `disputes ${status}`);
    else note(`closing dispute ${disputeId} ${status} was answered ${closed.status}: ${JSON.stringify(closed.body).slice(0, 140)}`);
  }
}
