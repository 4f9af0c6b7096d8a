/**
 * A builder who erases themselves (issue 79, item 7): with no open order, dispute or debt, their
 * builder profile goes whole, Twitch link included, and the erasure reaches their channel's
 * EventSub subscriptions through the linked account; with one open, the Stripe Connect account
 * stays for it (the Twitch link still goes), and the answer says why.
 */
import { putDebtEntry } from './fixtures/debt-journal';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { anyDocument, findMemberData } from '../use-cases/find-member-data';
import { eraseMemberData } from '../use-cases/erase-member';
import { erasedName, heldOpenOf, withOthersOpen } from '../rules/member-data';
import { keptDocumentAt } from '../rules/kept-data';
import type { Fields } from '../rules/field-paths';

const builder = '811000000000000202';
const buyer = '811000000000000101';
const clock = { now: () => new Date('2026-11-20T12:00:00Z') };
const builderDoc = anyDocument<Fields>(`builders/${builder}`);
const channelDoc = anyDocument<Fields>('twitchChannels/55001');
const debtDoc = anyDocument<Fields>(`debts/g1:${builder}`);
/** The debt's document, its `owedCents` a cache: what the builder owes is their journal's fold. */
const debtOf = (owedCents: number): Fields => ({ guildId: 'g1', userId: builder, owedCents, currency: 'eur', updatedAt: '2026-11-01T00:00:00Z' });

async function linkedBuilder(): Promise<LocalDocumentStore> {
  const store = new LocalDocumentStore();
  await store.set(builderDoc, {
    discordUserId: builder,
    displayName: 'Bo Builder',
    stripeAccountId: 'acct_bo',
    stripeCountry: 'US',
    twitch: { userId: '55001', login: 'bo_builds', displayName: 'BoBuilds' },
    eventSub: { subscriptionId: 'sub_1', status: 'enabled' },
  });
  await store.set(channelDoc, { builderId: builder, login: 'bo_builds', linkedAt: '2026-11-01T00:00:00Z' });
  return store;
}

/** The erasure, recording which identities it reached outside the store (where the EventSub subscriptions are deleted). */
async function erase(store: LocalDocumentStore) {
  const reached: string[] = [];
  const outcome = await eraseMemberData({ store, clock, eraseElsewhere: async (identity) => (reached.push(identity), 0) }, builder);
  return { outcome, reached };
}

