/**
 * A parcel returned or lost, and the admin's two buttons: **Reship** buys a new label for the
 * same order once (against the carrier stand-in served over HTTP, through `@easypost/api`) and
 * the order follows the new parcel; **Refund** gives the refund `/c500 refund` gives, once.
 * The button's id is input: a member who is not the admin, an order of another server, a
 * parcel no longer returned or lost, and a forged id change nothing. Each answer replaces the DM
 * pressed on: it keeps the buttons that still work while nothing was chosen, none once a choice is.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalCarrier } from '../../local/carrier/world';
import { serveCarrierApi, type ServedCarrierApi } from '../../local/carrier/api-server';
import { createEasyPostCarrier } from '../../adapters/easypost/easypost-carrier';
import { orderPath, reshipPurchaseLeaseMs, type Order } from '../../orders';
import { shippingProfilePath } from '../../shipping';
import { guildFraudSettingsPath } from '../../payments';
import { journalOfGuild } from '../../journal';
import type { DiscordMessage, Payments, RefundRequest } from '../../ports';
import { refundParcel, reshipParcel } from '../use-cases/choose-for-parcel';
import { trackParcel } from '../use-cases/track-parcel';
import { parcelChoiceFromButton } from '../rules/parcel-choice';
import { anOrder } from '../../../test/support/orders';
import { buttonPress, dmButtonPress, MANAGE_GUILD } from '../../../test/support/interactions';

const guild = '900000000000000001';
const orderId = 'ord-0001';
const builder = '810000000000000001';
const admin = '830000000000000001';
const member = '810000000000000009';
const now = new Date('2026-11-22T12:00:00Z');
/** The clock the presses read: `now` until a test moves it on. */
let at = now;
const clock = { now: () => at };
const later = (ms: number) => (at = new Date(at.getTime() + ms));
let api: ServedCarrierApi;
let world: LocalCarrier;

beforeEach(async () => {
  at = now;
  let labels = '';
  world = new LocalCarrier({ clock, labelBaseUrl: () => labels, sendEvent: () => undefined });
  api = await serveCarrierApi(world, 'EZTK_test');
  labels = api.labelsUrl;
});
afterEach(async () => api.close());

async function setup(over: Partial<Order> = {}) {
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox();
  const carrier = createEasyPostCarrier({ apiKey: 'EZTK_test', webhookSecret: 'unused', baseUrl: api.baseUrl });
  let buys = 0;
  const counted = { ...carrier, buy: (s: string, r: string) => (buys++, carrier.buy(s, r)) };
  const refunds: RefundRequest[] = [];
  const payments = {
    refund: async (request: RefundRequest) => (refunds.push(request), { refundId: `re_${refunds.length}`, chargeRefundedCents: request.amountCents }),
  } as unknown as Payments;
  const deps = { store, discord, clock, carrier: counted, payments };
  await store.set(
    orderPath(orderId),
    anOrder({
      orderId,
      guildId: guild,
      builderId: builder,
      status: 'shipped',
      chargeId: 'ch_1',
      shippingCents: 1_500,
      tracking: 'EZ1000000001',
      carrier: 'usps',
      shippedAt: '2026-11-15T12:00:00.000Z',
      lastPayoutAt: 'delivery',
      parcel: { status: 'returned', at: '2026-11-20T12:00:00.000Z' },
      shippingAddress: { name: 'Ana Buyer', line1: '1 SW Main St', city: 'Portland', state: 'OR', postalCode: '97204', country: 'US' },
      ...over,
    }),
  );
  await store.set(shippingProfilePath(guild, builder), {
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
  });
  await store.set(guildFraudSettingsPath(guild), { configuredBy: admin });
  const order = async () => (await store.get(orderPath(orderId))) as Order;
  const dmsTo = (userId: string) => discord.entries.filter((e) => e.kind === 'dm' && e.userId === userId).map((e) => String(e.message.content));
  /** The buttons under each DM the admin was sent, by their ids. */
  const adminButtons = () =>
    discord.entries
      .filter((e) => e.kind === 'dm' && e.userId === admin)
      .map((e) => [...JSON.stringify(e.message.components ?? []).matchAll(/"custom_id":"([^"]+)"/g)].map((m) => m[1]));
  const track = { ...deps, releaseWaiting: async () => undefined };
  /** The carrier reporting the parcel with this tracking returned to its sender. */
  const returned = (trackingCode: string, eventId: string, updatedAt: string) =>
    trackParcel(track, { eventId, updatedAt, tracker: { id: `trk_${eventId}`, trackingCode, carrier: 'USPS', status: 'return_to_sender' } });
  return { store, deps, order, dmsTo, adminButtons, returned, refunds, buys: () => buys };
}

/** What the DM a press answers on is left with: its buttons' ids ('link' for a link), or 'kept' when the answer leaves them as they were. */
const buttonsOn = (answer: DiscordMessage): string[] | 'kept' =>
  answer.components === undefined ? 'kept' : [...JSON.stringify(answer.components).matchAll(/"custom_id":"([^"]+)"|"url":"[^"]+"/g)].map((m) => m[1] ?? 'link');
