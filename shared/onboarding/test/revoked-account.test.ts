/**
 * A builder who revoked C500's access to their Stripe account: they cannot sell, and
 * `/c500 onboard` connects a new account (keyed apart from the revoked one, so Stripe's
 * idempotency never hands the old one back) instead of a link for the revoked one.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import type { ConnectedAccountRequest, Payments } from '../../ports';
import { accountRevoked, builderPath, canSell, type Builder } from '../rules/builder';
import { onboardBuilder } from '../use-cases/onboard-builder';
import { command } from '../../../test/support/interactions';
import { personPseudonym } from '../../log';

const BUILDER = '800000000000000021';
const clock = { now: () => new Date('2026-11-22T12:00:00Z') };
const revoked: Builder = {
  discordUserId: BUILDER,
  displayName: 'Juno',
  stripeAccountId: 'acct_old',
  stripeCountry: 'US',
  transfersActive: true,
  revokedAccount: { accountId: 'acct_old', revokedAt: '2026-11-21T00:00:00Z', eventId: 'evt_1' },
};

describe('a revoked Stripe account', () => {
  it('stops the builder selling until a new account is theirs', () => {
    expect(accountRevoked(revoked)).toBe(true);
    expect(canSell(revoked)).toBe(false);
    expect(canSell({ ...revoked, stripeAccountId: 'acct_new' })).toBe(true);
    expect(accountRevoked({ ...revoked, stripeAccountId: 'acct_new' })).toBe(false);
    expect(accountRevoked({ ...revoked, revokedAccount: undefined })).toBe(false);
  });

  it('makes /c500 onboard connect a new account, under a key of its own, and link to it', async () => {
    const store = new LocalDocumentStore();
    await store.set(builderPath(BUILDER), revoked);
    const asked: ConnectedAccountRequest[] = [];
    const linked: string[] = [];
    const payments = {
      createConnectedAccount: async (request: ConnectedAccountRequest) => (asked.push(request), { accountId: 'acct_new' }),
      createOnboardingLink: async ({ accountId }: { accountId: string }) => (linked.push(accountId), { url: `https://connect.stripe.com/setup/${accountId}` }),
    } as unknown as Payments;
    const answer = await onboardBuilder(
      { store, payments, clock, publicBaseUrl: 'http://local', platformCountry: 'US' },
      command({ name: 'c500', path: ['onboard'], options: { country: 'US' }, userId: BUILDER }),
    );
    expect(asked.map((r) => r.idempotencyKey)).toEqual([`connect-account:${personPseudonym(BUILDER)}:US:after:acct_old`]);
    expect(linked).toEqual(['acct_new']);
    expect(JSON.stringify(answer)).toContain('https://connect.stripe.com/setup/acct_new');
    expect(await store.get(builderPath(BUILDER))).toMatchObject({ stripeAccountId: 'acct_new', transfersActive: false });
  });
});
