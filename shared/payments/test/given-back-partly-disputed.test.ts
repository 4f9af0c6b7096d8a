/**
 * A late payment whose give-back Stripe refused (the money stayed held for its buyer), charged
 * back in part by the buyer's bank (issue 75), against the local Stripe. Stripe refuses any
 * refund of a charge while its chargeback is open, and for good once the bank decided it for the
 * buyer (`charge_disputed`): an admin's `/c500 refund` meanwhile names the dispute and waits for
 * the bank, asking Stripe nothing; once C500 wins, it gives back what the lot holds; once the
 * buyer wins, the rest is paid back outside Stripe and recorded on the money check, journaled
 * held -> paid by hand. Amounts are read back from the local Stripe's own disputes and refunds.
 */
import { auctionOfferOrderId } from '../../auctions/use-cases/auction-offers';
import { heldForLateBuyerChargedBack, heldForLateBuyerDisputed, heldFor, journalOfGuild, unbalanced } from '../../journal';
import { reconcileAll, reconcileGuild } from '../use-cases/reconcile';
import { giveRefund } from '../use-cases/give-refund';
import { formatMoney } from '../../common';
import { recordBuyerPaid } from '../../dashboard/use-cases/money-check';
import type { DashboardDeps } from '../../dashboard';
import type { DashboardSession } from '../../dashboard';
import { PaymentRefused } from '../../errors';
import { twoLotsPaidLate } from './two-lots-paid-late';
import { GUILD, type showPaymentsWorld } from '../../../test/support/show-payments';
import { ADMIN, command } from '../../../test/support/interactions';

const ADMIN_USER = '800000000000000099';
const lots = [auctionOfferOrderId('auct0001', 0), auctionOfferOrderId('auct0002', 0)];
const chargedBackCents = 10_000;
type World = ReturnType<typeof showPaymentsWorld>;

/** Two lots paid after their checkout expired, Stripe refusing C500's give-back, then the bank charging back part of the charge. */
async function partlyChargedBack() {
  const { w, paid, sessionId } = await twoLotsPaidLate('checkout-expired', { fraudSettingsBy: ADMIN_USER });
  const refund = w.payments.refund.bind(w.payments);
  w.payments.refund = async () => {
    throw new PaymentRefused('Insufficient funds in your Stripe balance to refund this amount.', { stripeCode: 'balance_insufficient' });
  };
  await w.deliver(paid);
  w.payments.refund = refund;
  const heldBefore = (await books(w)).held;
  const chargeId = (await w.payments.chargeOfSession(sessionId)) as string;
  const opened = await w.payments.openDispute(chargeId, { reason: 'fraudulent', amountCents: chargedBackCents });
  if (opened.result !== 'changed') throw new Error('no dispute opened');
  for (const [type, id] of [
    ['charge.dispute.created', 'evt_dp_created'],
    ['charge.dispute.funds_withdrawn', 'evt_dp_withdrawn'],
  ] as const)
    await w.deliver(w.event(type, id));
  return { w, chargeId, heldBefore, disputeId: opened.object.id };
}

async function books(w: World) {
  await reconcileAll(w.deps, new Date(0));
  const report = await reconcileGuild(w.deps, GUILD);
  const entries = await journalOfGuild(w.store, GUILD);
  return { entries, report, held: lots.map((lot) => heldFor(entries, 'usd', lot)) };
}

const sum = (cents: readonly number[]) => cents.reduce((total, c) => total + c, 0);
const refundCommand = (lot: string) => command({ name: 'c500', path: ['refund'], options: { order: lot }, userId: ADMIN_USER, permissions: ADMIN });

async function decide(w: World, disputeId: string, status: 'won' | 'lost') {
  await w.payments.closeDispute(disputeId, status);
  await w.deliver(w.event('charge.dispute.closed', `evt_dp_${status}`));
  if (status === 'won') await w.deliver(w.event('charge.dispute.funds_reinstated', 'evt_dp_reinstated'));
}

const admin = { adminGuilds: [{ id: GUILD, name: 'Keebs' }] } as unknown as DashboardSession;

