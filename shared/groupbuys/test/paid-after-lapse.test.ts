/**
 * A pledge's PaymentIntent paid after its order expired (a lapse that did not ask Stripe to
 * cancel first, or did so before that check existed): the place is gone, so the money goes back
 * in full, once, by Stripe's refund under a key from the intent, journaled so the charge and its
 * refund net to zero, and the buyer is told, whatever redelivers `payment_intent.succeeded` and
 * the `charge.refunded` that follows it.
 */
import { journalCollection, type JournalEntry } from '../../journal';
import { orderPath } from '../../orders';
import { pledgePath } from '../rules/group-buy';
import { paidOnThePayPage } from './paid-on-page';
import { logLinesOf } from '../../../test/support/log-lines';

/** The buyer paid on the pay page; before Stripe's event came, their order was expired and their pledge lapsed without Stripe's word. */
async function paidAfterLapse() {
  const { w, three, pledge } = await paidOnThePayPage();
  const held = w.events.splice(0).filter((e) => e.type === 'payment_intent.succeeded');
  const at = w.now().toISOString();
  await w.store.update(orderPath(pledge.orderId as string), { status: 'expired', expiredAt: at });
  await w.store.update(pledgePath('tofu6565', three), { status: 'lapsed', releasedAt: at });
  return { w, three, orderId: pledge.orderId as string, paymentIntentId: pledge.paymentIntentId as string, held };
}

const entriesOf = async (w: Awaited<ReturnType<typeof paidOnThePayPage>>['w'], orderId: string) =>
  (await w.store.query(journalCollection, { where: [['orderId', '==', orderId]] })).map((d) => d.data as JournalEntry);

describe('a pledge’s payment that arrives after its order expired', () => {
  it('is refunded in full, once, under a key from its intent, however often Stripe’s events come, and the order stays expired', async () => {
    const { w, three, orderId, paymentIntentId, held } = await paidAfterLapse();
    expect(held).toHaveLength(1);
    const { lines } = await logLinesOf(async () => {
      // Discord refuses the buyer's DM once, after the refund was made: the event comes again and finishes.
      const sendDm = w.deps.discord.sendDm.bind(w.deps.discord);
      w.deps.discord.sendDm = async () => {
        w.deps.discord.sendDm = sendDm;
        throw new Error('429 Too Many Requests: You are being rate limited.');
      };
      w.events.push(...held);
      await expect(w.deliver()).rejects.toThrow('rate limited');
      // The refund's own `charge.refunded`, delivered twice.
      const refundedEvents = w.events.filter((e) => e.type === 'charge.refunded');
      expect(refundedEvents).toHaveLength(1);
      w.events.push(...held, ...held, ...refundedEvents);
      await w.deliver();
      w.events.push(...held);
      await w.deliver();
    });
    // Nothing left for a person: no second refund asked (Stripe would refuse it) and none paged.
    expect(lines.filter((line) => line.event === 'money.needs-human')).toEqual([]);

    const intent = (await w.stripe.listPaymentIntents()).find((p) => p.id === paymentIntentId);
    const refunds = await w.stripe.listRefunds();
    expect(refunds.filter((r) => r.charge === intent?.latest_charge).map((r) => r.amount)).toEqual([12_500]);
    expect((await w.store.get(orderPath(orderId)))?.status).toBe('expired');
    expect(await w.pledge(three)).toMatchObject({ status: 'lapsed' });
    expect(w.dmsTo(three).filter((dm) => dm.includes('came after its deadline'))).toEqual([expect.stringContaining('We refunded all $125.00 to your card')]);
  });

  it('journals the charge and its refund so they net to zero on every account, the refund counted once', async () => {
    const { w, orderId, held } = await paidAfterLapse();
    w.events.push(...held, ...held);
    await w.deliver();
    await w.deliver();
    const entries = await entriesOf(w, orderId);
    expect(entries.map((e) => e.kind).sort()).toEqual(['charge', 'refund']);
    for (const entry of entries) expect(entry.postings.reduce((sum, p) => sum + p.amountCents, 0)).toBe(0);
    const byAccount = new Map<string, number>();
    for (const p of entries.flatMap((e) => e.postings)) byAccount.set(p.account, (byAccount.get(p.account) ?? 0) + p.amountCents);
    expect([...byAccount.values()].every((cents) => cents === 0)).toBe(true);
    // Nothing earned from a sale that never was.
    expect(byAccount.has('platform-fees')).toBe(false);
  });
});
