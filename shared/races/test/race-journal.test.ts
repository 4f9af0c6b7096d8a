import fc from 'fast-check';
import { entryOf, post, unbalanced, type JournalEntry } from '../../journal';
import { payoutSentEntry, racerEntry, racerLineOf, refundedOfSale, reversedOfSale, saleEntry, saleRefundEntry } from '../rules/race-journal';
import type { RacerLine } from '../rules/wallet';

const sale = {
  saleKey: 'stripe-cs_1',
  shop: 'stripe' as const,
  guildId: 'g',
  amountCents: 5_000,
  currency: 'usd',
  paidAt: '2026-11-27T12:00:00.000Z',
  chargeId: 'ch_1',
};
const racer = '830000000000000001';
const accounts = (entry: ReturnType<typeof saleEntry>) =>
  Object.fromEntries((entry?.postings ?? []).map((p) => [p.personId ? `${p.account}:${p.personId}` : p.account, p.amountCents]));

describe('race money in the journal', () => {
  it('brings a Payment Link’s sale into Stripe’s balance under its charge, and a shop’s into the shop’s balance', () => {
    expect(saleEntry(sale)).toMatchObject({ entryId: 'merch-sale:stripe-cs_1', kind: 'merch-sale', stripeId: 'ch_1' });
    expect(accounts(saleEntry(sale))).toEqual({ 'stripe-balance': 5_000, 'merch-revenue': -5_000 });
    const kofi = { ...sale, saleKey: 'kofi-1', shop: 'kofi' as const, chargeId: undefined };
    expect(accounts(saleEntry(kofi))).toEqual({ 'shop-balance': 5_000, 'merch-revenue': -5_000 });
    expect(saleEntry(kofi)?.stripeId).toBeUndefined();
  });

  it('takes a refund back out by what the refunded total moved, once per step, and nothing when it did not move', () => {
    expect(accounts(saleRefundEntry(sale, 0, 1_250, sale.paidAt))).toEqual({ 'stripe-balance': -1_250, 'merch-revenue': 1_250 });
    expect(saleRefundEntry(sale, 1_250, 5_000, sale.paidAt)?.entryId).toBe('merch-refund:stripe-cs_1:1250-5000');
    expect(saleRefundEntry(sale, 1_250, 1_250, sale.paidAt)).toBeUndefined();
    expect(saleRefundEntry(sale, 1_250, 1_000, sale.paidAt)).toBeUndefined();
  });

  it('moves a racer’s credit from the merch revenue to what is payable to them, and a payout from there to the payout being sent', () => {
    const ledger = { entryId: 'stripe-cs_1-credit-r', guildId: 'g', racerId: racer, currency: 'usd', at: sale.paidAt };
    expect(accounts(racerEntry({ ...ledger, kind: 'credit', amountCents: 500 }))).toEqual({ [`racer-payable:${racer}`]: -500, 'merch-revenue': 500 });
    expect(accounts(racerEntry({ ...ledger, kind: 'reversal', amountCents: -125 }))).toEqual({ [`racer-payable:${racer}`]: 125, 'merch-revenue': -125 });
    expect(accounts(racerEntry({ ...ledger, kind: 'payout', amountCents: -300 }))).toEqual({ [`racer-payable:${racer}`]: 300, 'payout-clearing': -300 });
    expect(accounts(racerEntry({ ...ledger, kind: 'payout-reversal', amountCents: 300 }))).toEqual({
      [`racer-payable:${racer}`]: -300,
      'payout-clearing': 300,
    });
  });

  it('sends a payout out of Stripe’s balance under its transfer, or out by hand, and every entry balances', () => {
    const payout = { payoutId: 'p1', guildId: 'g', amountCents: 300, currency: 'usd', at: sale.paidAt };
    expect(payoutSentEntry(payout, 'tr_1')).toMatchObject({ stripeId: 'tr_1' });
    expect(accounts(payoutSentEntry(payout, 'tr_1'))).toEqual({ 'payout-clearing': 300, 'stripe-balance': -300 });
    expect(accounts(payoutSentEntry(payout))).toEqual({ 'payout-clearing': 300, 'paid-by-hand': -300 });
    const all = [saleEntry(sale), saleRefundEntry(sale, 0, 10, sale.paidAt), payoutSentEntry(payout), payoutSentEntry(payout, 'tr_1')];
    expect(unbalanced(all.flatMap((e) => (e ? [e] : [])))).toEqual([]);
  });
});

