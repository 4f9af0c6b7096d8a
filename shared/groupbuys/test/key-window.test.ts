/**
 * Past Stripe's idempotency window: Stripe keeps a key about a day, so a charge asked again
 * later (a dead letter replayed days on) first searches Stripe for the pledge's own
 * PaymentIntent, by its `pledge_id`, and adopts it. Found from outside: "no double charge"
 * held for 24 hours only.
 */
import { closeTaskOf } from '../rules/charge-tasks';
import { closeGroupBuy } from '../use-cases/close-group-buy';
import { buyer, closeWorld } from './close-world';
import { personPseudonym } from '../../log';

class Killed extends Error {}
const day = 24 * 60 * 60_000;

describe('a charge asked again past Stripe’s idempotency window', () => {
  it('adopts the PaymentIntent Stripe made for the pledge, found by its pledge_id, and charges nobody twice even when Stripe forgot the key', async () => {
    const w = await closeWorld();
    const [one, two] = [buyer(1), buyer(2)];
    const groupBuy = await w.seed({ moq: 2, pledges: [{ buyerId: one }, { buyerId: two }] });
    await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
    // Stripe charges both; the process dies before either answer is recorded.
    w.setChargeHook(async (_request, charge) => {
      await charge();
      throw new Killed();
    });
    await expect(w.runCharging()).rejects.toBeInstanceOf(Killed);
    expect((await w.pledges()).map((p) => p.status)).toEqual(['pledged', 'pledged']);

    // Two days on, the task is replayed; Stripe has forgotten the keys: asked under them again, it would charge again.
    w.advance(2 * day);
    let asked = 0;
    w.setChargeHook(async (request, _charge) => {
      asked += 1;
      return w.stripe.chargeOffSession({ ...request, idempotencyKey: `${request.idempotencyKey}:forgotten` });
    });
    await w.runCharging();
    expect(asked).toBe(0);
    expect((await w.pledges()).map((p) => p.status)).toEqual(['charged', 'charged']);
    const intents = await w.paymentIntents();
    expect(intents).toHaveLength(2);
    expect(intents.every((p) => p.status === 'succeeded' && p.metadata.pledge_id === p.metadata.order_id)).toBe(true);
    // What was found and adopted names its buyer by keyed pseudonym alone, never by Discord id.
    expect(intents.map((p) => p.metadata.buyer_pseudonym).sort()).toEqual([personPseudonym(one), personPseudonym(two)].sort());
    expect(JSON.stringify(intents.map((p) => p.metadata))).not.toMatch(new RegExp(`${one}|${two}|buyer_id`));
    expect(await w.groupBuy()).toMatchObject({ status: 'funded', fundedUnits: 2 });
  });

  it('asks Stripe under the pledge’s key again when it made nothing for the pledge', async () => {
    const w = await closeWorld();
    const groupBuy = await w.seed({ moq: 1, pledges: [{ buyerId: buyer(1) }] });
    await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
    w.setChargeHook(async () => {
      throw new Killed();
    });
    await expect(w.runCharging()).rejects.toBeInstanceOf(Killed);
    w.advance(2 * day);
    w.setChargeHook((_request, charge) => charge());
    await w.runCharging();
    expect(await w.paymentIntents()).toHaveLength(1);
    expect(await w.pledge(buyer(1))).toMatchObject({ status: 'charged' });
  });
});
