/**
 * Each of the soak's invariants catches what it names: a world where it holds, and one
 * where it is broken, with the counterexample the soak would print.
 */
import type { SoakWorld } from '../../../scripts/soak/world';
import { auctionRefusals } from '../../../shared/auctions';
import type { OutboxEntry } from '../../../shared/local/discord/discord-outbox';
import { bookReconnectsWithinMs } from '../../../scripts/soak/invariants';
import { charge, dm, iso, order, racerMove, transfer, verdict, world } from '../../support/soak-world';
import { personPseudonym } from '../../../shared/log';

describe('the soak’s invariants', () => {
  const balance = 'every charge = refunds + transfers + fee + held + dispute losses and fees, to the cent';

  it('holds a charge whose builder share went out once and whose fee stayed', () => {
    const w = world({
      'orders/o1': order({ status: 'building', payouts: { builder: { transferId: 'tr_1' } } }),
      '_localStripeCharges/ch_1': charge(),
      '_localStripeTransfers/tr_1': transfer('tr_1', 9_000),
    });
    expect(verdict(w, balance)).toMatchObject({ held: true, checked: 1 });
    expect(verdict(w, 'every release at most once')).toMatchObject({ held: true });
  });

  it('breaks when a share went out twice, naming the charge and the sums', () => {
    const w = world({
      'orders/o1': order({ status: 'building', payouts: { builder: { transferId: 'tr_1' } } }),
      '_localStripeCharges/ch_1': charge(),
      '_localStripeTransfers/tr_1': transfer('tr_1', 9_000),
      '_localStripeTransfers/tr_2': transfer('tr_2', 9_000),
    });
    expect(verdict(w, balance)).toMatchObject({ held: false, counterexample: expect.stringContaining('charge ch_1 of 10000') });
    expect(verdict(w, 'every release at most once')).toMatchObject({ held: false, counterexample: 'o1:builder was transferred 2 times' });
  });

  it('breaks when Stripe refunded what the order never heard of', () => {
    const w = world({ 'orders/o1': order({}), '_localStripeCharges/ch_1': charge({ amount_refunded: 1_600 }) });
    expect(verdict(w, balance).counterexample).toContain('Stripe refunded 1600, the journal of its orders 0');
  });

  it('holds a refund taken back in proportion, or owed as a debt', () => {
    const reversed = world({
      'orders/o1': order({
        status: 'building',
        payouts: { builder: { transferId: 'tr_1', refundCoveredCents: 5_000 } },
        refundedCents: 5_000,
      }),
      '_localStripeCharges/ch_1': charge({ amount_refunded: 5_000 }),
      '_localStripeTransfers/tr_1': transfer('tr_1', 9_000, { amount_reversed: 4_500 }),
    });
    expect(verdict(reversed, balance).held).toBe(true);
    const owed = world({
      'orders/o1': order({ status: 'refunded', payouts: { builder: { transferId: 'tr_1' } }, builderDebtCents: 9_000, refundedCents: 10_000 }),
      '_localStripeCharges/ch_1': charge({ amount_refunded: 10_000 }),
      '_localStripeTransfers/tr_1': transfer('tr_1', 9_000),
    });
    expect(verdict(owed, balance).held).toBe(true);
    expect(verdict(owed, 'no transfer kept for a refunded order').held).toBe(true);
  });

  it('breaks when a refunded order keeps its transfer with no debt on record', () => {
    const w = world({
      'orders/o1': order({ status: 'refunded', payouts: { builder: { transferId: 'tr_1' } }, refundedCents: 10_000 }),
      '_localStripeCharges/ch_1': charge({ amount_refunded: 10_000 }),
      '_localStripeTransfers/tr_1': transfer('tr_1', 9_000),
    });
    expect(verdict(w, 'no transfer kept for a refunded order')).toMatchObject({
      held: false,
      counterexample: expect.stringContaining('9000 cents stay transferred'),
    });
  });

  describe('disputes and given refunds, read from Stripe’s ledger', () => {
    const withdrawn = { id: 'txn_1', amount: -10_000, fee: 1_500, net: -11_500 };
    const reinstated = { id: 'txn_2', amount: 10_000, fee: 0, net: 10_000 };
    const dispute = (status: string, balance = [withdrawn], over: Record<string, unknown> = {}) => ({
      stripe: { id: 'dp_1', object: 'dispute', amount: 10_000, currency: 'usd', charge: 'ch_1', status, balance_transactions: balance },
      sequence: 5,
      ...over,
    });
    const carried = (state: 'open' | 'won' | 'lost') => ({ disputeId: 'dp_1', state, amountCents: 10_000, reason: 'fraudulent', openedAt: iso(30_000) });
    const returned = (id: string, amount: number) =>
      transfer(id, amount, { source_transaction: null, metadata: { order_id: 'o1', dispute_id: 'dp_1', part: 'dispute-return' } });
    const reversal = (id: string, amount: number) => ({
      stripe: { id, object: 'transfer_reversal', amount, transfer: 'tr_1', metadata: { order_id: 'o1', dispute_id: 'dp_1' } },
    });
    const won = "a won dispute's money goes back once";

    it('holds a lost dispute whose released share was taken back: the platform pays the fee and its part', () => {
      const w = world({
        'orders/o1': order({ status: 'building', payouts: { builder: { transferId: 'tr_1' } }, dispute: carried('lost') }),
        '_localStripeCharges/ch_1': charge({ disputed: true }),
        '_localStripeTransfers/tr_1': transfer('tr_1', 9_000, { amount_reversed: 9_000 }),
        '_localStripeTransferReversals/trr_1': reversal('trr_1', 9_000),
        '_localStripeDisputes/dp_1': dispute('lost'),
      });
      expect(verdict(w, balance)).toMatchObject({ held: true, checked: 1 });
      expect(verdict(w, won)).toMatchObject({ held: true, checked: 1 });
    });

    it('breaks when a lost dispute took nothing back from a released share', () => {
      const w = world({
        'orders/o1': order({ status: 'building', payouts: { builder: { transferId: 'tr_1' } }, dispute: carried('lost') }),
        '_localStripeCharges/ch_1': charge({ disputed: true }),
        '_localStripeTransfers/tr_1': transfer('tr_1', 9_000),
        '_localStripeDisputes/dp_1': dispute('lost'),
      });
      expect(verdict(w, balance).counterexample).toContain('transferred 9000 - owed back 0 + fee 0 - dispute fees 1500 + held 0 + dispute cost 11500 = 19000');
    });

    it('holds a dispute open before the release: the share waits, nothing more is owed than what is left', () => {
      const w = world({
        'orders/o1': order({ status: 'building', dispute: carried('open') }),
        '_localStripeCharges/ch_1': charge({ disputed: true }),
        '_localStripeDisputes/dp_1': dispute('needs_response'),
      });
      expect(verdict(w, balance).held).toBe(true);
    });

    it('holds a won dispute whose taken share went back once, and breaks when it went back twice', () => {
      const docs = {
        'orders/o1': order({ status: 'building', payouts: { builder: { transferId: 'tr_1' } }, dispute: carried('won') }),
        '_localStripeCharges/ch_1': charge({ disputed: true }),
        '_localStripeTransfers/tr_1': transfer('tr_1', 9_000, { amount_reversed: 9_000 }),
        '_localStripeTransferReversals/trr_1': reversal('trr_1', 9_000),
        '_localStripeTransfers/tr_2': returned('tr_2', 9_000),
        '_localStripeDisputes/dp_1': dispute('won', [withdrawn, reinstated]),
      };
      expect(verdict(world(docs), balance).held).toBe(true);
      expect(verdict(world(docs), won).held).toBe(true);
      expect(verdict(world(docs), 'every release at most once').held).toBe(true);
      const twice = world({ ...docs, '_localStripeTransfers/tr_3': returned('tr_3', 9_000) });
      expect(verdict(twice, won).counterexample).toBe("dispute dp_1: the builder's part went back 2 times (and 1 more)");
      expect(verdict(twice, balance).held).toBe(false);
    });

    it('breaks when a lost dispute’s money goes back, or more goes back than was taken', () => {
      const lost = world({
        '_localStripeTransfers/tr_1': transfer('tr_1', 9_000, { amount_reversed: 4_000 }),
        '_localStripeTransferReversals/trr_1': reversal('trr_1', 4_000),
        '_localStripeTransfers/tr_2': returned('tr_2', 9_000),
        '_localStripeDisputes/dp_1': dispute('lost'),
      });
      expect(verdict(lost, won).counterexample).toBe('dispute dp_1 is lost, yet 1 return(s) went out (and 1 more)');
    });

    it('lets a won dispute give back a reversal Stripe refused (a debt the builder paid since), and no more', () => {
      const refusedReversal = (amount: number) => ({
        request: JSON.stringify(['transfers.createReversal', { transferId: 'tr_1', amountCents: amount, metadata: { order_id: 'o1', dispute_id: 'dp_1' } }]),
        refused: 'Insufficient funds in the destination account to reverse this transfer.',
      });
      const docs = {
        '_localStripeTransfers/tr_1': transfer('tr_1', 9_000),
        '_localStripeIdempotency/dispute:o1:dp_1': refusedReversal(9_000),
        '_localStripeDisputes/dp_1': dispute('won', [withdrawn, reinstated]),
      };
      expect(verdict(world({ ...docs, '_localStripeTransfers/tr_2': returned('tr_2', 9_000) }), won)).toMatchObject({ held: true, checked: 1 });
      expect(verdict(world({ ...docs, '_localStripeTransfers/tr_2': returned('tr_2', 9_001) }), won).counterexample).toBe(
        'dispute dp_1: 9001 went back to the builder, 9000 was taken',
      );
    });

    it('breaks when our order says a dispute is open that Stripe closed, or carries another amount', () => {
      const w = world({
        'orders/o1': order({ status: 'building', dispute: { ...carried('open'), amountCents: 9_000 } }),
        '_localStripeCharges/ch_1': charge({ disputed: true }),
        '_localStripeDisputes/dp_1': dispute('won', [withdrawn, reinstated]),
      });
      expect(verdict(w, balance).counterexample).toBe('order o1 says its dispute is open, Stripe won (and 1 more)');
    });

    it('breaks on a transfer Stripe made while the dispute was open, not on one after it closed', () => {
      const release = (sequence: number) => ({ ...transfer('tr_1', 9_000), sequence });
      const docs = {
        'orders/o1': order({ status: 'building', payouts: { builder: { transferId: 'tr_1' } } }),
        '_localStripeDisputes/dp_1': dispute('won', [], { closedSequence: 9 }),
      };
      const name = 'no transfer while a dispute is open';
      expect(verdict(world({ ...docs, '_localStripeTransfers/tr_1': release(7) }), name).counterexample).toBe(
        'transfer tr_1 (release of o1) went out while dispute dp_1 was open',
      );
      expect(verdict(world({ ...docs, '_localStripeTransfers/tr_1': release(10) }), name).held).toBe(true);
      expect(verdict(world({ ...docs, '_localStripeTransfers/tr_1': release(3) }), name).held).toBe(true);
      const neverClosed = { ...docs, '_localStripeDisputes/dp_1': dispute('needs_response'), '_localStripeTransfers/tr_1': release(10) };
      expect(verdict(world(neverClosed), name).held).toBe(false);
    });

    it('breaks when /c500 refund refunds twice, more than asked, or more than the order’s price', () => {
      const name = '/c500 refund never gives more than asked or left';
      const refund = (id: string, amount: number, interaction = 'i1') => ({
        stripe: { id, object: 'refund', amount, charge: 'ch_1', metadata: { order_id: 'o1', interaction_id: interaction } },
      });
      const asked = { refundsAsked: [{ interactionId: 'i1', orderId: 'o1', amountCents: 500 }] };
      expect(verdict(world({ 'orders/o1': order({}), '_localStripeRefunds/re_1': refund('re_1', 500) }, asked), name)).toMatchObject({
        held: true,
        checked: 1,
      });
      const twice = world({ 'orders/o1': order({}), '_localStripeRefunds/re_1': refund('re_1', 500), '_localStripeRefunds/re_2': refund('re_2', 500) }, asked);
      expect(verdict(twice, name).counterexample).toBe('/c500 refund i1 made 2 refunds (and 1 more)');
      expect(verdict(world({ 'orders/o1': order({}), '_localStripeRefunds/re_1': refund('re_1', 700) }, asked), name).counterexample).toBe(
        '/c500 refund i1 asked 500, Stripe refunded 700',
      );
      const all = { refundsAsked: [{ interactionId: 'i2', orderId: 'o1' }] };
      expect(verdict(world({ 'orders/o1': order({}), '_localStripeRefunds/re_1': refund('re_1', 10_001, 'i2') }, all), name).counterexample).toBe(
        'order o1 of 10000 was given 10001 back',
      );
    });

    it('breaks when a buyer who disputed is not on their server’s block list', () => {
      const name = 'a disputing buyer is blocked';
      const docs = {
        '_localStripeCharges/ch_1': charge({ metadata: { buyer_id: 'buyer', guild_id: 'g' } }),
        '_localStripeDisputes/dp_1': dispute('needs_response'),
      };
      expect(
        verdict(
          world({
            ...docs,
            'guilds/g': { auctions: { blocked: [{ key: 'buyer', label: '<@buyer>', blockedBy: 'buyer', blockedAt: iso(0), disputeId: 'dp_1' }] } },
          }),
          name,
        ),
      ).toMatchObject({
        held: true,
        checked: 1,
      });
      expect(verdict(world({ ...docs, 'guilds/g': { auctions: { blocked: [] } } }), name).counterexample).toBe(
        `buyer ${personPseudonym('buyer')} disputed dp_1 and is not blocked in g`,
      );
    });

    it('holds when a buyer who disputed then erased themselves is on no block list, since their erasure lifts the block', () => {
      const name = 'a disputing buyer is blocked';
      const docs = {
        '_localStripeCharges/ch_1': charge({ metadata: { buyer_id: 'buyer', guild_id: 'g' } }),
        '_localStripeDisputes/dp_1': dispute('lost'),
        'guilds/g': { auctions: { blocked: [], blockedIds: [] } },
      };
      const erased = { erased: [{ id: 'buyer', name: 'buyer7', fromSeq: 0 }] };
      expect(verdict({ ...world(docs), ...erased }, name)).toMatchObject({ held: true, checked: 1 });
      expect(verdict({ ...world(docs), erased: [{ id: 'someone-else', name: 'buyer8', fromSeq: 0 }] }, name).counterexample).toBe(
        `buyer ${personPseudonym('buyer')} disputed dp_1 and is not blocked in g`,
      );
    });
  });

  it('holds wallets that are the journal’s fold, and breaks on a wallet a cent off', () => {
    const entry = racerMove('e1', { guildId: 'g', racerId: 'r1', kind: 'credit', amountCents: 250, currency: 'usd', at: iso(5_000) });
    const wallet = (pendingCents: number) => ({ guildId: 'g', racerId: 'r1', currency: 'usd', pendingCents, paidCents: 0, earnedCents: pendingCents });
    expect(verdict(world({ ...entry, 'wallets/g-r1/shards/0': wallet(250) }), "racers' balances equal the ledger").held).toBe(true);
    expect(verdict(world({ ...entry, 'wallets/g-r1/shards/0': wallet(251) }), "racers' balances equal the ledger").counterexample).toBe(
      'racer g/r1: wallet pending/paid/earned 251/0/251, journal 250/0/250',
    );
  });

  it('breaks when a sale is credited twice, or a payout takes more than was pending', () => {
    const sale = { saleKey: 'kofi-1', attributedTo: 'race', poolCents: 200 };
    const credit = (id: string) =>
      racerMove(id, { guildId: 'g', racerId: 'r1', kind: 'credit', amountCents: 200, saleKey: 'kofi-1', currency: 'usd', at: iso(9_000) });
    const twice = world({ 'sales/kofi-1': sale, ...credit('a'), ...credit('b') });
    expect(verdict(twice, 'each sale credited once')).toMatchObject({ held: false, counterexample: 'sale kofi-1 (race, pool 200) was credited 400' });
    const payout = racerMove('payout-p1', { guildId: 'g', racerId: 'r1', kind: 'payout', amountCents: -300, currency: 'usd', at: iso(1_000) });
    expect(verdict(world({ ...credit('a'), ...payout }), 'no payout overdraws').held).toBe(false);
  });

  it('breaks when someone was deferred and never answered, or answered with an error', () => {
    const sent = [
      { id: '1', token: 't1', what: 'bid', userId: 'u1', status: 200, responseType: 5 },
      { id: '2', token: 't2', what: 'bid', userId: 'u2', status: 500 },
    ];
    const answered: OutboxEntry = { seq: 1, at: iso(0), kind: 'edit', interactionToken: 't1', message: { content: 'You lead' } };
    expect(verdict(world({}, { sent: sent.slice(0, 1), outbox: [answered] }), 'every interaction answered').held).toBe(true);
    expect(verdict(world({}, { sent: sent.slice(0, 1) }), 'every interaction answered').counterexample).toContain('deferred and never answered');
    expect(verdict(world({}, { sent, outbox: [answered] }), 'every interaction answered').counterexample).toContain('got HTTP 500');
  });

  it('says why an interaction got no answer and whether the ingress ever ran it', () => {
    const lost = { id: '3', token: 't3', what: 'bid', userId: 'u3', status: 0, failure: 'no answer within 30 s' };
    expect(verdict(world({}, { sent: [lost] }), 'every interaction answered').counterexample).toBe(
      'bid by u3 (interaction 3) got no answer (no answer within 30 s; the ingress wrote no answer line for it)',
    );
    expect(verdict(world({}, { sent: [{ ...lost, failure: 'ECONNRESET', ingressMs: 12 }] }), 'every interaction answered').counterexample).toBe(
      'bid by u3 (interaction 3) got no answer (ECONNRESET; the ingress answered it in 12 ms by its own line)',
    );
  });

  it('breaks when someone is told to try again though every service came back, naming the interaction', () => {
    const told = (content: string): OutboxEntry => ({ seq: 1, at: iso(0), kind: 'edit', interactionToken: 't9', interactionId: 'i9', message: { content } });
    const down = auctionRefusals.bookUnavailable.content as string;
    expect(verdict(world({}, { outbox: [told('You lead at $21.00')] }), '"try again" only when a service is down').held).toBe(true);
    expect(verdict(world({}, { outbox: [told(down)] }), '"try again" only when a service is down').counterexample).toBe(
      `interaction i9 was told to try again at ${iso(0)}`,
    );
  });

  it('holds a "try again" said while the soak had the book down, and breaks one said well after it came back', () => {
    const toldAt = (ms: number): OutboxEntry => ({
      seq: 1,
      at: new Date(ms).toISOString(),
      kind: 'edit',
      interactionToken: 't9',
      interactionId: 'i9',
      message: { content: auctionRefusals.bookUnavailable.content as string },
    });
    const outage = { fromMs: 1_000_000, toMs: 1_002_000 };
    const check = (ms: number) => verdict(world({}, { outbox: [toldAt(ms)], bookOutages: [outage] }), '"try again" only when a service is down');
    expect(check(1_001_000).held).toBe(true);
    expect(check(1_002_000 + bookReconnectsWithinMs).held).toBe(true);
    expect(check(1_002_000 + bookReconnectsWithinMs + 1).held).toBe(false);
    expect(check(999_999).held).toBe(false);
  });

  it('breaks on the same DM twice to one person, whatever nonce each was sent with', () => {
    expect(verdict(world({}, { outbox: [dm(1, 'u1', 'Receipt for o1'), dm(2, 'u1', 'Receipt for o2')] }), 'no DM sent twice').held).toBe(true);
    expect(verdict(world({}, { outbox: [dm(1, 'u1', 'Receipt for o1'), dm(2, 'u2', 'Receipt for o1')] }), 'no DM sent twice').held).toBe(true);
    const withNonce = (entry: OutboxEntry, nonce: string): OutboxEntry => ({ ...entry, message: { ...entry.message, nonce, enforce_nonce: true } });
    const twice = [withNonce(dm(1, 'u1', 'Receipt for o1'), 'n-1'), withNonce(dm(2, 'u1', 'Receipt for o1'), 'n-2')];
    expect(verdict(world({}, { outbox: twice }), 'no DM sent twice')).toMatchObject({
      held: false,
      counterexample: expect.stringContaining('user u1 got this DM 2 times'),
    });
  });

  it('holds for a pay link sent again under its one nonce after Discord forgot it, and breaks for any other DM so sent', () => {
    const withNonce = (entry: OutboxEntry, nonce: string): OutboxEntry => ({ ...entry, message: { ...entry.message, nonce, enforce_nonce: true } });
    const link = [{ type: 1, components: [{ type: 2, style: 5, label: 'Pay', url: 'https://c500.example/pay/o1' }] }];
    const payLink = (seq: number): OutboxEntry => {
      const entry = withNonce(dm(seq, 'u1', 'Pay for o1 by Friday'), 'n-1');
      return { ...entry, message: { ...entry.message, components: link } } as OutboxEntry;
    };
    expect(verdict(world({}, { outbox: [payLink(1), payLink(2)] }), 'no DM sent twice').held).toBe(true);
    const youreIn = [withNonce(dm(1, 'u1', 'You’re in'), 'n-2'), withNonce(dm(2, 'u1', 'You’re in'), 'n-2')];
    expect(verdict(world({}, { outbox: youreIn }), 'no DM sent twice').held).toBe(false);
    const linkTwoNonces = [payLink(1), { ...payLink(2), message: { ...payLink(2).message, nonce: 'n-3' } } as OutboxEntry];
    expect(verdict(world({}, { outbox: linkTwoNonces }), 'no DM sent twice').held).toBe(false);
  });

  it('breaks when a typed address reaches anyone but its builder, and holds when only the builder’s DM has it', () => {
    const addressesTyped = [{ session: 'cs_1', builderId: 'builder', line1: '7 Soak Keycap Crescent' }];
    const toBuilder = dm(1, 'builder', 'Ship to: Soak Buyer 7, 7 Soak Keycap Crescent, Winnipeg');
    expect(verdict(world({}, { addressesTyped, outbox: [toBuilder] }), 'an address seen by its builder alone')).toMatchObject({ held: true, checked: 1 });
    const toBuyer = dm(2, 'buyer', 'Your order ships to 7 Soak Keycap Crescent');
    const posted: OutboxEntry = { seq: 3, at: iso(0), kind: 'channel', channelId: 'c', message: { content: 'Paid! Shipping to 7 Soak Keycap Crescent' } };
    expect(verdict(world({}, { addressesTyped, outbox: [toBuilder, toBuyer] }), 'an address seen by its builder alone').counterexample).toContain(
      'dm to buyer',
    );
    expect(verdict(world({}, { addressesTyped, outbox: [posted] }), 'an address seen by its builder alone').counterexample).toContain('channel to c');
  });

  it('breaks when a session Stripe closed is still awaited, or two sessions were opened for one order', () => {
    const session = (id: string, status: string) => ({ stripe: { id, object: 'checkout.session', status, client_reference_id: 'o1' } });
    const awaiting = order({ status: 'awaiting-payment', checkoutSessionId: 'cs_1', chargeId: undefined });
    expect(verdict(world({ 'orders/o1': awaiting, '_localStripeSessions/cs_1': session('cs_1', 'open') }), 'our checkouts agree with Stripe’s').held).toBe(
      true,
    );
    expect(verdict(world({ 'orders/o1': awaiting, '_localStripeSessions/cs_1': session('cs_1', 'complete') }), 'our checkouts agree with Stripe’s').held).toBe(
      false,
    );
    const two = world({ '_localStripeSessions/cs_1': session('cs_1', 'open'), '_localStripeSessions/cs_2': session('cs_2', 'open') });
    expect(verdict(two, 'one checkout per order and per winner per builder').counterexample).toBe('o1 got 2 Checkout Sessions');
  });

  it('breaks on an auction still live long after its end', () => {
    const live = { auctionId: 'a1', status: 'live', endsAt: iso(10 * 60_000), settleMs: 2_000 };
    expect(verdict(world({ 'auctions/a1': live }), 'nothing stuck past its deadline').held).toBe(false);
    expect(verdict(world({ 'auctions/a1': { ...live, endsAt: iso(5_000) } }), 'nothing stuck past its deadline').held).toBe(true);
  });

  it('breaks on any dead letter, saying why it died', () => {
    const letter = { topic: 't', subscription: 's', message: { data: '', messageId: 'm1', publishTime: iso(0) }, attempts: 5, error: 'boom' };
    expect(verdict(world({}, { deadLetters: [letter] }), 'no dead letter, no task given up unexplained').counterexample).toBe(
      's dead-lettered m1 after 5 attempts: boom',
    );
  });
});

