/**
 * A commission's tranches net what the builder owes C500 on the server, as the release at
 * `done` does: each sends its part less the debt, the debt falls by exactly that, once
 * whatever redelivers the proof, a refused tranche owes it again, and `done` sends only the
 * rest of the share (what was netted was the builder's, paid to their debt).
 */
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { LocalPayments } from '../../local/stripe/payments';
import { proveOrder } from '../../live/use-cases/prove-order';
import { proveMilestone } from '../../live/use-cases/prove-milestone';
import type { Builder, TwitchLink } from '../../onboarding';
import { PaymentRefused } from '../../errors';
import type { Payments } from '../../ports';
import { type Order } from '../../orders';
import { orderPath } from '../../orders';
import { paidCharge, paymentDepsFor } from '../../../test/support/payment-deps';
import { anOrder } from '../../../test/support/orders';
import { debtAccountOf, recordDebtMove } from '../../debts';

const clock = { now: () => new Date('2026-11-22T12:00:00Z') };
const tranches = [
  { milestone: 'parts-in' as const, percent: 30 },
  { milestone: 'assembly' as const, percent: 20 },
  { milestone: 'done' as const, percent: 50 },
];

async function world(debtCents: number, refuseTransfers = false) {
  const store = new LocalDocumentStore();
  const local = new LocalPayments({ store, baseUrl: 'http://local', clock, sendEvent: async () => undefined });
  const { accountId } = await local.createConnectedAccount({ builderId: 'b', country: 'US', serviceAgreement: 'full', idempotencyKey: 'acct' });
  await local.completeOnboarding(accountId);
  const { paymentIntentId, chargeId } = await paidCharge(local, 'o1');
  const refusing = { refuse: refuseTransfers };
  const payments = new Proxy(local, {
    get(target, name, receiver) {
      if (name === 'createTransfer' && refusing.refuse)
        return async () => {
          throw new PaymentRefused('the connected account cannot take transfers');
        };
      return Reflect.get(target, name, receiver) as unknown;
    },
  }) as unknown as Payments & LocalPayments;
  const order: Order = anOrder({
    dropKind: 'commission',
    guildId: 'g',
    builderId: 'b',
    builderName: 'B',
    amountCents: 25_000,
    platformFeeCents: 2_500,
    builderShareCents: 22_500,
    status: 'paid',
    createdAt: clock.now().toISOString(),
    paymentIntentId,
    chargeId,
    commission: {
      terms: { slots: 1, leadWeeks: 4, oneAtATime: false, tranches },
      ticket: 1,
      paidAt: clock.now().toISOString(),
      promisedAt: '2026-12-20T12:00:00Z',
    },
  });
  await store.set(orderPath('o1'), order);
  await recordDebtMove(store, {
    guildId: 'g',
    userId: 'b',
    entryId: 'refused:reverse:o0:25000',
    kind: 'refused-reversal',
    orderId: 'o0',
    amountCents: debtCents,
    currency: 'usd',
    reason: 'order o0 was refunded and Stripe could not reverse your transfer',
    at: clock.now().toISOString(),
  });
  const builder: Builder & { twitch: TwitchLink } = {
    discordUserId: 'b',
    displayName: 'B',
    stripeAccountId: accountId,
    twitch: { userId: 't', login: 'bkeebs', displayName: 'B', linkedAt: clock.now().toISOString() },
  };
  const deps = paymentDepsFor({ store, discord: new DiscordOutbox(), payments, clock });
  return {
    refusing,
    deps,
    builder,
    milestone: (m: 'parts-in' | 'assembly', interaction = `i-${m}`) => proveMilestone(deps, builder, 'o1', m, {}, interaction),
    transfers: async () => (await local.listTransfers()).map((t) => t.amount).reverse(),
    owed: async () => (await debtAccountOf(store, 'g', 'b'))?.debt.owedCents,
    order: () => store.get(orderPath('o1')),
  };
}

describe('a commission’s tranche to a builder who owes C500 on the server', () => {
  it('sends its part less the debt and lowers the debt by exactly that, once however often the milestone is delivered', async () => {
    const w = await world(2_000);
    expect(await w.milestone('parts-in')).toMatchObject({ ok: true, releasedLabel: '$47.50' });
    await w.milestone('parts-in');
    await w.milestone('parts-in');
    expect(await w.transfers()).toEqual([4_750]);
    expect(await w.owed()).toBe(0);
    expect((await w.order())?.commission?.advances?.[0]).toMatchObject({ amountCents: 4_750, nettedCents: 2_000 });
  });

  it('leaves done only the rest of the share, the netted part counted as the builder’s', async () => {
    const w = await world(2_000);
    await w.milestone('parts-in');
    await w.milestone('assembly');
    await proveOrder(w.deps, w.builder, 'o1', {});
    // 22,500 in all: 2,000 paid the debt, 20,500 went out.
    expect(await w.transfers()).toEqual([4_750, 4_500, 11_250]);
    expect(await w.owed()).toBe(0);
  });

  it('nets a debt larger than the tranche across the tranches that follow, never below zero', async () => {
    const w = await world(9_000);
    await w.milestone('parts-in');
    // The tranche of 6,750 keeps a cent going out (as every release does); the rest of the debt waits for the next.
    expect(await w.transfers()).toEqual([1]);
    expect(await w.owed()).toBe(2_251);
    await w.milestone('assembly');
    expect(await w.transfers()).toEqual([1, 2_249]);
    expect(await w.owed()).toBe(0);
  });

  it('owes the debt again when Stripe refuses the tranche, once, and nets it from the next one', async () => {
    const w = await world(2_000, true);
    expect(await w.milestone('parts-in')).toMatchObject({ ok: false, refusal: 'release-refused' });
    expect(await w.owed()).toBe(2_000);
    w.refusing.refuse = false;
    await w.milestone('assembly');
    // assembly sends both tranches due by then (11,250), less the 2,000 owed.
    expect(await w.transfers()).toEqual([9_250]);
    expect(await w.owed()).toBe(0);
  });
});
