/**
 * Shipping from the builder's profile to the builder's pocket, through really signed
 * requests and the local Stripe: `/c500 shipping`, a drop bought with an address, the
 * session as Stripe shows it, the address on the order and in the builder's DM only, and
 * the release that sends the share and the shipping; a show winner's combined shipping.
 */
import { auctionWorld, bid, liveAuction, runToHammer, startAuction, type TestClock } from '../support/auctions';
import { snowflake } from '../support/interactions';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import {
  dmsTo,
  linkIn,
  linkTwitch,
  onboard,
  order,
  ordersOf,
  paidOrder,
  pay,
  postDrop,
  pressBuyNow,
  say,
  sessions,
  setUpGuild,
  streamEvent,
  textOf,
  transfers,
  shipAndReceive,
} from '../support/marketplace';
import { addLot, createShow, hammerLot, showWorld, startShow, waitOutGap } from '../support/shows';
import type { Order } from '../../shared/orders';
import { personPseudonym } from '../../shared/log';

jest.setTimeout(60_000);

type ShippedSession = {
  id: string;
  amount_total: number;
  amount_subtotal: number;
  metadata: Record<string, string>;
  shipping_address_collection: { allowed_countries: string[] } | null;
  shipping_options: Array<{ shipping_amount: number; shipping_rate: { id: string; display_name: string; delivery_estimate: unknown } }>;
};

const address = { line1: '12 Switch Lane', city: 'Portland', postal_code: '97201', state: 'OR', country: 'US' };
const profileCommand = { to: 'US,CA', domestic: 8, 'domestic-extra': 3, international: 25, 'international-extra': 10, 'handling-days': 2 };

