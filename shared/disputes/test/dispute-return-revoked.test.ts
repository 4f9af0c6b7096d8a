/**
 * A won dispute whose builder revoked C500's access meanwhile (issue 49, found by the soak's
 * seed 2): what the dispute took back from them cannot reach their revoked account, so the
 * return is held on the dispute (not refused and forgotten), they and their server's admin
 * are told once, and it goes out to the account they connect next, once, however often
 * either event comes. The host, whose account still works, gets their part at once.
 */
import { LOT, releasedLot } from './released-lot';
import { disputeDms } from '../rules/dispute-messages';
import type { Dispute } from '../rules/dispute';
import fc from 'fast-check';
import { guildFraudSettingsPath, type StripeEvent } from '../../payments';
import { builderDueCents, builderPartOfRefund, hostPartOfRefund } from '../../orders';
import { builderPath } from '../../onboarding';
import { releaseAfterReconnect } from '../../live';
import { BUILDERS, GUILD } from '../../../test/support/show-payments';
import { journalMoneyOf } from '../../../test/support/orders';

const [juno] = BUILDERS;
const ADMIN = '800000000000000099';

async function wonWhileRevoked(priceCents?: number, disputedCents?: number) {
  const lot = await releasedLot(priceCents);
  const { w, dispute } = lot;
  await w.store.set(guildFraudSettingsPath(GUILD), { configuredBy: ADMIN });
  const accountId = (await w.store.get(builderPath(juno)))?.stripeAccountId as string;
  await w.deliver(dispute('charge.dispute.created', 'dp_1', 'needs_response', disputedCents));
  await w.deliver(dispute('charge.dispute.funds_withdrawn', 'dp_1', 'needs_response', disputedCents));
  await w.payments.deauthorize(accountId);
  const revoked: StripeEvent = { ...w.event('account.application.deauthorized', 'evt_revoked'), account: accountId };
  await w.deliver(revoked);
  const won = dispute('charge.dispute.closed', 'dp_1', 'won', disputedCents, 'evt_won');
  if (priceCents === undefined) await w.deliver(won);
  /** The builder connects a new account Stripe has checked (`account.updated` runs the reconnection). */
  const reconnect = async () => {
    const { accountId: next } = await w.payments.createConnectedAccount({
      builderId: juno,
      country: 'US',
      serviceAgreement: 'full',
      idempotencyKey: 'acct:again',
    });
    await w.payments.completeOnboarding(next);
    await w.store.update(builderPath(juno), { stripeAccountId: next, transfersActive: true });
    return next;
  };
  const returns = async (part: string) => (await w.payments.listTransfers()).filter((t) => t.metadata.part === part);
  return { ...lot, accountId, won, reconnect, returns };
}

describe('a won dispute’s return to a builder who revoked C500’s access', () => {
  it('holds the builder’s part on the dispute instead of sending it or giving it up, and sends the host theirs', async () => {
    const { w, returns } = await wonWhileRevoked();
    const dispute = (await w.order(LOT)).dispute;
    expect(dispute).toMatchObject({ state: 'won', returning: { builderCents: 30_000, hostCents: 6_000 }, returnHeld: ['builder'] });
    expect(dispute?.returnedAt).toBeUndefined();
    expect(dispute?.returnRefusal).toBeUndefined();
    expect(await returns('dispute-return')).toEqual([]);
    expect((await returns('dispute-return-host')).map((t) => t.amount)).toEqual([6_000]);
  });

  it('tells the builder and the server’s admin once, plainly, however often the win comes', async () => {
    const { w, dispute } = await wonWhileRevoked();
    await w.deliver(dispute('charge.dispute.closed', 'dp_1', 'won', undefined, 'evt_won_again'));
    const toBuilder = w.dmsTo(juno).filter((m) => m.content?.includes('it took back'));
    const toAdmin = w.dmsTo(ADMIN).filter((m) => m.content?.includes('it took back'));
    expect(toBuilder).toHaveLength(1);
    expect(toBuilder[0]?.content).toContain('$300.00');
    expect(toBuilder[0]?.content).toContain('/c500 onboard');
    expect(toAdmin).toHaveLength(1);
    expect(toAdmin[0]?.content).toContain(`<@${juno}>`);
  });

  it('tells the builder the win’s money is held until they reconnect Stripe, never that it is theirs again', async () => {
    const { w } = await wonWhileRevoked();
    const won = w.dmsTo(juno).filter((m) => m.content?.startsWith('✅'));
    expect(won.map((m) => m.content)).toEqual([disputeDms.wonHeld({ orderIds: [LOT] } as Dispute).content]);
    expect(w.dmsTo(juno).some((m) => m.content?.includes('yours again, and a release'))).toBe(false);
  });

  it('sends the held part to the account they connect next, once, and the lot’s transfers come out whole', async () => {
    const { w, reconnect, returns, nets } = await wonWhileRevoked();
    const next = await reconnect();
    await releaseAfterReconnect(w.deps, next);
    await releaseAfterReconnect(w.deps, next);
    const back = await returns('dispute-return');
    expect(back.map((t) => [t.destination, t.amount])).toEqual([[next, 30_000]]);
    const dispute = (await w.order(LOT)).dispute;
    expect(dispute?.returnedAt).toBeDefined();
    expect(dispute?.returnHeld).toBeUndefined();
    expect(dispute?.parts?.builder?.returnTransferId).toBe(back[0]?.id);
    // The journal agrees: each holds its whole share, the return making up for the dispute's reversal.
    expect(await w.journalNets(LOT)).toEqual({ builder: 30_000, host: 6_000 });
    // The first release (reversed by the dispute) and the return: 30,000 to the builder across both accounts, 6,000 to the host.
    const all = (await w.payments.listTransfers()).filter((t) => t.metadata.order_id === LOT);
    expect(
      all.filter((t) => t.metadata.part !== 'host-cut' && t.metadata.part !== 'dispute-return-host').reduce((s, t) => s + t.amount - t.amount_reversed, 0),
    ).toBe(30_000);
    expect((await nets()).host).toBe(6_000);
  });
});

