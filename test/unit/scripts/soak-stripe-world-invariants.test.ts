/**
 * The soak's invariants of Stripe's wider world (issue 49), each shown holding on a world that
 * keeps it and broken on the trace a bug would leave: a share kept on money the buyer got back
 * with no debt, a debt account that disagrees with its entries, and a platform whose ledger
 * nets other than our records say.
 */
import { charge, iso, order, transfer, verdict, world } from '../../support/soak-world';

const givenBack = 'no share stays paid out on money given back, unless a debt shows it';
const accounted = 'every debt netted, recorded paid, or outstanding';
const platformNet = "the platform's net per Stripe's ledger = fees − Stripe's fees − open debts";
const debtFold = "every debt's cached figure is the journal's fold";
const balance = 'every charge = refunds + transfers + fee + held + dispute losses and fees, to the cent';

const line = (id: string, source: string, amount: number, fee = 0) => ({
  stripe: { id, object: 'balance_transaction', source, amount, fee, net: amount - fee, currency: 'usd' },
  sequence: 1,
});
const released = order({ status: 'building', payouts: { builder: { transferId: 'tr_1' } } });
const sold = {
  '_localStripeCharges/ch_1': charge(),
  '_localStripeTransfers/tr_1': transfer('tr_1', 9_000),
  '_localStripeBalanceTransactions/txn_c': line('txn_c', 'ch_1', 10_000, 320),
  '_localStripeBalanceTransactions/txn_t': line('txn_t', 'tr_1', -9_000),
};
const refundedInFull = {
  ...sold,
  'orders/o1': order({ status: 'refunded', payouts: { builder: { transferId: 'tr_1' } }, refundedCents: 10_000 }),
  '_localStripeCharges/ch_1': charge({ amount_refunded: 10_000 }),
  '_localStripeRefunds/re_1': { stripe: { id: 're_1', object: 'refund', charge: 'ch_1', amount: 10_000, status: 'succeeded', metadata: {} }, sequence: 2 },
  '_localStripeBalanceTransactions/txn_r': line('txn_r', 're_1', -10_000),
};
const account = (owedCents: number) => ({ guildId: 'g', userId: 'builder', owedCents, currency: 'usd', updatedAt: iso(0) });
const entry = (entryId: string, kind: string, amountCents: number, msAgo: number) => ({
  entryId,
  kind,
  orderId: 'o1',
  amountCents,
  currency: 'usd',
  reason: 'Stripe would not take the refund back',
  at: iso(msAgo),
});
const owed = {
  'debts/g:builder': account(9_000),
  'debts/g:builder/debtEntries/refused:o1': entry('refused:o1', 'refused-reversal', 9_000, 2_000),
  // What the builder owes is the journal's fold: the refused reversal's entry on their account.
  'journal/debt:g:builder:refused:o1': {
    entryId: 'debt:g:builder:refused:o1',
    kind: 'refused-reversal',
    at: '2026-11-22T12:00:00Z',
    guildId: 'g',
    currency: 'usd',
    orderId: 'o1',
    postings: [
      { account: 'owed-to-c500', amountCents: 9_000, personId: 'builder' },
      { account: 'held', amountCents: -9_000, orderId: 'o1' },
    ],
  },
};

