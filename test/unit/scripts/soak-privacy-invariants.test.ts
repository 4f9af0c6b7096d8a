/**
 * The soak's erasure invariant catches what it names: an erased member's name left on a stored
 * document, or sent after the erasure, and nothing else (not the history before it, not a
 * longer name, not what the table keeps until its own end).
 */
import type { OutboxEntry } from '../../../shared/local/discord/discord-outbox';
import type { ErasedMember } from '../../../scripts/soak/privacy';
import { dm, order, verdict, world } from '../../support/soak-world';

const rule = 'an erased member is named nowhere';
const erased: ErasedMember[] = [{ id: '810000000000000007', name: 'buyer7', fromSeq: 10 }];
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

  it('checks nothing when nobody erased themselves', () => {
    expect(verdict(world({ 'orders/o1': order({ buyerName: 'buyer7' }) }), rule)).toMatchObject({ held: true, checked: 0 });
  });
});