describe('the soak’s invariants of commission queues', () => {
  const balance = 'every charge = refunds + transfers + fee + held + dispute losses and fees, to the cent';
  const terms = {
    slots: 3,
    leadWeeks: 6,
    oneAtATime: false,
    tranches: [
      { milestone: 'parts-in' as const, percent: 30 },
      { milestone: 'done' as const, percent: 70 },
    ],
  };
  const tranche = (id: string, amount: number, milestone = 'parts-in') => transfer(id, amount, { metadata: { order_id: 'o1', milestone } });

  it('holds a commission paid in a tranche and the rest at done, and counts each tranche a release of its own', () => {
    const w = world({
      'orders/o1': order({ status: 'building', payouts: { builder: { transferId: 'tr_2' } }, commission: { terms, ticket: 1 } }),
      '_localStripeCharges/ch_1': charge(),
      '_localStripeTransfers/tr_1': tranche('tr_1', 2_700),
      '_localStripeTransfers/tr_2': transfer('tr_2', 6_300),
    });
    expect(verdict(w, balance)).toMatchObject({ held: true });
    expect(verdict(w, 'every release at most once').held).toBe(true);
    expect(verdict(w, 'a commission’s builder never sent more than the share').held).toBe(true);
  });

  it('holds a commission with a tranche out and the rest still held', () => {
    const w = world({
      'orders/o1': order({ commission: { terms, ticket: 1 } }),
      '_localStripeCharges/ch_1': charge(),
      '_localStripeTransfers/tr_1': tranche('tr_1', 2_700),
    });
    expect(verdict(w, balance).held).toBe(true);
  });

  it('breaks on a milestone’s tranche sent twice, and on a builder sent more than the share', () => {
    const w = world({
      'orders/o1': order({ commission: { terms, ticket: 1 } }),
      '_localStripeCharges/ch_1': charge(),
      '_localStripeTransfers/tr_1': tranche('tr_1', 5_000),
      '_localStripeTransfers/tr_2': tranche('tr_2', 5_000),
    });
    expect(verdict(w, 'every release at most once')).toMatchObject({ held: false, counterexample: 'o1:builder:parts-in was transferred 2 times' });
    expect(verdict(w, 'a commission’s builder never sent more than the share')).toMatchObject({
      held: false,
      counterexample: 'commission o1: 10000 went to its builder, whose due is 9000',
    });
  });

  it('holds a late cancel that refunded all the builder was not sent, fee included, and breaks one that kept part of it', () => {
    const cancelled = (refunded: number) =>
      world({
        'orders/o1': order({ refundedCents: refunded, commission: { terms, ticket: 1, ended: 'cancelled', keptCents: 2_700 } }),
        '_localStripeCharges/ch_1': charge({ amount_refunded: refunded }),
        '_localStripeTransfers/tr_1': tranche('tr_1', 2_700),
      });
    const name = 'a late cancel gives back all its builder was not sent';
    expect(verdict(cancelled(7_300), balance).held).toBe(true);
    expect(verdict(cancelled(7_300), name)).toMatchObject({ held: true, checked: 1 });
    // Refunded 7,000: the charge still balances (the 300 reads as fee), but the buyer did not get all back.
    expect(verdict(cancelled(7_000), balance).held).toBe(true);
    expect(verdict(cancelled(7_000), name)).toMatchObject({
      held: false,
      counterexample: 'cancelled commission o1 of 10000: 7000 refunded + 2700 sent to its builder + 0 lost to a dispute',
    });
  });

  it('holds a refund after a late cancel only when the builder gave that much back of what they kept', () => {
    const refundedAfter = (reversed: number) =>
      world({
        'orders/o1': order({ refundedCents: 8_000, commission: { terms, ticket: 1, ended: 'cancelled', keptCents: 2_700 } }),
        '_localStripeCharges/ch_1': charge({ amount_refunded: 8_000 }),
        '_localStripeTransfers/tr_1': transfer('tr_1', 2_700, { amount_reversed: reversed, metadata: { order_id: 'o1', milestone: 'parts-in' } }),
      });
    const name = 'a late cancel gives back all its builder was not sent';
    expect(verdict(refundedAfter(700), balance).held).toBe(true);
    expect(verdict(refundedAfter(700), name).held).toBe(true);
    expect(verdict(refundedAfter(0), name)).toMatchObject({
      held: false,
      counterexample: 'cancelled commission o1 of 10000: 8000 refunded + 2700 sent to its builder + 0 lost to a dispute',
    });
  });

  it('holds a dispute lost after a late cancel only when the builder gave back what it took of theirs', () => {
    const disputedAfter = (reversed: number, status = 'lost') =>
      world({
        'orders/o1': order({
          refundedCents: 7_300,
          dispute: { disputeId: 'dp_1', state: status === 'won' ? 'won' : 'lost', amountCents: 2_700, reason: 'fraudulent', openedAt: iso(30_000) },
          commission: { terms, ticket: 1, ended: 'cancelled', keptCents: 2_700 },
        }),
        '_localStripeCharges/ch_1': charge({ amount_refunded: 7_300, disputed: true }),
        '_localStripeDisputes/dp_1': {
          stripe: { id: 'dp_1', object: 'dispute', amount: 2_700, currency: 'usd', charge: 'ch_1', status, balance_transactions: [] },
        },
        '_localStripeTransfers/tr_1': transfer('tr_1', 2_700, { amount_reversed: reversed, metadata: { order_id: 'o1', milestone: 'parts-in' } }),
      });
    const name = 'a late cancel gives back all its builder was not sent';
    expect(verdict(disputedAfter(2_700), name)).toMatchObject({ held: true, checked: 1 });
    expect(verdict(disputedAfter(0), name)).toMatchObject({
      held: false,
      counterexample: 'cancelled commission o1 of 10000: 7300 refunded + 2700 sent to its builder + 2700 lost to a dispute',
    });
    // Won: nothing is lost, and what the dispute took came back to the builder.
    expect(verdict(disputedAfter(0, 'won'), name).held).toBe(true);
  });

  it('breaks when a builder’s paid commissions share a place or skip one, and holds 1, 2, 3', () => {
    const paid = (id: string, ticket: number) => ({
      [`orders/${id}`]: order({ orderId: id, chargeId: `ch_${id}`, commission: { terms, ticket } }),
      [`_localStripeCharges/ch_${id}`]: { stripe: { id: `ch_${id}`, object: 'charge', amount: 10_000, amount_refunded: 0, metadata: { order_id: id } } },
    });
    const name = 'a commission queue: one order a place, no place skipped';
    expect(verdict(world({ ...paid('a', 1), ...paid('b', 2), ...paid('c', 3) }), name).held).toBe(true);
    expect(verdict(world({ ...paid('a', 1), ...paid('b', 1) }), name)).toMatchObject({
      held: false,
      counterexample: "builder builder's queue gave its 2 paid commissions the places 1, 1",
    });
    expect(verdict(world({ ...paid('a', 1), ...paid('b', 3) }), name).held).toBe(false);
  });

  it('holds a commission refunded in full before it took a place, and breaks on a paid one left without a place', () => {
    const name = 'a commission queue: one order a place, no place skipped';
    const unplaced = (refunded: number) => ({
      'orders/r': order({ orderId: 'r', chargeId: 'ch_r', status: 'refunded', commission: { terms } }),
      '_localStripeCharges/ch_r': { stripe: { id: 'ch_r', object: 'charge', amount: 10_000, amount_refunded: refunded, metadata: { order_id: 'r' } } },
      'orders/a': order({ orderId: 'a', chargeId: 'ch_a', commission: { terms, ticket: 1 } }),
      '_localStripeCharges/ch_a': { stripe: { id: 'ch_a', object: 'charge', amount: 10_000, amount_refunded: 0, metadata: { order_id: 'a' } } },
    });
    expect(verdict(world(unplaced(10_000)), name).held).toBe(true);
    expect(verdict(world(unplaced(2_000)), name)).toMatchObject({
      held: false,
      counterexample: "commission r was paid (10000, 2000 refunded) and has no place in builder's queue",
    });
  });

  it('counts a checkout Stripe lists open past its expiry as nobody’s, and one still payable as a unit in a checkout', () => {
    const name = 'stock never negative, never oversold';
    const nowMs = Date.parse('2026-11-29T02:00:00.000Z');
    const docs = (expiresAt: string) => ({
      'drops/d1': { dropId: 'd1', kind: 'ready-to-ship', stock: 1, stockAvailable: 1 },
      'orders/a': order({ orderId: 'a', status: 'expired', checkoutSessionId: 'cs_a' }),
      '_localStripeSessions/cs_a': {
        stripe: {
          id: 'cs_a',
          object: 'checkout.session',
          status: 'open',
          expires_at: Date.parse(expiresAt) / 1000,
          payment_intent: null,
          metadata: { order_id: 'a', drop_id: 'd1' },
        },
      },
    });
    // The buyer was given its link, so it is reachable while Stripe would still take it.
    const outbox = [{ message: { content: 'Pay here: http://127.0.0.1/pay/a?session=cs_a' } }] as unknown as SoakWorld['outbox'];
    const listed = { dropsListed: [{ dropId: 'd1', stock: 1 }], nowMs, outbox };
    expect(verdict(world(docs('2026-11-29T01:54:56.000Z'), listed), name).held).toBe(true);
    expect(verdict(world(docs('2026-11-29T02:24:56.000Z'), listed), name)).toMatchObject({
      held: false,
      counterexample: 'drop d1 listed 1: 1 on the shelf + 1 in open checkouts + 0 bought',
    });
  });

  it('counts a cancelled commission’s slot back on the shelf, as a full refund’s unit', () => {
    const name = 'stock never negative, never oversold';
    const docs = (cancelled: boolean, shelf: number) => ({
      'drops/d1': { dropId: 'd1', kind: 'commission', stock: 2, stockAvailable: shelf },
      'orders/a': order({
        orderId: 'a',
        chargeId: 'ch_a',
        commission: { terms, ticket: 1, ...(cancelled ? { ended: 'cancelled' as const, keptCents: 0 } : {}) },
      }),
      '_localStripeCharges/ch_a': {
        stripe: { id: 'ch_a', object: 'charge', amount: 10_000, amount_refunded: 7_000, payment_intent: 'pi_a', metadata: { order_id: 'a', drop_id: 'd1' } },
      },
    });
    const listed = { dropsListed: [{ dropId: 'd1', stock: 2 }] };
    expect(verdict(world(docs(true, 2), listed), name).held).toBe(true);
    expect(verdict(world(docs(false, 1), listed), name).held).toBe(true);
    expect(verdict(world(docs(false, 2), listed), name)).toMatchObject({
      held: false,
      counterexample: 'drop d1 listed 2: 2 on the shelf + 0 in open checkouts + 1 bought',
    });
  });
});