const both = (suffix = '') => [`parcel-reship:${orderId}${suffix}`, `parcel-refund:${orderId}${suffix}`];

/** A press in the server by a member holding Manage Server (or not). */
const serverPress = (customId: string, userId: string, isAdmin = true) => {
  const press = buttonPress(customId, userId, { guildId: guild });
  return isAdmin && press.member ? { ...press, member: { ...press.member, permissions: MANAGE_GUILD } } : press;
};

describe('the admin reshipping a parcel returned or lost', () => {
  it('buys a new label for the same order from the admin’s DM, and the order follows the new parcel', async () => {
    const { deps, order, dmsTo, store } = await setup();
    const answer = await reshipParcel(deps, dmButtonPress(`parcel-reship:${orderId}`, admin));
    const after = await order();
    expect(after.parcelChoice).toMatchObject({ kind: 'reship', parcel: 'returned', byUserId: admin, previousTracking: 'EZ1000000001' });
    expect(after.tracking).toBe(after.label?.trackingCode);
    expect(after.tracking).not.toBe('EZ1000000001');
    expect(after.parcel).toEqual({ status: 'shipped', at: now.toISOString() });
    expect(answer.content).toContain(`tracking \`${after.tracking}\``);
    expect(dmsTo('buyer')).toEqual([expect.stringContaining(`new tracking number is \`${after.tracking}\``)]);
    expect(dmsTo(builder)).toEqual([expect.stringContaining(after.label?.labelUrl ?? 'no label')]);
    const entries = (await journalOfGuild(store, guild)).filter((e) => e.kind === 'shipping-label');
    expect(entries).toHaveLength(1);
    expect(world.listShipments().filter((s) => s.postage_label)).toHaveLength(1);
  });

  it('buys one label and tells each person once when the admin presses Reship twice', async () => {
    const { deps, order, dmsTo, buys } = await setup();
    await reshipParcel(deps, dmButtonPress(`parcel-reship:${orderId}`, admin));
    const tracking = (await order()).tracking;
    const again = await reshipParcel(deps, dmButtonPress(`parcel-reship:${orderId}`, admin));
    expect(buys()).toBe(1);
    expect((await order()).tracking).toBe(tracking);
    expect(again.content).toContain('Reshipped');
    expect(dmsTo('buyer')).toHaveLength(1);
    expect(dmsTo(builder)).toHaveLength(1);
  });

  it('buys no second label when a press is retried after the carrier sold the label but before it was recorded', async () => {
    const { deps, order, buys } = await setup();
    const dying = {
      ...deps,
      store: deps.store,
      carrier: { ...deps.carrier, buy: (s: string, r: string) => deps.carrier.buy(s, r).then(() => Promise.reject(new Error('crash'))) },
    };
    const press = dmButtonPress(`parcel-reship:${orderId}`, admin);
    await expect(reshipParcel(dying, press)).rejects.toThrow('crash');
    await reshipParcel(deps, press);
    expect(buys()).toBe(1);
    expect((await order()).parcelChoice?.reshippedAt).toBe(now.toISOString());
  });

  it('follows the new parcel to delivered and frees the held payout, and ignores the old parcel’s late events', async () => {
    const { deps, order } = await setup({
      proof: { url: 'https://clips.twitch.tv/c1', kind: 'clip', provedAt: '2026-11-10T00:00:00.000Z', byInteraction: 'i-proof' },
    });
    await reshipParcel(deps, dmButtonPress(`parcel-reship:${orderId}`, admin));
    const freed: string[] = [];
    const track = { ...deps, releaseWaiting: async (id: string) => void freed.push(id) };
    const update = (trackingCode: string, eventId: string) => ({
      eventId,
      updatedAt: '2026-11-25T12:00:00.000Z',
      tracker: { id: `trk_${eventId}`, trackingCode, carrier: 'USPS', status: 'delivered' as const },
    });
    expect(await trackParcel(track, update('EZ1000000001', 'evt_old'))).toBe('no-order');
    expect(await trackParcel(track, update((await order()).tracking ?? '', 'evt_new'))).toBe('moved');
    expect((await order()).parcel?.status).toBe('delivered');
    expect(freed).toEqual([orderId]);
  });

  it('refunds nothing after a reship: the Refund button says the reship stands', async () => {
    const { deps, refunds } = await setup();
    await reshipParcel(deps, dmButtonPress(`parcel-reship:${orderId}`, admin));
    const answer = await refundParcel(deps, dmButtonPress(`parcel-refund:${orderId}`, admin));
    expect(answer.content).toContain('was already given a **reship**');
    expect(refunds).toEqual([]);
  });
});

