/**
 * Labels in one press, from outside through the local runtime with really signed requests: a
 * paid drop order, `/c500 ship order:<id>` answers with the carrier stand-in's rates as
 * buttons, a press buys the label (its link answered, the builder's DM, the buyer's tracking),
 * `GET /_local/carrier/shipments` lists it with its order, and the server's `journal.csv` has
 * its cost as a `shipping-label` entry summing to zero. A second press buys nothing more.
 */
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { answerOf, dmsTo, onboard, order, paidOrder, say, setUpGuild, textOf } from '../support/marketplace';
import { buttonPress } from '../support/interactions';
import { get, GUILD, signIn } from '../support/dashboard';
import { paidWith, sampleAddress } from '../support/shipping-address';
import type { DiscordMessage } from '../../shared/ports';
import type { Order } from '../../shared/orders';

const builder = '811000000000000401';
const buyer = '821000000000000401';
const admin = '800000000000000001';

let rt: TestRuntime;
let paid: Order;

const buttonsOf = (message: DiscordMessage) =>
  ((message.components ?? []) as Array<{ components: Array<{ custom_id?: string; label?: string; url?: string }> }>).flatMap((row) => row.components);

interface ListedShipment {
  id: string;
  order: string;
  trackingCode: string;
  labelUrl: string;
  rate: { carrier: string; service: string; amount: string };
}
const shipments = async () => ((await (await fetch(`${rt.url}/_local/carrier/shipments`)).json()) as { shipments: ListedShipment[] }).shipments;

beforeAll(async () => {
  rt = await startTestRuntime();
  await setUpGuild(rt, admin);
  await onboard(rt, builder);
  await say(rt, builder, { path: ['shipping'], options: { to: 'US', domestic: 15, 'domestic-extra': 5, from: '417 Montgomery St, San Francisco, CA, 94104' } });
  paid = await paidOrder(rt, builder, buyer, { title: 'Lavender 65%' }, paidWith(sampleAddress));
}, 120_000);

afterAll(async () => rt.close());

describe('a label bought in one press', () => {
  let rates: Array<{ custom_id?: string; label?: string }>;

  it('answers /c500 ship with no tracking number with the cheapest rates as buttons, buying nothing yet', async () => {
    const offer = await say(rt, builder, { path: ['ship'], options: { order: paid.orderId } });
    rates = buttonsOf(offer);
    expect(rates.map((b) => b.custom_id)).toEqual([0, 1, 2].map((i) => `label-rate:${paid.orderId}:${i}`));
    expect(rates[0]?.label).toContain('USPS');
    expect(await shipments()).toEqual([]);
  });

  it('buys the label on a press: its link answered, the builder’s DM, the buyer told the tracking and the carrier', async () => {
    const answer = await answerOf(rt, buttonPress(rates[0]?.custom_id as string, builder));
    const after = (await order(rt, paid.orderId)) as Order;
    expect(after.status).toBe('shipped');
    const labelUrl = after.label?.labelUrl as string;
    expect(textOf(answer)).toContain(labelUrl);
    expect(buttonsOf(answer)[0]?.url).toBe(labelUrl);
    expect((await fetch(labelUrl)).headers.get('content-type')).toContain('image/png');
    expect(dmsTo(rt, builder).map(textOf).join('\n')).toContain(labelUrl);
    const told = dmsTo(rt, buyer).map(textOf).join('\n');
    expect(told).toContain(after.label?.trackingCode as string);
    expect(told).toContain('USPS');
  });

  it('lists the shipment bought with its order at GET /_local/carrier/shipments', async () => {
    const after = (await order(rt, paid.orderId)) as Order;
    expect(await shipments()).toEqual([
      expect.objectContaining({ order: paid.orderId, trackingCode: after.label?.trackingCode, labelUrl: after.label?.labelUrl }),
    ]);
  });

  it('buys nothing more on a second press', async () => {
    const again = await answerOf(rt, buttonPress(rates[1]?.custom_id as string, builder));
    expect(textOf(again)).toContain('Label bought');
    expect(await shipments()).toHaveLength(1);
  });

  it('shows the label’s cost in the server’s journal.csv as a shipping-label entry that sums to zero', async () => {
    const signedIn = await signIn(rt, { userId: admin, username: 'label_admin', adminGuilds: [GUILD] }, `/dashboard/guild/${GUILD}`);
    const csv = await (await get(rt, `/dashboard/guild/${GUILD}/journal.csv`, signedIn.cookie)).text();
    const rows = csv
      .trim()
      .split('\n')
      .filter((row) => row.split(',')[2] === 'shipping-label');
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.includes(`,${paid.orderId},`))).toBe(true);
    expect(rows.reduce((sum, row) => sum + Number(row.split(',')[5]), 0)).toBe(0);
    const cents = (await order(rt, paid.orderId))?.label?.rate.amountCents;
    expect(rows.some((row) => row.includes(`,owed-to-c500,${builder},${cents},`))).toBe(true);
  });
});
