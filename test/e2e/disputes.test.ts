/**
 * Disputes end to end: the local Stripe opens and closes them on paid charges and sends the
 * really signed `charge.dispute.*` events through the webhook; events are also delivered
 * again and out of order. Money is read from the local Stripe's transfers, to the cent.
 */
import { journalDebtsOf, journalMoneyOf } from '../support/orders';
import type { Order } from '../../shared/orders';
import { builderPath } from '../../shared/onboarding';
import { guildAuctionsPath } from '../../shared/auctions';
import { disputePath } from '../../shared/disputes';
import { debtPath } from '../../shared/debts';
import { journalOfOrder, reversedFrom } from '../../shared/journal';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { get as getPage, signIn } from '../support/dashboard';
import { bid, startAuction } from '../support/auctions';
import {
  deliverStripeEvent,
  dmsTo,
  linkTwitch,
  onboard,
  order,
  paidOrder,
  postDrop,
  pressBuyNow,
  pressReceived,
  say,
  shipAndReceive,
  setUpGuild,
  streamEvent,
  textOf,
  transfers,
} from '../support/marketplace';

let rt: TestRuntime;
const builder = '813000000000000001';
const GUILD = '900000000000000001';

type ListedDispute = {
  id: string;
  status: string;
  amount: number;
  charge: string;
  created: number;
  evidence: Record<string, string | null>;
  evidence_details: { due_by: number };
  evidence_submitted: boolean;
  platform_net_cents: number;
  balance_transactions: unknown[];
};

beforeAll(async () => {
  rt = await startTestRuntime();
  await setUpGuild(rt);
  await onboard(rt, builder);
  await linkTwitch(rt, builder, 'disputedkeebs');
  await streamEvent(rt, 'disputedkeebs', 'online');
});
afterAll(() => rt.close());

