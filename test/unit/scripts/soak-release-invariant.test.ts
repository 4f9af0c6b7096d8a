/**
 * The soak's "the run exercised releases": a run of a minute or more that sold orders must have
 * proved at least one, so a run whose builders' DMs came too late to prove anything is broken,
 * not silently green. The summary's counts come from the same reading of the store.
 */
import { releaseCounts } from '../../../scripts/soak/release-invariants';
import { iso, order, verdict, world } from '../../support/soak-world';

const name = 'the run exercised releases';
const minute = 60_000;
const proof = { url: 'https://clips.twitch.tv/x', kind: 'clip' as const, provedAt: iso(10_000) };

const sold = (orderId: string, over: Parameters<typeof order>[0] = {}) => order({ orderId, source: 'drop', paidAt: iso(50_000), ...over });

describe('the soak run exercised releases', () => {
  it('breaks when a minute-long run sold orders and proved none of them', () => {
    const w = world({ 'orders/o1': sold('o1'), 'orders/o2': sold('o2') }, { trafficMs: minute });
    const result = verdict(w, name);
    expect(result.held).toBe(false);
    expect(result.checked).toBe(2);
    expect(result.counterexample).toContain('2 orders sold');
  });

  it('holds when one of the orders sold was proved live and released', () => {
    const released = sold('o1', { proof, payouts: { builder: { transferId: 'tr_1', releasedAt: iso(5_000) } } });
    const w = world({ 'orders/o1': released, 'orders/o2': sold('o2') }, { trafficMs: minute });
    expect(verdict(w, name)).toMatchObject({ held: true, checked: 2 });
  });

  it('holds when a commission’s milestone was proved, though its order is not done', () => {
    const milestone = sold('o1', {
      commission: {
        terms: { slots: 2, leadWeeks: 4, oneAtATime: false, tranches: [] },
        proofs: [{ milestone: 'parts-in', url: 'https://twitch.tv/b', kind: 'channel', provedAt: iso(5_000) }],
      },
    });
    expect(verdict(world({ 'orders/o1': milestone }, { trafficMs: minute }), name).held).toBe(true);
  });

  it('asks nothing of a run shorter than a minute, nor of a run that sold nothing', () => {
    expect(verdict(world({ 'orders/o1': sold('o1') }, { trafficMs: minute - 1 }), name)).toMatchObject({ held: true, checked: 0 });
    const expired = order({ orderId: 'o1', source: 'drop', status: 'expired', expiredAt: iso(1_000) });
    expect(verdict(world({ 'orders/o1': expired }, { trafficMs: 2 * minute }), name)).toMatchObject({ held: true, checked: 0 });
  });

  it('counts for the summary the orders sold, proved and released, an expired order not among those sold', () => {
    const expired = order({ orderId: 'o3', source: 'drop', status: 'expired', expiredAt: iso(1_000) });
    const released = sold('o1', { proof, payouts: { builder: { transferId: 'tr_1' } } });
    const provedOnly = sold('o2', { proof });
    expect(releaseCounts(world({ 'orders/o1': released, 'orders/o2': provedOnly, 'orders/o3': expired }))).toEqual({ sold: 2, proved: 2, released: 1 });
  });
});

describe('the soak run exercised payouts', () => {
  const payoutsName = 'the run exercised payouts: a builder’s sent back, the platform’s';
  const payout = (status: string, account?: string) => ({ stripe: { status }, sequence: 1, ...(account ? { account } : {}) });
  const withStripeWorld = (docs: Parameters<typeof world>[0]) => world(docs, { trafficMs: minute, stripeWorld: true });

  it('breaks when no builder’s payout was sent back, as when every account was empty when it was tried', () => {
    const result = verdict(withStripeWorld({ '_localStripePayouts/po_1': payout('paid', 'acct_1'), '_localStripePayouts/po_2': payout('paid') }), payoutsName);
    expect(result).toMatchObject({ held: false, checked: 2, counterexample: 'no builder’s payout was sent back by their bank (2 payouts in all)' });
  });

  it('breaks when the platform was never paid out', () => {
    expect(verdict(withStripeWorld({ '_localStripePayouts/po_1': payout('failed', 'acct_1') }), payoutsName).counterexample).toBe(
      'the platform was never paid out',
    );
  });

  it('holds when a builder’s payout failed and the platform was paid out', () => {
    const docs = { '_localStripePayouts/po_1': payout('failed', 'acct_1'), '_localStripePayouts/po_2': payout('failed') };
    expect(verdict(withStripeWorld(docs), payoutsName)).toMatchObject({ held: true, checked: 2 });
  });

  it('asks nothing of a run without Stripe’s wider world, or shorter than a minute', () => {
    expect(verdict(world({}, { trafficMs: minute }), payoutsName)).toMatchObject({ held: true, checked: 0 });
    expect(verdict(world({}, { trafficMs: minute - 1, stripeWorld: true }), payoutsName)).toMatchObject({ held: true, checked: 0 });
  });
});
