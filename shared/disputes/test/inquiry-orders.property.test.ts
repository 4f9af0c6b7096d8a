/**
 * A released 40,000¢ lot over a charge's life in Stripe's real world: an inquiry that closes
 * or escalates on the same dispute object, a chargeback opened as a new object after it, a
 * refund during the inquiry, and a refund that fails later, with Stripe's events delivered in
 * any order and some more than once. Whatever the order, once all have arrived: nobody keeps a
 * share of money the buyer got back (no debt is needed for it), the builder's and the host's
 * transfers hold exactly what the story leaves them, and nothing is left pending.
 */
import fc from 'fast-check';
import type { StripeEvent } from '../../payments';
import { LOT, releasedLot } from './released-lot';

type Lot = Awaited<ReturnType<typeof releasedLot>>;
type Story = { name: string; events: (lot: Lot) => Promise<StripeEvent[]>; nets: { builder: number; host: number } };

const failedRefund = (lot: Lot, amount: number, created: number): StripeEvent => ({
  id: 'evt_refund_failed',
  type: 'charge.refund.updated',
  created,
  data: { object: { id: 're_story', object: 'refund', amount, charge: lot.chargeId, payment_intent: 'unused', status: 'failed', failure_reason: 'unknown' } },
});

const stories: Story[] = [
  {
    name: 'an inquiry closed without a chargeback',
    events: async ({ dispute }) => [
      dispute('charge.dispute.created', 'dp_a', 'warning_needs_response'),
      dispute('charge.dispute.closed', 'dp_a', 'warning_closed'),
    ],
    nets: { builder: 30_000, host: 6_000 },
  },
  {
    name: 'an inquiry settled by a full refund, then closed',
    events: async ({ dispute, refund }) => [
      dispute('charge.dispute.created', 'dp_a', 'warning_needs_response'),
      await refund(40_000),
      dispute('charge.dispute.closed', 'dp_a', 'warning_closed'),
    ],
    nets: { builder: 0, host: 0 },
  },
  {
    name: 'an inquiry escalated on the same object, then lost',
    events: async ({ dispute }) => [
      dispute('charge.dispute.created', 'dp_a', 'warning_needs_response'),
      dispute('charge.dispute.updated', 'dp_a', 'needs_response'),
      dispute('charge.dispute.funds_withdrawn', 'dp_a', 'needs_response'),
      dispute('charge.dispute.closed', 'dp_a', 'lost'),
    ],
    nets: { builder: 0, host: 0 },
  },
  {
    name: 'an inquiry escalated on the same object, then won',
    events: async ({ dispute }) => [
      dispute('charge.dispute.created', 'dp_a', 'warning_needs_response'),
      dispute('charge.dispute.updated', 'dp_a', 'needs_response'),
      dispute('charge.dispute.closed', 'dp_a', 'won'),
    ],
    nets: { builder: 30_000, host: 6_000 },
  },
  {
    name: 'an inquiry closed, then a new chargeback lost',
    events: async ({ dispute }) => [
      dispute('charge.dispute.created', 'dp_a', 'warning_needs_response'),
      dispute('charge.dispute.closed', 'dp_a', 'warning_closed'),
      dispute('charge.dispute.created', 'dp_b', 'needs_response'),
      dispute('charge.dispute.funds_withdrawn', 'dp_b', 'needs_response'),
      dispute('charge.dispute.closed', 'dp_b', 'lost'),
    ],
    nets: { builder: 0, host: 0 },
  },
  {
    name: 'an inquiry closed, then a new chargeback won',
    events: async ({ dispute }) => [
      dispute('charge.dispute.created', 'dp_a', 'warning_under_review'),
      dispute('charge.dispute.closed', 'dp_a', 'warning_closed'),
      dispute('charge.dispute.created', 'dp_b', 'needs_response'),
      dispute('charge.dispute.closed', 'dp_b', 'won'),
    ],
    nets: { builder: 30_000, host: 6_000 },
  },
];

/** A story's events in some order, some twice (each delivery of one event keeps its id, as Stripe redelivers it). */
const arrivals = fc.record({
  story: fc.integer({ min: 0, max: stories.length - 1 }),
  order: fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
  twice: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
});

describe('a released lot through inquiries, escalations, second disputes and refunds, Stripe’s events in any order', () => {
  it('ends with each person holding what the story leaves them, no debt and nothing pending', async () => {
    await fc.assert(
      fc.asyncProperty(arrivals, async ({ story: which, order, twice }) => {
        const story = stories[which] as Story;
        const lot = await releasedLot();
        const events = await story.events(lot);
        const shuffled = events
          .map((e, i) => ({ e, key: order[i] ?? 0 }))
          .sort((a, b) => a.key - b.key)
          .map(({ e }) => e);
        const deliveries = shuffled.flatMap((e, i) => (twice[i] ? [e, e] : [e]));
        // A refund taken back before the payment of a chargeback that withdrew it would be refused by Stripe: the story's refund comes first on Stripe, only its event moves.
        for (const event of deliveries) await lot.w.deliver(event);
        const done = await lot.w.order(LOT);
        expect({ story: story.name, nets: await lot.nets() }).toEqual({ story: story.name, nets: story.nets });
        expect(await lot.w.journalDebts(done.orderId)).toEqual({ builderDebt: 0, hostDebt: 0 });
        expect(done.pendingReversals ?? []).toEqual([]);
        expect(done.inquiry ?? undefined).toBeUndefined();
      }),
      { numRuns: 30 },
    );
  });

  it('a refund during an inquiry that fails later leaves the shares it took back on the platform, and the refunded total at zero, in either order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.boolean(), async (closeFirst, redeliver) => {
        const lot = await releasedLot();
        const opened = lot.dispute('charge.dispute.created', 'dp_a', 'warning_needs_response');
        const refunded = await lot.refund(40_000);
        const failed = {
          ...failedRefund(lot, 40_000, refunded.created + 1),
          data: { object: { ...failedRefund(lot, 40_000, 0).data.object, payment_intent: (await lot.w.order(LOT)).paymentIntentId } },
        };
        const closed = lot.dispute('charge.dispute.closed', 'dp_a', 'warning_closed');
        for (const event of closeFirst ? [opened, refunded, closed, failed] : [opened, refunded, failed, closed]) await lot.w.deliver(event);
        if (redeliver) for (const event of [refunded, failed]) await lot.w.deliver(event);
        const done = await lot.w.order(LOT);
        expect(done.refundedCents).toBe(0);
        expect(await lot.nets()).toEqual({ builder: 0, host: 0 });
        expect(await lot.w.journalDebts(done.orderId)).toEqual({ builderDebt: 0, hostDebt: 0 });
      }),
      { numRuns: 8 },
    );
  });
});
