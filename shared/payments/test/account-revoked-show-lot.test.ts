/**
 * A builder who revokes C500's access while their lot is on a show's block: the lot stops
 * taking bids at once (nobody could pay them), the show is told the lot is over and goes on
 * to its next lot instead of waiting on a hammer that never falls, their lots still up next
 * are skipped when their turn comes, and a lot they try to add is refused saying why.
 * Redelivered, the deauthorization moves the show on once.
 */
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { LocalPayments } from '../../local/stripe/payments';
import { auctionPath, type Auction } from '../../auctions';
import { builderPath } from '../../onboarding/rules/builder';
import { handleStripeEvent } from '../use-cases/handle-stripe-event';
import type { StripeEvent } from '../rules/stripe-event';
import { paymentDepsFor } from '../../../test/support/payment-deps';
import type { ScheduledTask, TaskQueue } from '../../ports';
import { putUpNextLot } from '../../shows/use-cases/put-up-next-lot';
import { showChannelPath, showPath } from '../../shows/rules/show';
import { addLot } from '../../shows/use-cases/add-lot';
import { command } from '../../../test/support/interactions';
import { grantedTaskQueue } from '../../local/grants';
import { functionRegistry } from '../../registry';
import { withPaymentModules } from '../../router/payment-wiring';
import { aShow, lot, nowMs, SHOW } from '../../shows/test/show-board-fixtures';

const clock = { now: () => new Date(nowMs) };

async function showWithLotOnTheBlock() {
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox(undefined, { clock });
  const scheduled: ScheduledTask[] = [];
  const tasks: TaskQueue = { schedule: async (task) => (scheduled.push(task), 'scheduled'), cancel: async () => false };
  const payments = new LocalPayments({ store, baseUrl: 'http://local', clock, sendEvent: async () => undefined });
  const accounts: string[] = [];
  for (const n of [1, 2]) {
    const builderId = `builder-id-${n}`;
    const { accountId } = await payments.createConnectedAccount({ builderId, country: 'US', serviceAgreement: 'full', idempotencyKey: `acct${n}` });
    await payments.completeOnboarding(accountId);
    await store.set(builderPath(builderId), { discordUserId: builderId, displayName: `Builder ${n}`, stripeAccountId: accountId, transfersActive: true });
    accounts.push(accountId);
  }
  const deps = paymentDepsFor({ store, discord, payments, clock, tasks });
  // Builder 1's first lot goes up; their second and builder 2's wait.
  await store.set(showPath(SHOW), aShow([lot(1), lot(2), lot(3, { builderId: 'builder-id-1', builderName: 'Builder 1' })], { step: 0 }));
  const up = await putUpNextLot(deps, SHOW, { by: 'start' });
  if (up.kind !== 'up') throw new Error(`the first lot did not go up: ${up.kind}`);
  let bids = 0;
  const bid = (amountCents: number) =>
    deps.book.placeBid(
      { auctionId: up.auctionId, channelId: 'c1' },
      {
        bidId: `bid${++bids}`,
        guildId: 'g1',
        bidderId: 'bidder-1',
        bidderName: 'Ann',
        amountCents,
        maxCents: amountCents,
        responseToken: 't',
        atMs: nowMs + 1_000,
        receivedAtMs: nowMs + 1_000,
      },
    );
  const deauthorized = (id: string): StripeEvent => ({
    id,
    object: 'event',
    type: 'account.application.deauthorized',
    account: accounts[0],
    created: Math.floor(nowMs / 1000) + 5,
    livemode: false,
    data: { object: { id: 'ca_c500', object: 'application', name: 'C500 Collective' } },
  });
  // Stripe's events are handled with the grants terraform gives their function (as the local runtime enforces them).
  const stripeEvents = functionRegistry.find((f) => f.name === 'stripeEvents');
  if (!stripeEvents) throw new Error('no stripeEvents in the registry');
  const asStripeEvents = withPaymentModules({ ...deps, tasks: grantedTaskQueue(stripeEvents, tasks) });
  const deliver = (event: StripeEvent) => handleStripeEvent(asStripeEvents, event);
  return { deps, store, scheduled, auctionId: up.auctionId, bid, deauthorized, deliver, show: async () => store.get(showPath(SHOW)) };
}

describe('a builder who revokes C500’s access while their lot is on a show’s block', () => {
  it('stops the lot, bids and all, and the show goes on to the next lot once, however often the event comes', async () => {
    const w = await showWithLotOnTheBlock();
    expect((await w.bid(5_000)).outcome).toBe('leading');
    await w.deliver(w.deauthorized('evt_1'));
    await w.deliver(w.deauthorized('evt_2'));

    expect((await w.bid(10_000)).outcome).toBe('closed');
    expect(await w.store.get<Auction>(auctionPath(w.auctionId))).toMatchObject({ status: 'cancelled', cancelledBecause: 'account-revoked' });
    const show = await w.show();
    expect(show?.lots.map((l) => l.state)).toEqual(['done', 'up-next', 'up-next']);
    expect(show?.step).toBe(2);
    expect(new Set(w.scheduled.filter((t) => t.queue === 'show-next').map((t) => t.name))).toEqual(new Set(['show-sh0w0001-lot-lot00002-s2']));
  });

  it('skips their lot still up next when its turn comes, and puts up the next builder’s', async () => {
    const w = await showWithLotOnTheBlock();
    await w.deliver(w.deauthorized('evt_1'));
    const task = w.scheduled.find((t) => t.queue === 'show-next');
    await w.deps.store.update(showPath(SHOW), { nextLotAt: null });
    const next = await putUpNextLot(w.deps, SHOW, { by: 'task', task: task?.payload as never });
    expect(next).toMatchObject({ kind: 'up', lot: { lotId: 'lot00002' } });
    const show = await w.show();
    expect(show?.lots.map((l) => l.state)).toEqual(['done', 'live', 'up-next']);
  });
});

describe('a builder who revoked C500’s access adding a lot to a show', () => {
  it('is refused, told why and how to connect again, and the show is left as it was', async () => {
    const w = await showWithLotOnTheBlock();
    await w.deliver(w.deauthorized('evt_1'));
    // The show in the channel the command comes from.
    const channelId = '910000000000000001';
    await w.store.set(showPath(SHOW), aShow([], { guildId: '900000000000000001', channelId, status: 'planning' }));
    await w.store.set(showChannelPath(channelId), { showId: SHOW, guildId: '900000000000000001' });
    const answer = await addLot(
      w.deps,
      command({ name: 'c500', path: ['show', 'add'], userId: 'builder-id-1', options: { item: 'Tofu65', price: 50, duration: '45s' } }),
    );
    expect(answer.content).toContain('you disconnected your Stripe account from C500');
    expect(answer.content).toContain('/c500 onboard');
    expect(answer.flags).toBe(64);
    expect((await w.show())?.lots).toEqual([]);
  });
});
