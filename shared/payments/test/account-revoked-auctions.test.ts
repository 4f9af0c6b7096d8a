/**
 * A builder who revokes C500's access to their Stripe account while their auction is live:
 * the auction stops taking bids at once (the book knows, so a bid needs no Firestore read),
 * bids or not; the channel hears why once, the builder is told how to reconnect; the hammer
 * opens no checkout. Redelivered, the deauthorization stops nothing twice.
 */
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { LocalPayments } from '../../local/stripe/payments';
import { startAuction } from '../../auctions/use-cases/start-auction';
import { auctionPath, type Auction } from '../../auctions/rules/auction';
import { bidAnswer } from '../../auctions/rules/auction-messages';
import { builderPath } from '../../onboarding/rules/builder';
import { handleStripeEvent } from '../use-cases/handle-stripe-event';
import type { StripeEvent } from '../rules/stripe-event';
import { paymentDepsFor } from '../../../test/support/payment-deps';
import { command } from '../../../test/support/interactions';

const BUILDER = '800000000000000021';
const BIDDER = '800000000000000031';
const CHANNEL = '910000000000000001';
const GUILD = '900000000000000001';
const clock = { now: () => new Date('2026-11-22T12:00:00Z') };

async function liveAuction() {
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox();
  const payments = new LocalPayments({ store, baseUrl: 'http://local', clock, sendEvent: async () => undefined });
  const { accountId } = await payments.createConnectedAccount({ builderId: BUILDER, country: 'US', serviceAgreement: 'full', idempotencyKey: 'acct' });
  await store.set(builderPath(BUILDER), { discordUserId: BUILDER, displayName: 'Juno', stripeAccountId: accountId, transfersActive: true });
  const deps = paymentDepsFor({ store, discord, payments, clock });
  await startAuction(
    { ...deps, lots: { channelHeldBy: async () => undefined } },
    command({ name: 'c500', path: ['auction', 'start'], userId: BUILDER, options: { item: 'Tofu65', price: '50', duration: '5m' } }),
  );
  const auctionId = (await deps.book.liveAuctionIn(CHANNEL)) as string;
  let bids = 0;
  const bid = (amountCents: number) =>
    deps.book.placeBid(
      { auctionId, channelId: CHANNEL },
      {
        bidId: `bid${++bids}`,
        guildId: GUILD,
        bidderId: BIDDER,
        bidderName: 'Ann',
        amountCents,
        maxCents: amountCents,
        responseToken: 't',
        atMs: clock.now().getTime() + 1_000,
        receivedAtMs: clock.now().getTime() + 1_000,
      },
    );
  const deauthorized = (id: string): StripeEvent => ({
    id,
    object: 'event',
    type: 'account.application.deauthorized',
    account: accountId,
    created: 200,
    livemode: false,
    data: { object: { id: 'ca_c500', object: 'application', name: 'C500 Collective' } },
  });
  const posts = () => discord.entries.filter((e) => e.kind === 'channel').map((e) => e.message.content ?? '');
  const dmsTo = (userId: string) => discord.entries.filter((e) => e.kind === 'dm' && e.userId === userId).map((e) => e.message.content ?? '');
  return { deps, store, auctionId, bid, deauthorized, posts, dmsTo };
}

describe('a builder who revokes C500’s access while their auction is live', () => {
  it('stops the auction, bids and all: the next bid is refused saying so, the channel and the builder hear why once', async () => {
    const w = await liveAuction();
    expect((await w.bid(5_000)).outcome).toBe('leading');
    await handleStripeEvent(w.deps, w.deauthorized('evt_1'));
    await handleStripeEvent(w.deps, w.deauthorized('evt_2'));

    const refused = await w.bid(10_000);
    expect(refused.outcome).toBe('closed');
    expect(bidAnswer(refused).content).toContain('Auction stopped');
    expect(await w.deps.book.liveAuctionIn(CHANNEL)).toBeUndefined();
    expect(await w.store.get<Auction>(auctionPath(w.auctionId))).toMatchObject({ status: 'cancelled', cancelledBecause: 'account-revoked' });
    expect(w.posts().filter((p) => p.includes('disconnected their Stripe account'))).toHaveLength(1);
    expect(w.dmsTo(BUILDER).filter((m) => m.includes('was stopped'))).toHaveLength(1);
    expect(await w.deps.book.hammer(w.auctionId, 0, clock.now().getTime() + 3_600_000)).toEqual({ kind: 'cancelled' });
  });
});
