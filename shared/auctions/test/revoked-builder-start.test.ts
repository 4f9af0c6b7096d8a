/**
 * A builder who revoked C500's access to their Stripe account starts no auction and adds no
 * show lot: they are told how to reconnect. Reconnected (a new account that can be paid),
 * they sell again.
 */
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import { startAuction } from '../use-cases/start-auction';
import { builderPath, type Builder } from '../../onboarding';
import { command } from '../../../test/support/interactions';

const BUILDER = '800000000000000021';
const revoked: Builder = {
  discordUserId: BUILDER,
  displayName: 'Juno',
  stripeAccountId: 'acct_1',
  transfersActive: true,
  revokedAccount: { accountId: 'acct_1', revokedAt: '2026-11-22T20:00:00Z', eventId: 'evt_deauth' },
};

function world() {
  const store = new LocalDocumentStore();
  const deps = {
    store,
    book: new InMemoryAuctionBook(),
    discord: new DiscordOutbox(),
    tasks: { schedule: async () => 'scheduled' as const, cancel: async () => false },
    clock: { now: () => new Date('2026-11-22T21:00:00Z') },
    auctions: { payMinutes: 60, secondChanceDepth: 2, strikesToBan: 2, counterBidSeconds: 10, settleMs: 2_000 },
    marketplace: { currency: 'usd' },
    lots: { channelHeldBy: async () => undefined },
  };
  const start = () =>
    startAuction(deps, command({ name: 'c500', path: ['auction', 'start'], userId: BUILDER, options: { item: 'Tofu65', price: '50', duration: '5m' } }));
  return { deps, store, start };
}

describe('a builder who revoked C500’s access to their Stripe account', () => {
  it('is refused a new auction, told in private how to reconnect', async () => {
    const w = world();
    await w.store.set(builderPath(BUILDER), revoked);
    const answer = await w.start();
    expect(answer.flags).toBe(64);
    expect(answer.content).toContain('you disconnected your Stripe account');
    expect(answer.content).toContain('/c500 onboard');
    expect(await w.deps.book.liveAuctionIn('910000000000000001')).toBeUndefined();
  });

  it('starts auctions again once a new account is connected', async () => {
    const w = world();
    await w.store.set(builderPath(BUILDER), { ...revoked, stripeAccountId: 'acct_2' });
    const answer = await w.start();
    expect(answer.content).not.toContain('didn’t start');
    expect(await w.deps.book.liveAuctionIn('910000000000000001')).toBeDefined();
  });
});
