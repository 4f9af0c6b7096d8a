/**
 * A hype moment during a race: 300 sale webhooks at once from Stripe, Ko-fi and Shopify,
 * a third of them repeats (the same delivery again, or the same sale under a new delivery
 * id, as shops retry). Every racer's balance must be exact to the cent, and no document may
 * take the whole burst's writes.
 */
import { stripeSignatureHeader } from '../../shared/adapters/stripe/stripe-signature';
import { commissionPool, splitCommission } from '../../shared/races';
import { salesCollection } from '../../shared/races/rules/sale';
import { snowflake } from '../support/interactions';
import type { TestRuntime } from '../support/local-runtime';
import { kofiForm, kofiPayload, shopifyHeaders, shopifyOrder } from '../support/shops';
import { GUILD, ledgerOf, lobby, raceWorld, racing, walletOf } from '../support/races';
import { saleKey, type Shop } from '../../shared/payments';

interface Sale {
  shop: Shop;
  saleId: string;
  amountCents: number;
}

/** A small deterministic generator, so a failure names the same sales on every run. */
function amounts(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return 100 + (state % 50_000);
  };
}

/** One signed delivery of a sale; `delivery` tells repeats apart where a shop would. */
function deliver(rt: TestRuntime, sale: Sale, delivery: string, nowMs: number): Promise<Response> {
  const decimal = (sale.amountCents / 100).toFixed(2);
  const at = new Date(nowMs).toISOString();
  switch (sale.shop) {
    case 'kofi': {
      const body = kofiForm(
        kofiPayload({
          verification_token: rt.secrets.KOFI_VERIFICATION_TOKEN,
          kofi_transaction_id: sale.saleId,
          message_id: delivery,
          amount: decimal,
          timestamp: at,
        }),
      );
      return fetch(`${rt.url}/webhooks/kofi/${GUILD}`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    }
    case 'shopify': {
      const body = JSON.stringify(shopifyOrder({ id: Number(sale.saleId), total_price: decimal, updated_at: at }));
      return fetch(`${rt.url}/webhooks/shopify/${GUILD}`, {
        method: 'POST',
        body,
        headers: shopifyHeaders(body, rt.secrets.SHOPIFY_WEBHOOK_SECRET as string, 'orders/paid', delivery),
      });
    }
    case 'stripe': {
      const created = Math.floor(nowMs / 1000);
      const session = {
        id: sale.saleId,
        object: 'checkout.session',
        payment_status: 'paid',
        status: 'complete',
        amount_total: sale.amountCents,
        currency: 'usd',
        payment_intent: `pi_${sale.saleId}`,
        client_reference_id: null,
        metadata: { guild_id: GUILD },
      };
      const body = JSON.stringify({ id: delivery, object: 'event', type: 'checkout.session.completed', created, livemode: false, data: { object: session } });
      return fetch(`${rt.url}/webhooks/stripe`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'stripe-signature': stripeSignatureHeader(body, rt.secrets.STRIPE_WEBHOOK_SECRET as string, created) },
      });
    }
  }
}

describe('a burst of merch sales during a race', () => {
  let rt: TestRuntime;
  afterEach(() => rt.close());

  it('credits 300 concurrent webhooks from three shops, a third of them repeats, exactly to the cent', async () => {
    const world = await raceWorld();
    rt = world.rt;
    const racers = Array.from({ length: 7 }, () => snowflake());
    const live = await racing(rt, world.host, racers);
    const now = world.clock.ms + 5_000;
    world.clock.ms = now;

    const next = amounts(500);
    const shops: Shop[] = ['stripe', 'kofi', 'shopify'];
    const sales: Sale[] = Array.from({ length: 200 }, (_, i) => {
      const shop = shops[i % 3] as Shop;
      return { shop, saleId: shop === 'stripe' ? `cs_test_burst${i}` : shop === 'shopify' ? String(7_000_000 + i) : `kofi-burst-${i}`, amountCents: next() };
    });
    // 100 repeats: every other one the very same delivery, the rest a shop's retry under a new id.
    const deliveries = sales.map((sale, i) => ({ sale, delivery: `${sale.shop === 'stripe' ? 'evt_' : ''}first${i}` }));
    for (let i = 0; i < 100; i++) {
      const original = deliveries[i * 2] as { sale: Sale; delivery: string };
      deliveries.push({ sale: original.sale, delivery: i % 2 === 0 ? original.delivery : `${original.sale.shop === 'stripe' ? 'evt_' : ''}retry${i}` });
    }

    embedded(rt).resetWriteCounts();
    const answers = await Promise.all(deliveries.map(({ sale, delivery }) => deliver(rt, sale, delivery, now)));
    expect(answers.map((a) => a.status).filter((s) => s !== 200)).toEqual([]);
    await rt.settle();

    const expected = new Map<string, number>(racers.map((r) => [r, 0]));
    let pool = 0;
    for (const sale of sales) {
      const salePool = commissionPool(sale.amountCents, 2000);
      pool += salePool;
      for (const part of splitCommission(salePool, racers, saleKey(sale.shop, sale.saleId)))
        expected.set(part.racerId, (expected.get(part.racerId) ?? 0) + part.cents);
    }
    for (const racer of racers) {
      expect([racer, (await walletOf(rt, racer))?.pendingCents]).toEqual([racer, expected.get(racer)]);
      expect((await ledgerOf(rt, racer)).filter((e) => e.kind === 'credit')).toHaveLength(200);
    }
    const recorded = (await rt.store.query(salesCollection)).map((d) => d.data);
    expect(recorded).toHaveLength(200);
    expect(recorded.every((s) => s.attributedTo === 'race')).toBe(true);
    expect(await lobby(rt, live.lobbyId)).toMatchObject({ poolCents: pool, salesCount: 200 });
    // Firestore sustains about one write a second per document. Before the pot and the wallets
    // were sharded, the lobby and every racer's wallet took all 200 sales' writes.
    const [hottest] = embedded(rt).hottestDocuments(1);
    expect(hottest?.writes).toBeLessThanOrEqual(200 / 5);
  }, 120_000);
});

/** The embedded store, which counts each document's writes (the runtime here runs on it). */
function embedded(rt: TestRuntime) {
  if (!rt.embeddedStore) throw new Error('this test counts writes in the embedded store');
  return rt.embeddedStore;
}
