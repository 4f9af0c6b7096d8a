/**
 * A late commission's Cancel and refund against the local Stripe: everything not sent is
 * refunded and the place leaves the line; when Stripe refuses (a refund from its dashboard
 * the order has not heard of yet), nothing is cancelled and the buyer may press again.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalPayments } from '../../local/stripe/payments';
import { orderPath, type Order } from '../../orders';
import { cancelLate } from '../use-cases/cancel-late';
import { placed } from './queue-fixtures';
import { paidCharge } from '../../../test/support/payment-deps';
import { dmButtonPress } from '../../../test/support/interactions';
import { refundInJournal } from '../../../test/support/orders';

// Paid on 22 November (the checkout helper's day), pressed on 20 December.
let nowIso = '2026-11-22T12:00:00Z';
const clock = { now: () => new Date(nowIso) };
const buyer = '830000000000000001';

async function world() {
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox();
  const payments = new LocalPayments({ store, baseUrl: 'http://local', clock, sendEvent: async () => undefined });
  nowIso = '2026-11-22T12:00:00Z';
  const { paymentIntentId, chargeId } = await paidCharge(payments, 'order1');
  nowIso = '2026-12-20T12:00:00Z';
  // $250 paid, promised by 13 December: a week late.
  const order: Order = placed(1, { buyerId: buyer, amountCents: 25_000, platformFeeCents: 2_500, builderShareCents: 22_500, paymentIntentId, chargeId });
  await store.set(orderPath('order1'), order);
  const freed: string[] = [];
  const deps = { store, discord, payments, clock, freeSlot: async (id: string) => void freed.push(id) };
  return { store, discord, payments, chargeId, deps, freed, order: () => store.get(orderPath('order1')) };
}

describe('cancelling a late commission', () => {
  it('refunds all the buyer paid when nothing was sent, frees the slot and leaves the line', async () => {
    const w = await world();
    const answer = await cancelLate(w.deps, dmButtonPress('qcancel:order1', buyer));
    expect(answer.content).toMatch(/^Cancelled: .*\$250\.00 is on its way back/);
    expect((await w.order())?.commission).toMatchObject({ ended: 'cancelled', keptCents: 0 });
    expect(w.freed).toEqual(['order1']);
  });

  it('greys out Cancel and refund and Keep waiting on the message pressed, leaving its text as it was', async () => {
    const w = await world();
    const press = { ...dmButtonPress('qcancel:order1', buyer), message: { id: '970000000000000001', channel_id: '960000000000000001' } };
    await cancelLate(w.deps, press);
    const edit = w.discord.entries.find((e) => e.kind === 'edit' && e.messageId === '970000000000000001');
    expect(edit).toMatchObject({ channelId: '960000000000000001' });
    expect(edit?.message.content).toBeUndefined();
    const buttons = (edit?.message.components as Array<{ components: Array<{ label: string; disabled?: boolean }> }>)[0]?.components;
    expect(buttons?.map((b) => [b.label, b.disabled])).toEqual([
      ['Cancel and refund', true],
      ['Keep waiting', true],
    ]);
  });

  it('cancels nothing when Stripe refuses the refund, and lets the buyer press again once the order knows of the earlier refund', async () => {
    const w = await world();
    // $20 refunded from Stripe's dashboard a moment ago; its webhook has not reached the order yet.
    await w.payments.refundCharge(w.chargeId, 2_000);
    const refused = await cancelLate(w.deps, dmButtonPress('qcancel:order1', buyer));
    expect(refused.content).toContain('Nothing was cancelled and your place is kept');
    const after = (await w.order()) as Order;
    expect(after.commission?.ended).toBeUndefined();
    expect(after.commission?.keptCents).toBeUndefined();
    expect(w.freed).toEqual([]);
    // The webhook lands; the second press refunds the rest.
    await refundInJournal(w.store, (await w.order()) as Order, 2_000);
    const again = await cancelLate(w.deps, dmButtonPress('qcancel:order1', buyer));
    expect(again.content).toMatch(/\$230\.00 is on its way back/);
    expect((await w.order())?.commission?.ended).toBe('cancelled');
    expect(w.freed).toEqual(['order1']);
  });

  it('leaves another press’s cancel alone when a refused press is delivered again', async () => {
    const w = await world();
    await w.payments.refundCharge(w.chargeId, 2_000);
    const refusedPress = dmButtonPress('qcancel:order1', buyer);
    await cancelLate(w.deps, refusedPress);
    await refundInJournal(w.store, (await w.order()) as Order, 2_000);
    await cancelLate(w.deps, dmButtonPress('qcancel:order1', buyer));
    // The refused press again, after the second cancelled and refunded: the cancel stands.
    const again = await cancelLate(w.deps, refusedPress);
    expect(again.content).toContain('no longer in the queue');
    expect((await w.order())?.commission).toMatchObject({ ended: 'cancelled', keptCents: 0 });
  });

  it('keeps the cancel a press made on its second delivery when a third delivery of it arrives', async () => {
    const w = await world();
    await w.payments.refundCharge(w.chargeId, 2_000);
    const press = dmButtonPress('qcancel:order1', buyer);
    // First delivery: Stripe refuses (the dashboard's refund is not on the order yet); nothing is cancelled.
    expect((await cancelLate(w.deps, press)).content).toContain('Nothing was cancelled');
    await refundInJournal(w.store, (await w.order()) as Order, 2_000);
    // Pub/Sub delivers the same press again: now it cancels, under a refund of its own.
    expect((await cancelLate(w.deps, press)).content).toMatch(/\$230\.00 is on its way back/);
    // And once more: it finishes that cancel, never undoes it for the first delivery's refusal.
    const third = await cancelLate(w.deps, press);
    expect(third.content).toMatch(/^Cancelled: .*\$230\.00 is on its way back/);
    const after = (await w.order()) as Order;
    expect(after.commission).toMatchObject({ ended: 'cancelled', keptCents: 0, cancelledByInteraction: press.id });
    expect(after.givenRefunds?.filter((r) => r.refundId !== undefined).map((r) => r.amountCents)).toEqual([23_000]);
    expect(w.freed).toEqual(['order1', 'order1']);
  });
});
