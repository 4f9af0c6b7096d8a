/**
 * A group buy's milestone reaching its orders is batch work (issue 77): one transfer an order,
 * up to thousands, all at once when the builder proves it. The fan-out's transfers take tokens
 * from the account's one Stripe budget as the adapter's transport would, on a clock that moves
 * only while a write waits for its token; a person presses while the fan-out drains the bucket.
 */
import { currentStripeWork } from '../../stripe-work';
import { memoryBucket, writeBudget } from '../../adapters/stripe/write-budget';
import { stripeWriteBudgetSize } from '../../stripe-limits';
import { fundedWorld } from './group-buy-proof-world';

describe('a group buy’s milestone fanning out to its orders', () => {
  it('GIVEN a fan-out of more transfers than the Stripe budget holds WHEN it drains the bucket THEN a person’s press finds a token at once', async () => {
    const w = await fundedWorld(4);
    const size = stripeWriteBudgetSize('test');
    let nowMs = 0;
    const bucket = memoryBucket(size, () => nowMs);
    // The person presses once, the first time the fan-out has to wait for a token: 0 is a token found at once.
    let press: Promise<number> | undefined;
    const budget = writeBudget(bucket, async (ms) => {
      press ??= bucket('person');
      await press;
      nowMs += ms;
    });
    const transfer = w.deps.payments.createTransfer.bind(w.deps.payments);
    w.deps.payments.createTransfer = async (request) => (await budget.take(currentStripeWork()), transfer(request));

    await w.prove('parts-in', 'i-parts');
    await w.runBatches();

    const transfers = await w.stripe.listTransfers();
    expect(transfers).toHaveLength(4);
    expect(transfers.length).toBeGreaterThan(size.capacity);
    expect(await press).toBe(0);
  });
});
