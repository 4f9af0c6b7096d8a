/**
 * A chatter's Twitch sign-in records them (their chat identity, their login): a chatter who
 * erased in the last ten minutes is marked, so their next erasure searches again.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { erasureAsksOf } from '../../privacy/use-cases/take-erasure-ask';
import { recordChatter } from '../use-cases/sign-in-chatter';
import { chatBidderId } from '../rules/chat-bidding';

const now = new Date('2026-11-21T12:00:00.000Z');

describe('a chatter’s sign-in, after an erasure', () => {
  it('GIVEN a chatter who erased a minute ago WHEN they sign in with Twitch THEN their record is marked, so their next erasure searches again', async () => {
    const store = new LocalDocumentStore();
    await store.set(erasureAsksOf(chatBidderId('703')), { asks: [{ at: '2026-11-21T11:59:00.000Z' }], expiresAt: new Date('2026-11-21T12:09:00.000Z') });
    await recordChatter({ store, clock: { now: () => now } }, { userId: '703', login: 'cy_keys', displayName: 'cy_keys', scopes: [] });
    expect(await store.get(erasureAsksOf(chatBidderId('703')))).toMatchObject({ actedAt: now.toISOString() });
  });
});
