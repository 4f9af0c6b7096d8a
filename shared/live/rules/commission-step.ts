/**
 * @module commission-step
 * Which step a `/c500 live mode:order:<id>` with no milestone proves. A commission is proved
 * in its steps' order, so a plain proof is of the next step, never a jump to `done` (which
 * would send the whole share, end the place in the line and the buyer's late-refund right).
 */
import { nextStep } from '../../payments';
import { type Milestone, type Order } from '../../orders';

/**
 * The milestone to prove on `order` for this command, or undefined for an order proved whole
 * (not a commission, or one already out of the line: proving it again answers as before).
 * The same command delivered again proves what its first delivery proved, not the step after.
 */
export function stepToProve(order: Pick<Order, 'commission' | 'proof'> | undefined, interactionId: string): Milestone | undefined {
  const commission = order?.commission;
  if (!commission || commission.ended) return undefined;
  const ours = commission.proofs?.find((p) => p.byInteraction === interactionId);
  if (ours) return ours.milestone;
  if (order.proof?.byInteraction === interactionId) return 'done';
  return nextStep(commission);
}
