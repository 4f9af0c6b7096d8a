/**
 * The platform's side of Stripe's world (issue 75), when the traffic is over: Stripe pays the
 * platform's available balance out to C500's bank on its own schedule, the bank sends one such
 * payout back (`payout.failed`: the money is on the balance again), the next one is paid, and
 * Connect bills the month's fees for every active connected account to the platform's balance.
 * None of these is any order's; the journal must still explain each line they write (the
 * reconciliation over every line, journal-invariants.ts), so the books close with them in.
 */
import type { SoakClient } from './client';

type TrafficCounts = Record<string, number>;
type Note = (line: string) => void;

const count = (counts: TrafficCounts, what: string) => (counts[what] = (counts[what] ?? 0) + 1);
const said = (answer: { status: number; body: Record<string, unknown> }) => `${answer.status}: ${JSON.stringify(answer.body).slice(0, 140)}`;

/** The month Stripe bills, as the runtime's clock reads it (the soak moves that clock on). */
export const monthOf = (ms: number): string => new Date(ms).toISOString().slice(0, 7);

export async function platformPayoutsAndFees(client: SoakClient, counts: TrafficCounts, note: Note): Promise<void> {
  counts['platform payouts sent back'] ??= 0;
  counts['platform payouts paid'] ??= 0;
  counts['Connect fee months billed'] ??= 0;
  // Sent back first, so the next payout pays out the money that came back with the rest.
  const failed = await client.local('/_local/stripe/payouts', 'POST', { fail: true });
  if (failed.status === 200) count(counts, 'platform payouts sent back');
  else note(`the platform's payout its bank sends back was answered ${said(failed)}`);
  const paid = await client.local('/_local/stripe/payouts', 'POST', {});
  if (paid.status === 200) count(counts, 'platform payouts paid');
  else note(`the platform's payout was answered ${said(paid)}`);
  const billed = await client.local('/_local/stripe/connect-fees', 'POST', { month: monthOf(client.now()) });
  if (billed.status === 200) count(counts, 'Connect fee months billed');
  else note(`Connect's fees for ${monthOf(client.now())} were answered ${said(billed)}`);
}