const live = (orderId: string) => say(rt, builder, { path: ['live'], options: { mode: `order:${orderId}` } });
const post = async (path: string, body: unknown) => {
  const res = await fetch(`${rt.url}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  await rt.settle();
  return res;
};
const disputes = async () => ((await (await fetch(`${rt.url}/_local/stripe/disputes`)).json()) as { disputes: ListedDispute[] }).disputes;
const disputeOf = async (o: Order) => (await disputes()).find((d) => d.charge === o.chargeId) as ListedDispute;
const releasesOf = async (orderId: string) => (await transfers(rt)).filter((t) => t.transfer_group === orderId);
const openDispute = async (o: Order, body: Record<string, unknown> = { reason: 'product_not_received', due_in_hours: 12 }) => {
  expect((await post(`/_local/stripe/charges/${o.chargeId}/dispute`, body)).status).toBe(200);
  return disputeOf(o);
};
/** A view of the dispute sent again under a new event id, as Stripe's retries of an older event arrive late. */
const redeliver = (type: string, dispute: ListedDispute, changes: Record<string, unknown>, created: number) =>
  deliverStripeEvent(rt, { id: `evt_late_${Math.random().toString(36).slice(2)}`, type, object: { ...dispute, ...changes }, created });

describe('a dispute before the release', () => {
  const buyer = '823000000000000001';
  let paid: Order;
  let dispute: ListedDispute;

  beforeAll(async () => {
    paid = await paidOrder(rt, builder, buyer);
    dispute = await openDispute(paid);
  });

  it('marks the order disputed with its due date, and tells the builder how to add a note', async () => {
    expect((await order(rt, paid.orderId))?.dispute).toMatchObject({ disputeId: dispute.id, state: 'open', amountCents: paid.amountCents });
    const dm = dmsTo(rt, builder)
      .map(textOf)
      .find((t) => t.includes('disputed the payment'));
    expect(dm).toContain(`<t:${dispute.evidence_details.due_by}:F>`);
    expect(dm).toContain(`/c500 dispute note order:${paid.orderId}`);
  });

  it('holds the release: /c500 live records the proof, transfers nothing and says why', async () => {
    const answer = textOf(await live(paid.orderId));
    expect(answer).toContain('disputed the payment');
    expect(answer).toContain('evidence due');
    expect(await releasesOf(paid.orderId)).toEqual([]);
    expect((await order(rt, paid.orderId))?.proof?.url).toMatch(/^https:\/\/clips\.twitch\.tv\//);
  });

  it('blocks the buyer from Buy Now and from bidding in the server', async () => {
    const rules = (await rt.store.get(guildAuctionsPath(GUILD)))?.auctions;
    expect(rules?.blocked?.find((b) => b.key === buyer)).toMatchObject({ disputeId: dispute.id });
    const { drop } = await postDrop(rt, builder, { title: 'Another board' });
    expect(textOf(await pressBuyNow(rt, buyer, drop!.dropId))).toContain('can’t buy or bid');
    await startAuction(rt, builder, { price: 25, duration: '1h' });
    expect(textOf(await bid(rt, buyer, 25))).toContain('blocked you');
  });

  it('submits the evidence at once when it is due within a day, with the buyer’s name', async () => {
    const listed = await disputeOf(paid);
    expect(listed.evidence_submitted).toBe(true);
    expect(listed.evidence.customer_name).toBe(paid.buyerName);
    expect(listed.evidence.product_description).toContain(paid.title);
  });

  it('when won, lets the waiting release go out, once, and an older event after the close changes nothing', async () => {
    // Shipped and received meanwhile (the delivery gate): only the dispute holds the release.
    await shipAndReceive(rt, builder, buyer, paid.orderId);
    expect(await releasesOf(paid.orderId)).toEqual([]);
    expect((await post(`/_local/stripe/disputes/${dispute.id}/close`, { status: 'won' })).status).toBe(200);
    const releases = await releasesOf(paid.orderId);
    expect(releases.map((t) => t.amount)).toEqual([paid.builderShareCents]);
    expect((await order(rt, paid.orderId))?.dispute?.state).toBe('won');
    await redeliver('charge.dispute.updated', dispute, { status: 'needs_response' }, dispute.created - 5);
    await redeliver('charge.dispute.created', dispute, { status: 'needs_response' }, dispute.created);
    expect((await order(rt, paid.orderId))?.dispute?.state).toBe('won');
    expect((await releasesOf(paid.orderId)).map((t) => t.amount)).toEqual([paid.builderShareCents]);
    expect(
      dmsTo(rt, builder)
        .map(textOf)
        .filter((t) => t.includes('was won')),
    ).toHaveLength(1);
  });

  it('keeps Stripe’s dispute fee withdrawn from the platform after the win', async () => {
    expect((await disputeOf(paid)).platform_net_cents).toBe(1500);
  });
});

describe('a dispute after the release', () => {
  it('takes the builder’s share back by a reversal, submits the proof and tracking before the due date, and a loss stands', async () => {
    const buyer = '823000000000000002';
    const paid = await paidOrder(rt, builder, buyer);
    await live(paid.orderId);
    expect(textOf(await say(rt, builder, { path: ['ship'], options: { order: paid.orderId, tracking: '1Z999AA10123456784' } }))).toContain('shipped');
    expect(textOf(await pressReceived(rt, buyer, paid.orderId))).toContain('is marked received');
    expect((await releasesOf(paid.orderId)).map((t) => t.amount)).toEqual([paid.builderShareCents]);
    const dispute = await openDispute(paid);
    const [release] = (await releasesOf(paid.orderId)) as unknown as Array<{ amount: number; amount_reversed?: number }>;
    expect(release).toMatchObject({ amount: paid.builderShareCents, amount_reversed: paid.builderShareCents });
    const listed = await disputeOf(paid);
    expect(listed.evidence_submitted).toBe(true);
    expect(listed.evidence.shipping_tracking_number).toBe('1Z999AA10123456784');
    expect(listed.evidence.uncategorized_text).toMatch(/Proof of work: https:\/\/clips\.twitch\.tv\/\S+ \(a clip of the live build\)/);
    const kept = await rt.store.get(disputePath(dispute.id));
    expect(Date.parse(kept?.submittedAt ?? '')).toBeLessThan(dispute.evidence_details.due_by * 1000);

    // The close, delivered again, then an older update: the loss stands, taken back once.
    expect((await post(`/_local/stripe/disputes/${dispute.id}/close`, { status: 'lost' })).status).toBe(200);
    await redeliver('charge.dispute.closed', dispute, { status: 'lost' }, dispute.created + 1);
    await redeliver('charge.dispute.updated', dispute, { status: 'under_review' }, dispute.created);
    const lost = await order(rt, paid.orderId);
    expect(lost?.dispute).toMatchObject({ state: 'lost' });
    expect(reversedFrom(await journalOfOrder(rt.store, paid.orderId), paid.currency, paid.orderId, 'builder')).toBe(paid.builderShareCents);
    expect((await releasesOf(paid.orderId)).map((t) => t.amount)).toEqual([paid.builderShareCents]);
    expect(listed.platform_net_cents).toBe(paid.amountCents + 1500);
    expect(
      dmsTo(rt, builder)
        .map(textOf)
        .some((t) => t.includes('was lost')),
    ).toBe(true);
  });

  it('when won, sends what the reversal took back out by a new transfer, once: the builder ends with their share, to the cent', async () => {
    const paid = await paidOrder(rt, builder, '823000000000000006');
    await live(paid.orderId);
    await shipAndReceive(rt, builder, '823000000000000006', paid.orderId);
    const dispute = await openDispute(paid, { reason: 'product_not_received', amount: 5_000, due_in_hours: 12 });
    const part = Math.round((paid.builderShareCents * 5_000) / paid.amountCents);
    await post(`/_local/stripe/disputes/${dispute.id}/close`, { status: 'won' });
    await redeliver('charge.dispute.funds_reinstated', { ...dispute, status: 'won' }, {}, dispute.created + 2);
    const moves = (await releasesOf(paid.orderId)) as unknown as Array<{ amount: number; amount_reversed: number; metadata: Record<string, string> }>;
    expect(moves.map((t) => [t.amount, t.amount_reversed, t.metadata.part ?? 'release']).sort()).toEqual(
      [
        [paid.builderShareCents, part, 'release'],
        [part, 0, 'dispute-return'],
      ].sort(),
    );
    expect(moves.reduce((sum, t) => sum + t.amount - t.amount_reversed, 0)).toBe(paid.builderShareCents);
    expect((await order(rt, paid.orderId))?.dispute).toMatchObject({ state: 'won', returning: { builderCents: part, hostCents: 0 } });
  });

  it('records what Stripe will not reverse as the builder’s debt, forgiven when the dispute is won', async () => {
    const paid = await paidOrder(rt, builder, '823000000000000003');
    await live(paid.orderId);
    await shipAndReceive(rt, builder, '823000000000000003', paid.orderId);
    const account = (await rt.store.get(builderPath(builder)))?.stripeAccountId as string;
    await rt.payments.payOutBalance(account);
    const dispute = await openDispute(paid, { reason: 'fraudulent', amount: 10_000, due_in_hours: 48 });
    // The builder's part of 100.00 disputed, in proportion to their share, rounded half up.
    const part = Math.round((paid.builderShareCents * 10_000) / paid.amountCents);
    const owed = await order(rt, paid.orderId);
    expect(owed?.dispute).toMatchObject({ takeBack: { builderCents: part, hostCents: 0 } });
    expect((await journalDebtsOf(rt.store, paid.orderId)).builderDebt).toBe(part);
    // The builder is told of the debt by DM, as a show host is.
    expect(
      dmsTo(rt, builder)
        .map(textOf)
        .filter((t) => t.includes('you now owe C500')),
    ).toEqual([expect.stringContaining(`A dispute took back the payment for order \`${paid.orderId}\` and Stripe could not take your share back`)]);
    // Due in two days: not submitted yet; the task waits for the day before.
    expect((await disputeOf(paid)).evidence_submitted).toBe(false);
    await post(`/_local/stripe/disputes/${dispute.id}/close`, { status: 'won' });
    const won = await order(rt, paid.orderId);
    expect((await journalDebtsOf(rt.store, paid.orderId)).builderDebt).toBe(0);
    expect(won?.dispute?.parts?.builder?.returnTransferId).toBeUndefined();
    expect((await releasesOf(paid.orderId)).map((t) => t.amount)).toEqual([paid.builderShareCents]);
  });
});

