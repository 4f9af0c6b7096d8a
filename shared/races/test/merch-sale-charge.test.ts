/**
 * A Payment Link's sale is journaled under its charge, read from Stripe first: Stripe failing
 * to answer is retried with the event (nothing recorded yet), Stripe refusing (no such
 * payment) is final and the racers are credited anyway, the entry naming no charge.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { journalPath, type JournalEntry } from '../../journal';
import { PaymentRefused } from '../../errors';
import type { TaskQueue } from '../../ports';
import type { StripeEvent } from '../../payments';
import { recordStripeMerchSale } from '../use-cases/record-stripe-merch';
import { salePath } from '../rules/sale';

const guildId = '910000000000000001';
const tasks: TaskQueue = { schedule: async () => 'scheduled', cancel: async () => false };
const paid: StripeEvent = {
  id: 'evt_merch_paid',
  type: 'checkout.session.completed',
  created: 1_795_352_670,
  data: {
    object: {
      id: 'cs_merch',
      object: 'checkout.session',
      mode: 'payment',
      status: 'complete',
      payment_status: 'paid',
      payment_intent: 'pi_merch',
      amount_total: 4_200,
      currency: 'usd',
      metadata: { guild_id: guildId },
    } as StripeEvent['data']['object'],
  },
};

function world(chargeOfPayment: (id: string) => Promise<{ chargeId: string }>) {
  const store = new LocalDocumentStore();
  const deps = {
    store,
    discord: new DiscordOutbox(),
    tasks,
    clock: { now: () => new Date('2026-11-22T13:04:30Z') },
    currency: 'usd',
    payments: { chargeOfPayment },
  };
  return {
    deliver: () => recordStripeMerchSale(deps, paid),
    sale: () => store.get(salePath('stripe', 'cs_merch')),
    entry: () => store.get(journalPath('merch-sale:stripe-cs_merch')) as Promise<JournalEntry | undefined>,
  };
}

describe('a Payment Link’s sale and its charge', () => {
  it('GIVEN Stripe answers THEN the sale is journaled under its charge', async () => {
    const w = world(async () => ({ chargeId: 'ch_merch' }));
    await w.deliver();
    expect(await w.entry()).toMatchObject({ kind: 'merch-sale', stripeId: 'ch_merch' });
  });

  it('GIVEN Stripe fails to answer THEN nothing is recorded and the event is retried, and the next delivery journals it under its charge', async () => {
    let down = true;
    const w = world(async () => {
      if (down) throw new Error('Stripe answered 500 to GET /v1/payment_intents/pi_merch');
      return { chargeId: 'ch_merch' };
    });
    await expect(w.deliver()).rejects.toThrow(/500/);
    expect(await w.sale()).toBeUndefined();
    down = false;
    await w.deliver();
    expect(await w.entry()).toMatchObject({ stripeId: 'ch_merch' });
  });

  it('GIVEN Stripe has no such payment THEN the sale is recorded and journaled without a charge', async () => {
    const w = world(async (id) => {
      throw new PaymentRefused(`No such payment_intent: '${id}'`);
    });
    await w.deliver();
    expect(await w.sale()).toMatchObject({ amountCents: 4_200 });
    expect((await w.entry())?.stripeId).toBeUndefined();
  });
});
