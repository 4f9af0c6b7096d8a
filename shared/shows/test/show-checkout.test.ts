/**
 * One checkout per winner, per builder, against the embedded store and the local Stripe
 * simulator: the lots a winner takes from one builder are paid in one session with a line
 * item each, or passed one by one to their runner-ups when it lapses, and every step is
 * safe under redelivery.
 */
import { addLotToShowCheckout, openShowCheckouts, payShowWinsNow } from '../use-cases/show-checkout';
import { expireCheckout, parseCheckoutExpiry } from '../../payments';
import { auctionOfferOrderId } from '../../auctions/use-cases/auction-offers';
import { bidderPath } from '../../auctions/rules/auction';
import { showCheckoutId, showCheckoutPath } from '../rules/show-checkout';
import { showPath } from '../rules/show';
import { TaskNotDueYet } from '../../errors';
import type { DiscordMessage } from '../../ports';
import { BUILDERS, RUNNER_UP, SHOW_ID, WINNER, showPaymentsWorld } from '../../../test/support/show-payments';
import { checkoutLink } from '../../common';

const [juno, kai] = BUILDERS;
const text = (m: DiscordMessage) => [m.content ?? '', ...(m.embeds ?? []).flatMap((e) => [e.title ?? '', e.description ?? ''])].join('\n');
const linksIn = (m: DiscordMessage) =>
  ((m.components ?? []) as Array<{ components: Array<{ url?: string }> }>).flatMap((r) => r.components).flatMap((c) => (c.url ? [c.url] : []));

async function twoLotsFromJuno() {
  const w = showPaymentsWorld();
  await w.setUp();
  const a = await w.hammer({ auctionId: 'auct0001', builderId: juno, item: 'Tofu65 in e-white', priceCents: 25_000, runnerUpCents: 24_000 });
  const b = await w.hammer({ auctionId: 'auct0002', builderId: juno, item: 'Mode Sonnet', priceCents: 12_345, runnerUpCents: 12_000 });
  return { w, a, b, orders: [auctionOfferOrderId('auct0001', 0), auctionOfferOrderId('auct0002', 0)] };
}

describe('collecting a show winner’s lots', () => {
  it('tells the winner what they won and that they pay once per builder, without opening a checkout yet', async () => {
    const { w } = await twoLotsFromJuno();
    const dms = w.dmsTo(WINNER).map(text);
    expect(dms).toHaveLength(2);
    expect(dms[0]).toContain('You won Tofu65 in e-white');
    expect(dms[0]).toContain('$250.00');
    expect(dms[0]).toContain('/c500 show pay');
    expect(await w.payments.listSessions()).toHaveLength(0);
    const checkout = await w.store.get(showCheckoutPath(showCheckoutId(SHOW_ID, WINNER, juno, 0)));
    expect(checkout).toMatchObject({ status: 'collecting', lots: [{ amountCents: 25_000 }, { amountCents: 12_345 }] });
  });

  it('adds a lot once and DMs once however often the hammer is delivered', async () => {
    const { w, a } = await twoLotsFromJuno();
    if (!a.offer) throw new Error('no offer');
    await addLotToShowCheckout(w.deps, a, a.offer);
    await addLotToShowCheckout(w.deps, a, a.offer);
    expect((await w.store.get(showCheckoutPath(showCheckoutId(SHOW_ID, WINNER, juno, 0))))?.lots).toHaveLength(2);
    expect(w.dmsTo(WINNER)).toHaveLength(2);
  });
});

