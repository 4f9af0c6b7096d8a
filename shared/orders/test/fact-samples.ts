/**
 * One example of each fact, with an order that may take it: the status it comes from and what
 * else its handler needs to find there. The facts' tests apply each to the full order.
 */
import type { Order, OrderFactKind, OrderFactOf } from '..';
import { fullOrder } from './full-order';

export interface FactSample<K extends OrderFactKind = OrderFactKind> {
  fact: OrderFactOf<K>;
  /** The order it comes to: the full order, with these changes. */
  order: Partial<Order>;
  /** What the order lacks or holds that its handler refuses it for, though its status fits; absent when only the status is checked. */
  refusedFor?: Partial<Order>;
}

const at = '2026-11-10T00:00:00.000Z';
const snapshot = { amountRefundedCents: 1_000, created: 5 };
const refund = { idempotencyKey: 'refund:o1:2', amountCents: 500, byInteraction: 'i-r2', byUserId: 'k1', askedAt: at };
const unreleased = { payouts: { builder: { releasing: null }, host: { releasing: null } } };
const released = { payouts: { builder: { transferId: 'tr_1' }, host: { transferId: 'tr_2' } } };
const proof = { url: 'https://clips.twitch.tv/c1', kind: 'clip' as const, provedAt: '2026-11-02T00:00:00.000Z', byInteraction: 'i-proof' };
const reshipChosen = { kind: 'reship' as const, parcel: 'lost' as const, byUserId: 'a1', byInteraction: 'i-pc', at };
const cancelled = { ...fullOrder.commission, ended: 'cancelled' as const, endedAt: at, keptCents: 0, cancelRefundKey: 'refund:o1:1' };

