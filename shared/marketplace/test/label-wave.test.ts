/**
 * Shipping waves, in process against the carrier stand-in served over HTTP and reached by the
 * production client: `/c500 ship order:groupbuy:<id>` quotes every paid, unshipped order of the
 * builder's group buy, one press buys a label for each in paced batches (tasks), each buyer is
 * told once, the builder gets one summary, and a redelivered press or batch buys nothing more.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalCarrier } from '../../local/carrier/world';
import { serveCarrierApi, type ServedCarrierApi } from '../../local/carrier/api-server';
import { createEasyPostCarrier } from '../../adapters/easypost/easypost-carrier';
import { orderPath, type Order } from '../../orders';
import { shippingProfilePath } from '../../shipping';
import { journalOfGuild } from '../../journal';
import type { DiscordMessage } from '../../ports';
import { shipOrder } from '../use-cases/ship-order';
import { buyLabelWave, runLabelWaveBatch } from '../use-cases/buy-label-wave';
import { labelWavePath, parseWaveTask, wavePace } from '../rules/label-waves';
import { anOrder } from '../../../test/support/orders';
import { buttonPress, command } from '../../../test/support/interactions';
import { NamedTaskQueue } from '../../../test/support/named-task-queue';

const guild = '900000000000000001';
const builder = '810000000000000001';
const stranger = '810000000000000009';
const groupBuyId = 'gb000001';
const now = new Date('2026-11-22T12:00:00Z');
const clock = { now: () => now };
const portland = { name: 'Ana Buyer', line1: '1 SW Main St', city: 'Portland', state: 'OR', postalCode: '97204', country: 'US' };
let api: ServedCarrierApi;
let world: LocalCarrier;

beforeEach(async () => {
  let labels = '';
  world = new LocalCarrier({ clock, labelBaseUrl: () => labels, sendEvent: () => undefined });
  api = await serveCarrierApi(world, 'EZTK_test');
  labels = api.labelsUrl;
});
afterEach(async () => api.close());

const pledgeOrder = (n: number, over: Partial<Order> = {}) =>
  anOrder({
    orderId: `ord-gb${String(n).padStart(2, '0')}`,
    source: 'groupbuy',
    sourceId: groupBuyId,
    guildId: guild,
    builderId: builder,
    buyerId: `buyer-${n}`,
    status: 'paid',
    chargeId: `ch_${n}`,
    shippingCents: 1_500,
    shippingAddress: portland,
    ...over,
  });

async function setup() {
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox();
  const carrier = createEasyPostCarrier({ apiKey: 'EZTK_test', webhookSecret: 'unused', baseUrl: api.baseUrl });
  const tasks = new NamedTaskQueue({ maxAttempts: 5, backoffMs: () => 1_000 });
  const deps = { store, discord, clock, carrier, tasks };
  // Six to ship (two batches), one whose address the carrier cannot verify, one shipped, one not paid.
  for (let n = 1; n <= 6; n++) await store.set(orderPath(`ord-gb0${n}`), pledgeOrder(n));
  await store.set(orderPath('ord-gb07'), pledgeOrder(7, { shippingAddress: { ...portland, line1: '1 Undeliverable Rd' } }));
  await store.set(orderPath('ord-gb08'), pledgeOrder(8, { status: 'shipped', tracking: '1Z' }));
  await store.set(orderPath('ord-gb09'), pledgeOrder(9, { status: 'awaiting-payment' }));
  await store.set(shippingProfilePath(guild, builder), {
    guildId: guild,
    builderId: builder,
    currency: 'usd',
    homeCountry: 'US',
    to: 'worldwide',
    domesticCents: 1_500,
    handlingDays: 3,
    shipFrom: { street1: '417 Montgomery St', city: 'San Francisco', state: 'CA', zip: '94104', country: 'US' },
    updatedAt: now.toISOString(),
  });
  const ship = (userId = builder) => shipOrder(deps, command({ name: 'c500', path: ['ship'], options: { order: `groupbuy:${groupBuyId}` }, userId }));
  const runDueBatches = async () => {
    for (let due = tasks.due(Infinity); due.length > 0; due = tasks.due(Infinity))
      for (const entry of due) await tasks.deliver(entry, Infinity, (payload) => runLabelWaveBatch(deps, parseWaveTask(payload) as never));
  };
  const dmsTo = (userId: string) => discord.entries.filter((e) => e.kind === 'dm' && e.userId === userId).map((e) => String(e.message.content));
  const labelEntries = async () => (await journalOfGuild(store, guild)).filter((e) => e.kind === 'shipping-label');
  return { store, deps, tasks, ship, runDueBatches, dmsTo, labelEntries };
}

const buttonOf = (answer: DiscordMessage) =>
  ((answer.components ?? []) as Array<{ components: Array<{ custom_id?: string; label: string }> }>).flatMap((row) => row.components)[0];
const bought = () => world.listShipments().filter((s) => s.postage_label);

describe('shipping waves', () => {
  it('offers one button for every paid, unshipped order of the group buy, with the total, and names the order it skipped', async () => {
    const { ship } = await setup();
    const answer = await ship();
    const content = String(answer.content);
    expect(content).toContain('6 orders');
    expect(content).toContain('ord-gb07');
    expect(content).not.toContain('ord-gb08');
    expect(content).not.toContain('ord-gb09');
    expect(buttonOf(answer)?.label).toMatch(/^Buy 6 labels \(\$\d+\.\d{2}\)$/);
    expect(bought()).toHaveLength(0);
  });

  it('buys one label per order on a press, each in the journal, tells each buyer once, and the builder once with every link and the skipped order', async () => {
    const { ship, deps, tasks, runDueBatches, dmsTo, labelEntries, store } = await setup();
    const offer = await ship();
    const press = buttonPress(buttonOf(offer)?.custom_id ?? '', builder);
    await buyLabelWave(deps, press);
    await runDueBatches();

    expect([...tasks.named.keys()].filter((name) => name.startsWith('label-wave-'))).toHaveLength(2);
    expect(bought()).toHaveLength(6);
    expect(await labelEntries()).toHaveLength(6);
    for (let n = 1; n <= 6; n++) {
      const order = (await store.get(orderPath(`ord-gb0${n}`))) as Order;
      expect(order.status).toBe('shipped');
      expect(dmsTo(`buyer-${n}`).filter((dm) => dm.includes(order.label?.trackingCode ?? '?'))).toHaveLength(1);
    }
    const summaries = dmsTo(builder);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toContain('6 labels bought');
    expect(summaries[0]).toContain(((await store.get(orderPath('ord-gb01'))) as Order).label?.labelUrl);
    expect(summaries[0]).toContain('ord-gb07');
    expect(dmsTo('buyer-7').join('\n')).toContain('could not verify your address');
  });

  it('buys nothing more when the press is redelivered, pressed again, or its batches run again', async () => {
    const { ship, deps, runDueBatches, dmsTo, labelEntries } = await setup();
    const offer = await ship();
    const press = buttonPress(buttonOf(offer)?.custom_id ?? '', builder);
    await buyLabelWave(deps, press);
    await runDueBatches();
    const waveId = String(buttonOf(offer)?.custom_id).split(':')[1] as string;

    await buyLabelWave(deps, press);
    await buyLabelWave(deps, buttonPress(buttonOf(offer)?.custom_id ?? '', builder));
    await runLabelWaveBatch(deps, { waveId, batch: 1 });
    await runLabelWaveBatch(deps, { waveId, batch: 2 });
    await runDueBatches();

    expect(bought()).toHaveLength(6);
    expect(await labelEntries()).toHaveLength(6);
    expect(dmsTo(builder)).toHaveLength(1);
    expect(dmsTo('buyer-1')).toHaveLength(1);
  });

  it('quotes the wave in batches: never more carrier calls in flight than a batch’s orders, and every order quoted', async () => {
    const { ship, deps } = await setup();
    let inFlight = 0;
    let most = 0;
    const counted =
      <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        most = Math.max(most, ++inFlight);
        try {
          return await call(...args);
        } finally {
          inFlight--;
        }
      };
    deps.carrier = { ...deps.carrier, verifyAddress: counted(deps.carrier.verifyAddress), quote: counted(deps.carrier.quote) };
    const answer = await ship();
    // Seven orders to quote (six and the one whose address fails): a batch of five, then two.
    expect(most).toBe(wavePace.batchSize);
    expect(String(answer.content)).toContain('6 orders');
    expect(world.listShipments()).toHaveLength(6);
  });

  it('asks a batch the carrier’s limiter refused again later, on the queue’s clock, and buys each label once', async () => {
    const { ship, deps, tasks, runDueBatches, labelEntries, dmsTo } = await setup();
    const offer = await ship();
    const real = deps.carrier.buy;
    let refusals = 2;
    let buys = 0;
    // The limiter's 429 as the adapter throws it once its own waits are spent: nothing was bought.
    deps.carrier = {
      ...deps.carrier,
      buy: (shipmentId: string, rateId: string) =>
        refusals-- > 0
          ? Promise.reject(Object.assign(new Error('rate limited'), { statusCode: 429, code: 'RATE_LIMITED' }))
          : (buys++, real(shipmentId, rateId)),
    };
    await buyLabelWave(deps, buttonPress(buttonOf(offer)?.custom_id ?? '', builder));
    await runDueBatches();

    const waveTasks = [...tasks.named.entries()].filter(([name]) => name.startsWith('label-wave-'));
    expect(waveTasks.map(([name]) => name.replace(/^label-wave-\d+-/, ''))).toEqual(['1', '1-r1', '1-r2', '2']);
    expect(waveTasks.map(([, t]) => t.runAtMs - now.getTime())).toEqual([0, 2_000, 4_000, 1_000]);
    expect(waveTasks.every(([, t]) => t.state === 'done' && t.attempts === 1)).toBe(true);
    expect(buys).toBe(6);
    expect(bought()).toHaveLength(6);
    expect(await labelEntries()).toHaveLength(6);
    expect(dmsTo(builder)).toHaveLength(1);
  });

  it('refuses a wave of someone else’s group buy, quoting nothing, and refuses their press on the builder’s wave', async () => {
    const { ship, deps, store } = await setup();
    const refused = await ship(stranger);
    expect(String(refused.content)).toContain('not yours');
    expect(buttonOf(refused)).toBeUndefined();
    expect(world.listShipments()).toHaveLength(0);

    const offer = await ship();
    const answer = await buyLabelWave(deps, buttonPress(buttonOf(offer)?.custom_id ?? '', stranger));
    expect(String(answer.content)).toContain('not yours');
    const waveId = String(buttonOf(offer)?.custom_id).split(':')[1] as string;
    expect((await store.get(labelWavePath(waveId)))?.pressedBy).toBeUndefined();
  });
});