describe('opening the show’s checkouts when it is over', () => {
  it('opens one session with a line item per lot, totalling their prices, and DMs its link once', async () => {
    const { w, orders } = await twoLotsFromJuno();
    await openShowCheckouts(w.deps, SHOW_ID);
    await openShowCheckouts(w.deps, SHOW_ID);

    const sessions = await w.payments.listSessions();
    expect(sessions).toHaveLength(1);
    const [session] = sessions;
    expect(session?.amount_total).toBe(37_345);
    expect(session?.line_items.data.map((l) => [l.description, l.amount_total])).toEqual([
      ['Tofu65 in e-white (auction auct0001)', 25_000],
      ['Mode Sonnet (auction auct0002)', 12_345],
    ]);
    expect(session?.metadata).toMatchObject({ kind: 'show-checkout', show_checkout_id: showCheckoutId(SHOW_ID, WINNER, juno, 0), order_ids: orders.join(',') });
    expect(session?.metadata.order_id).toBeUndefined();
    // The pay window counts from now, and the backstop expiry is armed at the deadline Stripe answered.
    expect(session?.expires_at).toBe(Math.floor(Date.parse('2026-11-27T21:00:00Z') / 1000));
    expect(w.scheduled.map((t) => [t.name, t.payload])).toEqual([
      [
        `expire-show-checkout-${showCheckoutId(SHOW_ID, WINNER, juno, 0)}`,
        { checkoutKind: 'show-checkout', checkoutId: showCheckoutId(SHOW_ID, WINNER, juno, 0), dueAtMs: Date.parse('2026-11-27T21:00:00Z') },
      ],
    ]);
    const link = w.dmsTo(WINNER).slice(2);
    expect(link).toHaveLength(1);
    expect(text(link[0] as DiscordMessage)).toContain('$373.45');
    // Our own short link to the session, by its first lot's order, never Stripe's URL itself.
    expect(linksIn(link[0] as DiscordMessage)).toEqual([checkoutLink(w.deps.publicBaseUrl, orders[0] as string, session?.id as string)]);
    // Each lot's order carries the link, as /c500 profile shows it.
    for (const id of orders) expect(await w.order(id)).toMatchObject({ checkoutSessionId: session?.id, checkoutUrl: session?.url });
  });

  it('gives lots from different builders checkouts of their own', async () => {
    const w = showPaymentsWorld();
    await w.setUp();
    await w.hammer({ auctionId: 'auct0001', builderId: juno, item: 'Tofu65', priceCents: 25_000 });
    await w.hammer({ auctionId: 'auct0002', builderId: kai, item: 'Zoom75', priceCents: 30_000 });
    await openShowCheckouts(w.deps, SHOW_ID);
    expect((await w.payments.listSessions()).map((s) => s.amount_total).sort()).toEqual([25_000, 30_000]);
  });

  it('tells a winner whose DMs are closed in the channel, with no link, and spares them the strike if it lapses', async () => {
    const { w, orders } = await twoLotsFromJuno();
    w.discord.closeDms(WINNER);
    await openShowCheckouts(w.deps, SHOW_ID);
    const posts = w.discord.entries.filter((e) => e.kind === 'channel').map((e) => e.message.content ?? '');
    expect(posts.at(-1)).toContain('/c500 show pay');
    expect(posts.at(-1)).not.toContain('http');
    for (const id of orders) expect(await w.order(id)).toMatchObject({ offerDmRefused: true });
    const [session] = await w.payments.listSessions();
    await w.payments.expireSession(session?.id as string);
    await w.deliver(w.event('checkout.session.expired'));
    expect(await w.store.get(bidderPath(WINNER))).toBeUndefined();
  });
});

