/**
 * evidence.ts: the evidence for a show checkout's several lots, each kind of sale and proof,
 * which order's shipping speaks for the charge, and the limits Stripe's fields hold.
 */
import type { Order } from '../../orders';
import { buildEvidence, formatAddress, noteProblem, withoutAddress } from '../rules/evidence';
import { anOrder } from '../../../test/support/orders';

const order = (over: Partial<Order> = {}): Order =>
  anOrder({
    orderId: 'k3v9m2qa',
    sourceId: 'drop0001',
    guildId: '900000000000000001',
    title: 'Lavender 65%',
    buyerId: '820000000000000001',
    buyerName: 'Keeb Fan',
    builderId: '810000000000000001',
    builderName: 'Juno',
    amountCents: 24_000,
    platformFeeCents: 2_400,
    builderShareCents: 21_600,
    status: 'paid',
    createdAt: '2026-05-01T10:00:00.000Z',
    ...over,
  });

describe('the evidence for a charge that paid several lots', () => {
  it('describes each lot on its own line by how it was sold', () => {
    const evidence = buildEvidence(
      [
        order({ orderId: 'lot0001a', title: 'A', dropKind: 'ready-to-ship' }),
        order({ orderId: 'lot0002b', title: 'B', dropKind: 'commission' }),
        order({ orderId: 'lot0003c', title: 'C', dropKind: 'auction' }),
      ],
      undefined,
    );
    expect(evidence.product_description?.split('\n')).toEqual([
      'A: $240.00, ready to ship by Juno on the C500 Collective marketplace (order lot0001a)',
      'B: $240.00, built to order by Juno on the C500 Collective marketplace (order lot0002b)',
      'C: $240.00, won at a live auction by Juno on the C500 Collective marketplace (order lot0003c)',
    ]);
  });

  it('tells each order’s story in its own paragraph, the builder’s note last', () => {
    const text = buildEvidence([order({ orderId: 'lot0001a' }), order({ orderId: 'lot0002b' })], 'Both shipped together.').uncategorized_text ?? '';
    const paragraphs = text.split('\n\n');
    expect(paragraphs).toHaveLength(3);
    expect(paragraphs[0]).toMatch(/^Order lot0001a \(Lavender 65%\)\. No proof of work was streamed yet\. Timeline: ordered 2026-05-01T10:00:00.000Z\.$/);
    expect(paragraphs[1]).toMatch(/^Order lot0002b /);
    expect(paragraphs[2]).toBe('Note from the builder: Both shipped together.');
  });

  it('speaks of the shipping of the first lot that was shipped or tracked, not of an unshipped one before it', () => {
    const evidence = buildEvidence(
      [
        order({ orderId: 'lot0001a' }),
        order({ orderId: 'lot0002b', tracking: 'TRACK2', carrier: 'usps' }),
        order({ orderId: 'lot0003c', shippedAt: '2026-05-09T00:00:00.000Z', tracking: 'TRACK3' }),
      ],
      undefined,
    );
    expect(evidence).toMatchObject({ shipping_tracking_number: 'TRACK2', shipping_carrier: 'USPS' });
    expect(evidence).not.toHaveProperty('shipping_date');
    const dated = buildEvidence([order({ orderId: 'lot0001a' }), order({ orderId: 'lot0002b', shippedAt: '2026-05-07T08:00:00.000Z' })], undefined);
    expect(dated).toMatchObject({ shipping_date: '2026-05-07' });
  });

  it('is empty for a charge that paid none of our orders', () => {
    expect(buildEvidence([], 'note')).toEqual({});
  });
});

describe('each order’s story', () => {
  it('names the kind of proof: a clip, a VOD at the moment, or only the channel when no recording was kept', () => {
    const story = (kind: 'clip' | 'vod' | 'channel' | undefined) =>
      buildEvidence([order({ proof: { url: 'https://twitch.tv/juno', kind, provedAt: '2026-05-03T20:00:00.000Z' } })], undefined).uncategorized_text;
    expect(story('clip')).toContain('(a clip of the live build), proved live on stream at 2026-05-03T20:00:00.000Z.');
    expect(story('vod')).toContain('(the stream’s recording at the moment of the proof)');
    expect(story('channel')).toContain('(the builder’s channel (no recording was kept))');
    expect(story(undefined)).toContain('(the builder’s channel (no recording was kept))');
  });

  it('lays out the whole timeline in order, and says so when the buyer confirmed receipt', () => {
    const full = order({
      paidAt: '2026-05-01T10:05:00.000Z',
      proof: { url: 'https://clips.twitch.tv/A', kind: 'clip', provedAt: '2026-05-03T20:00:00.000Z' },
      shippedAt: '2026-05-05T09:00:00.000Z',
      receivedAt: '2026-05-09T09:00:00.000Z',
      receivedBy: 'buyer',
    });
    const text = buildEvidence([full], undefined).uncategorized_text ?? '';
    expect(text).toContain(
      'Timeline: ordered 2026-05-01T10:00:00.000Z; paid 2026-05-01T10:05:00.000Z; proved live 2026-05-03T20:00:00.000Z; shipped 2026-05-05T09:00:00.000Z; received 2026-05-09T09:00:00.000Z. The buyer confirmed receipt.',
    );
    const byTime = buildEvidence([{ ...full, receivedBy: 'timeout' }], undefined).uncategorized_text ?? '';
    expect(byTime).not.toContain('confirmed receipt');
    expect(byTime.endsWith('received 2026-05-09T09:00:00.000Z.')).toBe(true);
  });
});

describe('the limits of Stripe’s fields', () => {
  it('keeps 200 characters of the buyer’s name and of a tracking number', () => {
    const evidence = buildEvidence([order({ buyerName: 'n'.repeat(500), tracking: 't'.repeat(500) })], undefined);
    expect(evidence.customer_name).toBe('n'.repeat(200));
    expect(evidence.shipping_tracking_number).toBe('t'.repeat(200));
  });

  it('keeps the evidence text to 20,000 characters however long the note', () => {
    expect(buildEvidence([order()], 'x'.repeat(50_000)).uncategorized_text).toHaveLength(20_000);
  });

  it('refuses a note of 1,001 characters and takes one of exactly 1,000', () => {
    expect(noteProblem('a'.repeat(1_000))).toBeUndefined();
    expect(noteProblem('a'.repeat(1_001))).toBe('too-long');
  });
});

describe('the address on the evidence', () => {
  it('leaves out empty parts of an address rather than leaving blank lines or double spaces', () => {
    expect(formatAddress({ name: 'Kee Fan', line1: '1 Switch St', line2: '', city: 'Austin', state: '', postalCode: '78701', country: 'US' })).toBe(
      'Kee Fan\n1 Switch St\nAustin 78701\nUS',
    );
  });

  it('gives back evidence with no address as it was', () => {
    const evidence = { customer_name: 'Keeb Fan' };
    expect(withoutAddress(evidence)).toBe(evidence);
    expect(withoutAddress(undefined)).toBeUndefined();
  });
});
