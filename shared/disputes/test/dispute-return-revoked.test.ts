/**
 * A won dispute whose builder revoked C500's access meanwhile (issue 49, found by the soak's
 * seed 2): what the dispute took back from them cannot reach their revoked account, so the
 * return is held on the dispute (not refused and forgotten), they and their server's admin
 * are told once, and it goes out to the account they connect next, once, however often
 * either event comes. The host, whose account still works, gets their part at once.
 */
import { LOT, releasedLot } from './released-lot';
import { guildFraudSettingsPath, type StripeEvent } from '../../payments';
import { builderPath } from '../../onboarding';
import { releaseAfterReconnect } from '../../live';
import { BUILDERS, GUILD } from '../../../test/support/show-payments';

const [juno] = BUILDERS;
const ADMIN = '800000000000000099';

async function wonWhileRevoked() {
  const lot = await releasedLot();
  const { w, dispute } = lot;
  await w.store.set(guildFraudSettingsPath(GUILD), { configuredBy: ADMIN });
  const accountId = (await w.store.get(builderPath(juno)))?.stripeAccountId as string;
  await w.deliver(dispute('charge.dispute.created', 'dp_1', 'needs_response'));
  await w.deliver(dispute('charge.dispute.funds_withdrawn', 'dp_1', 'needs_response'));
  await w.payments.deauthorize(accountId);
  const revoked: StripeEvent = { ...w.event('account.application.deauthorized', 'evt_revoked'), account: accountId };
  await w.deliver(revoked);
  await w.deliver(dispute('charge.dispute.closed', 'dp_1', 'won', undefined, 'evt_won'));
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
  return { ...lot, accountId, reconnect, returns };
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
    expect((await w.order(LOT)).payouts.builder.reversedCents ?? 0).toBe(0);
    expect((await w.order(LOT)).payouts.host?.reversedCents ?? 0).toBe(0);
    // The first release (reversed by the dispute) and the return: 30,000 to the builder across both accounts, 6,000 to the host.
    const all = (await w.payments.listTransfers()).filter((t) => t.metadata.order_id === LOT);
    expect(
      all.filter((t) => t.metadata.part !== 'host-cut' && t.metadata.part !== 'dispute-return-host').reduce((s, t) => s + t.amount - t.amount_reversed, 0),
    ).toBe(30_000);
    expect((await nets()).host).toBe(6_000);
  });
});
