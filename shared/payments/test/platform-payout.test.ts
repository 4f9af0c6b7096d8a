/**
 * The platform's own payout, from Stripe's events (issue 75): `payout.created`, `payout.paid`
 * and `payout.failed` without a connected account write the payout's entries once, in any
 * order and again; a failed payout returns its money; a builder's payout event writes nothing.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalPayments } from '../../local/stripe/payments';
import { journalCollection, sumOf, type AccountName, type JournalEntry } from '../../journal';
import type { StripeEvent } from '../rules/stripe-event';
import { handleStripeEvent } from '../use-cases/handle-stripe-event';
import { paymentDepsFor } from '../../../test/support/payment-deps';

const balanceOf = (entries: JournalEntry[], currency: string, account: AccountName) => sumOf(entries, currency, (p) => p.account === account);
const clock = { now: () => new Date('2026-11-28T12:00:00Z') };

function world() {
  const store = new LocalDocumentStore();
  const payments = new LocalPayments({ store, baseUrl: 'http://local', clock, sendEvent: async () => undefined });
  const deps = paymentDepsFor({ store, discord: new DiscordOutbox(), payments, clock });
  const journal = async () => (await store.query(journalCollection)).map((d) => d.data);
  return { deps, journal };
}

/** A payout event as Stripe sends it to the platform's endpoint (no `account`), or a connected account's. */
const payoutEvent = (id: string, type: 'payout.created' | 'payout.paid' | 'payout.failed', account?: string): StripeEvent => ({
  id,
  object: 'event',
  type,
  created: 1_795_000_100,
  ...(account ? { account } : {}),
  data: {
    object: {
      id: 'po_1',
      object: 'payout',
      amount: 12_000,
      currency: 'usd',
      created: 1_795_000_000,
      status: type === 'payout.failed' ? 'failed' : type === 'payout.paid' ? 'paid' : 'pending',
    },
  },
});

describe('the platform’s payout, from Stripe’s events', () => {
  it('moves the amount from Stripe’s balance to the platform’s bank once, however many of its events come and again', async () => {
    const w = world();
    for (const event of [payoutEvent('evt_1', 'payout.created'), payoutEvent('evt_2', 'payout.paid'), payoutEvent('evt_2', 'payout.paid')])
      await handleStripeEvent(w.deps, event);
    const entries = await w.journal();
    expect(entries.map((e) => e.entryId)).toEqual(['payout:po_1']);
    expect(balanceOf(entries, 'usd', 'stripe-balance')).toBe(-12_000);
    expect(balanceOf(entries, 'usd', 'platform-bank')).toBe(12_000);
  });

  it('that failed returns its money, whether its failure comes before or after its other events', async () => {
    for (const order of [
      ['payout.failed', 'payout.created'],
      ['payout.created', 'payout.paid', 'payout.failed'],
    ] as const) {
      const w = world();
      for (const [i, type] of order.entries()) await handleStripeEvent(w.deps, payoutEvent(`evt_${i}`, type));
      const entries = await w.journal();
      expect(entries.map((e) => e.kind).sort()).toEqual(['payout-returned', 'platform-payout']);
      expect(balanceOf(entries, 'usd', 'stripe-balance')).toBe(0);
      expect(balanceOf(entries, 'usd', 'platform-bank')).toBe(0);
    }
  });

  it('writes nothing for a builder’s payout that failed: that is theirs, not the platform’s', async () => {
    const w = world();
    await handleStripeEvent(w.deps, payoutEvent('evt_1', 'payout.failed', 'acct_builder'));
    expect(await w.journal()).toEqual([]);
  });
});
