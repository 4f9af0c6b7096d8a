/**
 * A refund of a guild's Payment Link merch sale that fails later (`charge.refund.updated`,
 * `status: failed`): the payment paid a sale, not an order, so no order's payment will ever
 * collect a failure kept for it. Nothing is left waiting, whichever order the sale, the refund
 * and its failure come in, and however often.
 */
import { failed, merchWorld, paid, refunded } from './merch-refund-world';

describe('a refund of a Payment Link merch sale that fails later', () => {
  it('leaves nothing waiting when the sale and its refund came first: no order’s payment would ever collect it', async () => {
    const w = merchWorld();
    await w.deliver(paid, refunded, failed, { ...failed, id: 'evt_merch_refund_failed_again' });
    expect(await w.waiting()).toBeUndefined();
    expect(await w.sale()).toMatchObject({ amountCents: 4_200, refundedCents: 1_500 });
  });

  it('leaves nothing waiting when the failure came before the sale: the sale collects what waited for its payment', async () => {
    const w = merchWorld();
    await w.deliver(failed, refunded);
    expect(await w.waiting()).toBeDefined();
    await w.deliver(paid, { ...failed, id: 'evt_merch_refund_failed_again' });
    expect(await w.waiting()).toBeUndefined();
    expect(await w.sale()).toMatchObject({ amountCents: 4_200 });
  });
});
