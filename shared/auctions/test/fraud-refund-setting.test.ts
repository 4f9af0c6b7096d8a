/**
 * `/c500 auction settings fraud-refund:<bool>`: where a server says whether C500 refunds the
 * orders Stripe flags as likely fraud (the default) or holds them for an admin's review.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import { ADMIN, command } from '../../../test/support/interactions';
import { GUILD } from '../../../test/support/auction-book-fixtures';
import { configureAuctions, type TrustCommandDeps } from '../use-cases/trust-commands';
import { autoRefundsFraud, guildFraudSettingsPath } from '../../payments';

const ADMIN_ID = '800000000000000100';

function world() {
  const store = new LocalDocumentStore();
  const deps: TrustCommandDeps = {
    store,
    book: new InMemoryAuctionBook(),
    clock: { now: () => new Date('2026-11-27T20:00:00Z') },
    marketplace: { currency: 'usd' },
  };
  return { store, deps };
}
const asAdmin = (options: Record<string, string | number | boolean> = {}, permissions = ADMIN) =>
  command({ name: 'c500', path: ['auction', 'settings'], options, userId: ADMIN_ID, permissions });

describe('/c500 auction settings fraud-refund', () => {
  it('says the default: C500 refunds a flagged order whose money is all held', async () => {
    const w = world();
    expect((await configureAuctions(w.deps, asAdmin())).content).toContain('C500 refunds the order in full');
    expect(autoRefundsFraud(await w.store.get(guildFraudSettingsPath(GUILD)))).toBe(true);
  });

  it('turns the refund off for review by hand, and on again, beside the bidder rules', async () => {
    const w = world();
    const off = await configureAuctions(w.deps, asAdmin({ 'fraud-refund': false }));
    expect(off.content).toMatch(/^Saved\. /);
    expect(off.content).toContain('held for your review');
    expect(autoRefundsFraud(await w.store.get(guildFraudSettingsPath(GUILD)))).toBe(false);
    const on = await configureAuctions(w.deps, asAdmin({ 'fraud-refund': true, cooldown: 2 }));
    expect(on.content).toContain('C500 refunds the order in full');
    expect(autoRefundsFraud(await w.store.get(guildFraudSettingsPath(GUILD)))).toBe(true);
  });

  it('is refused to a member who is not an admin, and changes nothing', async () => {
    const w = world();
    await configureAuctions(w.deps, asAdmin({ 'fraud-refund': false }, '0'));
    expect(await w.store.get(guildFraudSettingsPath(GUILD))).toBeUndefined();
  });
});
