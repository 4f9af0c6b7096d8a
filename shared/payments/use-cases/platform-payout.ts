/**
 * @module platform-payout
 * The platform's own payout to its bank, in the journal (issue 75): `payout.created`,
 * `payout.paid` and `payout.failed` without `event.account` are the platform's (a builder's
 * payout names their account and is theirs). Each writes what the payout moved so far, once:
 * the amount out of Stripe's balance, and on failure the same amount back, so they may come in
 * any order and again. A payout event of another shape is logged and left (a defect of
 * Stripe's, never a person's).
 */
import { platformPayoutEntries, readEntries, writeEntry, type PlatformPayout } from '../../journal';
import { log } from '../../log';
import { text, type StripeEvent } from '../rules/stripe-event';
import type { PaymentDeps } from './apply-payment';

/** The payout an event carries, when it is the platform's and whole. */
export function platformPayoutOf(event: StripeEvent): PlatformPayout | undefined {
  if (text(event.account)) return undefined;
  const payout = event.data.object;
  const currency = text(payout.currency);
  const { amount, created } = payout;
  if (!currency || typeof amount !== 'number' || !Number.isSafeInteger(amount) || typeof created !== 'number') return undefined;
  return { payoutId: payout.id, amountCents: amount, currency, created, failed: event.type === 'payout.failed' || payout.status === 'failed' };
}

export async function platformPaidOut(deps: Pick<PaymentDeps, 'store'>, event: StripeEvent): Promise<void> {
  if (text(event.account)) return void log.info('a payout event of a connected account on the platform’s endpoint; nothing to record', { eventId: event.id });
  const payout = platformPayoutOf(event);
  if (!payout)
    return void log.warn('a platform payout event without its amount, currency or time; nothing recorded', {
      eventId: event.id,
      payoutId: event.data.object.id,
    });
  const entries = platformPayoutEntries(payout);
  await deps.store.runTransaction(async (tx) => {
    const read = await readEntries(
      tx,
      entries.map((e) => e.entryId),
    );
    for (const entry of entries) writeEntry(tx, read, entry);
  });
}
