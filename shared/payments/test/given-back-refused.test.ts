/**
 * A late payment whose give-back Stripe refused outright (issue 75), against the local Stripe:
 * paged `paid-after-expiry`, the money stays held for the buyer and nothing failed at the bank.
 * The money check lists it, and an admin's `/c500 refund` gives it back through Stripe (the same
 * path as a failed give-back given again): exactly what the lot holds, once however the command
 * comes, one key per attempt (a refusal may not stand), journaled held -> refunded, the buyer
 * told once, the line cleared. Amounts are read back from the local Stripe's refunds and ledger.
 */
import { auctionOfferOrderId } from '../../auctions/use-cases/auction-offers';
import { heldFor, journalOfGuild, unbalanced } from '../../journal';
import { reconcileAll, reconcileGuild } from '../use-cases/reconcile';
import { giveRefund } from '../use-cases/give-refund';
import { PaymentRefused } from '../../errors';
import { twoLotsPaidLate } from './two-lots-paid-late';
import { BUILDERS, GUILD, WINNER, type showPaymentsWorld } from '../../../test/support/show-payments';
import { logLinesOf } from '../../../test/support/log-lines';
import { ADMIN, command } from '../../../test/support/interactions';

const [juno] = BUILDERS;
const ADMIN_USER = '800000000000000099';
const first = auctionOfferOrderId('auct0001', 0);
const second = auctionOfferOrderId('auct0002', 0);
const lots = [first, second];
type World = ReturnType<typeof showPaymentsWorld>;

/** Two lots won from juno in one checkout, paid at Stripe after the checkout expired, and Stripe refusing C500's refund of it. */
async function refusedGiveBack() {
  const { w, paid } = await twoLotsPaidLate('checkout-expired');
  const refund = w.payments.refund.bind(w.payments);
  w.payments.refund = async () => {
    throw new PaymentRefused('Insufficient funds in your Stripe balance to refund this amount.', { stripeCode: 'balance_insufficient' });
  };
  const { lines } = await logLinesOf(() => w.deliver(paid));
  w.payments.refund = refund;
  return { w, pages: lines.filter((l) => l.event === 'money.needs-human').map((l) => l.reason) };
}

const refundCommand = (lot: string, by: 'admin' | 'builder' = 'admin', options: Record<string, string | number> = {}) =>
  by === 'admin'
    ? command({ name: 'c500', path: ['refund'], options: { order: lot, ...options }, userId: ADMIN_USER, permissions: ADMIN })
    : command({ name: 'c500', path: ['refund'], options: { order: lot, ...options }, userId: juno });

async function books(w: World) {
  await reconcileAll(w.deps, new Date(0));
  const report = await reconcileGuild(w.deps, GUILD);
  const entries = await journalOfGuild(w.store, GUILD);
  return { entries, report, held: lots.map((lot) => heldFor(entries, 'usd', lot)) };
}

async function refundLines(w: World) {
  const lines = await w.payments.listBalanceTransactions({ from: new Date(0), to: new Date(w.deps.clock.now().getTime() + 1_000) });
  return lines.filter((l) => l.type === 'refund').map((l) => -l.amountCents);
}

const toBuyer = (w: World) => w.dmsTo(WINNER).filter((m) => (m.content ?? '').includes('could not refund it at once'));

describe('a late payment whose give-back Stripe refused outright', () => {
  it('is held for the buyer and listed on the money check until given back', async () => {
    const { w, pages } = await refusedGiveBack();
    expect(pages).toEqual(['paid-after-expiry']);
    const { held, report } = await books(w);
    expect(held.every((cents) => cents > 0)).toBe(true);
    expect(report?.unexplained).toEqual([]);
    const byOrder = (a: { orderId?: string }, b: { orderId?: string }) => (a.orderId ?? '').localeCompare(b.orderId ?? '');
    expect(report?.uncleared.map((u) => ({ account: u.account, orderId: u.orderId, balanceCents: u.balanceCents })).sort(byOrder)).toEqual(
      lots.map((orderId, i) => ({ account: 'held', orderId, balanceCents: held[i] })).sort(byOrder),
    );
  });

  it('is given back by an admin’s /c500 refund through Stripe, journaled held -> refunded, cleared, the buyer told once', async () => {
    const { w } = await refusedGiveBack();
    const { held } = await books(w);
    for (const [i, lot] of lots.entries()) {
      const answer = await giveRefund(w.deps, refundCommand(lot));
      expect(answer.content).toContain(`\`${lot}\``);
      expect(answer.content).toContain('Stripe had refused');
      await w.deliver(w.event('charge.refunded', `evt_refunded_${i}`));
    }
    // The local Stripe's own refunds and ledger: one refund a lot, for exactly what it held.
    const refunds = await w.payments.listRefunds();
    expect(refunds.map((r) => r.amount).sort()).toEqual(held.slice().sort());
    expect((await refundLines(w)).sort()).toEqual(held.slice().sort());
    const after = await books(w);
    expect(unbalanced(after.entries)).toEqual([]);
    expect(after.held).toEqual([0, 0]);
    expect(after.report?.unexplained).toEqual([]);
    expect(after.report?.uncleared).toEqual([]);
    for (const lot of lots) expect(await w.order(lot)).toMatchObject({ status: 'expired', refundedCents: held[lots.indexOf(lot)] });
    expect(toBuyer(w)).toHaveLength(lots.length);
  });

  it('refunds once when the command is delivered again and pressed again', async () => {
    const { w } = await refusedGiveBack();
    const press = refundCommand(first);
    await giveRefund(w.deps, press);
    await giveRefund(w.deps, press);
    expect((await giveRefund(w.deps, refundCommand(first))).content).toContain('already');
    expect(await w.payments.listRefunds()).toHaveLength(1);
    expect(toBuyer(w)).toHaveLength(1);
    const { entries, held } = await books(w);
    expect(unbalanced(entries)).toEqual([]);
    expect(held[0]).toBe(0);
  });

  it('asks Stripe again under a new key when it refused the admin too, and says the money stays held', async () => {
    const { w } = await refusedGiveBack();
    const refund = w.payments.refund.bind(w.payments);
    const keys: string[] = [];
    w.payments.refund = async (request) => {
      keys.push(request.idempotencyKey);
      if (keys.length === 1) throw new PaymentRefused('Insufficient funds in your Stripe balance to refund this amount.');
      return refund(request);
    };
    expect((await giveRefund(w.deps, refundCommand(first))).content).toContain('stays held for its buyer');
    expect((await giveRefund(w.deps, refundCommand(first))).content).toContain('Stripe had refused');
    expect(new Set(keys).size).toBe(2);
    expect(await w.payments.listRefunds()).toHaveLength(1);
  });

  it('is the admin’s to give back: its builder is refused, nothing asked of Stripe', async () => {
    const { w } = await refusedGiveBack();
    const answer = await giveRefund(w.deps, refundCommand(first, 'builder'));
    expect(answer.content).toContain('expired');
    expect(await w.payments.listRefunds()).toEqual([]);
  });

  it('refunds only the exact amount held', async () => {
    const { w } = await refusedGiveBack();
    const answer = await giveRefund(w.deps, refundCommand(first, 'admin', { amount: '1.00' }));
    expect(answer.content).toContain('exactly');
    expect(await w.payments.listRefunds()).toEqual([]);
  });
});
