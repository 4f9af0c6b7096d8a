/**
 * Labels in one press, in process against the carrier stand-in served over HTTP and reached by
 * the production client (`@easypost/api`): `/c500 ship order:<id>` offers rates as buttons, a
 * press buys the label once (pressed twice, redelivered, or retried after a crash between the
 * purchase and its record), the order is shipped, and the label's cost is in the journal.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalCarrier } from '../../local/carrier/world';
import { serveCarrierApi, type ServedCarrierApi } from '../../local/carrier/api-server';
import { createEasyPostCarrier } from '../../adapters/easypost/easypost-carrier';
import { orderPath, type Order } from '../../orders';
import { shippingProfilePath, type ShippingProfile } from '../../shipping';
import { journalOfGuild, journalCsvRows } from '../../journal';
import type { Carrier, DiscordMessage } from '../../ports';
import { shipOrder } from '../use-cases/ship-order';
import { buyLabel } from '../use-cases/buy-label';
import { recordLabelRefund } from '../use-cases/record-label-refund';
import { anOrder } from '../../../test/support/orders';
import { buttonPress, command } from '../../../test/support/interactions';

const guild = '900000000000000001';
const orderId = 'ord-0001';
const builder = '810000000000000001';
const stranger = '810000000000000009';
const now = new Date('2026-11-22T12:00:00Z');
const clock = { now: () => now };
let api: ServedCarrierApi;
let world: LocalCarrier;

beforeEach(async () => {
  let labels = '';
  world = new LocalCarrier({ clock, labelBaseUrl: () => labels, sendEvent: () => undefined });
  api = await serveCarrierApi(world, 'EZTK_test');
  labels = api.labelsUrl;
});
afterEach(async () => api.close());

const profile = (over: Partial<ShippingProfile> = {}): ShippingProfile => ({
  guildId: guild,
  builderId: builder,
  currency: 'usd',
  homeCountry: 'US',
  to: 'worldwide',
  domesticCents: 1_500,
  domesticExtraCents: 500,
  handlingDays: 3,
  shipFrom: { street1: '417 Montgomery St', city: 'San Francisco', state: 'CA', zip: '94104', country: 'US' },
  updatedAt: now.toISOString(),
  ...over,
});

async function setup(over: Partial<Order> = {}, carrierOver: Partial<Carrier> = {}) {
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox();
  const carrier = { ...createEasyPostCarrier({ apiKey: 'EZTK_test', webhookSecret: 'unused', baseUrl: api.baseUrl }), ...carrierOver };
  const deps = { store, discord, clock, carrier };
  await store.set(
    orderPath(orderId),
    anOrder({
      orderId,
      guildId: guild,
      builderId: builder,
      status: 'paid',
      chargeId: 'ch_1',
      shippingCents: 1_500,
      shippingAddress: { name: 'Ana Buyer', line1: '1 SW Main St', city: 'Portland', state: 'OR', postalCode: '97204', country: 'US' },
      ...over,
    }),
  );
  await store.set(shippingProfilePath(guild, builder), profile());
  const ship = (userId = builder) => shipOrder(deps, command({ name: 'c500', path: ['ship'], options: { order: orderId }, userId }));
  const order = async () => (await store.get(orderPath(orderId))) as Order;
  const buttons = (answer: DiscordMessage) =>
    ((answer.components ?? []) as Array<{ components: Array<{ custom_id?: string; label: string }> }>).flatMap((row) => row.components);
  const dmsTo = (userId: string) => discord.entries.filter((e) => e.kind === 'dm' && e.userId === userId).map((e) => String(e.message.content));
  return { store, deps, ship, order, buttons, dmsTo };
}

describe('labels in one press', () => {
  it('offers the cheapest rates as buttons when the builder types no tracking number', async () => {
    const { ship, buttons, order } = await setup();
    const answer = await ship();
    expect(buttons(answer).map((b) => b.custom_id)).toEqual(['label-rate:ord-0001:0', 'label-rate:ord-0001:1', 'label-rate:ord-0001:2']);
    expect(buttons(answer)[0]?.label).toContain('USPS GroundAdvantage');
    expect((await order()).labelQuote?.rates).toHaveLength(3);
    expect(world.listShipments()).toHaveLength(1);
  });

  it('buys the label on a press: the order is shipped, the builder gets the link, the buyer the tracking, and the cost is a shipping-label entry', async () => {
    const { ship, deps, order, dmsTo, store } = await setup();
    await ship();
    const answer = await buyLabel(deps, buttonPress('label-rate:ord-0001:0', builder));
    const after = await order();
    expect(after.status).toBe('shipped');
    expect(after.carrier).toBe('usps');
    expect(after.tracking).toBe(after.label?.trackingCode);
    expect(String(answer.content)).toContain(after.label?.labelUrl);
    expect(dmsTo(builder).join('\n')).toContain(after.label?.labelUrl);
    expect(dmsTo('buyer').join('\n')).toContain(after.label?.trackingCode);
    const entries = (await journalOfGuild(store, guild)).filter((e) => e.kind === 'shipping-label');
    expect(entries).toHaveLength(1);
    expect(entries[0]?.postings).toEqual(
      expect.arrayContaining([
        { account: 'owed-to-c500', amountCents: after.label?.rate.amountCents, personId: builder },
        { account: 'carrier-postage', amountCents: -(after.label?.rate.amountCents ?? 0) },
      ]),
    );
    expect(journalCsvRows(entries).map((row) => row[2])).toEqual(['shipping-label', 'shipping-label']);
  });

  it('never buys two labels when the button is pressed twice', async () => {
    let buys = 0;
    const { ship, deps, store } = await setup();
    const counted = { ...deps, carrier: { ...deps.carrier, buy: (s: string, r: string) => (buys++, deps.carrier.buy(s, r)) } };
    await ship();
    await buyLabel(counted, buttonPress('label-rate:ord-0001:0', builder));
    const again = await buyLabel(counted, buttonPress('label-rate:ord-0001:1', builder));
    expect(buys).toBe(1);
    expect(String(again.content)).toContain('Label bought');
    expect(world.listShipments().filter((s) => s.postage_label)).toHaveLength(1);
    expect((await journalOfGuild(store, guild)).filter((e) => e.kind === 'shipping-label')).toHaveLength(1);
  });

  it('buys no second label when a crash came between the purchase and its record', async () => {
    let buys = 0;
    const real = createEasyPostCarrier({ apiKey: 'EZTK_test', webhookSecret: 'unused', baseUrl: api.baseUrl });
    const { ship, deps, order } = await setup(
      {},
      {
        buy: async (s, r) => {
          buys++;
          await real.buy(s, r);
          throw new Error('the function died before it recorded the label');
        },
      },
    );
    await ship();
    await expect(buyLabel(deps, buttonPress('label-rate:ord-0001:0', builder))).rejects.toThrow('died');
    expect((await order()).label?.trackingCode).toBeUndefined();
    const retried = await buyLabel(deps, buttonPress('label-rate:ord-0001:0', builder));
    expect(buys).toBe(1);
    expect(String(retried.content)).toContain('Label bought');
    expect((await order()).status).toBe('shipped');
  });

  it('refuses with words a press by someone who is not the order’s builder, and buys nothing', async () => {
    const { ship, deps, order } = await setup();
    await ship();
    const answer = await buyLabel(deps, buttonPress('label-rate:ord-0001:0', stranger));
    expect(String(answer.content)).toContain('isn’t one of your orders');
    expect((await order()).label).toBeUndefined();
  });

  it('refuses a press from another server', async () => {
    const { ship, deps, order } = await setup();
    await ship();
    const answer = await buyLabel(deps, buttonPress('label-rate:ord-0001:0', builder, { guildId: '900000000000000002' }));
    expect(String(answer.content)).toContain('There is no order');
    expect((await order()).label).toBeUndefined();
  });

  it('refuses an order not paid', async () => {
    const { ship } = await setup({ status: 'awaiting-payment' });
    expect(String((await ship()).content)).toContain('only a paid order can be shipped');
    expect(world.listShipments()).toHaveLength(0);
  });

  it('asks the buyer to fix an address the carrier cannot verify, and buys nothing', async () => {
    const { ship, dmsTo } = await setup({
      shippingAddress: { name: 'Ana Buyer', line1: '1 Undeliverable Rd', city: 'Portland', state: 'OR', postalCode: '97204', country: 'US' },
    });
    const answer = await ship();
    expect(String(answer.content)).toContain('could not verify');
    expect(dmsTo('buyer').join('\n')).toContain('corrected address');
    expect(world.listShipments()).toHaveLength(0);
  });

  it('refuses with words a label the builder’s share already paid out cannot cover', async () => {
    const { ship, deps, order } = await setup();
    await ship();
    await deps.store.update(orderPath(orderId), { 'payouts.builder.transferId': 'tr_1' });
    const answer = await buyLabel(deps, buttonPress('label-rate:ord-0001:0', builder));
    expect(String(answer.content)).toContain('more than what C500 still holds for you');
    expect((await order()).label).toBeUndefined();
  });

  it('charges C500, not the builder, when the listing’s shipping was free', async () => {
    const { ship, deps, store } = await setup({ shippingCents: 0 });
    await ship();
    await buyLabel(deps, buttonPress('label-rate:ord-0001:0', builder));
    const entry = (await journalOfGuild(store, guild)).find((e) => e.kind === 'shipping-label');
    expect(entry?.postings.map((p) => p.account).sort()).toEqual(['carrier-postage', 'label-costs']);
  });

  it('fills a customs form for a parcel crossing a border', async () => {
    const { ship } = await setup({
      shippingAddress: { name: 'Lee Buyer', line1: '10 Downing St', city: 'London', postalCode: 'SW1A 2AA', country: 'GB' },
    });
    await ship();
    expect(world.listShipments()[0]?.customs_info?.customs_items[0]).toMatchObject({ hs_tariff_number: '8471.60', origin_country: 'US' });
  });
});

describe('a label the carrier refunds', () => {
  it('comes back in the journal once, lowering what the builder owes', async () => {
    const { ship, deps, store } = await setup();
    await ship();
    await buyLabel(deps, buttonPress('label-rate:ord-0001:0', builder));
    expect(await recordLabelRefund(deps, orderId)).toBe(true);
    expect(await recordLabelRefund(deps, orderId)).toBe(false);
    const journal = await journalOfGuild(store, guild);
    const back = journal.filter((e) => e.kind === 'shipping-label-refund');
    expect(back).toHaveLength(1);
    const owed = journal.flatMap((e) => e.postings).filter((p) => p.account === 'owed-to-c500' && p.personId === builder);
    expect(owed.reduce((sum, p) => sum + p.amountCents, 0)).toBe(0);
  });

  it('undoes C500’s own cost when C500 bore the label', async () => {
    const { ship, deps, store } = await setup({ shippingCents: 0 });
    await ship();
    await buyLabel(deps, buttonPress('label-rate:ord-0001:0', builder));
    expect(await recordLabelRefund(deps, orderId)).toBe(true);
    const costs = (await journalOfGuild(store, guild)).flatMap((e) => e.postings).filter((p) => p.account === 'label-costs');
    expect(costs.reduce((sum, p) => sum + p.amountCents, 0)).toBe(0);
  });

  it('records nothing for an order with no label bought', async () => {
    const { deps } = await setup();
    expect(await recordLabelRefund(deps, orderId)).toBe(false);
  });
});
