/**
 * `/c500 profile queue-name:` keeps a record only while it hides the buyer's name: showing it
 * again is what a buyer with no record gets, so the choice is forgotten (the privacy table's
 * "while the member hides their name").
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { command } from '../../../test/support/interactions';
import { queuePrivacyPath } from '../../queue';
import { profileView } from '../use-cases/profile-view';

const buyer = '811000000000000101';
const clock = { now: () => new Date('2026-11-20T12:00:00.000Z') };
const choose = (store: LocalDocumentStore, choice: 'hide' | 'show') =>
  profileView({ store, clock }, command({ name: 'c500', path: ['profile'], userId: buyer, options: { 'queue-name': choice } }));

describe('a buyer’s choice to hide their name in builders’ queues', () => {
  it('is kept while it hides the name, and forgotten when the buyer shows it again', async () => {
    const store = new LocalDocumentStore();
    await choose(store, 'hide');
    expect(await store.get(queuePrivacyPath(buyer))).toEqual({ nameHidden: true, at: clock.now().toISOString() });
    expect(JSON.stringify(await choose(store, 'show'))).toContain('now show your name');
    expect(await store.get(queuePrivacyPath(buyer))).toBeUndefined();
  });
});
