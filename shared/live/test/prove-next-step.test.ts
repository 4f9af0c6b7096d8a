/**
 * A plain `/c500 live mode:order:<id>` on a commission proves its next step, never `done`
 * unless every step before it is proved or the builder names it: the drop promised buyers
 * each step proven live, and `done` sends the whole rest of the share and ends the place.
 */
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { LocalPayments } from '../../local/stripe/payments';
import { orderPath, type Order } from '../../orders';
import type { Builder, TwitchLink } from '../../onboarding';
import { paidCharge, paymentDepsFor } from '../../../test/support/payment-deps';
import { anOrder } from '../../../test/support/orders';
import { proveStep } from '../use-cases/prove-step';
import { ordersVerified } from '../rules/live-messages';

const clock = { now: () => new Date('2026-11-22T12:00:00Z') };
const tranches = [
  { milestone: 'parts-in' as const, percent: 30 },
  { milestone: 'sound-test' as const, percent: 20 },
  { milestone: 'done' as const, percent: 50 },
];

async function world() {
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox();
  const payments = new LocalPayments({ store, baseUrl: 'http://local', clock, sendEvent: async () => undefined });
  const { accountId } = await payments.createConnectedAccount({ builderId: 'b', country: 'US', serviceAgreement: 'full', idempotencyKey: 'acct' });
  await payments.completeOnboarding(accountId);
  const { paymentIntentId, chargeId } = await paidCharge(payments, 'o1');
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
  const builder: Builder & { twitch: TwitchLink } = {
    discordUserId: 'b',
    displayName: 'B',
    stripeAccountId: accountId,
    twitch: { userId: 't', login: 'bkeebs', displayName: 'B', linkedAt: clock.now().toISOString() },
  };
  const deps = paymentDepsFor({ store, discord, payments, clock });
  const prove = (interaction: string, named?: 'parts-in' | 'sound-test' | 'done') => proveStep(deps, builder, 'o1', named, {}, interaction);
  const transfers = async () => (await payments.listTransfers()).map((t) => t.amount).reverse();
  return { prove, transfers, order: async () => (await store.get(orderPath('o1'))) as Order };
}

describe('proving a commission with no milestone named', () => {
  it('proves its next step and sends only that step’s part, keeping its place in the line', async () => {
    const w = await world();
    const outcome = await w.prove('i1');
    expect(outcome).toMatchObject({ ok: true, milestone: 'parts-in', next: 'sound-test' });
    expect(await w.transfers()).toEqual([6_750]);
    const order = await w.order();
    expect(order.status).toBe('paid');
    expect(order.commission?.milestone).toBe('parts-in');
    expect(order.commission?.ended).toBeUndefined();
  });

  it('tells the builder the step it proved and the one to prove next', async () => {
    const w = await world();
    const reply = ordersVerified([await w.prove('i1')], 'https://twitch.tv/bkeebs');
    expect(reply.content).toContain('**parts-in** proved');
    expect(reply.content).toContain('next step: **sound-test**');
  });

  it('goes step by step, skipping the milestones no tranche pays at, and reaches done last', async () => {
    const w = await world();
    expect((await w.prove('i1')).milestone).toBe('parts-in');
    expect((await w.prove('i2')).milestone).toBe('sound-test');
    const done = await w.prove('i3');
    expect(done).toMatchObject({ ok: true });
    expect(done.milestone).toBeUndefined();
    expect(await w.transfers()).toEqual([6_750, 4_500, 11_250]);
    expect((await w.order()).commission).toMatchObject({ milestone: 'done', ended: 'done' });
  });

  it('proves the same step again when the same command is delivered twice, not the step after it', async () => {
    const w = await world();
    await w.prove('i1');
    expect(await w.prove('i1')).toMatchObject({ ok: true, milestone: 'parts-in' });
    expect(await w.transfers()).toEqual([6_750]);
    expect((await w.order()).commission?.milestone).toBe('parts-in');
  });

  it('proves done at once only when the builder names it', async () => {
    const w = await world();
    expect(await w.prove('i1', 'done')).toMatchObject({ ok: true });
    expect(await w.transfers()).toEqual([22_500]);
    expect((await w.order()).commission?.ended).toBe('done');
  });
});
