/**
 * A receipt a failure kept from going out with its charge (Discord's 429 on the DM) is told by
 * the batch run again, and timed from the payment as the first try would have been: the receipt
 * SLO counts a receipt with no time as late. Found by the soak, where 16 of 51 receipts were.
 */
import { closeTaskOf } from '../rules/charge-tasks';
import { closeGroupBuy } from '../use-cases/close-group-buy';
import { logLinesOf } from '../../../test/support/log-lines';
import { buyer, closeWorld } from './close-world';

describe('a group-buy receipt told by a later batch', () => {
  it('is logged told with the time since its payment, as the receipt SLO counts it', async () => {
    const w = await closeWorld();
    const groupBuy = await w.seed({ moq: 1, pledges: [{ buyerId: buyer(1) }] });
    const sendDm = w.discord.sendDm.bind(w.discord);
    w.discord.sendDm = async () => {
      w.discord.sendDm = sendDm;
      throw new Error('429 Too Many Requests: You are being rate limited.');
    };
    await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
    await expect(w.runCharging()).rejects.toThrow('rate limited');
    expect(await w.pledge(buyer(1))).toMatchObject({ status: 'charged', receiptOwed: true });
    w.advance(5_000);
    const { lines } = await logLinesOf(() => w.runCharging());
    expect(lines.filter((l) => l.event === 'dm.told' && l.fact === 'receipt')).toEqual([expect.objectContaining({ outcome: 'sent', ms: 5_000 })]);
    expect(w.dmsTo(buyer(1))).toEqual([expect.stringContaining('your card was charged $125.00')]);
  });
});