describe('Pay now', () => {
  it('opens the winner’s checkout at once and answers with its link only to them; a lot won afterwards starts a new checkout', async () => {
    const { w, orders } = await twoLotsFromJuno();
    const answer = await payShowWinsNow(w.deps, w.show, WINNER);
    expect(answer.flags).toBe(64);
    const [session] = await w.payments.listSessions();
    const link = checkoutLink(w.deps.publicBaseUrl, orders[0] as string, session?.id as string);
    expect(linksIn(answer)).toEqual([link]);
    expect(w.dmsTo(WINNER)).toHaveLength(2);
    // Pressed again: the same session.
    expect(linksIn(await payShowWinsNow(w.deps, w.show, WINNER))).toEqual([link]);

    await w.hammer({ auctionId: 'auct0003', builderId: juno, item: 'Keycaps', priceCents: 5_000 });
    expect(await w.store.get(showCheckoutPath(showCheckoutId(SHOW_ID, WINNER, juno, 1)))).toMatchObject({ round: 1, status: 'collecting' });
    await openShowCheckouts(w.deps, SHOW_ID);
    expect((await w.payments.listSessions()).map((s) => s.amount_total)).toEqual([5_000, 37_345]);
    // Only the show's end DMs a link: one, for the new checkout.
    expect(w.dmsTo(WINNER).slice(3).map(text)).toEqual([expect.stringContaining('$50.00')]);
  });

  it('says so plainly when the presser has nothing to pay for, or has paid everything', async () => {
    const { w } = await twoLotsFromJuno();
    expect((await payShowWinsNow(w.deps, w.show, RUNNER_UP)).content).toContain('nothing to pay for');
    await payShowWinsNow(w.deps, w.show, WINNER);
    const [session] = await w.payments.listSessions();
    await w.payments.paySession(session?.id as string);
    await w.deliver(w.event('checkout.session.completed'));
    expect((await payShowWinsNow(w.deps, w.show, WINNER)).content).toContain('is paid');
  });

  it('opens the checkout of a lot hammered after the show’s checkouts went out, at once', async () => {
    const w = showPaymentsWorld();
    await w.setUp();
    await w.store.update(showPath(SHOW_ID), { status: 'ended', checkoutsOpenedAt: '2026-11-27T20:00:00.000Z' });
    await w.hammer({ auctionId: 'auct0009', builderId: kai, item: 'Late lot', priceCents: 9_900 });
    expect((await w.payments.listSessions()).map((s) => s.amount_total)).toEqual([9_900]);
  });
});

describe('a show checkout paid', () => {
  it('pays every lot in it with one charge, pays their auctions, sends one receipt and one builder DM, and a redelivery changes nothing', async () => {
    const { w, orders } = await twoLotsFromJuno();
    await openShowCheckouts(w.deps, SHOW_ID);
    const [session] = await w.payments.listSessions();
    await w.payments.paySession(session?.id as string);
    const paid = w.event('checkout.session.completed', 'evt_paid');
    await w.deliver(paid);

    const [first, second] = await Promise.all(orders.map((id) => w.order(id)));
    expect(first).toMatchObject({ status: 'paid', paidByEvent: 'evt_paid', checkoutSessionId: session?.id });
    expect(second).toMatchObject({ status: 'paid', paymentIntentId: first?.paymentIntentId, chargeId: first?.chargeId });
    expect(first?.chargeId).toMatch(/^ch_local_/);
    expect(await w.auction('auct0001')).toMatchObject({ status: 'paid', paidOrderId: orders[0] });
    expect(await w.auction('auct0002')).toMatchObject({ status: 'paid', paidOrderId: orders[1] });
    expect(await w.store.get(showCheckoutPath(showCheckoutId(SHOW_ID, WINNER, juno, 0)))).toMatchObject({ status: 'paid' });
    const receipts = w.dmsTo(WINNER).slice(3);
    expect(receipts.map(text)).toEqual([expect.stringContaining('Paid $373.45')]);
    expect(w.dmsTo(juno).map(text)).toEqual([expect.stringContaining(`mode:orders:${[...orders].join(',')}`)]);
    // The run sheet shows the lots paid.
    expect(w.scheduled.filter((t) => t.queue === 'show-sheet').map((t) => t.payload)).toEqual([{ showId: SHOW_ID }]);

    const before = JSON.stringify(w.discord.entries);
    await w.deliver(paid);
    await w.deliver({ ...paid, id: 'evt_paid_again' });
    expect(JSON.stringify(w.discord.entries)).toBe(before);
    expect(await w.order(orders[0] as string)).toMatchObject({ paidByEvent: 'evt_paid' });
  });

  it('refuses to mark lots paid by a session whose total is not the checkout’s', async () => {
    const { w, orders } = await twoLotsFromJuno();
    await openShowCheckouts(w.deps, SHOW_ID);
    const [session] = await w.payments.listSessions();
    await w.payments.paySession(session?.id as string);
    const paid = w.event('checkout.session.completed');
    await w.deliver({ ...paid, data: { object: { ...paid.data.object, amount_total: 25_000 } } });
    expect(await w.order(orders[0] as string)).toMatchObject({ status: 'awaiting-payment' });
  });
});

