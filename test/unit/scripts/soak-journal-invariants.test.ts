/**
 * The soak's journal invariants, each held on a small world and shown failing on one that
 * breaks it: an order paid and released (10,000: a 1,000 fee, its 9,000 share sent), with
 * Stripe's lines as its stand-in keeps them and the journal as the product writes it.
 */
import { order, transfer, verdict, world } from '../../support/soak-world';

const line = (id: string, reporting_category: string, amount: number, source: string, fee = 0) => ({
  stripe: {
    id,
    object: 'balance_transaction',
    amount,
    fee,
    net: amount - fee,
    currency: 'usd',
    created: 1,
    reporting_category,
    type: reporting_category,
    source,
  },
});
const entry = (entryId: string, kind: string, postings: Array<Record<string, unknown>>, stripeId: string) => ({
  entryId,
  kind,
  at: '2026-11-23T17:00:00.000Z',
  guildId: 'g',
  currency: 'usd',
  orderId: 'o1',
  stripeId,
  postings,
});
const stripeBalance = (amountCents: number) => ({ account: 'stripe-balance', amountCents });
const held = (amountCents: number) => ({ account: 'held', amountCents, orderId: 'o1' });

const released = {
  'orders/o1': order({ orderId: 'o1', status: 'building', payouts: { builder: { transferId: 'tr_1' } } }),
  '_localStripeCharges/ch_1': { stripe: { id: 'ch_1', object: 'charge', amount: 10_000, amount_refunded: 0 } },
  '_localStripeTransfers/tr_1': transfer('tr_1', 9_000),
  '_localStripeBalanceTransactions/txn_1': line('txn_1', 'charge', 10_000, 'ch_1', 320),
  '_localStripeBalanceTransactions/txn_2': line('txn_2', 'transfer', -9_000, 'tr_1'),
  'journal/charge:o1': entry('charge:o1', 'charge', [stripeBalance(10_000), { account: 'platform-fees', amountCents: -1_000 }, held(-9_000)], 'ch_1'),
  'journal/transfer:tr_1': entry('transfer:tr_1', 'release', [held(9_000), stripeBalance(-9_000)], 'tr_1'),
};

const balanced = 'every journal entry sums to zero';
const explained = 'every balance transaction of an order explained by the journal';
const clear = 'every order done with holds nothing in the journal';