describe('a won dispute whose refused reversal was netted from a later release', () => {
  it('gives back all it took: the builder holds both shares per Stripe’s transfers and owes nothing', async () => {
    const netted = '813000000000000002';
    await onboard(rt, netted);
    await linkTwitch(rt, netted, 'nettedkeebs');
    await streamEvent(rt, 'nettedkeebs', 'online');
    const prove = (orderId: string) => say(rt, netted, { path: ['live'], options: { mode: `order:${orderId}` } });
    const account = (await rt.store.get(builderPath(netted)))?.stripeAccountId as string;
    const first = await paidOrder(rt, netted, '823000000000000021');
    await prove(first.orderId);
    await shipAndReceive(rt, netted, '823000000000000021', first.orderId);
    // The builder's bank took the share: Stripe refuses to reverse what the account no longer holds.
    expect((await post(`/_local/stripe/accounts/${account}/payout`, {})).status).toBe(200);
    const dispute = await openDispute(first, { reason: 'fraudulent', due_in_hours: 48 });
    expect((await rt.store.get(debtPath(GUILD, netted)))?.owedCents).toBe(first.builderShareCents);
    const second = await paidOrder(rt, netted, '823000000000000022');
    await prove(second.orderId);
    await shipAndReceive(rt, netted, '823000000000000022', second.orderId);
    expect((await journalMoneyOf(rt.store, second.orderId)).builder).toMatchObject({ sentCents: 1, nettedCents: first.builderShareCents - 1 });
    await post(`/_local/stripe/disputes/${dispute.id}/close`, { status: 'won' });
    const moves = (await transfers(rt)).filter((t) => t.destination === account) as unknown as Array<{ amount: number; amount_reversed: number }>;
    expect(moves.reduce((sum, t) => sum + t.amount - t.amount_reversed, 0)).toBe(first.builderShareCents + second.builderShareCents);
    expect((await rt.store.get(debtPath(GUILD, netted)))?.owedCents).toBe(0);
    expect((await journalDebtsOf(rt.store, first.orderId)).builderDebt).toBe(0);
    // The server's admin reads the journal and its reconciliation: every entry balances, every line of the server's is explained.
    const admin = await signIn(rt, { userId: '800000000000000001', username: 'netting_admin', adminGuilds: [GUILD] }, `/dashboard/guild/${GUILD}`);
    const journal = await getPage(rt, `/dashboard/guild/${GUILD}/journal.csv`, admin.cookie);
    expect(journal.status).toBe(200);
    const [header, ...rows] = (await journal.text()).trim().split('\n');
    expect(header).toBe('entry_id,at,kind,account,person_id,amount_minor,currency,order_id,stripe_id');
    const sums = new Map<string, number>();
    for (const row of rows) {
      const [entryId = '', , , , , amount = '0'] = row.split(',');
      sums.set(entryId, (sums.get(entryId) ?? 0) + Number(amount));
    }
    expect([...sums.values()].every((sum) => sum === 0)).toBe(true);
    expect(rows.some((row) => row.includes(',netting,') && row.includes(`,${second.orderId},`))).toBe(true);
    // The daily run (here the operator's, as `npm run reconcile` asks it) reads Stripe's new lines; the admin's report reads what it kept.
    expect((await fetch(`${rt.url}/_local/reconcile?since=2000-01-01`)).status).toBe(200);
    const reconciliation = await getPage(rt, `/dashboard/guild/${GUILD}/reconciliation.json`, admin.cookie);
    const report = (await reconciliation.json()) as { balanceTransactions: number; matched: number; unexplained: unknown[]; uncleared: unknown[] };
    expect(report).toMatchObject({ unexplained: [], uncleared: [] });
    expect(report.matched).toBe(report.balanceTransactions);
    expect(report.balanceTransactions).toBeGreaterThan(0);
    expect((await getPage(rt, `/dashboard/guild/${GUILD}/reconciliation.json`)).status).not.toBe(200);
    // The operator's run (`npm run reconcile`) over the whole platform's ledger finds the same: every line explained, nothing held.
    const operator = (await (await fetch(`${rt.url}/_local/reconcile?since=2000-01-01`)).json()) as typeof report;
    expect(operator).toMatchObject({ unexplained: [], uncleared: [] });
    expect(operator.matched).toBe(operator.balanceTransactions);
    expect((await fetch(`${rt.url}/_local/reconcile?since=yesterday`)).status).toBe(400);
  });
});

