/**
 * `/c500 ship` and the Received button: the tracking line, the buyer's DM with its buttons,
 * what the builder is told, and the answers to a Received press.
 */
import type { Order } from '../../orders';
import { builderReceived, buyerShipped, receivedAnswers, shipRefusals, shipped, trackingLine } from '../rules/ship-messages';
import { anOrder } from '../../../test/support/orders';

const order = (over: Partial<Order> = {}): Order =>
  anOrder({
    orderId: 'ship-0001',
    sourceId: 'drop-1',
    dropKind: 'commission',
    guildId: '900000000000000001',
    title: 'Lavender 65%',
    buyerId: '820000000000000001',
    buyerName: 'Bo Buyer',
    builderId: '810000000000000001',
    builderName: 'Dee Builder',
    amountCents: 24_000,
    platformFeeCents: 2_400,
    builderShareCents: 21_600,
    status: 'shipped',
    createdAt: '2026-10-01T12:00:00.000Z',
    shippedAt: '2026-10-02T12:00:00.000Z',
    tracking: '1Z999AA10123456784',
    carrier: 'ups',
    ...over,
  });
const at = '2026-10-05T09:00:00.000Z';
const dayOf = `<t:${Date.parse(at) / 1000}:D>`;

describe('the tracking line', () => {
  it('names a known carrier before the number', () => {
    expect(trackingLine({ carrier: 'ups', tracking: '1Z999AA10123456784' })).toBe('UPS 1Z999AA10123456784');
  });

  it('gives only the reference for another carrier or none', () => {
    expect(trackingLine({ carrier: 'other', tracking: 'Local courier 12' })).toBe('Local courier 12');
    expect(trackingLine({ tracking: 'Local courier 12' })).toBe('Local courier 12');
  });

  it('gives the carrier alone when there is no number', () => {
    expect(trackingLine({ carrier: 'ups' })).toBe('UPS');
    expect(trackingLine({})).toBe('');
  });
});

describe('the buyer’s shipping DM', () => {
  it('says what shipped with its tracking, with a Track it link and the Received button, mentioning nobody', () => {
    const dm = buyerShipped(order({ trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784' }));
    expect(dm.allowed_mentions).toEqual({ parse: [] });
    expect(dm.flags).toBeUndefined();
    expect(dm.content).toBe(
      '**Lavender 65%** (`ship-0001`) has shipped! Tracking: UPS 1Z999AA10123456784\nPress **Received** when it arrives, so Dee Builder knows.',
    );
    expect(dm.components).toEqual([
      {
        type: 1,
        components: [
          { type: 2, style: 5, label: 'Track it', url: 'https://www.ups.com/track?tracknum=1Z999AA10123456784' },
          { type: 2, style: 3, label: 'Received', custom_id: 'received:ship-0001' },
        ],
      },
    ]);
  });

  it('has only the Received button when there is no carrier page', () => {
    expect(buyerShipped(order({ carrier: 'other', tracking: 'Local courier 12' })).components).toEqual([
      { type: 1, components: [{ type: 2, style: 3, label: 'Received', custom_id: 'received:ship-0001' }] },
    ]);
  });
});

describe('what the builder is told', () => {
  it('confirms the shipment privately, with its tracking and who got the DM', () => {
    const note = shipped(order());
    expect(note.flags).toBe(64);
    expect(note.content).toBe('Order `ship-0001` is marked shipped (UPS 1Z999AA10123456784) and Bo Buyer got the tracking by DM.');
  });

  it('hears by DM, mentioning nobody, that the buyer has it', () => {
    expect(builderReceived(order())).toEqual({ allowed_mentions: { parse: [] }, content: 'Bo Buyer marked **Lavender 65%** (`ship-0001`) received.' });
  });

  it('is told which order could not be shipped and why', () => {
    expect(shipRefusals.notFound('ship-0009').content).toContain('no order `ship-0009`');
    expect(shipRefusals.notYours('ship-0009').content).toContain('Order `ship-0009` isn’t one of your orders');
    expect(shipRefusals.notPaid(order({ status: 'refunded' })).content).toContain('Order `ship-0001` is **refunded**');
  });

  it('is reminded of the tracking an order already shipped with, or that it had none', () => {
    expect(shipRefusals.already(order()).content).toContain('Order `ship-0001` was already marked shipped (tracking: UPS 1Z999AA10123456784)');
    const untracked = order({ carrier: undefined, tracking: undefined });
    expect(shipRefusals.already(untracked).content).toContain('(tracking: none)');
  });
});

describe('the answer to a Received press already counted', () => {
  it('gives the day the buyer marked it received', () => {
    expect(receivedAnswers.already(order(), at, 'buyer').content).toBe(`Order \`ship-0001\` is marked received (${dayOf}).`);
  });

  it('says when the delivery window counted it received, as nobody confirmed it', () => {
    const content = receivedAnswers.already(order(), at, 'timeout').content;
    expect(content).toBe(`Order \`ship-0001\` was marked received on ${dayOf}, as nobody confirmed it within the delivery window.`);
  });
});
