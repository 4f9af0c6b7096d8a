/**
 * The playground's carrier panel offers each move a person can make the carrier report on a
 * shipped parcel, greys out (with why) each one C500 would not take, and says what a press did
 * from the order as C500 left it.
 */
import { carrierFeedback, carrierMovesFor, parcelWords, payoutWords } from '../../shared/local/playground/client/carrier-moves';
import type { ParcelRow } from '../../shared/local/playground/parcel-facts';
import { parcelStatusWords } from '../../shared/orders';

const shipped: ParcelRow = {
  orderId: 'o1',
  title: 'Lavender 65%',
  buyerId: 'b',
  builderId: 'k',
  carrier: 'UPS',
  tracking: '1Z999AA10123456784',
  orderStatus: 'shipped',
  parcel: 'shipped',
  next: ['in-transit', 'out-for-delivery', 'delivered', 'returned', 'lost'],
  gate: { open: false, waits: 'delivery' },
  paidOut: false,
  proved: true,
  windowDays: 3,
};
const reasons = (row: ParcelRow) => Object.fromEntries(carrierMovesFor(row).map((m) => [m.name, m.disabled]));
const delivered: ParcelRow = { ...shipped, parcel: 'delivered', next: [], gate: { open: false, waits: 'window', opensAt: '2025-03-04T12:00:00.000Z' } };

describe('the carrier panel’s moves', () => {
  it('offers the four moves on a shipped parcel, each posting its status to the local carrier’s tracker', () => {
    const moves = carrierMovesFor(shipped);
    expect(moves.map((m) => [m.label, m.disabled])).toEqual([
      ['In transit', undefined],
      ['Out for delivery', undefined],
      ['Delivered', undefined],
      ['Returned', undefined],
    ]);
    expect(moves[2]).toMatchObject({ path: '/_local/carrier/trackers/1Z999AA10123456784/status', body: { status: 'delivered' } });
  });

  it('greys out every move on a delivered parcel, saying it is already delivered', () => {
    expect(reasons(delivered)).toEqual({
      in_transit: 'already delivered',
      out_for_delivery: 'already delivered',
      delivered: 'already delivered',
      return_to_sender: 'already delivered',
    });
  });

  it('greys out only the move a parcel already made while others remain', () => {
    const inTransit: ParcelRow = { ...shipped, parcel: 'in-transit', next: ['out-for-delivery', 'delivered', 'returned', 'lost'] };
    expect(reasons(inTransit)).toEqual({ in_transit: 'already in transit', out_for_delivery: undefined, delivered: undefined, return_to_sender: undefined });
  });

  it('greys out every move once the buyer pressed Received, as C500 then stops following the parcel', () => {
    expect(reasons({ ...shipped, orderStatus: 'closed', receivedBy: 'buyer' }).delivered).toBe(
      'the buyer pressed Received: C500 no longer follows this parcel',
    );
  });

  it('greys out every move on a parcel sent with an Other courier, which has no tracker', () => {
    expect(reasons({ ...shipped, carrier: 'Other' }).in_transit).toBe('C500 cannot follow a parcel sent with an Other courier');
  });
});

describe('what the carrier panel says after a press', () => {
  const deliveredPress = { orderId: 'o1', move: { name: 'delivered', label: 'Delivered', to: 'delivered' } } as const;

  it('says the carrier told C500 while the order has not moved yet', () => {
    expect(carrierFeedback(deliveredPress, shipped, [])).toBe('Delivered: the carrier told C500, which has not moved order o1 yet.');
  });

  it('names who was told and when the payout leaves once the order is delivered inside the server’s window', () => {
    expect(carrierFeedback(deliveredPress, delivered, ['bo_buyer'])).toBe(
      'Delivered: bo_buyer was told; the payout leaves once the server’s window passes (3 days, to Mar 4, 12:00 PM UTC).',
    );
  });

  it('adds that an unproved order still needs its proof on stream', () => {
    expect(payoutWords({ ...delivered, proved: false })).toMatch(/window passes .* and the order is proved on stream$/);
  });

  it('says an in-transit scan tells nobody', () => {
    const press = { orderId: 'o1', move: { name: 'in_transit', label: 'In transit', to: 'in-transit' } } as const;
    expect(carrierFeedback(press, { ...shipped, parcel: 'in-transit' }, [])).toMatch(/^In transit: nobody is told/);
  });

  it('says a returned parcel holds the payout for the admin, naming both people told', () => {
    const press = { orderId: 'o1', move: { name: 'return_to_sender', label: 'Returned', to: 'returned' } } as const;
    const returned: ParcelRow = { ...shipped, parcel: 'returned', next: [], gate: { open: false, waits: 'parcel-problem' } };
    expect(carrierFeedback(press, returned, ['cleo_builds', 'ana_admin'])).toBe(
      'Returned: cleo_builds and ana_admin were told; the payout is held until the server’s admin chooses a reship or a refund.',
    );
  });

  it('says a returned parcel that the admin had reshipped was sent again, not that the carrier’s Returned is still waiting', () => {
    const press = {
      orderId: 'o1',
      move: { name: 'return_to_sender', label: 'Returned', to: 'returned' },
      from: { parcel: 'shipped', tracking: shipped.tracking },
    } as const;
    const reshipped: ParcelRow = { ...shipped, tracking: 'EZ5000000022' };
    expect(carrierFeedback(press, reshipped, ['cleo_builds', 'ana_admin'])).toBe(
      'Returned: done; order o1 was sent again since, tracking EZ5000000022, now shipped.',
    );
    expect(carrierFeedback(press, shipped, [])).toBe('Returned: the carrier told C500, which has not moved order o1 yet.');
  });

  it('says where a parcel moved on to after the press was taken', () => {
    const press = { ...deliveredPress, from: { parcel: 'out-for-delivery', tracking: shipped.tracking } } as const;
    expect(carrierFeedback(press, { ...shipped, parcel: 'returned' }, [])).toBe('Delivered: done; the parcel is returned to the sender now.');
  });

  it('says the payout left once the gate opened and the builder’s transfer is recorded', () => {
    expect(payoutWords({ ...delivered, gate: { open: true, by: 'delivered' }, paidOut: true })).toBe('the builder’s payout has left C500');
  });
});

describe('the carrier panel’s words for a parcel', () => {
  // The page's script is bundled for the browser and reaches no module's code: it keeps a copy, held to the orders' own words.
  it('are the words C500 tells people a parcel’s status in', () => expect(parcelWords).toEqual(parcelStatusWords));
});