describe('a close delivered before its dispute was created', () => {
  it('records the dispute and its loss, and the release then refuses with the reason', async () => {
    const paid = await paidOrder(rt, builder, '823000000000000004');
    const object = {
      id: 'dp_local_outoforder01',
      object: 'dispute',
      amount: paid.amountCents,
      currency: paid.currency,
      charge: paid.chargeId,
      payment_intent: paid.paymentIntentId,
      reason: 'product_not_received',
      status: 'lost',
      evidence_details: { due_by: Math.floor(Date.now() / 1000) + 86_400 },
      balance_transactions: [{ id: 'txn_local_outoforder01', amount: -paid.amountCents, fee: 1500 }],
    };
    const now = Math.floor(Date.now() / 1000);
    await deliverStripeEvent(rt, { id: 'evt_local_closed_first', type: 'charge.dispute.closed', object, created: now });
    await deliverStripeEvent(rt, { id: 'evt_local_closed_first', type: 'charge.dispute.closed', object, created: now });
    await deliverStripeEvent(rt, {
      id: 'evt_local_created_late',
      type: 'charge.dispute.created',
      object: { ...object, status: 'needs_response' },
      created: now - 60,
    });
    expect((await order(rt, paid.orderId))?.dispute).toMatchObject({ disputeId: object.id, state: 'lost' });
    expect((await rt.store.get(disputePath(object.id)))?.feeCents).toBe(1500);
    expect(textOf(await live(paid.orderId))).toContain('dispute was lost');
    expect(await releasesOf(paid.orderId)).toEqual([]);
  });
});