describe('the soak’s journal invariants', () => {
  it('hold on a paid and released order whose journal matches Stripe’s lines', () => {
    const w = world(released);
    expect(verdict(w, balanced)).toMatchObject({ held: true, checked: 2 });
    expect(verdict(w, explained)).toMatchObject({ held: true, checked: 2 });
    expect(verdict(w, clear)).toMatchObject({ held: true, checked: 1 });
  });

  it('break on an entry that does not sum to zero', () => {
    const w = world({ ...released, 'journal/transfer:tr_1': entry('transfer:tr_1', 'release', [held(9_000), stripeBalance(-8_999)], 'tr_1') });
    expect(verdict(w, balanced).counterexample).toBe('entry transfer:tr_1 sums to 1 usd');
  });

  it('break on a transfer Stripe made that the journal never recorded, and leave the order holding it', () => {
    const { 'journal/transfer:tr_1': _lost, ...rest } = released;
    const w = world(rest);
    expect(verdict(w, explained).counterexample).toContain('transfer:tr_1: Stripe moved -9000, the journal 0 usd');
    expect(verdict(w, clear).counterexample).toBe('held o1: 9000 usd, held for nobody on an order done with');
  });

  it('hold on an order whose refund its bank sent back and nobody gave again, listed for the operator; break when the same money is held with no failed refund', () => {
    const refunded = {
      ...released,
      'orders/o1': order({
        orderId: 'o1',
        status: 'building',
        payouts: { builder: { transferId: 'tr_1' } },
        failedRefunds: [{ refundId: 're_1', amountCents: 500, reason: 'lost_or_stolen_card', at: '2026-11-23T18:00:00.000Z' }],
      }),
      'journal/charge:o1': entry('charge:o1', 'charge', [stripeBalance(10_000), { account: 'platform-fees', amountCents: -1_000 }, held(-9_500)], 'ch_1'),
    };
    expect(verdict(world(refunded), clear)).toMatchObject({ held: true });
    const noFailure = { ...refunded, 'orders/o1': order({ orderId: 'o1', status: 'building', payouts: { builder: { transferId: 'tr_1' } } }) };
    expect(verdict(world(noFailure), clear).counterexample).toBe('held o1: 500 usd, held for nobody on an order done with');
  });

  it('break on a refund the journal counts that Stripe never made', () => {
    const w = world({ ...released, 'journal/refund:o1': entry('refund:o1:e:0-500', 'refund', [held(500), stripeBalance(-500)], 'ch_1') });
    expect(verdict(w, explained).counterexample).toContain('charge:ch_1: Stripe moved 10000, the journal 9500 usd');
  });
  describe('a merch sale and a racer’s payout', () => {
    const racer = '830000000000000001';
    const merch = {
      'raceLobbies/l1/pot/0': { lobbyId: 'l1', poolCents: 1_000, salesCount: 1, shares: { [racer]: 1_000 } },
      '_localStripeBalanceTransactions/txn_m': line('txn_m', 'charge', 5_000, 'ch_m'),
      '_localStripeBalanceTransactions/txn_p': line('txn_p', 'transfer', -600, 'tr_p'),
      'journal/merch-sale:s': {
        ...entry('merch-sale:s', 'merch-sale', [stripeBalance(5_000), { account: 'merch-revenue', amountCents: -5_000 }], 'ch_m'),
        orderId: undefined,
      },
      'journal/race-ledger:s-credit': {
        ...entry(
          'race-ledger:s-credit',
          'racer-earning',
          [
            { account: 'racer-payable', amountCents: -1_000, personId: racer },
            { account: 'merch-revenue', amountCents: 1_000 },
          ],
          '',
        ),
        orderId: undefined,
        personId: racer,
        lobbyId: 'l1',
        saleKey: 's',
      },
      'journal/race-ledger:p-1': {
        ...entry(
          'race-ledger:p-1',
          'racer-payout',
          [
            { account: 'racer-payable', amountCents: 600, personId: racer },
            { account: 'payout-clearing', amountCents: -600 },
          ],
          '',
        ),
        orderId: undefined,
        personId: racer,
      },
      'journal/racer-payout:p-1': {
        ...entry('racer-payout:p-1', 'racer-payout', [{ account: 'payout-clearing', amountCents: 600 }, stripeBalance(-600)], 'tr_p'),
        orderId: undefined,
      },
    };
    const platform = 'every line of the platform’s balance explained by the journal';
    const racesEarned = 'every race’s share of each racer is the journal’s';

    it('hold when the journal has the sale, the credit, the payout and its transfer', () => {
      const w = world({ ...released, ...merch });
      expect(verdict(w, platform)).toMatchObject({ held: true, checked: 4 });
      expect(verdict(w, racesEarned)).toMatchObject({ held: true, checked: 1 });
    });

    it('break on a merch charge or a racer’s transfer the journal never recorded, which the orders’ check never sees', () => {
      const { 'journal/merch-sale:s': _sale, 'journal/racer-payout:p-1': _sent, ...rest } = { ...released, ...merch };
      const w = world(rest);
      expect(verdict(w, explained)).toMatchObject({ held: true });
      expect(verdict(w, platform).counterexample).toContain('charge:ch_m: Stripe moved 5000, the journal 0 usd');
    });

    it('break on a racer given a share of the race’s pot that the journal never credited them', () => {
      const { 'journal/race-ledger:s-credit': _credit, ...rest } = { ...released, ...merch };
      expect(verdict(world(rest), racesEarned).counterexample).toBe(`racer ${racer} in race l1: 1000 by the pot's shares, 0 by the journal`);
    });

    it('break on a credit the journal files under another race than the pot it went to', () => {
      const moved = { ...merch['journal/race-ledger:s-credit'], lobbyId: 'l2' };
      expect(verdict(world({ ...released, ...merch, 'journal/race-ledger:s-credit': moved }), racesEarned).counterexample).toBe(
        `racer ${racer} in race l1: 1000 by the pot's shares, 0 by the journal (and 1 more)`,
      );
    });
  });

  describe('on money in flight and a host’s cut owed by hand', () => {
    const inFlight = 'every release being sent is the journal’s money in flight';
    const hostOwed = 'every host’s cut owed by hand is the journal’s';
    const releasing = { idempotencyKey: 'release:o1', amountCents: 9_000, coveredCents: 0 };
    const reserved = {
      ...entry('release-pending:release:o1', 'release-in-flight', [{ ...held(9_000), party: 'builder' }, stripeBalance(-9_000)], ''),
      pending: { timeoutAt: '2026-11-24T17:00:00.000Z' },
    };
    const owedToHost = entry(
      'cut-owed:o1:release',
      'cut-owed',
      [
        { ...held(1_500), party: 'host' },
        { account: 'host-payable', amountCents: -1_500, orderId: 'o1', personId: 'h' },
      ],
      '',
    );
    const hostPayout = (amountCents: number) => ({ orderId: 'o1', currency: 'usd', status: 'owed', amountCents });

    it('hold when a release being sent has its reservation, and a cut owed by hand is what the journal owes', () => {
      const w = world({
        ...released,
        'orders/o1': order({ orderId: 'o1', status: 'building', payouts: { builder: { releasing } } }),
        'journal/release-pending:release:o1': reserved,
        'journal/cut-owed:o1:release': owedToHost,
        'hostPayouts/o1': hostPayout(1_500),
      });
      expect(verdict(w, inFlight)).toMatchObject({ held: true, checked: 1 });
      expect(verdict(w, hostOwed)).toMatchObject({ held: true, checked: 1 });
    });

    it('break on a release being sent that the journal never reserved, and on a cut owed other than the journal says', () => {
      const w = world({
        ...released,
        'orders/o1': order({ orderId: 'o1', status: 'building', payouts: { builder: { releasing } } }),
        'journal/cut-owed:o1:release': owedToHost,
        'hostPayouts/o1': hostPayout(1_400),
      });
      expect(verdict(w, inFlight).counterexample).toBe(
        "order o1: the builder's release being sent is release-pending:release:o1 9000 on the order, none in flight in the journal",
      );
      expect(verdict(w, hostOwed).counterexample).toBe('host cut of o1: 1400 owed by its record, 1500 usd by the journal');
    });
  });
});