describe('the admin refunding a parcel returned or lost', () => {
  it('gives the refund /c500 refund gives, of all that is left, with the parcel as its reason', async () => {
    const { deps, order, dmsTo, refunds } = await setup({ parcel: { status: 'lost', at: '2026-11-20T12:00:00.000Z' } });
    await refundParcel(deps, serverPress(`parcel-refund:${orderId}`, admin));
    const after = await order();
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ chargeId: 'ch_1', amountCents: after.amountCents + 1_500 });
    expect(after.parcelChoice).toMatchObject({ kind: 'refund', parcel: 'lost', byUserId: admin });
    expect(after.givenRefunds?.[0]).toMatchObject({ byUserId: admin, reason: 'Your parcel was reported lost by the carrier.' });
    expect(dmsTo('buyer')).toHaveLength(1);
  });

  it('asks Stripe once when the admin presses Refund twice', async () => {
    const { deps, refunds, dmsTo } = await setup();
    await refundParcel(deps, dmButtonPress(`parcel-refund:${orderId}`, admin));
    await refundParcel(deps, dmButtonPress(`parcel-refund:${orderId}`, admin));
    expect(refunds).toHaveLength(1);
    expect(dmsTo('buyer')).toHaveLength(1);
  });

  it('buys no label after a refund: the Reship button says the refund stands', async () => {
    const { deps, buys } = await setup();
    await refundParcel(deps, dmButtonPress(`parcel-refund:${orderId}`, admin));
    const answer = await reshipParcel(deps, dmButtonPress(`parcel-reship:${orderId}`, admin));
    expect(answer.content).toContain('was already given a **refund**');
    expect(buttonsOn(answer)).toEqual([]);
    expect(buys()).toBe(0);
  });
});

describe('a reshipped parcel returned or lost in its turn', () => {
  // The first parcel is followed to its return as the carrier tells it, so its news is the real first one.
  const inTransit = { parcel: { status: 'in-transit' as const, at: '2026-11-18T12:00:00.000Z' } };

  it('tells the admin again, with buttons for the new parcel, and reships it once more from them', async () => {
    const { deps, order, dmsTo, adminButtons, returned, buys } = await setup(inTransit);
    await returned('EZ1000000001', 'evt_1', '2026-11-20T12:00:00.000Z');
    await reshipParcel(deps, dmButtonPress(`parcel-reship:${orderId}`, admin));
    const first = (await order()).tracking ?? '';
    await returned(first, 'evt_2', '2026-11-26T12:00:00.000Z');
    expect(adminButtons()).toEqual([
      [`parcel-reship:${orderId}`, `parcel-refund:${orderId}`],
      [`parcel-reship:${orderId}:1`, `parcel-refund:${orderId}:1`],
    ]);
    expect(dmsTo(builder)).toEqual([
      expect.stringContaining('is being returned to the sender'),
      expect.stringContaining('Print it and send the order again'),
      expect.stringContaining('its reshipped parcel, is being returned to the sender'),
    ]);
    await reshipParcel(deps, dmButtonPress(`parcel-reship:${orderId}:1`, admin));
    const after = await order();
    expect(buys()).toBe(2);
    expect(after.tracking).not.toBe(first);
    expect(after.parcel?.status).toBe('shipped');
    expect(after.parcelChoice).toMatchObject({ kind: 'reship', parcelIndex: 1, previousTracking: first, reshippedAt: now.toISOString() });
    expect(dmsTo('buyer')).toEqual([expect.stringContaining(`\`${first}\``), expect.stringContaining(`\`${after.tracking}\``)]);
  });

  it('refunds the reshipped parcel from its own Refund button, while the first parcel’s buttons only finish its reship', async () => {
    const { deps, order, returned, refunds, buys } = await setup(inTransit);
    await returned('EZ1000000001', 'evt_1', '2026-11-20T12:00:00.000Z');
    await reshipParcel(deps, dmButtonPress(`parcel-reship:${orderId}`, admin));
    await returned((await order()).tracking ?? '', 'evt_2', '2026-11-26T12:00:00.000Z');
    expect((await reshipParcel(deps, dmButtonPress(`parcel-reship:${orderId}`, admin))).content).toContain('Reshipped');
    expect((await refundParcel(deps, dmButtonPress(`parcel-refund:${orderId}`, admin))).content).toContain('was already given a **reship**');
    expect(refunds).toEqual([]);
    await refundParcel(deps, dmButtonPress(`parcel-refund:${orderId}:1`, admin));
    expect(refunds).toHaveLength(1);
    expect((await order()).parcelChoice).toMatchObject({ kind: 'refund', parcelIndex: 1 });
    const late = await reshipParcel(deps, dmButtonPress(`parcel-reship:${orderId}`, admin));
    expect(late.content).toContain('is for an earlier parcel');
    expect(buys()).toBe(1);
  });

  it('keeps the reshipped parcel’s own buttons on its DM when the carrier refuses its new label', async () => {
    const { deps, order, returned } = await setup(inTransit);
    await returned('EZ1000000001', 'evt_1', '2026-11-20T12:00:00.000Z');
    await reshipParcel(deps, dmButtonPress(`parcel-reship:${orderId}`, admin));
    await returned((await order()).tracking ?? '', 'evt_2', '2026-11-26T12:00:00.000Z');
    const refusing = { ...deps, carrier: { ...deps.carrier, buy: () => Promise.reject(Object.assign(new Error('No'), { statusCode: 422 })) } };
    expect(buttonsOn(await reshipParcel(refusing, dmButtonPress(`parcel-reship:${orderId}:1`, admin)))).toEqual(both(':1'));
  });

  it('refuses a button for a parcel the order never had, and changes nothing', async () => {
    const { deps, order, refunds } = await setup();
    const answer = await refundParcel(deps, dmButtonPress(`parcel-refund:${orderId}:1`, admin));
    expect(answer.content).toContain('There is no order');
    expect((await order()).parcelChoice).toBeUndefined();
    expect(refunds).toEqual([]);
  });
});

