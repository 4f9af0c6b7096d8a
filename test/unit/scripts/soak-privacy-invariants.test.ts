/**
 * The soak's erasure invariant catches what it names: an erased member's name left on a stored
 * document, or sent after the erasure, and nothing else (not the history before it, not a
 * longer name, not what the table keeps until its own end).
 */
import type { OutboxEntry } from '../../../shared/local/discord/discord-outbox';
import type { ErasedMember } from '../../../scripts/soak/privacy';
import { dm, order, verdict, world } from '../../support/soak-world';

const rule = 'an erased member is named nowhere';
const erasedAtMs = Date.parse('2026-11-28T12:00:00Z');
const erased: ErasedMember[] = [{ id: '810000000000000007', name: 'buyer7', fromSeq: 10, erasedAtMs }];
const withErased = (docs: Record<string, unknown>, outbox: OutboxEntry[] = []) => ({ ...world(docs, { outbox }), erased });

describe('the soak’s erasure invariant', () => {
  it('holds when the erased buyer’s orders are kept under their id alone, and what was sent before the erasure named them', () => {
    const w = withErased(
      {
        'orders/o1': order({ buyerId: '810000000000000007', buyerName: 'a former member' }),
        'orders/o2': order({ orderId: 'o2', buyerId: '810000000000000070', buyerName: 'buyer70' }),
        'processed/interaction:1': { result: { content: 'Thanks, buyer7' } },
        '_localStripeSessions/cs_1': { stripe: { metadata: { buyer_name: 'buyer7' } } },
      },
      [dm(9, '810000000000000007', 'Hi buyer7, your order is paid'), dm(11, '810000000000000070', 'Hi buyer70')],
    );
    expect(verdict(w, rule)).toMatchObject({ held: true, checked: 1 });
  });

  it('breaks when an erasure step was skipped: the name is still on a stored order', () => {
    const w = withErased({ 'orders/o1': order({ buyerId: '810000000000000007', buyerName: 'buyer7' }) });
    expect(verdict(w, rule)).toMatchObject({ held: false, counterexample: 'buyer7 (erased) is still named in orders/o1' });
  });

  it('breaks when a message sent after the erasure names them (a view re-rendered from a stale copy)', () => {
    const w = withErased({}, [dm(12, '810000000000000001', 'Outbid by buyer7!')]);
    expect(verdict(w, rule)).toMatchObject({ held: false, counterexample: 'buyer7 (erased) was named in a dm sent after their erasure (outbox #12)' });
  });

  it('breaks when their id stays on a record the table does not keep past an erasure (a session left behind)', () => {
    const w = withErased({ 'dashboardSessions/s1': { sessionId: 's1', userId: '810000000000000007' } });
    expect(verdict(w, rule)).toMatchObject({ held: false });
    expect(verdict(w, rule).counterexample).toContain('dashboardSessions/s1');
  });

  it('breaks when Redis still holds them: a bid log entry, or a ban by their raw id', () => {
    for (const entry of [
      { key: 'c500:auction:{a1}:bids', type: 'stream', text: JSON.stringify([['1-0', ['bidder', '810000000000000007', 'amount', '500']]]) },
      { key: 'c500:bidders:banned', type: 'set', text: JSON.stringify(['810000000000000007']) },
    ]) {
      const w = { ...withErased({}), redis: [entry] };
      expect(verdict(w, rule)).toMatchObject({ held: false, counterexample: `buyer7 (erased) is still in Redis, in ${entry.key}` });
    }
    expect(verdict({ ...withErased({}), redis: [{ key: 'c500:bidders:banned', type: 'set', text: '["p_1a2b3c4d5e6f7a8b"]' }] }, rule)).toMatchObject({
      held: true,
    });
  });

  it('breaks when a log line written after the erasure names them, and not for one written before', () => {
    const line = (timeMs: number) => ({ timeMs, text: '{"message":"bid placed","bidderId":"810000000000000007"}' });
    expect(verdict({ ...withErased({}), logLines: [line(erasedAtMs - 1)] }, rule)).toMatchObject({ held: true });
    expect(verdict({ ...withErased({}), logLines: [line(erasedAtMs + 1)] }, rule)).toMatchObject({ held: false });
  });

  it('breaks when chat names them after the erasure', () => {
    expect(verdict({ ...withErased({}), chatSaid: [{ timeMs: erasedAtMs + 5, text: '@buyer7 you won!' }] }, rule)).toMatchObject({ held: false });
  });

  it('checks nothing when nobody erased themselves', () => {
    expect(verdict(world({ 'orders/o1': order({ buyerName: 'buyer7' }) }), rule)).toMatchObject({ held: true, checked: 0 });
  });

  it('reads the local Stripe too: breaks on an erased member’s customer or card no open pledge needs, and holds while one does', () => {
    const customer = (deleted = false) => ({
      stripe: { id: 'cus_7', object: 'customer', metadata: { buyer_id: '810000000000000007' }, ...(deleted ? { deleted: true } : {}) },
    });
    const card = (attached: boolean) => ({ stripe: { id: 'pm_7', object: 'payment_method', customer: attached ? 'cus_7' : null } });
    const pledge = (status: string) => ({ groupBuyId: 'g1', buyerId: '810000000000000007', status, customerId: 'cus_7', paymentMethodId: 'pm_7' });
    const kept = withErased({ '_localStripeCustomers/cus_7': customer(), '_localStripePaymentMethods/pm_7': card(true) });
    expect(verdict(kept, rule)).toMatchObject({ held: false });
    expect(verdict(kept, rule).counterexample).toContain('customer at Stripe (erased) is not deleted');
    const cardLeft = withErased({ '_localStripeCustomers/cus_7': customer(true), '_localStripePaymentMethods/pm_7': card(true) });
    expect(verdict(cardLeft, rule).counterexample).toContain('card (erased) is still saved at Stripe');
    expect(verdict(withErased({ '_localStripeCustomers/cus_7': customer(true), '_localStripePaymentMethods/pm_7': card(false) }), rule)).toMatchObject({
      held: true,
    });
    const open = withErased({
      '_localStripeCustomers/cus_7': customer(),
      '_localStripePaymentMethods/pm_7': card(true),
      'groupBuys/g1/pledges/810000000000000007': pledge('pledged'),
    });
    expect(verdict(open, rule)).toMatchObject({ held: true });
    const ended = withErased({
      '_localStripeCustomers/cus_7': customer(),
      '_localStripePaymentMethods/pm_7': card(true),
      'groupBuys/g1/pledges/810000000000000007': pledge('charged'),
    });
    expect(verdict(ended, rule)).toMatchObject({ held: false });
  });
});
