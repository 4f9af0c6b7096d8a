/**
 * The carrier ingress's own check of EasyPost's HMAC (node:crypto) answers as the official
 * client's `validateWebhook` does on the same bodies and headers: what one takes the other
 * takes, what one refuses the other refuses, whole-number weights included.
 */
import EasyPostClient from '@easypost/api';
import { CarrierSignatureRefused } from '../../../../shared/ports';
import { trackingUpdateOf, verifyEasyPostWebhook } from '../../../../shared/adapters/easypost/easypost-webhook';
import { createEasyPostCarrier } from '../../../../shared/adapters/easypost/easypost-carrier';
import { easyPostSignature } from '../../../../shared/local/carrier/webhook-sender';

const secret = 'carrier-webhook-secret-ﬁ'; // a ligature: both normalise the secret (NFKD) before keying
const client = new EasyPostClient('EZTK_unused');

const event = (status: string, weight = '16') =>
  `{"id":"evt_1","object":"Event","description":"tracker.updated","updated_at":"2026-11-22T12:00:00Z","result":{"id":"trk_1","object":"Tracker","tracking_code":"EZ1000000001","carrier":"USPS","status":"${status}","weight": ${weight},"updated_at":"2026-11-22T13:00:00Z"}}`;

/** What the client says of a delivery: the event it read, or that it refused. */
function clientReads(body: string, headers: Record<string, string>): unknown {
  try {
    return client.Utils.validateWebhook(Buffer.from(body), headers, secret);
  } catch {
    return 'refused';
  }
}

function oursReads(body: string, headers: Record<string, string>, key: string | undefined = secret): unknown {
  try {
    return verifyEasyPostWebhook(Buffer.from(body), headers, key);
  } catch (error) {
    if (!(error instanceof CarrierSignatureRefused)) throw error;
    return 'refused';
  }
}

describe('the carrier ingress’s HMAC check', () => {
  const body = event('delivered');
  // EasyPost signs the body as its API wrote it: `16.0`, which JSON.stringify writes `16`.
  const signedAsEasyPostWrote = easyPostSignature(body.replace('"weight": 16', '"weight": 16.0'), secret);
  const cases: Array<[string, string, Record<string, string>]> = [
    ['a body signed as EasyPost wrote it', body, { 'x-hmac-signature': signedAsEasyPostWrote }],
    ['a body with a fractional weight', event('in_transit', '12.5'), { 'x-hmac-signature': easyPostSignature(event('in_transit', '12.5'), secret) }],
    ['the header spelled as EasyPost sends it', body, { 'X-Hmac-Signature': signedAsEasyPostWrote }],
    ['a body changed after signing', event('return_to_sender'), { 'x-hmac-signature': signedAsEasyPostWrote }],
    ['a body signed with another secret', body, { 'x-hmac-signature': easyPostSignature(body, 'another secret') }],
    ['a signature without its prefix', body, { 'x-hmac-signature': signedAsEasyPostWrote.replace('hmac-sha256-hex=', '') }],
    ['no signature', body, {}],
    ['a signed body that is not JSON', '{"id":', { 'x-hmac-signature': easyPostSignature('{"id":', secret) }],
  ];

  it.each(cases)('answers as validateWebhook does for %s', (_what, raw, headers) => {
    expect(oursReads(raw, headers)).toEqual(clientReads(raw, headers));
  });

  it('takes the well-signed ones and refuses the rest', () => {
    expect(cases.map(([what, raw, headers]) => [what, oursReads(raw, headers) === 'refused'])).toEqual([
      ['a body signed as EasyPost wrote it', false],
      ['a body with a fractional weight', false],
      ['the header spelled as EasyPost sends it', false],
      ['a body changed after signing', true],
      ['a body signed with another secret', true],
      ['a signature without its prefix', true],
      ['no signature', true],
      ['a signed body that is not JSON', true],
    ]);
  });

  it('refuses everything when no secret is set, even a body signed with an empty one', () => {
    const headers = { 'x-hmac-signature': easyPostSignature(body, '') };
    expect(oursReads(body, headers, '')).toBe('refused');
    expect(oursReads(body, headers, undefined)).toBe('refused');
  });
});

describe('a verified event as C500 follows it', () => {
  it('reads a tracker’s update: its event id, tracker and the time the carrier saw it', () => {
    expect(
      trackingUpdateOf(
        verifyEasyPostWebhook(
          Buffer.from(event('out_for_delivery', '12.5')),
          { 'x-hmac-signature': easyPostSignature(event('out_for_delivery', '12.5'), secret) },
          secret,
        ),
      ),
    ).toEqual({
      eventId: 'evt_1',
      tracker: { id: 'trk_1', trackingCode: 'EZ1000000001', carrier: 'USPS', status: 'out_for_delivery' },
      updatedAt: '2026-11-22T13:00:00Z',
    });
  });

  it('falls back to the event’s times when the tracker has none, and reads an unknown status as unknown', () => {
    const result = { id: 'trk_2', tracking_code: 'EZ2', carrier: 'UPS', status: 'teleported', shipment_id: 'shp_9' };
    expect(trackingUpdateOf({ id: 'evt_2', description: 'tracker.created', updated_at: '2026-11-22T10:00:00Z', result })).toEqual({
      eventId: 'evt_2',
      tracker: { id: 'trk_2', trackingCode: 'EZ2', carrier: 'UPS', status: 'unknown', shipmentId: 'shp_9' },
      updatedAt: '2026-11-22T10:00:00Z',
    });
    expect(trackingUpdateOf({ id: 'evt_3', description: 'tracker.updated', created_at: '2026-11-22T09:00:00Z', result })?.updatedAt).toBe(
      '2026-11-22T09:00:00Z',
    );
  });

  it('follows nothing but trackers, and no event without its tracker', () => {
    const result = { id: 'trk_1', tracking_code: 'EZ1', carrier: 'USPS', status: 'delivered' };
    expect(trackingUpdateOf({ id: 'evt_4', description: 'batch.updated', result })).toBeUndefined();
    expect(trackingUpdateOf({ id: 'evt_5', description: 'tracker.updated' })).toBeUndefined();
    expect(trackingUpdateOf({ id: 'evt_6', description: 'tracker.updated', result: { ...result, tracking_code: 7 as unknown as string } })).toBeUndefined();
  });
});

describe('the carrier adapter without a webhook secret', () => {
  it('refuses every webhook, even one signed with an empty secret', () => {
    const carrier = createEasyPostCarrier({ apiKey: 'EZTK_unused', baseUrl: 'http://127.0.0.1:1/v2/' });
    const body = event('delivered', '12.5');
    expect(() => carrier.readWebhook(Buffer.from(body), { 'x-hmac-signature': easyPostSignature(body, '') })).toThrow(CarrierSignatureRefused);
  });
});