describe('a late payment Stripe would not give back, charged back in part', () => {
  it('holds the rest for the buyer while the bank decides: /c500 refund names the dispute and waits, Stripe is asked nothing, the money check lists it as waiting, the admin told what is left', async () => {
    const { w, heldBefore, disputeId } = await partlyChargedBack();
    const [dispute] = await w.payments.listDisputes();
    expect(dispute).toMatchObject({ id: disputeId, amount: chargedBackCents });
    const open = await books(w);
    expect(sum(open.held)).toBe(sum(heldBefore) - (dispute?.amount ?? 0));
    for (const lot of lots) {
      const answer = await giveRefund(w.deps, refundCommand(lot));
      expect(answer.content).toContain(`dispute \`${disputeId}\``);
      expect(answer.content).toContain('while its chargeback is open');
      expect(answer.content).toContain('Once the bank decides, C500 lists it again');
      expect((await w.order(lot)).givenRefunds ?? []).toEqual([]);
    }
    expect(await w.payments.listRefunds()).toEqual([]);
    expect(open.report?.unexplained).toEqual([]);
    expect(open.report?.uncleared.map((u) => [u.why, u.disputeId, u.balanceCents]).sort()).toEqual(
      open.held.map((cents) => [heldForLateBuyerDisputed, disputeId, cents]).sort(),
    );
    const toAdmin = w.dmsTo(ADMIN_USER).map((m) => m.content ?? '');
    expect(
      toAdmin.filter((m) => m.includes(`It charged back only part: ${formatMoney({ cents: sum(open.held), currency: 'usd' })} is still theirs`)),
    ).toHaveLength(1);
    const refused = await recordBuyerPaid({ ...w.deps } as unknown as DashboardDeps, admin, GUILD, lots[0] as string, { how: 'paypal' });
    expect(refused).toEqual({ ok: false, reason: 'disputed', disputeId });
  });

  it('is given back by /c500 refund once the bank decides for C500: what the lots hold, read back from the local Stripe’s refunds', async () => {
    const { w, heldBefore, disputeId } = await partlyChargedBack();
    await decide(w, disputeId, 'won');
    const won = await books(w);
    expect(sum(won.held)).toBe(sum(heldBefore));
    for (const lot of lots) expect((await giveRefund(w.deps, refundCommand(lot))).content).toContain('Stripe had refused');
    await w.deliver(w.event('charge.refunded', 'evt_refunded_after_win'));
    expect((await w.payments.listRefunds()).map((r) => r.amount).sort()).toEqual(won.held.slice().sort());
    const after = await books(w);
    expect(unbalanced(after.entries)).toEqual([]);
    expect(after.held).toEqual([0, 0]);
    expect(after.report?.unexplained).toEqual([]);
    expect(after.report?.uncleared).toEqual([]);
  });

  it('once the bank decides for the buyer, the admin is told the rest is theirs, paid back outside Stripe (which refuses it) and recorded, journaled held -> paid by hand', async () => {
    const { w, chargeId, disputeId } = await partlyChargedBack();
    await decide(w, disputeId, 'lost');
    const lost = await books(w);
    expect(lost.report?.uncleared.map((u) => [u.why, u.disputeId])).toEqual(lots.map(() => [heldForLateBuyerChargedBack, disputeId]));
    const told = w.dmsTo(ADMIN_USER).map((m) => m.content ?? '');
    expect(
      told.filter((m) => m.includes(`${formatMoney({ cents: sum(lost.held), currency: 'usd' })} is still theirs`) && m.includes('Record the buyer paid back')),
    ).toHaveLength(1);
    // The local Stripe refuses any refund of the charge, as Stripe does: /c500 refund does not ask it, and says what to do instead.
    await expect(w.payments.refund({ idempotencyKey: 'probe', chargeId, amountCents: 100, metadata: {} })).rejects.toMatchObject({
      stripeCode: 'charge_disputed',
    });
    for (const lot of lots) {
      const answer = await giveRefund(w.deps, refundCommand(lot));
      expect(answer.content).toContain(`dispute \`${disputeId}\``);
      expect(answer.content).toContain('Record the buyer paid back');
    }
    expect(await w.payments.listRefunds()).toEqual([]);
    for (const lot of lots)
      expect(await recordBuyerPaid({ ...w.deps } as unknown as DashboardDeps, admin, GUILD, lot, { how: 'bank-transfer' })).toEqual({ ok: true });
    const after = await books(w);
    const byHand = after.entries.filter((e) => e.kind === 'buyer-paid-outside');
    const paidByHand = byHand.map((e) => -(e.postings.find((p) => p.account === 'paid-by-hand')?.amountCents ?? 0));
    expect(paidByHand.sort()).toEqual(lost.held.slice().sort());
    expect(unbalanced(after.entries)).toEqual([]);
    expect(after.held).toEqual([0, 0]);
    expect(after.report?.unexplained).toEqual([]);
    expect(after.report?.uncleared).toEqual([]);
    expect(await recordBuyerPaid({ ...w.deps } as unknown as DashboardDeps, admin, GUILD, lots[0] as string, { how: 'bank-transfer' })).toEqual({
      ok: false,
      reason: 'nothing-owed',
    });
  });
});
