/**
 * A winner whose every checkout round with a builder is taken fails the hammer's delivery
 * (it is redelivered, and an operator looks): what is logged of it names the buyer and the
 * builder by their hashes, and the error's text, which the subscriber logs, names neither.
 */
import { showCheckoutId, showCheckoutPath } from '../rules/show-checkout';
import { checkoutOf } from './show-checkout-fixtures';
import { personHashInLogs } from '../../log';
import { BUILDERS, SHOW_ID, WINNER, showPaymentsWorld } from '../../../test/support/show-payments';
import { logLinesOf } from '../../../test/support/log-lines';

const [juno] = BUILDERS;

describe('a show winner with no checkout round left', () => {
  it('logs the buyer and the builder as hashes, and the error it throws names neither', async () => {
    const w = showPaymentsWorld();
    await w.setUp();
    for (let round = 0; round < 100; round++) {
      const checkoutId = showCheckoutId(SHOW_ID, WINNER, juno, round);
      await w.store.set(showCheckoutPath(checkoutId), checkoutOf([], { checkoutId, showId: SHOW_ID, buyerId: WINNER, builderId: juno, round, status: 'paid' }));
    }
    let thrown: unknown;
    const { text, lines } = await logLinesOf(async () => {
      thrown = await w.hammer({ auctionId: 'auct0001', builderId: juno, item: 'Tofu65 in e-white', priceCents: 25_000 }).catch((error: unknown) => error);
    });
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toContain('checkouts');
    for (const id of [WINNER, juno]) {
      expect((thrown as Error).message).not.toContain(id);
      expect(text).not.toContain(id);
    }
    const line = lines.find((l) => String(l.message).includes('checkout rounds'));
    const now = Date.parse(String(line?.time));
    expect(line).toMatchObject({ showId: SHOW_ID, buyerId: personHashInLogs(WINNER, now), builderId: personHashInLogs(juno, now) });
  });
});
