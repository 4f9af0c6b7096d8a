/**
 * @module dispute-note
 * `/c500 dispute note order:<id> text:<…>`: the order's builder adds their own words to the
 * evidence of the dispute on it, until the evidence is submitted (a later note replaces an
 * earlier one). Decided here whatever Discord showed: in a server, by the order's builder,
 * on an order of that server with an open dispute.
 */
import type { Clock, DiscordMessage, DocumentStore } from '../../ports';
import { commandCall, placeOf, refusals, type Interaction } from '../../discord';
import { normalizeOrderId, orderPath } from '../../orders';
import { disputePath } from '../rules/dispute';
import { noteProblem } from '../rules/evidence';
import { noteAnswers } from '../rules/dispute-messages';

export async function addDisputeNote(deps: { store: DocumentStore; clock: Clock }, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const { options } = commandCall(interaction);
  const orderId = normalizeOrderId(String(options.order ?? ''));
  const text = String(options.text ?? '').trim();
  const problem = noteProblem(text);
  if (problem) return problem === 'empty' ? noteAnswers.empty : noteAnswers.tooLong;
  const order = await deps.store.get(orderPath(orderId));
  if (!order || order.guildId !== place.guildId) return noteAnswers.notFound(orderId);
  if (order.builderId !== place.user.id) return noteAnswers.notYours(orderId);
  // An open inquiry takes a note too: Stripe takes a response to an inquiry as it does to a chargeback.
  const disputeId = order.dispute?.state === 'open' ? order.dispute.disputeId : order.inquiry?.disputeId;
  if (!disputeId) return noteAnswers.notDisputed(orderId);
  return deps.store.runTransaction(async (tx) => {
    const dispute = await tx.get(disputePath(disputeId));
    if (!dispute || dispute.state !== 'open') return noteAnswers.notDisputed(orderId);
    if (dispute.submitting || dispute.submittedAt) return noteAnswers.submitted(orderId);
    // The same command delivered again answers as it did the first time.
    if (dispute.note?.byInteraction === interaction.id) return noteAnswers.saved(orderId, false);
    tx.update(disputePath(disputeId), { note: { text, byInteraction: interaction.id, at: deps.clock.now().toISOString() } });
    return noteAnswers.saved(orderId, dispute.note !== undefined);
  });
}