export const factSamples: { [K in OrderFactKind]: FactSample<K> } = {
  'checkout-opened': {
    fact: { kind: 'checkout-opened', session: { sessionId: 'cs_2', url: 'https://s/2', expiresAt: at } },
    order: { status: 'awaiting-payment' },
  },
  'awaiting-buyer': {
    fact: { kind: 'awaiting-buyer', paymentIntentId: 'pi_2', payBy: at },
    order: { status: 'awaiting-payment' },
  },
  'joined-show-checkout': {
    fact: { kind: 'joined-show-checkout', showCheckoutId: 'sc2' },
    order: { status: 'awaiting-payment', showCheckoutId: undefined },
    refusedFor: { showCheckoutId: 'sc1' },
  },
  'offer-dm-refused': { fact: { kind: 'offer-dm-refused' }, order: { status: 'awaiting-payment' } },
  paid: {
    fact: {
      kind: 'paid',
      fields: { status: 'paid', paidAt: at, paidByEvent: 'evt_2', paymentIntentId: 'pi_2', chargeId: 'ch_2', checkoutSessionId: 'cs_2', shippingCents: 1_600 },
    },
    order: { status: 'awaiting-payment' },
  },
  expired: { fact: { kind: 'expired', at, byEvent: 'evt_x', stockReturned: true }, order: { status: 'awaiting-payment' } },
  'stock-returned': { fact: { kind: 'stock-returned' }, order: { status: 'refunded', stockReturned: false }, refusedFor: { stockReturned: true } },
  'paid-late': {
    fact: { kind: 'paid-late', paymentIntentId: 'pi_late', chargeId: 'ch_late', shippingCents: 375 },
    order: { status: 'expired', paymentIntentId: 'pi_late' },
    refusedFor: { paymentIntentId: 'pi_other' },
  },
  'given-back-failed': {
    fact: { kind: 'given-back-failed', failure: { refundId: 're_late', amountCents: 12_345, reason: 'expired_or_canceled_card', at } },
    order: { status: 'expired', paymentIntentId: 'pi_late', chargeId: 'ch_late' },
    refusedFor: { failedRefunds: [{ refundId: 're_late', amountCents: 12_345, reason: 'unknown', at }] },
  },
  'refund-asked': { fact: { kind: 'refund-asked', refund }, order: {}, refusedFor: { givenRefunds: [refund] } },
  'refund-answered': {
    fact: { kind: 'refund-answered', refund: { ...refund, idempotencyKey: 'refund:o1:1', refundId: 're_1' }, snapshot },
    order: {},
    refusedFor: { givenRefunds: [] },
  },
  'refunded-in-part': { fact: { kind: 'refunded-in-part', snapshot, chargeRefundedCents: 1_000 }, order: {} },
  refunded: { fact: { kind: 'refunded', at, byEvent: 'evt_r', snapshot, chargeRefundedCents: 41_500, stockReturned: true }, order: {} },
  'refund-failed': {
    fact: { kind: 'refund-failed', fields: { failedRefunds: [], status: 'paid', stockReturned: false, stockShard: 3 } },
    order: { status: 'refunded' },
  },
  proved: { fact: { kind: 'proved', proof }, order: {} },
  'proof-found': { fact: { kind: 'proof-found', proof }, order: { status: 'building' }, refusedFor: { proof: null } },
  'release-fixed': {
    fact: { kind: 'release-fixed', party: 'builder', intent: { idempotencyKey: 'release:o1', amountCents: 36_000, coveredCents: 0 } },
    order: { status: 'building', ...unreleased, dispute: { ...fullOrder.dispute, state: 'lost' } },
    refusedFor: released,
  },
  released: {
    fact: { kind: 'released', party: 'host', at, coveredCents: 0, transferId: 'tr_3', via: 'transfer' },
    order: { status: 'building', ...unreleased },
    refusedFor: released,
  },
  'release-refused': { fact: { kind: 'release-refused', refusal: 'account closed' }, order: { status: 'building', ...unreleased }, refusedFor: released },
  'milestone-proved': {
    fact: { kind: 'milestone-proved', proof: { milestone: 'assembly', url: 'https://twitch.tv/kai', kind: 'channel', provedAt: at } },
    order: {},
    refusedFor: { commission: undefined },
  },
  'milestone-proof-found': {
    fact: {
      kind: 'milestone-proof-found',
      proof: { milestone: 'parts-in', url: 'https://clips.twitch.tv/m1', kind: 'clip', provedAt: '2026-11-02T00:00:00.000Z', byInteraction: 'i-m1' },
    },
    order: {},
    refusedFor: { commission: { ...fullOrder.commission, proofs: [] } },
  },
  'advance-fixed': {
    fact: { kind: 'advance-fixed', advance: { milestone: 'assembly', idempotencyKey: 'tranche:o1:assembly', amountCents: 7_200 } },
    order: {},
    refusedFor: { commission: undefined },
  },
  'advance-sent': {
    fact: { kind: 'advance-sent', idempotencyKey: 'tranche:o1:parts-in', answer: { transferId: 'tr_a', releasedAt: at } },
    order: {},
    refusedFor: { commission: { ...fullOrder.commission, advances: [] } },
  },
  'reversal-fixed': {
    fact: {
      kind: 'reversal-fixed',
      pendingReversals: [{ part: 'host', idempotencyKey: 'reverse-host:o1:1000', amountCents: 50, refundedCents: 1_000 }],
      covered: { builder: 1_000, host: 1_000 },
      dispute: { ...fullOrder.dispute, returnHeld: ['builder'] },
    },
    order: released,
  },
  reversed: { fact: { kind: 'reversed', idempotencyKey: 'reverse:o1:1' }, order: {}, refusedFor: { pendingReversals: [] } },
  'dispute-changed': {
    fact: { kind: 'dispute-changed', fields: { inquiry: null, dispute: { ...fullOrder.dispute, state: 'lost' }, status: 'closed', closedAt: at } },
    order: {},
  },
  'given-back-disputed': {
    fact: { kind: 'given-back-disputed', fields: { inquiry: null, dispute: { ...fullOrder.dispute, state: 'lost' } } },
    order: { status: 'expired', paymentIntentId: 'pi_late', chargeId: 'ch_late' },
    refusedFor: { chargeId: undefined },
  },
  'dispute-money-moved': {
    fact: { kind: 'dispute-money-moved', dispute: { ...fullOrder.dispute, takeBack: { builderCents: 100, hostCents: 0 } }, pendingReversals: [] },
    order: {},
    refusedFor: { dispute: { ...fullOrder.dispute, disputeId: 'dp-other' } },
  },
  'fraud-warned': { fact: { kind: 'fraud-warned', fraudWarning: { ...fullOrder.fraudWarning, outcome: 'refunded' }, refund }, order: {} },
  'fraud-held-for-review': {
    fact: { kind: 'fraud-held-for-review' },
    order: { fraudWarning: { ...fullOrder.fraudWarning, outcome: 'refunded' } },
    refusedFor: { fraudWarning: { ...fullOrder.fraudWarning, outcome: 'after-release' } },
  },
  'fraud-hold-cleared': {
    fact: { kind: 'fraud-hold-cleared', fraudWarning: { ...fullOrder.fraudWarning, clearedBy: { byUserId: 'a1', byName: 'Admin', at } } },
    order: {},
    refusedFor: { fraudWarning: { ...fullOrder.fraudWarning, clearedBy: { byUserId: 'a1', byName: 'Admin', at } } },
  },
  shipped: { fact: { kind: 'shipped', at, tracking: '1Z2', carrier: 'dhl', trackingUrl: 'https://dhl.example/1Z2', byInteraction: 'i-ship2' }, order: {} },
  received: {
    fact: { kind: 'received', at, by: 'buyer', byInteraction: 'i-rec2' },
    order: { status: 'shipped', receivedAt: undefined, awaitingReceipt: true },
    refusedFor: { receivedAt: at },
  },
  'delivery-ended': { fact: { kind: 'delivery-ended' }, order: { status: 'refunded', awaitingReceipt: true } },
  'address-erased': { fact: { kind: 'address-erased', at }, order: { status: 'shipped' } },
  'payout-freed': {
    fact: { kind: 'payout-freed', at, byUserId: '300000000000000001', byInteraction: '900000000000000001' },
    order: { status: 'shipped', payoutFreed: undefined },
    refusedFor: { payoutFreed: fullOrder.payoutFreed },
  },
  'parcel-moved': {
    fact: { kind: 'parcel-moved', status: 'delivered', at, byEvent: 'evt_2' },
    order: { status: 'shipped', parcel: { status: 'in-transit', at: '2026-11-09T00:00:00.000Z' }, parcelEvents: ['evt_1'] },
    refusedFor: { parcelEvents: ['evt_2'] },
  },
  'label-quoted': {
    fact: {
      kind: 'label-quoted',
      quote: {
        shipmentId: 'shp_2',
        rates: [{ rateId: 'rate_1', carrier: 'USPS', service: 'GroundAdvantage', amountCents: 1_485, currency: 'usd', deliveryDays: 5 }],
        payer: 'platform',
        quotedAt: at,
      },
    },
    order: { status: 'paid', label: undefined },
    refusedFor: { label: fullOrder.label },
  },
  'label-asked': {
    fact: {
      kind: 'label-asked',
      label: {
        shipmentId: 'shp_2',
        rate: { rateId: 'rate_1', carrier: 'USPS', service: 'GroundAdvantage', amountCents: 1_485, currency: 'usd', deliveryDays: 5 },
        payer: 'builder',
        byInteraction: 'i-l2',
        askedAt: at,
      },
    },
    order: { status: 'building', label: undefined },
    refusedFor: { label: fullOrder.label },
  },
  'label-bought': {
    fact: { kind: 'label-bought', trackingCode: '9400100000000000000002', labelUrl: 'https://labels.example/shp_2.png', trackerId: 'trk_2', at },
    order: {
      label: {
        shipmentId: 'shp_2',
        rate: { rateId: 'rate_1', carrier: 'USPS', service: 'GroundAdvantage', amountCents: 1_485, currency: 'usd', deliveryDays: 5 },
        payer: 'builder',
        byInteraction: 'i-l2',
        askedAt: at,
      },
    },
    refusedFor: { label: undefined },
  },
  'parcel-choice-made': {
    fact: { kind: 'parcel-choice-made', choice: { kind: 'refund', parcel: 'returned', byUserId: 'a1', byInteraction: 'i-pc', at } },
    order: { status: 'shipped', parcel: { status: 'returned', at }, parcelChoice: undefined },
    refusedFor: { parcel: { status: 'in-transit', at } },
  },
  'reship-label-asked': {
    fact: {
      kind: 'reship-label-asked',
      label: {
        shipmentId: 'shp_3',
        rate: { rateId: 'rate_3', carrier: 'USPS', service: 'GroundAdvantage', amountCents: 1_485, currency: 'usd' },
        payer: 'builder',
        byInteraction: 'i-pc',
        askedAt: at,
      },
    },
    order: { status: 'shipped', parcelChoice: reshipChosen },
    refusedFor: { parcelChoice: { ...reshipChosen, shipmentId: 'shp_2' } },
  },
  'reship-buying': {
    fact: { kind: 'reship-buying', at },
    order: { status: 'shipped', parcelChoice: { ...reshipChosen, shipmentId: 'shp_3' } },
    refusedFor: { parcelChoice: reshipChosen },
  },
  'reship-refused': {
    fact: { kind: 'reship-refused' },
    order: { status: 'shipped', parcelChoice: { ...reshipChosen, shipmentId: 'shp_3', buyingAt: at } },
    refusedFor: { parcelChoice: { ...reshipChosen, shipmentId: 'shp_3' } },
  },
  reshipped: {
    fact: { kind: 'reshipped', tracking: '1Z999AA10123456784', carrier: 'ups', trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784', at },
    order: { status: 'shipped', parcelChoice: { ...reshipChosen, shipmentId: 'shp_3' } },
    refusedFor: { parcelChoice: { ...reshipChosen, shipmentId: 'shp_3', reshippedAt: at } },
  },
  'place-moved': {
    fact: { kind: 'place-moved', promisedAt: at, delay: { weeks: 1, reason: 'parts late', at, fromPromisedAt: '2026-12-01T00:00:00.000Z' } },
    order: {},
    refusedFor: { commission: undefined },
  },
  'place-kept': { fact: { kind: 'place-kept', at }, order: {}, refusedFor: { commission: undefined } },
  'place-late': { fact: { kind: 'place-late', promisedAt: '2026-12-01T00:00:00.000Z', at }, order: {}, refusedFor: { commission: undefined } },
  'cancelled-late': { fact: { kind: 'cancelled-late', at, keptCents: 7_200, byInteraction: 'i-c', refund }, order: {}, refusedFor: { commission: undefined } },
  'cancel-undone': { fact: { kind: 'cancel-undone' }, order: { status: 'closed', commission: cancelled }, refusedFor: { commission: fullOrder.commission } },
  'called-off': { fact: { kind: 'called-off', at, refund }, order: {}, refusedFor: { commission: undefined } },
};

/** The full order as the sample's fact comes to it. */
export const orderFor = (sample: FactSample, changes: Partial<Order> = {}): Order => ({ ...fullOrder, ...sample.order, ...changes }) as Order;
