/**
 * The carrier's `/_local` routes over HTTP: the shipments bought, a parcel moved by hand (which
 * sends the stand-in's signed webhook), its refusals, and the label as a PNG.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { LocalCarrier } from '../../shared/local/carrier/world';
import { mountCarrierRoutes } from '../../shared/local/carrier/local-routes';
import type { EpEvent } from '../../shared/local/carrier/objects';

let server: Server;
let base: string;
let world: LocalCarrier;
let sent: EpEvent[];

beforeEach(async () => {
  sent = [];
  world = new LocalCarrier({
    clock: { now: () => new Date('2026-11-22T12:00:00Z') },
    labelBaseUrl: () => `${base}/_local/carrier/labels`,
    sendEvent: (e) => void sent.push(e),
  });
  const app = express();
  // As the runtime keeps them: every body raw.
  app.use(express.raw({ type: () => true }));
  mountCarrierRoutes(app, world);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => new Promise((resolve) => server.close(resolve)));

const to = { name: 'Ana', street1: '1 SW Main St', city: 'Portland', state: 'OR', zip: '97204', country: 'US' };
const from = { name: 'Kai', street1: '417 Montgomery St', city: 'San Francisco', state: 'CA', zip: '94104', country: 'US' };

function boughtShipment() {
  const shipment = world.createShipment({ to_address: to, from_address: from, parcel: { weight: 16 }, reference: 'o1' });
  return world.buy(shipment.id, shipment.rates[0]!.id);
}

it('lists every shipment bought with its order, rate, tracking code and label URL, and not the ones only quoted', async () => {
  const bought = boughtShipment();
  world.createShipment({ to_address: to, from_address: from, parcel: { weight: 16 }, reference: 'o2' });
  const answer = (await (await fetch(`${base}/_local/carrier/shipments`)).json()) as { shipments: unknown[] };
  expect(answer.shipments).toEqual([
    {
      id: bought.id,
      order: 'o1',
      rate: { carrier: 'USPS', service: 'GroundAdvantage', amount: '7.17', currency: 'USD' },
      trackingCode: bought.tracking_code,
      labelUrl: `${base}/_local/carrier/labels/${bought.id}.png`,
      status: 'pre_transit',
    },
  ]);
  const label = await fetch(bought.postage_label!.label_url);
  expect(label.headers.get('content-type')).toBe('image/png');
});

it('moves a parcel by hand and sends the tracker.updated', async () => {
  const bought = boughtShipment();
  const answer = await fetch(`${base}/_local/carrier/trackers/${bought.tracking_code}/status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'delivered' }),
  });
  expect(answer.status).toBe(200);
  expect(sent.at(-1)).toMatchObject({
    description: 'tracker.updated',
    result: { tracking_code: bought.tracking_code, status: 'delivered' },
    previous_attributes: { status: 'pre_transit' },
  });
});

it('refuses a status it does not know with 400 and a tracking code it does not know with 404', async () => {
  const bought = boughtShipment();
  const post = (code: string, status: string) =>
    fetch(`${base}/_local/carrier/trackers/${code}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status }),
    });
  expect((await post(bought.tracking_code!, 'teleported')).status).toBe(400);
  expect((await post('EZ0000000000', 'delivered')).status).toBe(404);
});