describe('a drop from a builder with a shipping profile', () => {
  let rt: TestRuntime;
  const builder = snowflake();
  const buyer = snowflake();

  beforeAll(async () => {
    rt = await startTestRuntime();
    await setUpGuild(rt);
    await onboard(rt, builder);
  });
  afterAll(() => rt.close());

  it('has /c500 shipping say there is none, set it, and show it back', async () => {
    expect(textOf(await say(rt, builder, { path: ['shipping'] }))).toContain('You have no shipping set up here');
    const refused = textOf(await say(rt, builder, { path: ['shipping'], options: { to: 'US,GB', domestic: 8, 'domestic-extra': 3 } }));
    expect(refused).toContain('`international:<amount>`');
    const saved = textOf(await say(rt, builder, { path: ['shipping'], options: profileCommand }));
    expect(saved).toContain('Shipping saved');
    expect(saved).toContain('Domestic: $8.00 first item, $3.00 each further item');
    const shown = textOf(await say(rt, builder, { path: ['shipping'] }));
    expect(shown).toContain('Ships to: CA, US (home: US)');
    expect(shown).toContain('Handling time: 2 business days');
  });

  it('is bought with an address: the buyer pays item and shipping, the builder alone is told where to ship, and the release sends share and shipping', async () => {
    const { drop } = await postDrop(rt, builder, { price: '240' });
    const answer = await pressBuyNow(rt, buyer, drop?.dropId as string);
    expect(textOf(answer)).toContain('Shipping is added at checkout');

    const session = ((await sessions(rt)) as unknown as ShippedSession[]).find((s) => s.metadata.drop_id === drop?.dropId) as ShippedSession;
    expect(session.shipping_address_collection).toEqual({ allowed_countries: ['CA', 'US'] });
    expect(session.shipping_options.map((o) => [o.shipping_amount, o.shipping_rate.display_name])).toEqual([
      [800, 'Shipping to an address in US'],
      [2_500, 'Shipping to an address outside US'],
    ]);
    expect(session.shipping_options[0]?.shipping_rate.delivery_estimate).toEqual({
      minimum: { unit: 'business_day', value: 4 },
      maximum: { unit: 'business_day', value: 7 },
    });

    // Stripe's page takes no address outside the builder's countries.
    const outside = await pay(rt, linkIn(answer), { shipping: { name: 'Ada Buyer', address: { ...address, country: 'GB' } } });
    expect(outside.status).toBe(400);
    const res = await pay(rt, linkIn(answer), { shipping: { name: 'Ada Buyer', address } });
    expect(res.status).toBe(200);
    const paid = (await res.json()) as { session: { amount_total: number; shipping_cost: { amount_total: number } } };
    expect(paid.session.amount_total).toBe(24_000 + 800);

    const bought = (await ordersOf(rt, buyer)).find((o) => o.sourceId === drop?.dropId) as Order;
    expect(bought).toMatchObject({
      status: 'paid',
      shippingCents: 800,
      shippingAddress: { name: 'Ada Buyer', line1: '12 Switch Lane', city: 'Portland', state: 'OR', postalCode: '97201', country: 'US' },
    });
    expect(bought.shippingMismatch).toBeUndefined();

    const builderDm = textOf(dmsTo(rt, builder).find((m) => textOf(m).includes(bought.orderId)) ?? {});
    expect(builderDm).toContain('12 Switch Lane');
    expect(builderDm).toContain('Portland OR 97201');
    expect(builderDm).toContain(`Packing slip to print: ${rt.url}/dashboard/builder/orders/${bought.orderId}/slip`);
    const elsewhere = rt.outbox.entries.filter((e) => !(e.kind === 'dm' && e.userId === builder));
    expect(elsewhere.filter((e) => JSON.stringify(e.message).includes('Switch Lane'))).toEqual([]);
    expect(textOf(dmsTo(rt, buyer).find((m) => textOf(m).includes('Receipt')) ?? {})).toContain('$248.00');
    const profile = textOf(await say(rt, buyer, { path: ['profile'] }));
    expect(profile).toContain('$248.00');
    expect(profile).not.toContain('Switch Lane');

    await linkTwitch(rt, builder, 'shipbuilds');
    await streamEvent(rt, 'shipbuilds', 'online');
    await say(rt, builder, { path: ['live'], options: { mode: `order:${bought.orderId}` } });
    await shipAndReceive(rt, builder, buyer, bought.orderId);
    const released = (await transfers(rt)).filter((t) => t.transfer_group === bought.orderId);
    expect(released.map((t) => t.amount)).toEqual([bought.builderShareCents + 800]);
    expect(bought.builderShareCents + 800 + bought.platformFeeCents).toBe(24_800);
  });

  it('takes back the shipping with the share when the whole charge is disputed after the release, and sends both back when the dispute is won', async () => {
    const someone = snowflake();
    const bought = await paidOrder(rt, builder, someone, { price: '240' }, { shipping: { name: 'Dee Buyer', address } });
    await say(rt, builder, { path: ['live'], options: { mode: `order:${bought.orderId}` } });
    await shipAndReceive(rt, builder, someone, bought.orderId);
    const released = (await transfers(rt)).filter((t) => t.transfer_group === bought.orderId);
    expect(released.map((t) => t.amount)).toEqual([bought.builderShareCents + 800]);

    const opened = await fetch(`${rt.url}/_local/stripe/charges/${bought.chargeId}/dispute`, { method: 'POST', body: '{"reason":"product_not_received"}' });
    const { dispute } = (await opened.json()) as { dispute: { id: string; amount: number } };
    expect(dispute.amount).toBe(24_800);
    await rt.settle();
    const reversed = (await transfers(rt)).find((t) => t.id === released[0]?.id) as unknown as { amount_reversed: number };
    expect(reversed.amount_reversed).toBe(bought.builderShareCents + 800);

    await fetch(`${rt.url}/_local/stripe/disputes/${dispute.id}/close`, { method: 'POST', body: '{"status":"won"}' });
    await rt.settle();
    const back = (await transfers(rt)).filter((t) => t.transfer_group === bought.orderId && t.id !== released[0]?.id);
    expect(back.map((t) => t.amount)).toEqual([bought.builderShareCents + 800]);
  });

  it('records a buyer who chose the domestic rate for an address abroad, and tells the builder and the buyer the difference', async () => {
    const someone = snowflake();
    const { drop } = await postDrop(rt, builder, { price: '100' });
    const answer = await pressBuyNow(rt, someone, drop?.dropId as string);
    const session = ((await sessions(rt)) as unknown as ShippedSession[]).find((s) => s.metadata.drop_id === drop?.dropId) as ShippedSession;
    const domestic = session.shipping_options[0]?.shipping_rate.id;
    const res = await pay(rt, linkIn(answer), {
      shipping: { name: 'Cam Buyer', address: { ...address, country: 'CA', state: 'BC' } },
      shipping_rate: domestic,
    });
    expect(res.status).toBe(200);
    const bought = (await ordersOf(rt, someone))[0] as Order;
    expect(bought).toMatchObject({ status: 'paid', shippingCents: 800, shippingMismatch: { paidCents: 800, dueCents: 2_500, country: 'CA' } });
    expect(textOf(dmsTo(rt, builder).find((m) => textOf(m).includes(bought.orderId)) ?? {})).toContain('settle the difference');
    expect(textOf(dmsTo(rt, someone).find((m) => textOf(m).includes('Receipt')) ?? {})).toContain('Shipping to CA costs $25.00, not the $8.00 chosen');
  });

  it('asks no address of a builder without a profile, and says buyers pick up or arrange shipping', async () => {
    const other = snowflake();
    await onboard(rt, other);
    const { drop } = await postDrop(rt, other, { price: '50' });
    const answer = await pressBuyNow(rt, snowflake(), drop?.dropId as string);
    expect(textOf(answer)).toContain('pick up or arrange shipping');
    const session = ((await sessions(rt)) as unknown as ShippedSession[]).find((s) => s.metadata.drop_id === drop?.dropId) as ShippedSession;
    expect(session.shipping_address_collection).toBeNull();
    expect(session.shipping_options).toEqual([]);
  });
});

