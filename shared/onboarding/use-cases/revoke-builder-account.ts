/**
 * @module revoke-builder-account
 * `account.application.deauthorized`: the builder revoked C500's access to their connected
 * account (`event.account`). It is recorded on the builder once (a redelivery, or an
 * `account.updated` of that account arriving late, changes nothing), which stops them
 * selling (`canSell`) and holds their releases until `/c500 onboard` connects a new account.
 */
import type { Clock, DiscordMessenger, DocumentStore } from '../../ports';
import { tellOnce } from '../../discord';
import { accountRevoked, builderPath, buildersCollection, type Builder } from '../rules/builder';
import { accountDms } from '../rules/account-messages';

type Deps = { store: DocumentStore; discord: DiscordMessenger; clock: Clock };

/** The builder whose account this is (the one they use now), if any. */
export async function builderOfAccount(store: DocumentStore, accountId: string): Promise<Builder | undefined> {
  const [found] = await store.query(buildersCollection, { where: [['stripeAccountId', '==', accountId]], limit: 1 });
  return found?.data;
}

/** The builder as revoked, or undefined when the account is no builder's current one (a new one connected since). */
export async function revokeBuilderAccount(deps: Deps, accountId: string, eventId: string): Promise<Builder | undefined> {
  const found = await builderOfAccount(deps.store, accountId);
  if (!found) return undefined;
  const revoked = await deps.store.runTransaction(async (tx) => {
    const builder = await tx.get(builderPath(found.discordUserId));
    if (!builder || builder.stripeAccountId !== accountId) return undefined;
    if (accountRevoked(builder)) return builder;
    const revokedAccount = { accountId, revokedAt: deps.clock.now().toISOString(), eventId };
    tx.update(builderPath(found.discordUserId), { revokedAccount });
    return { ...builder, revokedAccount };
  });
  if (revoked) await tellOnce(deps, `account-revoked:${accountId}`, revoked.discordUserId, accountDms.revoked);
  return revoked;
}
