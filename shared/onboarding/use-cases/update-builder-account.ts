/**
 * @module update-builder-account
 * `account.updated`: keeps whether the builder can be paid (the transfers capability) and receive payouts.
 * Stripe may deliver an older update after a newer one, so each carries its `created`.
 */
import type { Clock, DiscordMessenger, DocumentStore } from '../../ports';
import { builderPath, buildersCollection, canSell } from '../rules/builder';
import { canSellNowDm } from '../rules/builder-messages';
import { tellOnce } from '../../discord';

/** Stripe's `account.updated`, as much of it as a builder's status needs (payments hands it over). */
export interface AccountUpdated {
  id: string;
  /** Unix seconds: Stripe may deliver an older update after a newer one. */
  created: number;
  data: { object: { [field: string]: unknown; id: string } };
}

export async function updateBuilderAccount(deps: { store: DocumentStore; discord: DiscordMessenger; clock: Clock }, event: AccountUpdated): Promise<void> {
  const account = event.data.object;
  const [found] = await deps.store.query(buildersCollection, { where: [['stripeAccountId', '==', account.id]], limit: 1 });
  if (!found) return;
  let twitchLinked = false;
  const transfersActive = (account.capabilities as { transfers?: unknown } | undefined)?.transfers === 'active';
  const newlyEnabled = await deps.store.runTransaction(async (tx) => {
    const builder = await tx.get(builderPath(found.id));
    if (!builder || (builder.stripeStatusAt ?? 0) > event.created) return false;
    twitchLinked = builder.twitch !== undefined;
    // This very event enabled them before, and is delivered again (its DM may have failed): it tells them, once.
    if (builder.canSellSinceEvent === event.id) return true;
    const newly = transfersActive && !canSell(builder);
    tx.update(builderPath(found.id), {
      chargesEnabled: account.charges_enabled === true,
      transfersActive,
      payoutsEnabled: account.payouts_enabled === true,
      detailsSubmitted: account.details_submitted === true,
      stripeStatusAt: event.created,
      ...(newly ? { canSellSinceEvent: event.id } : {}),
    });
    return newly;
  });
  if (newlyEnabled) await tellOnce(deps, `can-sell:${event.id}`, found.id, canSellNowDm(twitchLinked));
}
