/**
 * The invariants that read the soak's own ledger and the stand-ins' records, each shown
 * holding on a world that keeps it and broken on one that does not, with the counterexample
 * the soak would print. Each broken world is the trace a planted bug leaves.
 */
import type { OutboxEntry } from '../../../shared/local/discord/discord-outbox';
import { pingsOf } from '../../../scripts/soak/discord-pings';
import { hostileRoleId, hostileUserId } from '../../../scripts/soak/hostile';
import { charge, dm, iso, order, racerMove, transfer, verdict, world } from '../../support/soak-world';

const told = (content: string, seq = 1): OutboxEntry => ({ seq, at: iso(0), kind: 'edit', interactionToken: 't1', message: { content } });
const refusal = (method: string, request: Record<string, unknown>) => ({ request: JSON.stringify([method, request]), refused: 'Stripe said no' });

describe('the soak’s invariants over its own ledger and Stripe’s records', () => {
  describe('"released" only when Stripe made the transfer', () => {
    const name = '"released" only when Stripe made the transfer';
    const released = '✅ `o1` Board: on the workbench; buyer notified, $90.00 released to you';

    it('holds when Stripe made the release for the amount the builder was told', () => {
      const w = world(
        { '_localStripeTransfers/tr_1': transfer('tr_1', 9_000, { metadata: { order_id: 'o1', builder_id: 'builder' } }) },
        { outbox: [told(released)] },
      );
      expect(verdict(w, name)).toMatchObject({ held: true, checked: 1 });
    });

    it('matches a commission’s milestone to its tranche and done to the release, each for its own amount', () => {
      const transfers = {
        '_localStripeTransfers/tr_1': transfer('tr_1', 2_700, { metadata: { order_id: 'o1', milestone: 'parts-in' } }),
        '_localStripeTransfers/tr_2': transfer('tr_2', 6_300, { metadata: { order_id: 'o1' } }),
      };
      const milestone = '✅ `o1` Board: **parts-in** proved; buyer notified, $27.00 released to you';
      const done = '✅ `o1` Board: on the workbench; buyer notified, $63.00 released to you';
      expect(verdict(world(transfers, { outbox: [told(milestone), told(done, 2)] }), name)).toMatchObject({ held: true, checked: 2 });
      expect(verdict(world(transfers, { outbox: [told(milestone.replace('$27.00', '$90.00'))] }), name).counterexample).toBe(
        'edit #1 says $90.00 of order o1 was released; Stripe transferred 2700',
      );
    });

    it('breaks when the builder was told "released" and Stripe made no transfer, as a skipped release leaves it', () => {
      expect(verdict(world({}, { outbox: [told(released)] }), name).counterexample).toBe(
        'edit #1 says $90.00 of order o1 was released; Stripe made no transfer for it',
      );
    });

    it('breaks when the told amount is not what Stripe transferred, and reads answers given at once too', () => {
      const sent = [{ id: 'i1', token: 't', what: '/c500 live', userId: 'builder', status: 200, responseType: 4, answer: { content: released } }];
      const w = world({ '_localStripeTransfers/tr_1': transfer('tr_1', 8_000, { metadata: { order_id: 'o1' } }) }, { sent });
      expect(verdict(w, name).counterexample).toBe('the answer to /c500 live (interaction i1) says $90.00 of order o1 was released; Stripe transferred 8000');
    });

    it('breaks when a refusal is claimed that Stripe never made, and holds on one Stripe keeps under its key', () => {
      const refused = told('✖️ `o1`: Stripe refused the release; still paid, buyer not told');
      expect(verdict(world({}, { outbox: [refused] }), name).counterexample).toBe(
        'edit #1 says Stripe refused to release order o1; Stripe refused no transfer for it',
      );
      const kept = { '_localStripeIdempotency/k1': refusal('transfers.create', { amountCents: 9_000, metadata: { order_id: 'o1' } }) };
      expect(verdict(world(kept, { outbox: [refused] }), name).held).toBe(true);
    });
  });

  describe('every debt is a reversal Stripe refused', () => {
    const name = 'every debt is a reversal Stripe refused';
    const refusedReversal = (amountCents: number, metadata: Record<string, string> = { order_id: 'o1' }) =>
      refusal('transfers.createReversal', { transferId: 'tr_1', amountCents, metadata });

    it('holds a debt of exactly what Stripe refused to reverse', () => {
      const w = world({ 'orders/o1': order({ builderDebtCents: 4_500 }), '_localStripeIdempotency/k1': refusedReversal(4_500) });
      expect(verdict(w, name)).toMatchObject({ held: true });
    });

    it('breaks on a debt the product declared without asking Stripe', () => {
      expect(verdict(world({ 'orders/o1': order({ builderDebtCents: 4_500 }) }), name).counterexample).toBe(
        'order o1: the builder owes 4500 in the journal; Stripe refused reversals of 0',
      );
    });

    it('breaks when a refused reversal was never recorded, and counts a host’s apart from the builder’s', () => {
      const host = refusedReversal(700, { order_id: 'o1', host_id: 'h1' });
      const w = world({ 'orders/o1': order({ builderDebtCents: 700 }), '_localStripeIdempotency/k1': host });
      expect(verdict(w, name).counterexample).toBe('order o1: the builder owes 700 in the journal; Stripe refused reversals of 0 (and 1 more)');
    });

    it('holds when a won dispute forgave the debt its refused reversal made', () => {
      const docs = {
        'orders/o1': order({}),
        '_localStripeIdempotency/k1': refusedReversal(9_000, { order_id: 'o1', dispute_id: 'dp_1' }),
        '_localStripeDisputes/dp_1': { stripe: { id: 'dp_1', status: 'won' } },
      };
      expect(verdict(world(docs), name).held).toBe(true);
      expect(verdict(world({ ...docs, '_localStripeDisputes/dp_1': { stripe: { id: 'dp_1', status: 'lost' } } }), name).held).toBe(false);
    });
  });

  describe('each sale the soak made credited once', () => {
    const name = 'each sale the soak made credited once';
    const salesSent = [{ shop: 'shopify' as const, saleId: '5000001', amountCents: 4_000 }];
    const record = (saleKey: string, over: Record<string, unknown> = {}) => ({
      saleKey,
      shop: 'shopify',
      saleId: '5000001',
      amountCents: 4_000,
      attributedTo: 'race',
      poolCents: 400,
      ...over,
    });
    const credit = (saleKey: string) =>
      racerMove(`${saleKey}-credit-0`, {
        guildId: 'g',
        racerId: 'r1',
        kind: 'credit',
        amountCents: 400,
        saleKey,
        lobbyId: 'l1',
        currency: 'usd',
        at: iso(1_000),
      });

    it('holds a sale recorded once by its shop’s id and credited its pool once', () => {
      const w = world({ 'sales/shopify-5000001': record('shopify-5000001'), ...credit('shopify-5000001') }, { salesSent });
      expect(verdict(w, name)).toMatchObject({ held: true, checked: 1 });
    });

    it('breaks when a redelivered sale is recorded under a new key, though each record is credited once', () => {
      const w = world(
        {
          'sales/shopify-5000001': record('shopify-5000001'),
          'sales/shopify-5000001-wh2': record('shopify-5000001-wh2'),
          ...credit('shopify-5000001'),
          ...credit('shopify-5000001-wh2'),
        },
        { salesSent },
      );
      expect(verdict(w, name).counterexample).toBe('shopify sale 5000001 is recorded 2 times (shopify-5000001, shopify-5000001-wh2) (and 1 more)');
      expect(verdict(w, 'each sale credited once').held).toBe(true);
    });

    it('breaks on a sale never recorded, one recorded for another amount, and one nobody made', () => {
      expect(verdict(world({}, { salesSent }), name).counterexample).toBe('shopify sale 5000001 is recorded 0 times');
      const wrong = world({ 'sales/s': record('s', { amountCents: 400 }), ...credit('s') }, { salesSent });
      expect(verdict(wrong, name).counterexample).toBe('shopify sale 5000001 of 4000 is recorded as 400');
      expect(verdict(world({ 'sales/s': record('s', { saleId: '42' }) }), name).counterexample).toBe('shopify sale 42 is recorded, but no such sale was made');
    });
  });

  describe('each payout sent once by Stripe', () => {
    const name = 'each payout sent once by Stripe';
    const entry = (kind: 'payout' | 'payout-reversal', amountCents: number) =>
      racerMove(kind === 'payout' ? 'payout-p1' : 'payout-p1-undone', {
        guildId: 'g',
        racerId: 'r1',
        kind,
        amountCents,
        payoutId: 'p1',
        currency: 'usd',
        at: iso(1_000),
      });
    const payout = (id: string, amount: number) => transfer(id, amount, { source_transaction: null, metadata: { kind: 'race-payout', payout_id: 'p1' } });

    it('holds a payout the ledger keeps and Stripe sent once, for its amount', () => {
      const w = world({ ...entry('payout', -2_500), '_localStripeTransfers/tr_1': payout('tr_1', 2_500) });
      expect(verdict(w, name)).toMatchObject({ held: true, checked: 1 });
    });

    it('breaks when Stripe sent a payout twice, or one the ledger undid', () => {
      const twice = world({
        ...entry('payout', -2_500),
        '_localStripeTransfers/tr_1': payout('tr_1', 2_500),
        '_localStripeTransfers/tr_2': payout('tr_2', 2_500),
      });
      expect(verdict(twice, name).counterexample).toBe('payout p1 of 2500 to racer r1: Stripe sent 2500 + 2500');
      const undone = world({
        ...entry('payout', -2_500),
        ...entry('payout-reversal', 2_500),
        '_localStripeTransfers/tr_1': payout('tr_1', 2_500),
      });
      expect(verdict(undone, name).counterexample).toBe('Stripe sent payout p1 (2500), which the ledger does not keep');
      expect(verdict(world({ ...entry('payout', -2_500) }), name).counterexample).toBe('payout p1 of 2500 to racer r1: Stripe sent nothing');
    });

    it('asks nothing of Stripe for a payout made by hand, and breaks when Stripe sent one anyway', () => {
      const byHand = { ...entry('payout', -2_500), 'payouts/p1': { payoutId: 'p1', method: 'by-hand', status: 'recorded' } };
      expect(verdict(world(byHand), name).held).toBe(true);
      expect(verdict(world({ ...byHand, '_localStripeTransfers/tr_1': payout('tr_1', 2_500) }), name).held).toBe(false);
    });
  });

  describe('every interaction answered within 3 s inside the ingress', () => {
    const name = 'every interaction answered within 3 s inside the ingress';
    const sent = (ingressMs: number | undefined, seenMs: number) => ({
      id: 'i1',
      token: 't',
      what: 'Buy Now',
      userId: 'u1',
      status: 200,
      responseType: 5,
      sentAtMs: 1_000,
      answeredAtMs: 1_000 + seenMs,
      ...(ingressMs === undefined ? {} : { ingressMs }),
    });

    it('holds an answer the ingress gave inside Discord’s window and breaks on one it took 4 s over', () => {
      expect(verdict(world({}, { sent: [sent(2_900, 2_950)] }), name)).toMatchObject({ held: true, checked: 1 });
      expect(verdict(world({}, { sent: [sent(4_000, 4_010)] }), name).counterexample).toBe(
        'Buy Now by u1 (interaction i1) was answered after 4000 ms inside the ingress',
      );
    });

    it('judges no answer by the machine’s queueing before the ingress ran it, nor one the ingress never logged', () => {
      expect(verdict(world({}, { sent: [sent(40, 3_008)] }), name)).toMatchObject({ held: true, checked: 1 });
      expect(verdict(world({}, { sent: [sent(undefined, 3_008)] }), name)).toMatchObject({ held: true, checked: 0 });
    });
  });

  describe('pings only who it names', () => {
    const name = 'pings only who it names';
    const post = (message: OutboxEntry['message']): OutboxEntry => ({ seq: 4, at: iso(0), kind: 'channel', channelId: 'c', message });

    it('reads pings by Discord’s rules: content only, and only what allowed_mentions lists', () => {
      expect(pingsOf({ content: '@everyone <@1> <@!2> <@&3>' })).toEqual({ everyone: true, users: ['1', '2'], roles: ['3'] });
      expect(pingsOf({ content: '@here <@1> <@&3>', allowed_mentions: { parse: [] } })).toEqual({ everyone: false, users: [], roles: [] });
      expect(pingsOf({ content: '<@1> <@2>', allowed_mentions: { users: ['2'] } })).toEqual({ everyone: false, users: ['2'], roles: [] });
      expect(pingsOf({ content: '<@&3>', allowed_mentions: { parse: ['roles'] } })).toEqual({ everyone: false, users: [], roles: ['3'] });
      expect(pingsOf({ embeds: [{ description: '@everyone' }] })).toEqual({ everyone: false, users: [], roles: [] });
    });

    it('holds a drop ping of the drop role and a mention of the buyer it is for', () => {
      const ok = [post({ content: '<@&930> New drop', allowed_mentions: { parse: [], roles: ['930'] } }), dm(5, '801', '<@801> paid')];
      expect(verdict(world({}, { outbox: ok }), name)).toMatchObject({ held: true, checked: 2 });
    });

    it('breaks when the guard is gone and typed text pings @everyone, a role, or a stranger, in a post or an answer given at once', () => {
      expect(verdict(world({}, { outbox: [post({ content: 'Board by @everyone' })] }), name).counterexample).toBe('channel #4 pings @everyone or @here');
      expect(verdict(world({}, { outbox: [post({ content: 'by <@&77>' })] }), name).counterexample).toBe('channel #4 pings the role 77');
      const sent = [{ id: 'i1', token: 't', what: 'bid', userId: 'u1', status: 200, responseType: 4, answer: { content: 'You lead <@999>' } }];
      expect(verdict(world({}, { sent }), name).counterexample).toBe('the answer to bid (interaction i1) pings 999, who is nobody here');
    });

    it('holds when the soak’s hostile names are echoed but silenced, and breaks when one would ping', () => {
      const silenced = post({ content: `🔨 **Board <@&${hostileRoleId}> @everyone** didn’t sell`, allowed_mentions: { parse: [] } });
      expect(verdict(world({}, { outbox: [silenced] }), name).held).toBe(true);
      const loud = post({ content: `SOLD to <@${hostileUserId}> @here`, allowed_mentions: { parse: ['users', 'everyone'] } });
      expect(verdict(world({}, { outbox: [silenced, loud] }), name).counterexample).toBe('channel #4 pings @everyone or @here (and 1 more)');
    });
  });

  describe('stock never negative, never oversold', () => {
    const name = 'stock never negative, never oversold';
    const dropsListed = [{ dropId: 'd1', stock: 3 }];
    const session = (id: string, status: string, pi: string | null = null) => ({
      // Stripe gives every session an expiry; these are still payable when the checks run.
      stripe: { id, object: 'checkout.session', status, expires_at: 4_102_444_800, payment_intent: pi, metadata: { drop_id: 'd1' } },
    });
    const linkedTo = (session: string) => dm(7, '801', `Pay here: http://127.0.0.1:8080/pay/o1?session=${session}`);
    const paid = (id: string, over: Record<string, unknown> = {}) =>
      charge({ id, payment_intent: `pi_${id}`, metadata: { drop_id: 'd1', order_id: `o_${id}` }, ...over });

    it('holds units on the shelf, in an open checkout and bought, adding up to what the soak listed', () => {
      const w = world(
        {
          'drops/d1': { kind: 'ready-to-ship', stock: 3 },
          'drops/d1/stock/0': { available: 1 },
          '_localStripeSessions/cs_1': session('cs_1', 'open'),
          '_localStripeSessions/cs_2': session('cs_2', 'complete', 'pi_ch_2'),
          '_localStripeCharges/ch_2': paid('ch_2'),
        },
        { dropsListed, outbox: [linkedTo('cs_1')] },
      );
      expect(verdict(w, name)).toMatchObject({ held: true, checked: 1 });
    });

    it('counts an open session nobody was given a link to as no checkout: its answer was lost and the unit went back', () => {
      const docs = { 'drops/d1/stock/0': { available: 3 }, '_localStripeSessions/cs_1': session('cs_1', 'open') };
      expect(verdict(world(docs, { dropsListed }), name).held).toBe(true);
      expect(verdict(world(docs, { dropsListed, outbox: [linkedTo('cs_1')] }), name).counterexample).toBe(
        'drop d1 listed 3: 3 on the shelf + 1 in open checkouts + 0 bought',
      );
    });

    it('counts an open session its order still awaits as live, though its link never reached the buyer (their answer’s token expired)', () => {
      const awaiting = order({ orderId: 'o_1', status: 'awaiting-payment', checkoutSessionId: 'cs_1', chargeId: undefined });
      const docs = {
        'drops/d1/stock/0': { available: 2 },
        '_localStripeSessions/cs_1': { stripe: { id: 'cs_1', status: 'open', expires_at: 4_102_444_800, metadata: { drop_id: 'd1', order_id: 'o_1' } } },
        'orders/o_1': awaiting,
      };
      expect(verdict(world(docs, { dropsListed }), name).held).toBe(true);
      expect(verdict(world({ ...docs, 'orders/o_1': { ...awaiting, status: 'expired' } }, { dropsListed }), name).held).toBe(false);
    });

    it('breaks when a checkout Stripe expired kept its unit off the shelf', () => {
      const w = world(
        { 'drops/d1/stock/0': { available: 1 }, '_localStripeSessions/cs_1': session('cs_1', 'expired'), '_localStripeCharges/ch_2': paid('ch_2') },
        { dropsListed },
      );
      expect(verdict(w, name).counterexample).toBe('drop d1 listed 3: 1 on the shelf + 0 in open checkouts + 1 bought');
    });

    it('gives a fully refunded unit back to the shelf unless it had shipped', () => {
      const refunded = paid('ch_2', { amount_refunded: 10_000 });
      const back = world({ 'drops/d1/stock/0': { available: 3 }, '_localStripeCharges/ch_2': refunded }, { dropsListed });
      expect(verdict(back, name).held).toBe(true);
      const shipped = { 'orders/o_ch_2': order({ orderId: 'o_ch_2', shippedAt: iso(5_000) }) };
      expect(verdict(world({ ...shipped, 'drops/d1/stock/0': { available: 2 }, '_localStripeCharges/ch_2': refunded }, { dropsListed }), name).held).toBe(true);
    });

    it('breaks on a negative shard', () => {
      const w = world({ 'drops/d1/stock/0': { available: -1 }, 'drops/d1/stock/1': { available: 4 } }, { dropsListed });
      expect(verdict(w, name).counterexample).toBe('drop d1 has a negative stock count (-1, 4)');
    });
  });

  describe('no dead letter, no task given up unexplained', () => {
    const name = 'no dead letter, no task given up unexplained';
    const task = (queue: string, state: string, payload: unknown = {}) => ({
      queue,
      name: `${queue}-1`,
      target: '/t',
      payload,
      runAt: iso(60_000),
      state,
      attempts: 5,
    });
    const auction = { auctionId: 'a1', status: 'sold', messageId: 'm1', closedAt: iso(20_000) };
    const edit = (at: string, buttons: string[]): OutboxEntry => ({
      seq: 9,
      at,
      kind: 'edit',
      messageId: 'm1',
      message: { content: 'Sold', components: [{ type: 1, components: buttons.map((id) => ({ type: 2, custom_id: id })) }] },
    });

    it('breaks on a task that ran out of attempts, naming it, and holds on tasks done', () => {
      expect(verdict(world({ '_localTasks/a': task('checkout-expiry', 'done') }), name)).toMatchObject({ held: true, checked: 1 });
      expect(verdict(world({ '_localTasks/a': task('checkout-expiry', 'failed') }), name).counterexample).toBe(
        'the checkout-expiry task checkout-expiry-1 gave up after 5 attempts',
      );
    });

    it('lets an embed edit give up only when a later edit shows the auction closed', () => {
      const docs = { 'auctions/a1': auction, '_localTasks/a': task('auction-embed', 'failed', { auctionId: 'a1', behindMs: 0 }) };
      expect(verdict(world(docs, { outbox: [edit(iso(10_000), [])] }), name).held).toBe(true);
      expect(verdict(world(docs, { outbox: [edit(iso(10_000), ['bid:a1:500'])] }), name).held).toBe(false);
      expect(verdict(world(docs, { outbox: [edit(iso(30_000), [])] }), name).held).toBe(false);
      expect(verdict(world(docs), name).held).toBe(false);
    });

    it('lets a run sheet’s or a race message’s redraw give up only when a later one for the same message went through', () => {
      const sheet = (second: number, state: string, showId = 's1') => ({ ...task('show-sheet', state, { showId }), name: `sheet-${showId}-${second}` });
      expect(verdict(world({ '_localTasks/a': sheet(10, 'failed'), '_localTasks/b': sheet(11, 'done') }), name).held).toBe(true);
      expect(verdict(world({ '_localTasks/a': sheet(10, 'failed'), '_localTasks/b': sheet(9, 'done') }), name).counterexample).toBe(
        'the show-sheet task sheet-s1-10 gave up after 5 attempts',
      );
      expect(verdict(world({ '_localTasks/a': sheet(10, 'failed'), '_localTasks/b': sheet(11, 'done', 's2') }), name).held).toBe(false);
      const pot = (second: number, state: string) => ({ ...task('race-message', state, { lobbyId: 'l1' }), name: `race-message-l1-${second}` });
      expect(verdict(world({ '_localTasks/a': pot(10, 'failed'), '_localTasks/b': pot(12, 'done') }), name).held).toBe(true);
      expect(verdict(world({ '_localTasks/a': pot(10, 'failed') }), name).held).toBe(false);
    });
  });
});
