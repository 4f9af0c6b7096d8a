/**
 * A buyer paying a checkout, counted by Stripe's word: the soak's own attempt is no payment.
 * A checkout the clock's move lapsed first, or whose page refused the card, answers that it is
 * not paid, and a count of "checkouts paid" that counted the attempt said 2 paid of a run whose
 * every drop order expired.
 */
import type { Paid, SoakClient } from './client';

/**
 * Pays `session` as its buyer (with the address typed, when one was); counts it under `key`
 * only when the local Stripe took the payment (its answer, or its list of sessions when the
 * answer was lost). The payment as Stripe answered it, or undefined.
 */
export async function payAndCount(
  client: Pick<SoakClient, 'pay'>,
  counts: Record<string, number>,
  key: string,
  session: string,
  shipping?: Parameters<SoakClient['pay']>[1],
): Promise<Paid | undefined> {
  const made = await client.pay(session, shipping);
  if (made) counts[key] = (counts[key] ?? 0) + 1;
  return made;
}
