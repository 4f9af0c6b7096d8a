/**
 * The carrier stand-in as EasyPost answers, held through the official client (`@easypost/api`,
 * the production adapter and a bare client for what the port does not read) over HTTP against
 * the served stand-in, as every function of the local runtime reaches it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import EasyPostClient from '@easypost/api';
import { LocalCarrier } from '../../shared/local/carrier/world';
import { serveCarrierApi, type ServedCarrierApi } from '../../shared/local/carrier/api-server';
import { carrierWebhookSender, easyPostBody, easyPostSignature } from '../../shared/local/carrier/webhook-sender';
import type { EpEvent } from '../../shared/local/carrier/objects';
import { createEasyPostCarrier } from '../../shared/adapters/easypost/easypost-carrier';
import { CarrierSignatureRefused, type Carrier, type CarrierAddress, type ShipmentRequest } from '../../shared/ports';

const apiKey = 'EZTK_local_contract';
const webhookSecret = 'whsec-local-carrier';
const now = new Date('2026-11-02T12:00:00Z');

const builder: CarrierAddress = { name: 'Kai Builder', street1: '417 Montgomery St', city: 'San Francisco', state: 'CA', zip: '94104', country: 'US' };
const buyer: CarrierAddress = { name: 'Ana Buyer', street1: '1 SW Main St', city: 'Portland', state: 'OR', zip: '97204', country: 'US' };
const abroad: CarrierAddress = { name: 'Lee Buyer', street1: '10 Downing St', city: 'London', zip: 'SW1A 2AA', country: 'GB' };

let world: LocalCarrier;
let api: ServedCarrierApi;
let carrier: Carrier;
let sent: EpEvent[];

beforeEach(async () => {
  sent = [];
  let labels = '';
  world = new LocalCarrier({ clock: { now: () => now }, labelBaseUrl: () => labels, sendEvent: (event) => void sent.push(event) });
  api = await serveCarrierApi(world, apiKey);
  labels = api.labelsUrl;
  carrier = createEasyPostCarrier({ apiKey, webhookSecret, baseUrl: api.baseUrl });
});

afterEach(async () => api.close());

const parcelTo = (to: CarrierAddress, extra: Partial<ShipmentRequest> = {}): ShipmentRequest => ({
  from: builder,
  to,
  parcel: { weightOz: 16 },
  reference: 'order-1',
  ...extra,
});

describe('addresses', () => {
  it('verifies a deliverable address and answers it', async () => {
    await expect(carrier.verifyAddress(buyer)).resolves.toEqual({
      ok: true,
      address: expect.objectContaining({ street1: '1 SW Main St', zip: '97204', country: 'US' }),
    });
  });

  it('answers the carrier’s own words for an address it cannot deliver to', async () => {
    const check = await carrier.verifyAddress({ ...buyer, street1: '1 Undeliverable Way', zip: '972' });
    expect(check).toEqual({ ok: false, problems: ['Invalid ZIP code.', 'Address not found.'] });
  });
});

describe('shipments and rates', () => {
  it('quotes one rate per domestic service, priced by weight, cheapest known in advance', async () => {
    const shipment = await carrier.quote(parcelTo(buyer));
    expect(shipment.reference).toBe('order-1');
    expect(shipment.rates.map((r) => [r.carrier, r.service, r.amountCents, r.currency])).toEqual([
      ['USPS', 'GroundAdvantage', 525 + 12 * 16, 'usd'],
      ['USPS', 'Priority', 895 + 20 * 16, 'usd'],
      ['USPS', 'Express', 2_995 + 40 * 16, 'usd'],
      ['UPS', 'Ground', 1_050 + 15 * 16, 'usd'],
    ]);
  });

  it('quotes the international services for a parcel crossing a border', async () => {
    const shipment = await carrier.quote(parcelTo(abroad));
    expect(shipment.rates.map((r) => r.service)).toEqual(['FirstClassPackageInternationalService', 'PriorityMailInternational', 'ExpressMailInternational']);
  });

  it('refuses a parcel without weight with EasyPost’s 422', async () => {
    await expect(carrier.quote(parcelTo(buyer, { parcel: { weightOz: 0 } }))).rejects.toMatchObject({ statusCode: 422, code: 'PARCEL.WEIGHT.INVALID' });
  });

  it('refuses a request whose API key is not the stand-in’s', async () => {
    const stranger = createEasyPostCarrier({ apiKey: 'EZTK_someone_else', webhookSecret, baseUrl: api.baseUrl });
    await expect(stranger.quote(parcelTo(buyer))).rejects.toMatchObject({ statusCode: 401 });
  });
});

describe('labels', () => {
  it('buys a rate: a tracking code, the rate’s price, and a label that opens as a PNG', async () => {
    const shipment = await carrier.quote(parcelTo(buyer));
    const cheapest = shipment.rates[0]!;
    const label = await carrier.buy(shipment.id, cheapest.id);
    expect(label).toMatchObject({
      carrier: 'USPS',
      service: 'GroundAdvantage',
      amountCents: cheapest.amountCents,
      trackingCode: expect.stringMatching(/^EZ\d{10}$/),
    });
    const png = await fetch(label.labelUrl);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await png.arrayBuffer())
        .subarray(1, 4)
        .toString('ascii'),
    ).toBe('PNG');
    await expect(carrier.shipment(shipment.id)).resolves.toMatchObject({ label });
  });

  it('never buys a shipment twice: the carrier refuses, and the adapter answers the label already bought', async () => {
    const shipment = await carrier.quote(parcelTo(buyer));
    const first = await carrier.buy(shipment.id, shipment.rates[0]!.id);
    const bare = new EasyPostClient(apiKey, { baseUrl: api.baseUrl });
    await expect(bare.Shipment.buy(shipment.id, shipment.rates[1]!.id)).rejects.toMatchObject({ statusCode: 422, code: 'SHIPMENT.POSTAGE.EXISTS' });
    await expect(carrier.buy(shipment.id, shipment.rates[1]!.id)).resolves.toEqual(first);
    expect(world.listShipments().filter((s) => s.postage_label)).toHaveLength(1);
  });

  it('refuses a label across a border without a customs form, and buys one with it', async () => {
    const bare = await carrier.quote(parcelTo(abroad));
    await expect(carrier.buy(bare.id, bare.rates[0]!.id)).rejects.toMatchObject({ statusCode: 422, code: 'SHIPMENT.POSTAGE.FAILURE' });
    const customs = {
      signer: 'Kai Builder',
      lines: [{ description: 'Mechanical keyboard', quantity: 1, valueCents: 32_000, weightOz: 16, hsTariffNumber: '8471.60', originCountry: 'US' }],
    };
    const declared = await carrier.quote(parcelTo(abroad, { customs }));
    await expect(carrier.buy(declared.id, declared.rates[0]!.id)).resolves.toMatchObject({ service: 'FirstClassPackageInternationalService' });
    expect(world.shipment(declared.id).customs_info?.customs_items).toEqual([
      expect.objectContaining({ description: 'Mechanical keyboard', value: '320.00', hs_tariff_number: '8471.60' }),
    ]);
  });

  it('refunds an unused label, rejects a used one, and refuses a shipment never bought', async () => {
    const unused = await carrier.quote(parcelTo(buyer));
    await carrier.buy(unused.id, unused.rates[0]!.id);
    await expect(carrier.refund(unused.id)).resolves.toBe('submitted');
    const used = await carrier.quote(parcelTo(buyer));
    const label = await carrier.buy(used.id, used.rates[0]!.id);
    world.advance(label.trackingCode, 'in_transit');
    await expect(carrier.refund(used.id)).resolves.toBe('rejected');
    const never = await carrier.quote(parcelTo(buyer));
    await expect(carrier.refund(never.id)).rejects.toMatchObject({ statusCode: 422 });
  });
});

describe('trackers and webhooks', () => {
  it('follows a tracking code typed by hand, and the same code again is the same tracker', async () => {
    const tracker = await carrier.track('9400111899223100000001', 'USPS');
    expect(tracker).toMatchObject({ trackingCode: '9400111899223100000001', carrier: 'USPS', status: 'pre_transit' });
    await expect(carrier.track('9400111899223100000001', 'USPS')).resolves.toEqual(tracker);
  });

  it('reads a signed tracker.updated as the parcel moves, with the shipment it belongs to', async () => {
    const shipment = await carrier.quote(parcelTo(buyer));
    const label = await carrier.buy(shipment.id, shipment.rates[0]!.id);
    const event = world.advance(label.trackingCode, 'out_for_delivery');
    const body = Buffer.from(easyPostBody(event));
    const update = carrier.readWebhook(body, { 'x-hmac-signature': easyPostSignature(body.toString(), webhookSecret) });
    expect(update).toEqual({
      eventId: event.id,
      updatedAt: now.toISOString(),
      tracker: expect.objectContaining({ trackingCode: label.trackingCode, status: 'out_for_delivery', shipmentId: shipment.id }),
    });
  });

  it('refuses a webhook whose body was changed, whose signature is missing, or signed with another secret', async () => {
    const tracker = await carrier.track('EZ4000000004', 'USPS');
    const body = easyPostBody(world.advance(tracker.trackingCode, 'delivered'));
    const signature = easyPostSignature(body, webhookSecret);
    expect(() => carrier.readWebhook(Buffer.from(body.replace('delivered', 'return_to_sender')), { 'x-hmac-signature': signature })).toThrow(
      CarrierSignatureRefused,
    );
    expect(() => carrier.readWebhook(Buffer.from(body), {})).toThrow(CarrierSignatureRefused);
    expect(() => carrier.readWebhook(Buffer.from(body), { 'x-hmac-signature': easyPostSignature(body, 'another') })).toThrow(CarrierSignatureRefused);
  });

  it('writes whole-number weights as EasyPost does, so the client’s rewrite before hashing still verifies', () => {
    const body = easyPostBody({ id: 'evt_1', description: 'batch.updated', result: { weight: 16, parcel: { weight: 8 } } });
    expect(body).toBe('{"id":"evt_1","description":"batch.updated","result":{"weight":16.0,"parcel":{"weight":8.0}}}');
    expect(carrier.readWebhook(Buffer.from(body), { 'x-hmac-signature': easyPostSignature(body, webhookSecret) })).toBeUndefined();
  });

  it('sends its events over HTTP signed, again until the endpoint takes them', async () => {
    const arrivals: Array<{ signature: string | undefined; body: string }> = [];
    const endpoint = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        arrivals.push({ signature: req.headers['x-hmac-signature'] as string | undefined, body: Buffer.concat(chunks).toString() });
        res.writeHead(arrivals.length === 1 ? 503 : 200).end();
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    const sender = carrierWebhookSender({
      url: `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/webhooks/carrier`,
      secret: webhookSecret,
      firstWaitMs: 1,
    });
    const tracker = world.createTracker({ tracking_code: 'EZ2000000002', carrier: 'USPS' });
    sender.send(world.advance(tracker.tracking_code, 'in_transit'));
    await sender.settled();
    endpoint.close();
    expect(arrivals).toHaveLength(2);
    expect(arrivals[1]?.body).toBe(arrivals[0]?.body);
    const update = carrier.readWebhook(Buffer.from(arrivals[1]!.body), { 'x-hmac-signature': arrivals[1]!.signature });
    expect(update?.tracker.status).toBe('in_transit');
  });

  it('gives up a delivery waiting to try again once stopped, and sends nothing more, so a closed runtime is not held open', async () => {
    let arrived = 0;
    let firstArrival: () => void = () => undefined;
    const arrival = new Promise<void>((resolve) => (firstArrival = resolve));
    const endpoint = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        arrived++;
        firstArrival();
        res.writeHead(503).end();
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    // A back-off of ten minutes: only the stop can end the wait within the test.
    const sender = carrierWebhookSender({
      url: `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/webhooks/carrier`,
      secret: webhookSecret,
      firstWaitMs: 600_000,
    });
    const tracker = world.createTracker({ tracking_code: 'EZ2000000003', carrier: 'USPS' });
    sender.send(world.advance(tracker.tracking_code, 'in_transit'));
    await arrival;
    sender.stop();
    await sender.settled();
    sender.send(world.advance(tracker.tracking_code, 'out_for_delivery'));
    await sender.settled();
    await new Promise<void>((resolve) => endpoint.close(() => resolve()));
    expect(arrived).toBe(1);
  });
});

describe('rate limiting, as EasyPost documents it (HTTP 429, code RATE_LIMITED)', () => {
  /** A stand-in limited to `perSecond` requests in a second of a clock the test moves. */
  async function limited(perSecond: number) {
    let nowMs = now.getTime();
    const clock = { now: () => new Date(nowMs) };
    const served = await serveCarrierApi(world, apiKey, { requestsPerSecond: perSecond, clock });
    const waited: number[] = [];
    // The adapter's backoff waits on the test's clock: no real time passes.
    const wait = async (ms: number) => void (waited.push(ms), (nowMs += ms));
    return { served, waited, wait };
  }

  it('answers a request past the second’s limit 429 RATE_LIMITED on the wire, before doing anything', async () => {
    const { served } = await limited(1);
    try {
      const post = () =>
        fetch(`${served.baseUrl}trackers`, {
          method: 'POST',
          headers: { authorization: `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`, 'content-type': 'application/json' },
          body: JSON.stringify({ tracker: { tracking_code: 'EZ4000000004', carrier: 'USPS' } }),
        });
      expect((await post()).status).toBe(201);
      const refused = await post();
      expect(refused.status).toBe(429);
      expect(await refused.json()).toEqual({ error: { code: 'RATE_LIMITED', message: expect.any(String), errors: [] } });
    } finally {
      await served.close();
    }
  });

  it('is read by the official client as its RateLimitError, status 429 and code RATE_LIMITED', async () => {
    const { served } = await limited(1);
    try {
      const client = new EasyPostClient(apiKey, { baseUrl: served.baseUrl });
      await client.Tracker.create({ tracking_code: 'EZ4000000004', carrier: 'USPS' });
      const refused: unknown = await client.Tracker.create({ tracking_code: 'EZ4000000004', carrier: 'USPS' }).catch((error: unknown) => error);
      expect(refused).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
      expect((refused as Error).constructor.name).not.toBe('Error');
    } finally {
      await served.close();
    }
  });

  it('is waited out by the adapter, which asks again after backing off, and buys the label once', async () => {
    const { served, waited, wait } = await limited(1);
    try {
      const patient = createEasyPostCarrier({ apiKey, webhookSecret, baseUrl: served.baseUrl, rateLimit: { waitsMs: [250, 500, 1_000], wait } });
      const shipment = await patient.quote(parcelTo(buyer));
      // Same second as the quote: the purchase is refused until the waits (250, then 500, then 1,000 ms) move the clock into the next second.
      const label = await patient.buy(shipment.id, shipment.rates[0]?.id ?? '');
      expect(label.trackingCode).toMatch(/^EZ/);
      expect(waited).toEqual([250, 500, 1_000]);
      expect(world.listShipments().filter((s) => s.postage_label)).toHaveLength(1);
    } finally {
      await served.close();
    }
  });

  it('throws the 429 once its waits are spent, for the caller’s queue to try again later', async () => {
    const { served, waited } = await limited(1);
    try {
      const stuck = createEasyPostCarrier({
        apiKey,
        webhookSecret,
        baseUrl: served.baseUrl,
        rateLimit: { waitsMs: [10, 20], wait: async (ms) => void waited.push(ms) },
      });
      await stuck.track('EZ4000000004', 'USPS');
      await expect(stuck.track('EZ4000000005', 'USPS')).rejects.toMatchObject({ statusCode: 429 });
      expect(waited).toEqual([10, 20]);
    } finally {
      await served.close();
    }
  });

  it('limits nothing unless asked: the stand-in as npm start serves it takes a burst', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => carrier.track(`EZ40000000${String(i).padStart(2, '0')}`, 'USPS')));
    expect(answers).toHaveLength(20);
  });
});
