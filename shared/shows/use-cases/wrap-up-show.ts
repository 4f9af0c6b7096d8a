/**
 * @module wrap-up-show
 * The show is over and its last lot hammered: every winner's checkout opens (one per
 * builder, the pay window from now), and the channel hears the totals. Once, however often
 * the end, the last hammer or a redelivery of either calls it.
 */
import { isWrappedUp, showPath, type Show } from '../rules/show';
import { showWrapPost } from '../rules/show-messages';
import { runOnce } from '../../common';
import { openShowCheckouts } from './show-checkout';
import { lotViews } from './refresh-run-sheet';
import type { ShowPaymentDeps } from './show-deps';

export async function wrapUpShow(deps: ShowPaymentDeps, show: Show): Promise<void> {
  await openShowCheckouts(deps, show.showId);
  if (!show.checkoutsOpenedAt) await deps.store.update(showPath(show.showId), { checkoutsOpenedAt: deps.clock.now().toISOString() });
  await runOnce(
    deps.store,
    `show-wrap:${show.showId}`,
    async () => void (await deps.discord.postToChannel(show.channelId, showWrapPost(show, await lotViews(deps, show)))),
    { clock: deps.clock },
  );
}

/** An ended show whose wrap-up never finished (its caller failed after the end was recorded) wraps up now. */
export async function wrapUpIfOwed(deps: ShowPaymentDeps, show: Show): Promise<void> {
  if (isWrappedUp(show) && !show.checkoutsOpenedAt) await wrapUpShow(deps, show);
}