describe('a sale’s refunds read back from the journal', () => {
  const other = { ...sale, saleKey: 'stripe-cs_10' };
  const ledger = (entryId: string, racerId: string, amountCents: number) =>
    racerEntry({ entryId, guildId: 'g', racerId, kind: amountCents < 0 ? 'reversal' : 'credit', amountCents, currency: 'usd', at: sale.paidAt });
  const entries = [
    saleEntry(sale),
    saleRefundEntry(sale, 0, 1_250, sale.paidAt),
    saleRefundEntry(sale, 1_250, 2_000, sale.paidAt),
    // Another sale whose key starts like this one's: not this sale's refund.
    saleRefundEntry(other, 0, 700, sale.paidAt),
    ledger('stripe-cs_1-credit-r', racer, 500),
    ledger('stripe-re_1-reversal-830000000000000001', racer, -125),
    ledger('stripe-re_2-reversal-830000000000000002', '830000000000000002', -75),
    ledger('stripe-re_9-reversal-830000000000000001', racer, -40),
  ].flatMap((e) => (e ? [e] : []));

  it('adds what went back to the buyer over every step of the sale’s refunded total, and nothing of another sale', () => {
    expect(refundedOfSale(entries, 'stripe-cs_1')).toBe(2_000);
    expect(refundedOfSale(entries, 'stripe-cs_10')).toBe(700);
    expect(refundedOfSale(entries, 'stripe-cs_2')).toBe(0);
  });

  it('adds what the sale’s own refunds took back from its racers, whoever they are, and no credit or other refund', () => {
    expect(reversedOfSale(entries, ['stripe-re_1', 'stripe-re_2'])).toBe(200);
    expect(reversedOfSale(entries, ['stripe-re_9'])).toBe(40);
    expect(reversedOfSale(entries, [])).toBe(0);
  });
});

describe('each entry says what moved, so reconciliation can explain it', () => {
  it('writes a refund as a merch refund on the sale’s charge, and a sent payout as a racer payout under its payout', () => {
    expect(saleRefundEntry(sale, 0, 1_250, sale.paidAt)).toMatchObject({ kind: 'merch-refund', stripeId: 'ch_1', guildId: 'g', currency: 'usd' });
    const payout = { payoutId: 'p1', guildId: 'g', amountCents: 300, currency: 'usd', at: sale.paidAt };
    expect(payoutSentEntry(payout)).toMatchObject({ entryId: 'racer-payout:p1', kind: 'racer-payout' });
  });

  it('names a race and a sale only on an earning: a payout’s entry names neither, even from a line that carries them', () => {
    const line = { entryId: 'payout-p1', guildId: 'g', racerId: racer, currency: 'usd', at: sale.paidAt, lobbyId: 'lobbyfri', saleKey: 'kofi-1' };
    const payout = racerEntry({ ...line, kind: 'payout', amountCents: -300 });
    expect(payout?.lobbyId).toBeUndefined();
    expect(payout?.saleKey).toBeUndefined();
    expect(racerLineOf(payout as JournalEntry)).not.toHaveProperty('lobbyId');
    expect(racerEntry({ ...line, entryId: 'kofi-1-credit-0', kind: 'credit', amountCents: 500 })).toMatchObject({ lobbyId: 'lobbyfri', saleKey: 'kofi-1' });
  });
});