describe('a refund after a won dispute whose return to the builder is held for their revoked account', () => {
  it('takes the builder’s part from the held return: the subscriber answers, nothing is reversed for it, and a redelivery takes nothing more', async () => {
    const { w, refund, returns } = await wonWhileRevoked();
    const refunded = await refund(10_000);
    await w.deliver(refunded);
    await w.deliver(w.event('charge.refunded', 'evt_refunded_again'));
    const order = await w.order(LOT);
    // 10,000 of 40,000 refunded: 7,500 is the builder's part, 1,500 the host's (whose return already went out, so it is reversed).
    expect(order.dispute).toMatchObject({
      returning: { builderCents: 22_500, hostCents: 6_000 },
      returnHeld: ['builder'],
    });
    expect(order.pendingReversals ?? []).toEqual([]);
    expect((await w.journalDebts(LOT)).builderDebt).toBe(0);
    // The builder's release: reversed by the dispute alone (30,000), nothing more for the refund.
    const builders = (await w.payments.listTransfers()).filter(
      (t) => t.metadata.order_id === LOT && !['host-cut', 'dispute-return-host'].includes(t.metadata.part ?? ''),
    );
    expect(builders.map((t) => [t.amount, t.amount_reversed])).toEqual([[30_000, 30_000]]);
    expect(await returns('dispute-return')).toEqual([]);
  });

  it('sends only what the refund left of the held return once they reconnect, so each ends with what the refund alone leaves them, to the cent', async () => {
    const { w, refund, reconnect, returns, nets } = await wonWhileRevoked();
    await w.deliver(await refund(10_000));
    const next = await reconnect();
    await releaseAfterReconnect(w.deps, next);
    const order = await w.order(LOT);
    expect((await returns('dispute-return')).map((t) => [t.destination, t.amount])).toEqual([[next, 22_500]]);
    expect(order.dispute?.returnedAt).toBeDefined();
    expect({ builder: (await w.journalNets(LOT)).builder, debt: (await w.journalDebts(LOT)).builderDebt }).toEqual({ builder: 22_500, debt: 0 });
    const all = (await w.payments.listTransfers()).filter(
      (t) => t.metadata.order_id === LOT && t.metadata.part !== 'host-cut' && t.metadata.part !== 'dispute-return-host',
    );
    expect(all.reduce((s, t) => s + t.amount - t.amount_reversed, 0)).toBe(22_500);
    expect((await nets()).host).toBe(6_000 - 1_500);
  });

  it('sends nothing when a refund took all that was held, and the reconnection ends the return', async () => {
    const { w, refund, reconnect, returns } = await wonWhileRevoked();
    await w.deliver(await refund(40_000));
    expect((await w.order(LOT)).dispute?.returning?.builderCents).toBe(0);
    await releaseAfterReconnect(w.deps, await reconnect());
    const dispute = (await w.order(LOT)).dispute;
    expect(dispute?.returnHeld).toBeUndefined();
    expect(dispute?.returnedAt).toBeDefined();
    expect(await returns('dispute-return')).toEqual([]);
    expect((await journalMoneyOf(w.store, LOT)).builder.reversedCents).toBe(30_000);
    expect((await w.journalDebts(LOT)).builderDebt).toBe(0);
  });

  it('reverses from the return what a refund took of the held part while the reconnection was sending it: the builder ends as the refund leaves them', async () => {
    const { w, refund, reconnect, returns } = await wonWhileRevoked();
    const next = await reconnect();
    const refunded = await refund(10_000);
    // The refund is handled after the return's transfer is made and before the return is recorded.
    const payments = Object.create(w.deps.payments) as typeof w.deps.payments;
    payments.createTransfer = async (input) => {
      const made = await w.deps.payments.createTransfer(input);
      if (input.metadata?.part === 'dispute-return') await w.deliver(refunded);
      return made;
    };
    await releaseAfterReconnect({ ...w.deps, payments }, next);
    const order = await w.order(LOT);
    expect(order.pendingReversals ?? []).toEqual([]);
    expect(order.dispute).toMatchObject({ returning: { builderCents: 30_000 } });
    expect((await returns('dispute-return')).map((t) => [t.amount, t.amount_reversed])).toEqual([[30_000, 7_500]]);
    expect({ holds: (await w.journalNets(LOT)).builder, debt: (await w.journalDebts(LOT)).builderDebt }).toEqual({ holds: 22_500, debt: 0 });
  });
});