describe('the soak’s invariants of Stripe’s wider world', () => {
  it('hold on a released order: the share went out, the platform nets its fee less Stripe’s', () => {
    const w = world({ ...sold, 'orders/o1': released });
    expect(verdict(w, givenBack)).toMatchObject({ held: true, checked: 1 });
    expect(verdict(w, platformNet)).toMatchObject({ held: true, checked: 2 });
  });

  it('break when a refunded order’s share stays out with no debt, and hold once the debt is on an account', () => {
    expect(verdict(world(refundedInFull), givenBack).counterexample).toBe(
      'charge ch_1 (o1): builders and hosts hold 9000, may keep 0 after 10000 refunded and its disputes; 9000 of it is no debt',
    );
    expect(verdict(world({ ...refundedInFull, ...owed }), givenBack).held).toBe(true);
  });

  it('count the debt in the platform’s net: the refund is out, the share is owed', () => {
    expect(verdict(world({ ...refundedInFull, ...owed }), platformNet).held).toBe(true);
    expect(verdict(world(refundedInFull), platformNet).counterexample).toBe(
      "Stripe's ledger nets -9320 on 1 charges; our records say fees 0 + held 0 − Stripe's fees 320 − debts outstanding 0 − paid outside 0 = -320",
    );
  });

  it('count in the platform’s net the debt the journal folds, whatever the account’s cached figure says', () => {
    expect(verdict(world({ ...refundedInFull, ...owed, 'debts/g:builder': account(0) }), platformNet).held).toBe(true);
  });

  it('hold a debt netted from a later release and paid outside C500, and count what was paid outside as gone from Stripe’s balance', () => {
    const settled = {
      ...refundedInFull,
      'debts/g:builder': account(0),
      'debts/g:builder/debtEntries/refused:o1': entry('refused:o1', 'refused-reversal', 9_000, 3_000),
      'debts/g:builder/debtEntries/netted:o2': { ...entry('netted:o2', 'netted', 4_000, 2_000), orderId: 'o2' },
      'debts/g:builder/debtEntries/paid-outside:i1': { ...entry('paid-outside:i1', 'paid-outside', 5_000, 1_000), orderId: undefined },
      'orders/o2': order({ orderId: 'o2', chargeId: 'ch_2', status: 'building', payouts: { builder: { transferId: 'tr_2' } } }),
      // The release's netting as the journal has it: 4,000 of o2's held money paid the builder's debt instead of going out.
      'journal/netting:o2': {
        entryId: 'netting:o2',
        kind: 'netting',
        at: '2026-11-23T12:00:00Z',
        guildId: 'g',
        currency: 'usd',
        orderId: 'o2',
        postings: [
          { account: 'held', amountCents: 4_000, orderId: 'o2' },
          { account: 'owed-to-c500', amountCents: -4_000, personId: 'builder' },
        ],
      },
      '_localStripeCharges/ch_2': { stripe: { ...charge().stripe, id: 'ch_2' } },
      '_localStripeTransfers/tr_2': transfer('tr_2', 5_000, { source_transaction: 'ch_2', metadata: { order_id: 'o2' } }),
      '_localStripeBalanceTransactions/txn_c2': line('txn_c2', 'ch_2', 10_000, 320),
      '_localStripeBalanceTransactions/txn_t2': line('txn_t2', 'tr_2', -5_000),
    };
    expect(verdict(world(settled), accounted)).toMatchObject({ held: true, checked: 1 });
    expect(verdict(world(settled), givenBack).held).toBe(true);
    expect(verdict(world(settled), platformNet).held).toBe(true);
  });

  it('break when an account disagrees with its entries, or the ledger netted what no release kept back', () => {
    const wrong = { ...refundedInFull, ...owed, 'debts/g:builder': account(5_000) };
    expect(verdict(world(wrong), accounted).counterexample).toBe('debts/g:builder says 5000 is owed; its 1 entries come to 9000');
    const nettedTwice = {
      ...refundedInFull,
      ...owed,
      'debts/g:builder/debtEntries/netted:o2': { ...entry('netted:o2', 'netted', 4_000, 1_000), orderId: 'o2' },
    };
    expect(verdict(world({ ...nettedTwice, 'debts/g:builder': account(5_000) }), accounted).counterexample).toBe(
      'the debts ledger netted 4000 in all, the journal’s releases kept back 0',
    );
  });

  it('hold when each debt’s cached figure is its journal’s fold, and break on a cache the journal does not hold', () => {
    const raised = {
      entryId: 'debt:g:builder:refused:o1',
      kind: 'refused-reversal',
      at: iso(2_000),
      guildId: 'g',
      currency: 'usd',
      orderId: 'o1',
      postings: [
        { account: 'owed-to-c500', amountCents: 9_000, personId: 'builder' },
        { account: 'held', amountCents: -9_000, orderId: 'o1' },
      ],
    };
    const folded = { ...refundedInFull, ...owed, 'journal/debt:g:builder:refused:o1': raised };
    expect(verdict(world(folded), debtFold)).toMatchObject({ held: true, checked: 1 });
    const cacheAlone = Object.fromEntries(Object.entries({ ...refundedInFull, ...owed }).filter(([path]) => !path.startsWith('journal/debt:')));
    expect(verdict(world(cacheAlone), debtFold).counterexample).toBe('debts/g:builder caches 9000 owed; the journal folds to 0');
  });

  it('keep a failed refund’s reversed share on the platform for the buyer: the charge and the platform’s net balance, and break without the mark', () => {
    const bounced = {
      ...sold,
      'orders/o1': order({
        status: 'building',
        payouts: { builder: { transferId: 'tr_1', refundCoveredCents: 1_000 } },
        refundedCents: 0,
        failedRefunds: [{ refundId: 're_1', amountCents: 1_000, reason: 'expired_or_canceled_card', at: iso(1_000) }],
      }),
      '_localStripeTransfers/tr_1': transfer('tr_1', 9_000, { amount_reversed: 900 }),
      '_localStripeTransferReversals/trr_1': { stripe: { id: 'trr_1', object: 'transfer_reversal', amount: 900, transfer: 'tr_1', metadata: {} }, sequence: 3 },
      '_localStripeRefunds/re_1': { stripe: { id: 're_1', object: 'refund', charge: 'ch_1', amount: 1_000, status: 'failed', metadata: {} }, sequence: 2 },
      '_localStripeBalanceTransactions/txn_r': line('txn_r', 're_1', -1_000),
      '_localStripeBalanceTransactions/txn_rf': line('txn_rf', 're_1', 1_000),
      '_localStripeBalanceTransactions/txn_rv': line('txn_rv', 'trr_1', 900),
    };
    expect(verdict(world(bounced), balance).held).toBe(true);
    expect(verdict(world(bounced), platformNet).held).toBe(true);
    const unmarked = { ...bounced, 'orders/o1': { ...bounced['orders/o1'], failedRefunds: [] } };
    expect(verdict(world(unmarked), platformNet).counterexample).toBe(
      "Stripe's ledger nets 1580 on 1 charges; our records say fees 1000 + held 0 − Stripe's fees 320 − debts outstanding 0 − paid outside 0 = 680",
    );
  });

  it('keep nothing for the buyer of a failed refund once a lost chargeback took the charge: the bank paid them back instead', () => {
    const withdrawn = { id: 'txn_d', amount: -10_000, fee: 1_500, net: -11_500 };
    const charged = {
      ...sold,
      'orders/o1': order({
        status: 'closed',
        payouts: { builder: { transferId: 'tr_1', refundCoveredCents: 1_000 } },
        refundedCents: 0,
        failedRefunds: [{ refundId: 're_1', amountCents: 1_000, reason: 'expired_or_canceled_card', at: iso(3_000) }],
        dispute: { disputeId: 'du_1', state: 'lost', amountCents: 10_000, reason: 'fraudulent', openedAt: iso(2_000) },
      }),
      // The refund's reversal took 900, the dispute's the 8,100 the transfer still held.
      '_localStripeTransfers/tr_1': transfer('tr_1', 9_000, { amount_reversed: 9_000 }),
      '_localStripeTransferReversals/trr_1': { stripe: { id: 'trr_1', object: 'transfer_reversal', amount: 900, transfer: 'tr_1', metadata: {} }, sequence: 3 },
      '_localStripeTransferReversals/trr_2': {
        stripe: { id: 'trr_2', object: 'transfer_reversal', amount: 8_100, transfer: 'tr_1', metadata: { dispute_id: 'du_1' } },
        sequence: 5,
      },
      '_localStripeRefunds/re_1': { stripe: { id: 're_1', object: 'refund', charge: 'ch_1', amount: 1_000, status: 'failed', metadata: {} }, sequence: 2 },
      '_localStripeBalanceTransactions/txn_r': line('txn_r', 're_1', -1_000),
      '_localStripeBalanceTransactions/txn_rf': line('txn_rf', 're_1', 1_000),
      '_localStripeBalanceTransactions/txn_rv': line('txn_rv', 'trr_1', 900),
      '_localStripeBalanceTransactions/txn_rv2': line('txn_rv2', 'trr_2', 8_100),
      '_localStripeDisputes/du_1': {
        stripe: { id: 'du_1', object: 'dispute', amount: 10_000, currency: 'usd', charge: 'ch_1', status: 'lost', balance_transactions: [withdrawn] },
        sequence: 4,
        closedSequence: 6,
      },
      '_localStripeBalanceTransactions/txn_d': line('txn_d', 'du_1', -10_000, 1_500),
    };
    expect(verdict(world(charged), balance)).toMatchObject({ held: true });
    expect(verdict(world(charged), platformNet)).toMatchObject({ held: true });
  });

  describe('disputes: an inquiry withdraws nothing, a lost chargeback takes the share back', () => {
    const dispute = (id: string, status: string, balanceTransactions: unknown[] = []) => ({
      stripe: { id, object: 'dispute', amount: 10_000, currency: 'usd', charge: 'ch_1', status, balance_transactions: balanceTransactions },
      sequence: 3,
      closedSequence: 4,
    });
    const withdrawn = { id: 'txn_d', amount: -10_000, fee: 1_500, net: -11_500 };

    it('hold an inquiry closed on a released order: the builder keeps the share, the charge still balances', () => {
      const w = world({ ...sold, 'orders/o1': released, '_localStripeDisputes/du_1': dispute('du_1', 'warning_closed') });
      expect(verdict(w, givenBack).held).toBe(true);
      expect(verdict(w, platformNet).held).toBe(true);
      expect(verdict(w, balance).held).toBe(true);
    });

    it('hold a chargeback lost after a closed inquiry when the share was reversed, and break when the reversal is missing from Stripe’s ledger', () => {
      const lostOrder = order({
        status: 'refunded',
        payouts: { builder: { transferId: 'tr_1' } },
        dispute: { disputeId: 'du_2', state: 'lost', amountCents: 10_000, reason: 'fraudulent', openedAt: iso(5_000) },
      });
      const lost = {
        ...sold,
        'orders/o1': lostOrder,
        '_localStripeTransfers/tr_1': transfer('tr_1', 9_000, { amount_reversed: 9_000 }),
        '_localStripeTransferReversals/trr_1': {
          stripe: { id: 'trr_1', object: 'transfer_reversal', amount: 9_000, transfer: 'tr_1', metadata: { dispute_id: 'du_2' } },
          sequence: 5,
        },
        '_localStripeBalanceTransactions/txn_rv': line('txn_rv', 'trr_1', 9_000),
        '_localStripeDisputes/du_1': dispute('du_1', 'warning_closed'),
        '_localStripeDisputes/du_2': dispute('du_2', 'lost', [withdrawn]),
        '_localStripeBalanceTransactions/txn_d': line('txn_d', 'du_2', -10_000, 1_500),
      };
      expect(verdict(world(lost), givenBack).held).toBe(true);
      expect(verdict(world(lost), platformNet).held).toBe(true);
      const { '_localStripeBalanceTransactions/txn_rv': _dropped, ...unreversedLedger } = lost;
      expect(verdict(world(unreversedLedger), platformNet).counterexample).toBe(
        "Stripe's ledger nets -10820 on 1 charges; our records say fees 0 + held 0 − Stripe's fees 1820 − debts outstanding 0 − paid outside 0 = -1820",
      );
    });

    it('hold a commission whose tranche a won dispute took back and returned before done: the return is the builder’s, not held', () => {
      // $100 paid, $90 the builder's: a 30 % tranche (2,700) went out, the dispute reversed it, the win sent it back by a transfer of its own.
      const wonOrder = order({
        dropKind: 'commission',
        status: 'building',
        payouts: { builder: {} },
        commission: {
          terms: { slots: 1, leadWeeks: 4, oneAtATime: false, tranches: [] },
          advances: [{ milestone: 'parts-in', idempotencyKey: 'tranche:o1:parts-in', amountCents: 2_700, transferId: 'tr_t' }],
        },
        dispute: { disputeId: 'du_3', state: 'won', amountCents: 10_000, reason: 'fraudulent', openedAt: iso(5_000), returnedAt: iso(1_000) },
      });
      const reinstated = { id: 'txn_w', amount: 10_000, fee: 0, net: 10_000 };
      const won = {
        '_localStripeCharges/ch_1': charge(),
        '_localStripeBalanceTransactions/txn_c': line('txn_c', 'ch_1', 10_000, 320),
        'orders/o1': wonOrder,
        '_localStripeTransfers/tr_t': transfer('tr_t', 2_700, { amount_reversed: 2_700, metadata: { order_id: 'o1', milestone: 'parts-in' } }),
        '_localStripeBalanceTransactions/txn_t': line('txn_t', 'tr_t', -2_700),
        '_localStripeTransferReversals/trr_t': {
          stripe: { id: 'trr_t', object: 'transfer_reversal', amount: 2_700, transfer: 'tr_t', metadata: { dispute_id: 'du_3' } },
          sequence: 5,
        },
        '_localStripeBalanceTransactions/txn_rv': line('txn_rv', 'trr_t', 2_700),
        '_localStripeTransfers/tr_back': transfer('tr_back', 2_700, { source_transaction: null, metadata: { order_id: 'o1', part: 'dispute-return' } }),
        '_localStripeBalanceTransactions/txn_back': line('txn_back', 'tr_back', -2_700),
        '_localStripeDisputes/du_3': dispute('du_3', 'won', [withdrawn, reinstated]),
        '_localStripeBalanceTransactions/txn_d': line('txn_d', 'du_3', -10_000, 1_500),
        '_localStripeBalanceTransactions/txn_w': line('txn_w', 'du_3', 10_000),
      };
      expect(verdict(world(won), balance)).toMatchObject({ held: true });
      expect(verdict(world(won), platformNet)).toMatchObject({ held: true });
    });
  });
});