describe('/c500 dispute note and the local Stripe’s dispute routes', () => {
  it('lets only the order’s builder add a note, until submission, and refuses malformed bodies with 4xx', async () => {
    const paid = await paidOrder(rt, builder, '823000000000000005');
    await openDispute(paid, { reason: 'product_unacceptable', due_in_hours: 200 });
    const note = (userId: string, text: string) => say(rt, userId, { path: ['dispute', 'note'], options: { order: paid.orderId, text } });
    expect(textOf(await note('823000000000000005', 'mine'))).toContain('isn’t one of yours');
    expect(textOf(await note(builder, 'Shipped with tracking; the buyer thanked me in Discord.'))).toContain('Your note was added');
    expect((await rt.store.get(disputePath((await disputeOf(paid)).id)))?.note?.text).toContain('buyer thanked me');
    expect((await post(`/_local/stripe/charges/${paid.chargeId}/dispute`, { reason: 'not-a-reason' })).status).toBe(400);
    expect((await post(`/_local/stripe/charges/${paid.chargeId}/dispute`, { reason: 'fraudulent', amount: 1.5 })).status).toBe(400);
    expect((await post(`/_local/stripe/charges/${paid.chargeId}/dispute`, { reason: 'fraudulent' })).status).toBe(409);
    expect((await post('/_local/stripe/charges/ch_nope/dispute', { reason: 'fraudulent' })).status).toBe(404);
    expect((await post(`/_local/stripe/sessions/${paid.checkoutSessionId}/dispute`, { reason: 'fraudulent' })).status).toBe(409);
    expect((await post(`/_local/stripe/sessions/${paid.checkoutSessionId}/dispute`, '{not json')).status).toBe(400);
    expect((await post(`/_local/stripe/disputes/${(await disputeOf(paid)).id}/close`, { status: 'maybe' })).status).toBe(400);
  });
});

describe('the dashboard’s disputes', () => {
  it('shows the builder their orders’ disputes and an admin the server’s, with the due date; another builder sees none of it', async () => {
    const paid = await paidOrder(rt, builder, '823000000000000007');
    // Opened by the session's id this time, as the simulator's checkout page knows it.
    expect((await post(`/_local/stripe/sessions/${paid.checkoutSessionId}/dispute`, { reason: 'product_not_received', due_in_hours: 100 })).status).toBe(200);
    const dispute = await disputeOf(paid);
    const due = new Date(dispute.evidence_details.due_by * 1000).toISOString();
    const mine = await signIn(rt, { userId: builder, username: 'dispute_builder' }, '/dashboard/builder');
    const builderHtml = await (await getPage(rt, '/dashboard/builder', mine.cookie)).text();
    expect(builderHtml).toContain('id="disputes"');
    expect(builderHtml).toContain(paid.orderId);
    expect(builderHtml).toContain(`datetime="${due}"`);
    expect(builderHtml).toContain('Not yet submitted');
    const admin = await signIn(rt, { userId: '800000000000000001', username: 'dispute_admin', adminGuilds: [GUILD] }, `/dashboard/guild/${GUILD}`);
    const guildHtml = await (await getPage(rt, `/dashboard/guild/${GUILD}`, admin.cookie)).text();
    expect(guildHtml).toContain(`/dashboard/orders/${paid.orderId}`);
    expect(guildHtml).toContain('Stripe’s fee');
    expect(guildHtml).toContain('they disputed a payment');
    const other = await signIn(rt, { userId: '813000000000000009', username: 'other_builder' }, '/dashboard/builder');
    expect(await (await getPage(rt, '/dashboard/builder', other.cookie)).text()).not.toContain(paid.orderId);
  });
});