describe('a show checkout that lapses', () => {
  it('passes each of its lots to its runner-up with a checkout of their own, striking the winner once for the one checkout they missed, and a redelivery changes nothing', async () => {
    const { w, orders } = await twoLotsFromJuno();
    await openShowCheckouts(w.deps, SHOW_ID);
    const [session] = await w.payments.listSessions();
    await w.payments.expireSession(session?.id as string);
    const expired = w.event('checkout.session.expired', 'evt_expired');
    await w.deliver(expired);

    for (const id of orders) expect(await w.order(id)).toMatchObject({ status: 'expired', expiredByEvent: 'evt_expired' });
    const next = [auctionOfferOrderId('auct0001', 1), auctionOfferOrderId('auct0002', 1)];
    expect(await w.order(next[0] as string)).toMatchObject({ buyerId: RUNNER_UP, amountCents: 24_000, hostCutCents: 3_600, status: 'awaiting-payment' });
    expect(await w.order(next[1] as string)).toMatchObject({ buyerId: RUNNER_UP, amountCents: 12_000 });
    // Each runner-up's offer is an ordinary single checkout.
    const offered = (await w.payments.listSessions()).filter((s) => s.metadata.kind === 'auction-order');
    expect(offered.map((s) => s.amount_total).sort()).toEqual([12_000, 24_000]);
    expect(await w.store.get(bidderPath(WINNER))).toMatchObject({ strikes: 1 });
    expect(await w.store.get(showCheckoutPath(showCheckoutId(SHOW_ID, WINNER, juno, 0)))).toMatchObject({ status: 'expired' });
    expect(w.scheduled.some((t) => t.queue === 'show-sheet')).toBe(true);

    const sessions = (await w.payments.listSessions()).length;
    const dms = w.discord.entries.length;
    await w.deliver(expired);
    await w.deliver({ ...expired, id: 'evt_expired_again' });
    expect((await w.payments.listSessions()).length).toBe(sessions);
    expect(w.discord.entries.length).toBe(dms);
    expect(await w.store.get(bidderPath(WINNER))).toMatchObject({ strikes: 1 });
  });

  it('is expired by the backstop task at its deadline, never before', async () => {
    const { w } = await twoLotsFromJuno();
    await openShowCheckouts(w.deps, SHOW_ID);
    const task = parseCheckoutExpiry(JSON.parse(JSON.stringify(w.scheduled[0]?.payload)));
    if (!task) throw new Error('the expiry task does not parse');
    await expect(expireCheckout(w.deps, task)).rejects.toBeInstanceOf(TaskNotDueYet);
    w.advance(61 * 60_000);
    expect(await expireCheckout(w.deps, task)).toBe(true);
    expect((await w.payments.listSessions())[0]?.status).toBe('expired');
    expect(w.caught.map((c) => c.type)).toContain('checkout.session.expired');
  });

  it('refuses an expiry task no use case writes', () => {
    expect(parseCheckoutExpiry({ showCheckoutId: 'a/b' })).toBeUndefined();
    expect(parseCheckoutExpiry({ showCheckoutId: 'abcd1234', orderId: 'abcd1234' })).toBeUndefined();
    expect(parseCheckoutExpiry({ checkoutKind: 'show-checkout', checkoutId: 'abcd1234', showCheckoutId: 'abcd1234' })).toBeUndefined();
  });

  it('still reads an expiry task armed before checkouts named their kind, and expires that checkout at its deadline', async () => {
    const { w } = await twoLotsFromJuno();
    await openShowCheckouts(w.deps, SHOW_ID);
    const armed = w.scheduled[0]?.payload as { checkoutId: string };
    const task = parseCheckoutExpiry({ showCheckoutId: armed.checkoutId });
    expect(task).toEqual({ checkoutKind: 'show-checkout', checkoutId: armed.checkoutId });
    w.advance(61 * 60_000);
    expect(await expireCheckout(w.deps, task as NonNullable<typeof task>)).toBe(true);
  });
});
