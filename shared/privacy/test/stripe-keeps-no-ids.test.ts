/**
 * What C500 leaves at Stripe names nobody: a show's checkout, a pledge's customer and card
 * setup, the transfers of its release and a refund given with `/c500 refund`, made through the
 * product against the local Stripe, then every metadata value and idempotency key the local
 * Stripe stored read back (its own objects and its key records): none holds the Discord id of
 * a person in the test.
 */
import type { CollectionPath, DocumentStore } from '../../ports';
import { collections } from '../../local/stripe/objects';
import { proveOrder } from '../../live/use-cases/prove-order';
import { openShowCheckouts } from '../../shows/use-cases/show-checkout';
import { auctionOfferOrderId } from '../../auctions/use-cases/auction-offers';
import { giveRefund } from '../../payments/use-cases/give-refund';
import { BUILDERS, HOST, SHOW_ID, WINNER, showPaymentsWorld } from '../../../test/support/show-payments';
import { ADMIN, command } from '../../../test/support/interactions';
import { pledgeWorld } from '../../groupbuys/test/pledge-world';
import { builder as groupBuyBuilder } from '../../groupbuys/test/group-buy-deps';

const [juno] = BUILDERS;
const member = '800000000000000041';
const admin = '800000000000000051';

/** Every metadata value and idempotency key the local Stripe keeps, with where it is. */
async function keptAtStripe(store: DocumentStore): Promise<Array<{ where: string; text: string }>> {
  const kept: Array<{ where: string; text: string }> = [];
  const named = ['sessions', 'customers', 'transfers', 'refunds', 'reversals', 'accounts', 'paymentIntents', 'setupIntents', 'charges'] as const;
  for (const name of named) {
    const collection = collections[name] as unknown as CollectionPath<{ stripe: { metadata?: Record<string, string> } }>;
    for (const row of await store.query(collection, {})) {
      for (const [key, value] of Object.entries(row.data.stripe.metadata ?? {})) kept.push({ where: `${name}/${row.id} metadata.${key}`, text: value });
    }
  }
  for (const row of await store.query(collections.idempotency, {})) kept.push({ where: 'idempotency key', text: decodeURIComponent(row.id) });
  return kept;
}

const holdingAny = (kept: Array<{ where: string; text: string }>, ids: readonly string[]) =>
  kept.filter(({ text }) => ids.some((id) => text.includes(id))).map(({ where, text }) => `${where}: ${text}`);

describe('what C500 leaves at Stripe', () => {
  it('names no buyer, builder or host by Discord id in a checkout, its transfers or a refund', async () => {
    const w = showPaymentsWorld();
    await w.setUp();
    const builder = await w.account(juno);
    await w.account(HOST, true);
    await w.hammer({ auctionId: 'auct0001', builderId: juno, item: 'Tofu65', priceCents: 25_000 });
    await openShowCheckouts(w.deps, SHOW_ID);
    const [session] = await w.payments.listSessions();
    await w.payments.paySession(session?.id as string);
    await w.deliver(w.event('checkout.session.completed', 'evt_paid'));
    const orderId = auctionOfferOrderId('auct0001', 0);
    expect(await proveOrder(w.deps, builder, orderId, {})).toMatchObject({ ok: true });
    const refund = command({ name: 'c500', path: ['refund'], options: { order: orderId, amount: 10 }, userId: admin, permissions: ADMIN });
    expect((await giveRefund(w.deps, refund)).content).toContain('Refunded $10.00');

    const kept = await keptAtStripe(w.store);
    // It read what the product made: the checkout, both transfers, the refund and the reversals it caused.
    expect(kept.filter((k) => k.where === 'idempotency key').length).toBeGreaterThanOrEqual(4);
    expect(kept.some((k) => k.where.startsWith('transfers/') && k.where.endsWith('builder_pseudonym'))).toBe(true);
    expect(kept.some((k) => k.where.startsWith('refunds/') && k.where.endsWith('given_by_pseudonym'))).toBe(true);
    expect(holdingAny(kept, [juno, HOST, WINNER, admin])).toEqual([]);
  });

  it('names no member by Discord id in their customer, their card’s setup session or its keys', async () => {
    const w = await pledgeWorld();
    const { sessionId } = await w.join(member, '1');
    await w.deliver(await w.saveCard(sessionId));
    expect(await w.pledge(member)).toMatchObject({ status: 'pledged' });

    const kept = await keptAtStripe(w.deps.store);
    expect(kept.some((k) => k.where.startsWith('customers/') && k.where.endsWith('buyer_pseudonym'))).toBe(true);
    expect(kept.some((k) => k.where.startsWith('sessions/') && k.where.endsWith('buyer_pseudonym'))).toBe(true);
    expect(holdingAny(kept, [member, groupBuyBuilder])).toEqual([]);
  });
});
