/**
 * Stripe's wider world in the soak's mix (issue 49), each through the local Stripe's routes as
 * the card's bank, Radar or the builder would make it happen, at modest rates so the rest of
 * the mix still runs: inquiries that close, escalate on the same object, or are settled by a
 * refund; a chargeback opened as a new dispute after an inquiry closed; refunds the bank sends
 * back; early fraud warnings before a release; once a run, a builder's payout that fails and,
 * when the traffic is over, a builder who revokes C500.
 */
import { pause, type Person, type SoakClient, type SoakRandom } from './client';
import { personPseudonym } from '../../shared/log';
import { stripePerson } from './stripe-people';

/** A paid order the soak sold (aftermath's Sold, as far as Stripe's world needs it). */
type Sold = { session: string; orderId: string };

type TrafficCounts = Record<string, number>;
type Note = (line: string) => void;

const count = (counts: TrafficCounts, what: string) => (counts[what] = (counts[what] ?? 0) + 1);
const said = (answer: { status: number; body: Record<string, unknown> }) => `${answer.status}: ${JSON.stringify(answer.body).slice(0, 140)}`;

/**
 * The buyer's bank asks about a released order (an inquiry: nothing withdrawn), then one of
 * three: it escalates into a chargeback on the same object, decided won or lost; it closes
 * (`warning_closed`) and, half the time, a chargeback follows as a new dispute; or the payment
 * is refunded in full from Stripe's dashboard, as Stripe advises, and the inquiry closes.
 */
export async function inquire(client: SoakClient, random: SoakRandom, s: Sold, counts: TrafficCounts, note: Note): Promise<void> {
  const opened = await client.local(`/_local/stripe/sessions/${s.session}/dispute`, 'POST', { reason: 'product_not_received', inquiry: true });
  const inquiryId = (opened.body.dispute as { id?: string } | undefined)?.id;
  if (opened.status !== 200 || !inquiryId) return note(`the inquiry on ${s.orderId} was answered ${said(opened)}`);
  count(counts, 'inquiries');
  await pause(random.int(500, 2_000));
  const fate = random.int(1, 3);
  if (fate === 1) {
    const escalated = await client.local(`/_local/stripe/disputes/${inquiryId}/escalate`, 'POST', {});
    if (escalated.status !== 200) return note(`escalating the inquiry ${inquiryId} was answered ${said(escalated)}`);
    count(counts, 'inquiries escalated');
    await pause(random.int(500, 2_000));
    return decide(client, random, inquiryId, counts, note);
  }
  if (fate === 2) {
    const refunded = await client.local(`/_local/stripe/sessions/${s.session}/refund`);
    if (refunded.status !== 200) note(`refunding ${s.orderId} during its inquiry was answered ${said(refunded)}`);
    else count(counts, 'inquiries settled by a refund');
    await pause(random.int(300, 1_000));
  }
  const closed = await client.local(`/_local/stripe/disputes/${inquiryId}/close`, 'POST', { status: 'warning_closed' });
  if (closed.status !== 200) return note(`closing the inquiry ${inquiryId} was answered ${said(closed)}`);
  count(counts, 'inquiries closed');
  if (fate === 2 || !random.chance(0.5)) return;
  await pause(random.int(500, 2_000));
  const again = await client.local(`/_local/stripe/sessions/${s.session}/dispute`, 'POST', { reason: 'fraudulent' });
  const disputeId = (again.body.dispute as { id?: string } | undefined)?.id;
  if (again.status !== 200 || !disputeId) return note(`the chargeback after the closed inquiry on ${s.orderId} was answered ${said(again)}`);
  if (disputeId !== inquiryId) count(counts, 'second disputes after a closed inquiry');
  await pause(random.int(500, 2_000));
  await decide(client, random, disputeId, counts, note);
}

/** The bank decides a chargeback: won or lost. */
async function decide(client: SoakClient, random: SoakRandom, disputeId: string, counts: TrafficCounts, note: Note): Promise<void> {
  const status = random.chance(0.5) ? 'won' : 'lost';
  const closed = await client.local(`/_local/stripe/disputes/${disputeId}/close`, 'POST', { status });
  if (closed.status !== 200) return note(`closing dispute ${disputeId} ${status} was answered ${said(closed)}`);
  count(counts, `disputes ${status}`);
}

/**
 * The card's bank sends back the newest refund of a charge (it had succeeded): the money is the
 * platform's again. `refunded` is the local Stripe's answer to the refund, which names the charge.
 */