describe('a builder who erases themselves', () => {
  it('GIVEN no sales THEN their profile and Twitch link are deleted, their channel is reached to end its subscriptions, and nothing is said to be kept', async () => {
    const store = await linkedBuilder();
    const { outcome, reached } = await erase(store);
    expect(await store.get(builderDoc)).toBeUndefined();
    expect(await store.get(channelDoc)).toBeUndefined();
    expect(reached).toEqual([builder, 'twitch:55001']);
    expect(outcome).toEqual({ kind: 'erased', changed: 2, kept: [] });
  });

  it('GIVEN an order they sell still open THEN the Stripe account stays for it, the Twitch link goes, and the answer says why', async () => {
    const store = await linkedBuilder();
    await store.set(anyDocument<Fields>('orders/o1'), { orderId: 'o1', status: 'paid', buyerId: buyer, builderId: builder, builderName: 'Bo Builder' });
    const { outcome } = await erase(store);
    const kept = await store.get(builderDoc);
    expect(kept).toMatchObject({ discordUserId: builder, stripeAccountId: 'acct_bo' });
    expect(kept?.twitch).toBeUndefined();
    expect(kept?.displayName).toBe(erasedName);
    expect(await store.get(channelDoc)).toBeUndefined();
    expect(outcome.kind === 'erased' && outcome.kept).toContain("a builder's Stripe Connect account: kept while an order they sell is open or they owe C500");
  });

  it('GIVEN a debt to C500 THEN the Stripe account stays; GIVEN the debt settled THEN the profile goes whole', async () => {
    const owing = await linkedBuilder();
    await owing.set(debtDoc, debtOf(500));
    await putDebtEntry(owing, 'g1', builder, 'refused:r1', 500);
    await erase(owing);
    expect(await owing.get(builderDoc)).toMatchObject({ stripeAccountId: 'acct_bo' });

    const settled = await linkedBuilder();
    await settled.set(debtDoc, debtOf(0));
    await putDebtEntry(settled, 'g1', builder, 'refused:r1', 500);
    await putDebtEntry(settled, 'g1', builder, 'paid-outside:p1', -500);
    await erase(settled);
    expect(await settled.get(builderDoc)).toBeUndefined();
  });

  it('GIVEN a debt whose cached owedCents says 0 while the journal says 5.00 is owed THEN the Stripe account stays for it', async () => {
    const store = await linkedBuilder();
    await store.set(debtDoc, debtOf(0));
    await putDebtEntry(store, 'g1', builder, 'refused:r1', 500);
    const { outcome } = await erase(store);
    expect(await store.get(builderDoc)).toMatchObject({ stripeAccountId: 'acct_bo' });
    expect(outcome.kind === 'erased' && outcome.kept).toContain("a builder's Stripe Connect account: kept while an order they sell is open or they owe C500");
  });

  it('GIVEN a debt whose cached owedCents still says 5.00 while the journal says it was paid THEN nothing holds the profile open', async () => {
    const store = await linkedBuilder();
    await store.set(debtDoc, debtOf(500));
    await putDebtEntry(store, 'g1', builder, 'refused:r1', 500);
    await putDebtEntry(store, 'g1', builder, 'netted:n1', -500);
    await erase(store);
    expect(await store.get(builderDoc)).toBeUndefined();
  });

  it('GIVEN an order that is done, or a drop posted THEN nothing holds the profile open', async () => {
    const store = await linkedBuilder();
    await store.set(anyDocument<Fields>('orders/o1'), { orderId: 'o1', status: 'refunded', buyerId: buyer, builderId: builder, builderName: 'Bo Builder' });
    await store.set(anyDocument<Fields>('drops/d1'), { dropId: 'd1', builderId: builder, builderName: 'Bo Builder' });
    const found = await findMemberData(store, builder);
    expect(found.filter((one) => one.document.heldForOthers).map(heldOpenOf)).toEqual([false]);
    await erase(store);
    expect(await store.get(builderDoc)).toBeUndefined();
  });
});

describe('what holds a record kept for others open (withOthersOpen)', () => {
  const builderKind = keptDocumentAt(`builders/${builder}`);
  const orderKind = keptDocumentAt('orders/o1');
  if (!builderKind || !orderKind) throw new Error('the table lists builders and orders');
  const profile = { document: builderKind, data: { discordUserId: builder } };

  it('marks only the records kept for others, each by the others alone', () => {
    const open = { document: orderKind, data: { status: 'paid' } };
    const [marked, order] = withOthersOpen([profile, open]);
    expect(marked && heldOpenOf(marked)).toBe(true);
    expect(order).toBe(open);
    const [alone] = withOthersOpen([profile]);
    expect(alone && heldOpenOf(alone)).toBe(false);
    // Another builder profile (a linked account's) does not hold one open.
    const [first] = withOthersOpen([profile, { ...profile }]);
    expect(first && heldOpenOf(first)).toBe(false);
  });

  it('reads a split record by its whole', () => {
    const wallet = keptDocumentAt('wallets/g1-x/shards/0');
    if (!wallet) throw new Error('the table lists wallets');
    const [marked] = withOthersOpen([profile, { document: wallet, data: { pendingCents: 0 }, whole: { pendingCents: 300 } }]);
    expect(marked && heldOpenOf(marked)).toBe(true);
  });

  it('reads a record nobody marked as held open', () => {
    expect(heldOpenOf(profile)).toBe(true);
  });
});