describe('a racer’s ledger read back from the journal', () => {
  const alnum = fc.stringMatching(/^[a-z0-9]{1,8}$/);
  const common = {
    guildId: fc.constant('g'),
    racerId: fc.constantFrom(racer, '830000000000000002'),
    currency: fc.constantFrom('usd', 'eur'),
    at: fc.constant(sale.paidAt),
  };
  /** An earning as the race ledger writes one: any move id (even one that starts like a payout's), maybe its race and sale. */
  const earning = fc
    .record({
      ...common,
      entryId: fc.tuple(fc.constantFrom('', 'payout-', 'kofi-1-credit-', 'stripe-re_1-reversal-'), alnum).map(([prefix, id]) => prefix + id),
      amountCents: fc.integer({ min: -5_000, max: 5_000 }).filter((cents) => cents !== 0),
      lobbyId: fc.option(alnum, { nil: undefined }),
      saleKey: fc.option(alnum, { nil: undefined }),
    })
    .map(({ lobbyId, saleKey, ...line }): RacerLine => ({
      ...line,
      kind: line.amountCents > 0 ? 'credit' : 'reversal',
      ...(lobbyId ? { lobbyId } : {}),
      ...(saleKey ? { saleKey } : {}),
    }));
  /** A payout as pay-racer writes one (`payout-<id>`, undone `payout-<id>-undone`), its line naming the payout. */
  const payout = fc
    .record({ ...common, payoutId: alnum, undone: fc.boolean(), amountCents: fc.integer({ min: 1, max: 5_000 }) })
    .map(({ payoutId, undone, amountCents, ...line }): RacerLine => ({
      ...line,
      entryId: `payout-${payoutId}${undone ? '-undone' : ''}`,
      kind: undone ? 'payout-reversal' : 'payout',
      amountCents: undone ? amountCents : -amountCents,
      payoutId,
    }));

  it('reads back every line as it was written, and a racer’s lines add up to what is payable to them (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(earning, payout), { maxLength: 10 }), (lines) => {
        const journal = lines.map((line) => racerEntry(line) as JournalEntry);
        expect(journal.map(racerLineOf)).toEqual(lines);
        for (const currency of ['usd', 'eur']) {
          const payable = journal
            .filter((e) => e.currency === currency)
            .flatMap((e) => e.postings)
            .filter((p) => p.account === 'racer-payable' && p.personId === racer);
          const lined = lines.filter((l) => l.racerId === racer && l.currency === currency);
          expect(lined.reduce((sum, l) => sum + l.amountCents, 0)).toBe(payable.reduce((sum, p) => sum - p.amountCents, 0));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('names no payout on a payout entry under an id pay-racer never writes, and reads it without failing', () => {
    const entry = (entryId: string) =>
      racerEntry({ entryId, guildId: 'g', racerId: racer, kind: 'payout', amountCents: -300, currency: 'usd', at: sale.paidAt }) as JournalEntry;
    for (const id of ['refused-p1', 'manual-payout-p1']) expect(racerLineOf(entry(id))).toMatchObject({ entryId: id, kind: 'payout', amountCents: -300 });
    for (const id of ['refused-p1', 'manual-payout-p1']) expect(racerLineOf(entry(id))).not.toHaveProperty('payoutId');
  });

  const head = { entryId: 'race-ledger:kofi-1-credit-0', kind: 'racer-earning' as const, at: sale.paidAt, guildId: 'g', currency: 'usd', personId: racer };

  it('reads a line as what the entry did to the named racer’s own payable: not another racer’s, not their debt, and no line when it did nothing to it', () => {
    const sharedWithDebt = entryOf(head, [post.racer(racer, -500), post.owed(racer, 200), post.to('merch-revenue', 300)]) as JournalEntry;
    expect(racerLineOf(sharedWithDebt)).toMatchObject({ racerId: racer, kind: 'credit', amountCents: 500 });
    const twoRacers = entryOf(head, [post.racer(racer, -500), post.racer('830000000000000002', -250), post.to('merch-revenue', 750)]) as JournalEntry;
    expect(racerLineOf(twoRacers)).toMatchObject({ racerId: racer, kind: 'credit', amountCents: 500 });
    const notTheirs = entryOf(head, [post.racer('830000000000000002', -250), post.to('merch-revenue', 250)]) as JournalEntry;
    expect(racerLineOf(notTheirs)).toBeUndefined();
  });

  it('reads no line from an entry that is not a racer’s move as the race ledger writes it, even one that moves their payable', () => {
    const postings = [post.racer(racer, -500), post.to('merch-revenue', 500)];
    // Another kind (a debt netted against earnings, say), though under the race ledger's ids and naming the racer.
    expect(racerLineOf(entryOf({ ...head, kind: 'netting' }, postings) as JournalEntry)).toBeUndefined();
    // An entry that lost its racer's name, from itself and its posting.
    const { personId: _named, ...nameless } = head;
    expect(racerLineOf(entryOf(nameless, [{ account: 'racer-payable', amountCents: -500 }, post.to('merch-revenue', 500)]) as JournalEntry)).toBeUndefined();
    // A racer's kind under an id the race ledger never writes.
    expect(racerLineOf(entryOf({ ...head, entryId: 'racer-payout:p1' }, postings) as JournalEntry)).toBeUndefined();
  });
});