describe('a reship whose label was not bought giving way to a refund', () => {
  const refusedBuy = () => Promise.reject(Object.assign(new Error('The address is undeliverable'), { statusCode: 422 }));

  it('refunds after the carrier refused the reship’s label, as its answer says to', async () => {
    const { deps, order, refunds, buys } = await setup();
    const refused = await reshipParcel({ ...deps, carrier: { ...deps.carrier, buy: refusedBuy } }, dmButtonPress(`parcel-reship:${orderId}`, admin));
    expect(refused.content).toContain('press **Reship** again later, or **Refund**');
    expect(buttonsOn(refused)).toEqual(both());
    expect(buttonsOn(await refundParcel(deps, dmButtonPress(`parcel-refund:${orderId}`, admin)))).toEqual([]);
    expect(refunds).toHaveLength(1);
    expect((await order()).parcelChoice).toMatchObject({ kind: 'refund', byUserId: admin });
    expect(buys()).toBe(0);
  });

  it('keeps the reship, and refunds nothing, when the label was bought by a press cut off before its record', async () => {
    const { deps, order, dmsTo, refunds, buys } = await setup();
    const dying = {
      ...deps,
      carrier: { ...deps.carrier, buy: (s: string, r: string) => deps.carrier.buy(s, r).then(() => Promise.reject(new Error('crash'))) },
    };
    await expect(reshipParcel(dying, dmButtonPress(`parcel-reship:${orderId}`, admin))).rejects.toThrow('crash');
    // Within the lease the press may still be buying: the refund waits, and says so.
    const soon = await refundParcel(deps, dmButtonPress(`parcel-refund:${orderId}`, admin));
    expect(soon.content).toContain('is being bought right now');
    expect(buttonsOn(soon)).toEqual(both());
    later(reshipPurchaseLeaseMs);
    const answer = await refundParcel(deps, dmButtonPress(`parcel-refund:${orderId}`, admin));
    expect(answer.content).toContain('was already given a **reship**');
    expect(buttonsOn(answer)).toEqual([]);
    expect(refunds).toEqual([]);
    expect(buys()).toBe(1);
    const after = await order();
    expect(after.parcelChoice).toMatchObject({ kind: 'reship', reshippedAt: at.toISOString() });
    expect(after.tracking).toBe(after.label?.trackingCode);
    expect(dmsTo('buyer')).toEqual([expect.stringContaining(`new tracking number is \`${after.tracking}\``)]);
  });
});

