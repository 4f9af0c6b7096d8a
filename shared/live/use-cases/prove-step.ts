/**
 * @module prove-step
 * One order of `/c500 live mode:order(s):…`: the milestone named, else the commission's next
 * step (see `stepToProve`), else the whole order. `done` goes to prove-order, which releases
 * the rest; any step before it to prove-milestone, which sends that step's tranche.
 */
import { orderPath, type Milestone } from '../../orders';
import type { Builder, TwitchLink } from '../../onboarding';
import type { OrderOutcome } from '../rules/live-messages';
import { stepToProve } from '../rules/commission-step';
import type { LiveStream } from './confirm-live';
import { proveMilestone } from './prove-milestone';
import { proveOrder, type ProveOrderDeps } from './prove-order';

export async function proveStep(
  deps: ProveOrderDeps,
  builder: Builder & { twitch: TwitchLink },
  orderId: string,
  named: Milestone | undefined,
  stream: LiveStream,
  interactionId: string,
): Promise<OrderOutcome> {
  // Read outside the proof's transaction: the proof checks again that the step is still the next one.
  const milestone = named ?? stepToProve(await deps.store.get(orderPath(orderId)), interactionId);
  return milestone && milestone !== 'done'
    ? proveMilestone(deps, builder, orderId, milestone, stream, interactionId)
    : proveOrder(deps, builder, orderId, stream, interactionId);
}