export async function failNewestRefund(
  client: SoakClient,
  refunded: { status: number; body: Record<string, unknown> },
  counts: TrafficCounts,
  note: Note,
): Promise<void> {
  const chargeId = (refunded.body.charge as { id?: string } | undefined)?.id;
  if (refunded.status !== 200 || !chargeId) return;
  const listed = await client.local('/_local/stripe/refunds', 'GET');
  // Newest first, as the local Stripe lists them.
  const refund = ((listed.body.refunds as Array<{ id: string; status: string; charge: string }> | undefined) ?? []).find(
    (r) => r.status === 'succeeded' && r.charge === chargeId,
  );
  if (!refund) return note(`no refund of charge ${chargeId} was found to fail`);
  const failed = await client.local(`/_local/stripe/refunds/${refund.id}/fail`, 'POST', {});
  if (failed.status !== 200) return note(`failing refund ${refund.id} was answered ${said(failed)}`);
  count(counts, 'refunds failed later');
}

/** Radar flags a paid charge before its release: C500 holds the release and, by default, refunds an order not released. */
export async function warnOfFraud(client: SoakClient, s: Sold, counts: TrafficCounts, note: Note): Promise<boolean> {
  const warned = await client.local(`/_local/stripe/sessions/${s.session}/early-fraud-warning`, 'POST', {});
  if (warned.status !== 200) {
    note(`the early fraud warning on ${s.orderId} was answered ${said(warned)}`);
    return false;
  }
  count(counts, 'early fraud warnings');
  return true;
}

/** The builder's connected account, as the local Stripe lists it (its metadata names the builder). */
async function accountOf(client: SoakClient, builder: Person): Promise<string | undefined> {
  const listed = await client.local('/_local/stripe/accounts', 'GET');
  const accounts = (listed.body.accounts as Array<{ id: string; metadata: Record<string, string> }> | undefined) ?? [];
  return accounts.find((a) => stripePerson(a.metadata, 'builder') === personPseudonym(builder.id))?.id;
}

/** The accounts whose payout this run's soak already failed. */
const payoutsFailed = new WeakMap<SoakClient, Set<string>>();

/**
 * A payout from a builder's account sent back by their bank (`payout.failed`): true when it
 * was, else why not. The local Stripe, as Stripe, has no payout to fail on an account that
 * holds nothing (its sales not released yet, or refunded): the caller tries another builder.
 */
export async function failAPayout(client: SoakClient, builder: Person, counts: TrafficCounts): Promise<true | string> {
  counts['payouts failed'] ??= 0;
  const account = await accountOf(client, builder);
  if (!account) return `${builder.name} has no Stripe account: no payout to fail`;
  // Once per account: Stripe stops paying out to an account whose bank sent a payout back until its bank details change.
  const failedBefore = payoutsFailed.get(client) ?? new Set<string>();
  payoutsFailed.set(client, failedBefore);
  if (failedBefore.has(account)) return `${account}'s payout was sent back already`;
  const failed = await client.local(`/_local/stripe/accounts/${account}/payout-failed`, 'POST', { failure_code: 'account_closed', amount: 1_234 });
  if (failed.status !== 200) return `failing a payout of ${account} was answered ${said(failed)}`;
  failedBefore.add(account);
  count(counts, 'payouts failed');
  return true;
}

/**
 * Once a run, by the end: the builders' accounts in turn until one has a payout to fail. Said
 * nowhere when none had: the stripe-world round may still fail one meanwhile, and "the run
 * exercised payouts" judges the run from the local Stripe's payouts at the end.
 */
export async function failAPayoutOfAny(client: SoakClient, builders: readonly Person[], counts: TrafficCounts): Promise<void> {
  for (const builder of new Set(builders)) {
    if ((counts['payouts failed'] ?? 0) > 0 || (await failAPayout(client, builder, counts)) === true) return;
  }
}

/** When the traffic is over: a builder revokes C500 from their Stripe account (`account.application.deauthorized`). */
export async function revokeAnAccount(client: SoakClient, builder: Person, counts: TrafficCounts, note: Note): Promise<void> {
  const account = await accountOf(client, builder);
  if (!account) return note(`${builder.name} has no Stripe account to revoke`);
  const revoked = await client.local(`/_local/stripe/accounts/${account}/deauthorize`, 'POST', {});
  if (revoked.status !== 200) return note(`revoking ${account} was answered ${said(revoked)}`);
  count(counts, 'accounts revoked');
}