const stories = fc.record({
  priceCents: fc.integer({ min: 1_000, max: 250_000 }),
  disputedShare: fc.double({ min: 0.01, max: 1, noNaN: true }),
  refundShare: fc.double({ min: 0.001, max: 1, noNaN: true }),
  /** When the refund is delivered: before the win (it waits), between the hold and the reconnection, or after the reconnection. */
  refundAt: fc.constantFrom('before-win', 'while-held', 'after-reconnect'),
  redeliverAfterReconnect: fc.boolean(),
});

describe('a won dispute held for a revoked account and a refund after it, Stripe’s events in any order', () => {
  it('leaves the builder and the host what the refund alone leaves them, to the cent, with nothing pending: what Stripe would not reverse from the revoked account is owed', async () => {
    await fc.assert(
      fc.asyncProperty(stories, async ({ priceCents, disputedShare, refundShare, refundAt, redeliverAfterReconnect }) => {
        const disputedCents = Math.max(1, Math.floor(priceCents * disputedShare));
        // Stripe refunds after a win only what the bank did not take: a refund reaching into the disputed part is the case here.
        const refundCents = Math.max(1, Math.floor(priceCents * refundShare));
        const { w, won, refund, reconnect, nets } = await wonWhileRevoked(priceCents, disputedCents);
        const refunded = await refund(refundCents);
        const again = () => w.deliver(w.event('charge.refunded'));
        if (refundAt === 'before-win') await w.deliver(refunded).catch(() => undefined);
        await w.deliver(won);
        if (refundAt === 'before-win') await again();
        if (refundAt === 'while-held') await w.deliver(refunded);
        const next = await reconnect();
        await releaseAfterReconnect(w.deps, next);
        if (refundAt === 'after-reconnect') await w.deliver(refunded);
        if (redeliverAfterReconnect) await again();
        const order = await w.order(LOT);
        expect(order.pendingReversals ?? []).toEqual([]);
        // What of a refund is not taken from the held return is reversed from the transfer to the account the builder
        // revoked: Stripe refuses that (account_invalid), so that part is owed instead. The host's account still works.
        const debts = await w.journalDebts(order.orderId);
        expect(debts.hostDebt).toBe(0);
        expect(order.dispute?.returnedAt).toBeDefined();
        const builderNet = (await w.payments.listTransfers())
          .filter((t) => t.metadata.order_id === LOT && t.metadata.part !== 'host-cut' && t.metadata.part !== 'dispute-return-host')
          .reduce((s, t) => s + t.amount - t.amount_reversed, 0);
        expect({ builder: builderNet - debts.builderDebt, host: (await nets()).host }).toEqual({
          builder: builderDueCents(order) - builderPartOfRefund(order, refundCents),
          host: (order.hostCutCents ?? 0) - hostPartOfRefund(order, refundCents),
        });
      }),
      { numRuns: 30 },
    );
  });
});
