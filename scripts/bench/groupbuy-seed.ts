/**
 * What `bench:groupbuy` finds in the store when the runtime starts: a builder who sells, and
 * a group buy about to close with PLEDGES pledges, each with its card saved at the local
 * Stripe through the setup flow itself (a customer, a setup-mode session, a test card saved on
 * its page: a share of them cards that need their buyer), and the close's task armed, as the
 * front half leaves them. Made in this process on the embedded store and written as its
 * snapshot, so the benchmark measures the close, not 2,000 setup checkouts.
 */
import { join } from 'node:path';
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { LocalPayments } from '../../shared/local/stripe/payments';
import type { TestCardKind } from '../../shared/local/stripe/test-cards';
import { LocalTaskQueue } from '../../shared/local/cloud-tasks/task-queue';
import { builderPath } from '../../shared/onboarding';
import { closeTaskOf, groupBuyPath, pledgePath, type GroupBuy, type Pledge } from '../../shared/groupbuys';
import { taskTarget } from '../../shared/registry';
import { systemClock } from '../../shared/ports';

/** Ids shaped as C500 makes them (eight of `0-9a-z`): a pledge's pay page answers 400 to any other. */
export const benchGroupBuy = { groupBuyId: 'gbbench1', guildId: '900000000000000066', channelId: '910000000000000066', builderId: '800000000000000066' };
export const benchBuyer = (i: number): string => `82${String(i).padStart(16, '0')}`;
/** The group buys a run closes together: the first is `benchGroupBuy`; another has its own id, post and buyers (`83…`, `84…`). */
export const benchGroupBuyIds = (count: number): string[] => Array.from({ length: count }, (_, n) => (n === 0 ? benchGroupBuy.groupBuyId : `gbbench${n + 1}`));
const buyerOf = (n: number, i: number): string => (n === 0 ? benchBuyer(i) : `${82 + n}${String(i).padStart(16, '0')}`);

/** Every `needsBuyerEvery`-th pledge saves a card that demands authentication off session (its pay link is part of the close). */
const cardOf = (i: number, needsBuyerEvery: number): TestCardKind =>
  needsBuyerEvery > 0 && i % needsBuyerEvery === needsBuyerEvery - 1 ? 'authentication_required' : 'works';

async function savedCard(stripe: LocalPayments, buyerId: string, card: TestCardKind) {
  const { customerId } = await stripe.createCustomer({ idempotencyKey: `bench-customer:${buyerId}`, metadata: { member_id: buyerId } });
  const session = await stripe.createCardSetupSession({
    idempotencyKey: `bench-setup:${buyerId}`,
    customerId,
    currency: 'usd',
    consentText: 'Charged only if the minimum is met.',
    metadata: { member_id: buyerId },
    successUrl: 'http://127.0.0.1/ok',
    cancelUrl: 'http://127.0.0.1/no',
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  await stripe.saveCard(session.sessionId, card);
  const setup = await stripe.readCardSetup(session.sessionId);
  if (!setup.paymentMethodId) throw new Error(`no card saved for ${buyerId}`);
  return { customerId, setupSessionId: session.sessionId, paymentMethodId: setup.paymentMethodId };
}

function groupBuyOf(pledges: number, closesAt: Date, groupBuyId: string, n: number): GroupBuy {
  const opensAt = new Date(closesAt.getTime() - 7 * 86_400_000).toISOString();
  return {
    ...benchGroupBuy,
    groupBuyId,
    title: n === 0 ? 'Bench65 keycap set' : `Bench65 keycap set, round ${n + 1}`,
    builderName: 'bench builder',
    priceCents: 11_900,
    currency: 'usd',
    moq: Math.ceil(pledges / 2),
    opensAt,
    closesAt: closesAt.toISOString(),
    shipsMonth: '2027-09',
    tranches: [
      { milestone: 'parts-in', percent: 30 },
      { milestone: 'done', percent: 70 },
    ],
    status: 'open',
    pledgedUnits: pledges,
    pledgers: pledges,
    byInteraction: '930000000000000066',
    createdAt: opensAt,
  };
}

/**
 * Seeds `dataDir/store.json`; each close is armed for `closesAt` plus the settle window (as the front half arms it), `groupBuys`
 * of them (one builder's) closing together. Answers how many pledges saved a card that needs its buyer.
 */
export async function seedGroupBuyStore(dataDir: string, pledges: number, closesAt: () => Date, needsBuyerEvery: number, groupBuys = 1): Promise<number> {
  const store = new LocalDocumentStore({ snapshotFile: join(dataDir, 'store.json') });
  const stripe = new LocalPayments({ store, baseUrl: 'http://127.0.0.1', clock: systemClock, sendEvent: async () => undefined });
  const { accountId } = await stripe.createConnectedAccount({
    builderId: benchGroupBuy.builderId,
    country: 'US',
    serviceAgreement: 'full',
    idempotencyKey: 'bench-acct',
  });
  await stripe.completeOnboarding(accountId);
  await store.set(builderPath(benchGroupBuy.builderId), {
    discordUserId: benchGroupBuy.builderId,
    displayName: 'bench builder',
    stripeAccountId: accountId,
    chargesEnabled: true,
    transfersActive: true,
  });
  let needsBuyer = 0;
  const ids = benchGroupBuyIds(groupBuys);
  for (const [n, groupBuyId] of ids.entries()) needsBuyer += await seedPledges(store, stripe, groupBuyId, n, pledges, needsBuyerEvery);
  // Last, once the cards are saved: the closes come a little after the runtime has started.
  const at = closesAt();
  const queue = new LocalTaskQueue({ store, deliver: async () => 200, maxAttempts: () => 1 });
  for (const [n, groupBuyId] of ids.entries()) {
    const groupBuy = groupBuyOf(pledges, at, groupBuyId, n);
    await store.set(groupBuyPath(groupBuy.groupBuyId), groupBuy);
    const close = closeTaskOf(groupBuy);
    const target = taskTarget('groupbuyClose');
    await queue.schedule({ queue: target.queue, name: close.name, target: target.route, payload: close.payload, runAt: new Date(close.atMs) });
  }
  queue.close();
  await store.close();
  return needsBuyer;
}

async function seedPledges(
  store: LocalDocumentStore,
  stripe: LocalPayments,
  groupBuyId: string,
  n: number,
  pledges: number,
  needsBuyerEvery: number,
): Promise<number> {
  let needsBuyer = 0;
  for (let i = 0; i < pledges; i++) {
    const buyerId = buyerOf(n, i);
    const card = cardOf(i, needsBuyerEvery);
    if (card !== 'works') needsBuyer += 1;
    const at = new Date(Date.now() - 86_400_000 + i).toISOString();
    const pledge: Pledge = { groupBuyId, buyerId, buyerName: `buyer ${i}`, quantity: 1, status: 'pledged', joinedAt: at, pledgedAt: at };
    await store.set(pledgePath(groupBuyId, buyerId), { ...pledge, ...(await savedCard(stripe, buyerId, card)) });
  }
  return needsBuyer;
}
