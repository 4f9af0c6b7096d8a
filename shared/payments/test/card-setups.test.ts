/**
 * A Checkout Session in setup mode saved a card and paid nothing: payments hands its
 * completion to the module registered for its `kind` (a group buy's pledge), never to the
 * merch sales that take every paid session of no kind of ours; one of no kind of ours is only logged.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { handleStripeEvent } from '../use-cases/handle-stripe-event';
import type { PaymentDeps } from '../use-cases/apply-payment';
import type { PaymentModules } from '../use-cases/payment-modules';
import type { StripeEvent } from '../rules/stripe-event';
import type { Payments } from '../../ports';

function world() {
  const saved: StripeEvent[] = [];
  const sold: StripeEvent[] = [];
  const modules = {
    orders: {},
    bundles: {},
    others: { sessionPaid: async (event: StripeEvent) => void sold.push(event) },
    cardSetups: { 'groupbuy-pledge': async (event: StripeEvent) => void saved.push(event) },
  } as unknown as PaymentModules;
  const deps: PaymentDeps = {
    store: new LocalDocumentStore(),
    discord: new DiscordOutbox(),
    payments: {} as Payments,
    clock: { now: () => new Date('2026-12-01T12:00:00Z') },
    modules,
  };
  return { deps, saved, sold };
}

const completed = (id: string, mode: string, metadata: Record<string, string>): StripeEvent => ({
  id,
  type: 'checkout.session.completed',
  created: 1_790_000_000,
  data: { object: { id: `cs_${id}`, mode, metadata } },
});

describe('a setup-mode session’s completion', () => {
  it('goes to the module registered for its kind, once however often Stripe sends it', async () => {
    const w = world();
    const event = completed('evt_1', 'setup', { kind: 'groupbuy-pledge', group_buy_id: 'abcd1234' });
    await handleStripeEvent(w.deps, event);
    await handleStripeEvent(w.deps, event);
    expect(w.saved.map((e) => e.id)).toEqual(['evt_1']);
    expect(w.sold).toEqual([]);
  });

  it('is never taken for a merch sale, whatever its kind', async () => {
    const w = world();
    await handleStripeEvent(w.deps, completed('evt_2', 'setup', { kind: 'somebody-else' }));
    await handleStripeEvent(w.deps, completed('evt_3', 'setup', {}));
    expect(w.saved).toEqual([]);
    expect(w.sold).toEqual([]);
  });

  it('leaves a paid session of no kind of ours to the merch sales, as before', async () => {
    const w = world();
    await handleStripeEvent(w.deps, completed('evt_4', 'payment', { guild_id: '900000000000000001' }));
    expect(w.sold.map((e) => e.id)).toEqual(['evt_4']);
  });
});
