import type { Order } from '../../orders';
import { buildEvidence, formatAddress, noteProblem, withoutAddress } from '../rules/evidence';
import { anOrder } from '../../../test/support/orders';

const order: Order = anOrder({
  orderId: 'k3v9m2qa',
  sourceId: 'drop0001',
  dropKind: 'commission',
  guildId: '900000000000000001',
  title: 'Lavender 65%',
  buyerId: '820000000000000001',
  buyerName: 'Keeb Fan',
  builderId: '810000000000000001',
  builderName: 'Juno',
  amountCents: 24_000,
  platformFeeCents: 2_400,
  builderShareCents: 21_600,
  status: 'shipped',
  createdAt: '2026-05-01T10:00:00.000Z',
  paidAt: '2026-05-01T10:05:00.000Z',
  proof: { url: 'https://clips.twitch.tv/BrightClip', kind: 'clip', provedAt: '2026-05-03T20:00:00.000Z' },
  shippedAt: '2026-05-05T09:00:00.000Z',
  tracking: '1Z999AA10123456784',
  carrier: 'ups',
  shippingAddress: { name: 'Kee Fan', line1: '1 Switch St', city: 'Austin', state: 'TX', postalCode: '78701', country: 'US' },
});

describe('a dispute’s evidence', () => {
  it('names the item, the buyer, the address, the carrier, tracking and date, the clip and the timeline, and the builder’s note', () => {
    const evidence = buildEvidence([order], 'The buyer thanked me in Discord.');
    expect(evidence).toMatchObject({
      customer_name: 'Keeb Fan',
      shipping_address: 'Kee Fan\n1 Switch St\nAustin TX 78701\nUS',
      shipping_carrier: 'UPS',
      shipping_tracking_number: '1Z999AA10123456784',
      shipping_date: '2026-05-05',
      service_date: '2026-05-03',
    });
    expect(evidence.product_description).toContain('Lavender 65%: $240.00, built to order by Juno');
    const fromGroupBuy = buildEvidence([{ ...order, source: 'groupbuy', sourceId: 'gb7k2m9q' }], undefined).product_description;
    expect(fromGroupBuy).toContain('Lavender 65%: $240.00, made to order in a group buy, charged once its minimum order was met, by Juno');
    expect(evidence.uncategorized_text).toContain(
      'https://clips.twitch.tv/BrightClip (a clip of the live build), proved live on stream at 2026-05-03T20:00:00.000Z',
    );
    expect(evidence.uncategorized_text).toContain(
      'ordered 2026-05-01T10:00:00.000Z; paid 2026-05-01T10:05:00.000Z; proved live 2026-05-03T20:00:00.000Z; shipped',
    );
    expect(evidence.uncategorized_text).toContain('Note from the builder: The buyer thanked me in Discord.');
  });

  it('leaves out what the order does not have: no address, no carrier for `other`, no proof', () => {
    const evidence = buildEvidence([{ ...order, shippingAddress: null, carrier: 'other', proof: null, shippedAt: undefined, tracking: undefined }], undefined);
    expect(evidence.shipping_address).toBeUndefined();
    expect(evidence.shipping_carrier).toBeUndefined();
    expect(evidence.shipping_tracking_number).toBeUndefined();
    expect(evidence.uncategorized_text).toContain('No proof of work was streamed yet.');
  });

  it('keeps no copy of the address once it is sent', () => {
    expect(withoutAddress(buildEvidence([order], undefined))?.shipping_address).toBeUndefined();
    expect(formatAddress({ name: 'A', line1: 'B', city: 'C', postalCode: 'D', country: 'GB' })).toBe('A\nB\nC D\nGB');
  });

  it('refuses an empty or invisible note and one over 1,000 characters', () => {
    expect(noteProblem('   ')).toBe('empty');
    expect(noteProblem('\u200B\u200B')).toBe('empty');
    expect(noteProblem('x'.repeat(1001))).toBe('too-long');
    expect(noteProblem('Shipped on time.')).toBeUndefined();
  });
});