describe('a show winner of three lots from one builder', () => {
  let rt: TestRuntime;
  let clock: TestClock;
  let host: string;
  let builders: [string, string];

  beforeAll(async () => {
    ({ rt, clock, host, builders } = await showWorld());
  });
  afterAll(() => rt.close());

  it('pays the first-item rate once and the further-item rate twice in one checkout, spread over the lots to the cent', async () => {
    await say(rt, builders[0], { path: ['shipping'], options: profileCommand });
    const viewer = snowflake();
    await createShow(rt, host);
    for (const [item, price] of [
      ['Tofu65', 100],
      ['Brass Bauer', 80],
      ['Lavender 65%', 50],
    ] as const)
      await addLot(rt, builders[0], { item, price });
    await startShow(rt, host);
    const won = [];
    for (const [i, price] of [120, 90, 60].entries()) {
      await bid(rt, viewer, price);
      won.push(await hammerLot(rt, clock, i + 1));
      await waitOutGap(rt, clock);
    }
    const link = dmsTo(rt, viewer).find((m) => textOf(m).includes('Your checkout') && textOf(m).includes('3 lots'));
    expect(textOf(link ?? {})).toContain('Shipping is added at checkout');
    const session = ((await sessions(rt)) as unknown as ShippedSession[]).find((s) => s.metadata.kind === 'show-checkout') as ShippedSession;
    expect(session.shipping_options.map((o) => o.shipping_amount)).toEqual([800 + 2 * 300, 2_500 + 2 * 1_000]);

    const res = await pay(rt, linkIn(link ?? {}), { shipping: { name: 'Viewer One', address } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { session: { amount_total: number } }).session.amount_total).toBe(27_000 + 1_400);
    const lots = (await Promise.all(won.map((a) => order(rt, a.offer?.orderId as string)))) as Order[];
    expect(lots.map((o) => o.status)).toEqual(['paid', 'paid', 'paid']);
    expect(lots.reduce((sum, o) => sum + (o.shippingCents ?? 0), 0)).toBe(1_400);
    for (const lot of lots) expect(lot.shippingAddress?.postalCode).toBe('97201');
    const builderDm = textOf(dmsTo(rt, builders[0]).at(-1) ?? {});
    expect(builderDm).toContain('12 Switch Lane');
    expect(builderDm).toContain('$14.00');
  });
});

describe('an auction of a builder with a shipping profile', () => {
  let rt: TestRuntime;
  let clock: TestClock;
  let builder: string;

  beforeAll(async () => {
    ({ rt, clock, builder } = await auctionWorld());
    await say(rt, builder, { path: ['shipping'], options: { to: 'US', domestic: 12, 'domestic-extra': 5 } });
  });
  afterAll(() => rt.close());

  it('asks the winner, and a second chance’s runner-up, for an address in the builder’s country with the one-item rate', async () => {
    await startAuction(rt, builder, { price: 25 });
    const auction = await liveAuction(rt, builder);
    const [winner, second] = [snowflake(), snowflake()];
    await bid(rt, second, 30);
    await bid(rt, winner, 45);
    await runToHammer(rt, clock, auction.auctionId);
    const all = (await sessions(rt)) as unknown as ShippedSession[];
    const winnerSession = all.find((s) => s.metadata.buyer_pseudonym === personPseudonym(winner)) as ShippedSession;
    expect(winnerSession.shipping_address_collection).toEqual({ allowed_countries: ['US'] });
    expect(winnerSession.shipping_options.map((o) => o.shipping_amount)).toEqual([1_200]);

    await fetch(`${rt.url}/_local/stripe/sessions/${winnerSession.id}/expire`, { method: 'POST' });
    await rt.settle();
    const offer = dmsTo(rt, second).pop() ?? {};
    const res = await pay(rt, linkIn(offer));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { session: { amount_total: number } }).session.amount_total).toBe(3_000 + 1_200);
    const [paid] = await ordersOf(rt, second);
    // No address given on the page: the simulator's default one, in the builder's country.
    expect(paid).toMatchObject({ status: 'paid', offerRank: 1, shippingCents: 1_200, shippingAddress: { country: 'US' } });
  });
});