describe('a Refund the refund itself would refuse', () => {
  it('chooses nothing when the payment is disputed, says why, and leaves Reship possible', async () => {
    const { deps, order, refunds, buys } = await setup({
      dispute: { disputeId: 'dp_1', state: 'open', amountCents: 10_000, reason: 'product_not_received', openedAt: '2026-11-21T12:00:00.000Z' },
    });
    const answer = await refundParcel(deps, dmButtonPress(`parcel-refund:${orderId}`, admin));
    expect(answer.content).toContain('disputed the payment');
    expect(answer.content).toContain('**Reship** is still possible');
    // Refund would only be refused again: the DM keeps the button that still works.
    expect(buttonsOn(answer)).toEqual([`parcel-reship:${orderId}`]);
    expect(refunds).toEqual([]);
    expect((await order()).parcelChoice).toBeUndefined();
    const reshipped = await reshipParcel(deps, dmButtonPress(`parcel-reship:${orderId}`, admin));
    expect(reshipped.content).toContain('Reshipped');
    expect(buttonsOn(reshipped)).toEqual(['link']);
    expect(buys()).toBe(1);
  });
});

describe('a choice’s button as input', () => {
  it.each([
    ['a member in the server without Manage Server', () => serverPress(`parcel-refund:${orderId}`, member, false), 'Only this server’s admin'],
    ['someone other than the admin, in a DM', () => dmButtonPress(`parcel-refund:${orderId}`, member), 'Only this server’s admin'],
    ['an admin of another server', () => ({ ...serverPress(`parcel-refund:${orderId}`, admin), guild_id: '900000000000000777' }), 'There is no order'],
  ])('refuses %s, and changes nothing', async (_who, press, words) => {
    const { deps, order, refunds } = await setup();
    const answer = await refundParcel(deps, press());
    expect(answer.content).toContain(words);
    expect(answer.flags).toBe(64);
    expect((await order()).parcelChoice).toBeUndefined();
    expect(refunds).toEqual([]);
  });

  it('refuses a parcel no longer returned or lost (delivered after all), and buys nothing', async () => {
    const { deps, order, buys } = await setup({ parcel: { status: 'delivered', at: '2026-11-21T12:00:00.000Z', deliveredAt: '2026-11-21T12:00:00.000Z' } });
    const answer = await reshipParcel(deps, dmButtonPress(`parcel-reship:${orderId}`, admin));
    expect(answer.content).toContain('parcel is delivered now, not returned or lost');
    expect((await order()).parcelChoice).toBeUndefined();
    expect(buys()).toBe(0);
  });

  it.each([
    ['a parcel in transit', { parcel: { status: 'in-transit' as const, at: '2026-11-21T12:00:00.000Z' } }, 'parcel is in transit now, not returned or lost'],
    ['an order being built', { status: 'building' as const, parcel: undefined }, 'is being built and not shipped yet'],
  ])('answers %s in words, not in the stored status names', async (_what, over, words) => {
    const { deps } = await setup(over);
    const answer = await reshipParcel(deps, dmButtonPress(`parcel-reship:${orderId}`, admin));
    expect(answer.content).toContain(words);
    expect(answer.content).not.toMatch(/in-transit|is building/);
  });

  it.each([
    'parcel-reship:',
    'parcel-reship:ORD 1',
    `parcel-reship:${orderId}:0`,
    `parcel-reship:${orderId}:01`,
    `parcel-reship:${orderId}:1:1`,
    `parcel-reship:${orderId}:x`,
    `parcel-refund:${'a'.repeat(41)}`,
    `xparcel-refund:${orderId}`,
  ])('reads no choice from the forged button id %j', (customId) => expect(parcelChoiceFromButton(customId)).toBeUndefined());

  it('reads the parcel a button names: none for the parcel first sent, its number for a reship’s', () => {
    expect(parcelChoiceFromButton(`parcel-refund:${orderId}`)).toEqual({ kind: 'refund', orderId, parcelIndex: 0 });
    expect(parcelChoiceFromButton(`parcel-reship:${orderId}:12`)).toEqual({ kind: 'reship', orderId, parcelIndex: 12 });
  });

  it('answers a forged button id with the stale-button words, and changes nothing', async () => {
    const { deps, order, refunds } = await setup();
    const answer = await refundParcel(deps, dmButtonPress(`parcel-refund:${orderId}:0`, admin));
    expect(answer.content).toContain('That button belongs to something that has ended');
    expect((await order()).parcelChoice).toBeUndefined();
    expect(refunds).toEqual([]);
  });

  it('refuses a Reship button handed to the refund: each job reads only its own button', async () => {
    const { deps, refunds } = await setup();
    const answer = await refundParcel(deps, dmButtonPress(`parcel-reship:${orderId}`, admin));
    expect(answer.content).toContain('That button belongs to something that has ended');
    expect(refunds).toEqual([]);
  });
});
