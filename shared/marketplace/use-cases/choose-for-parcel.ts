/**
 * @module choose-for-parcel
 * The **Reship** and **Refund** buttons on the admin's DM of a parcel returned or lost (issue
 * 78, item 5). The button's id is input: the presser must be an admin of the order's server,
 * the order that server's, and its parcel still returned or lost. The choice is written on the
 * order first, once: a second press (or a redelivery) finishes the choice made, and the other
 * button then changes nothing (but a reship the carrier gave no label for may become a refund).
 *
 * Reship buys the cheapest rate for the same order through the single-order label path: the
 * rate written on the order before the carrier is asked, the shipment read back before a retry
 * (buy-label's `purchase`), the label's cost journaled as any label's (`recordBought`); the
 * order then follows the new parcel. Refund is the refund `/c500 refund` gives, asked under the
 * choosing press's id, so a second press finds the same refund.
 */
import type { DiscordMessage } from '../../ports';
import { invoker, isGuildAdmin, refusals, tellOnce, type Interaction } from '../../discord';
import { formatMoney } from '../../common';
import { applyOrderFact, orderPath, type Order, type OrderLabel, type ParcelChoice } from '../../orders';
import { adminToTell, guildFraudSettingsPath, refundAsAsked, type GiveRefundDeps } from '../../payments';
import { debtEntryIds, readAccount } from '../../debts';
import { labelCovered } from '../rules/labels';
import {
  buyerReshipDm,
  builderReshipDm,
  judgeParcelChoice,
  onChoiceDm,
  parcelChoiceAnswers,
  parcelChoiceFromButton,
  parcelRefundReason,
  type ParcelChoiceKind,
} from '../rules/parcel-choice';
import { quoteParcel, type LabelDeps } from './offer-labels';
import { purchase, recordBought } from './buy-label';
import { carrierWords } from './carrier-words';

type Chosen = { order: Order; choice: ParcelChoice };
type ChoiceDeps = Pick<LabelDeps, 'store' | 'clock'>;

/** The **Reship** press: a new label for the same order, bought once. Its answer replaces the DM, the buttons kept until the reship is done. */
export async function reshipParcel(deps: LabelDeps, interaction: Interaction): Promise<DiscordMessage> {
  const chosen = await choose(deps, interaction, 'reship');
  if (!('choice' in chosen)) return onChoiceDm(chosen);
  const { order } = chosen;
  if (!order.parcelChoice?.reshippedAt) {
    const label = order.parcelChoice?.shipmentId && order.label ? order.label : await askReshipLabel(deps, chosen);
    if (!('shipmentId' in label)) return onChoiceDm(label, order.orderId);
    if (!label.trackingCode) {
      let bought;
      try {
        bought = await purchase(deps, label);
      } catch (error) {
        const words = carrierWords(error);
        if (words === undefined) throw error;
        return onChoiceDm(parcelChoiceAnswers.carrierRefused(order.orderId, words), order.orderId);
      }
      await deps.store.runTransaction((tx) => recordBought(tx, order.orderId, bought, deps.clock.now().toISOString()));
    }
  }
  const after = await deps.store.get(orderPath(order.orderId));
  if (!after?.parcelChoice?.reshippedAt) return onChoiceDm(refusals.staleComponent);
  const labelUrl = after.label?.labelUrl;
  // Keyed by the new tracking: the first parcel's DMs were keyed by the order alone.
  await tellOnce(deps, `reshipped:${after.orderId}:${after.tracking ?? ''}`, after.builderId, builderReshipDm(after, labelUrl));
  await tellOnce(deps, `reshipped:${after.orderId}:${after.tracking ?? ''}`, after.buyerId, buyerReshipDm(after));
  return onChoiceDm(parcelChoiceAnswers.reshipped(after, labelUrl));
}

/** The **Refund** press: the refund `/c500 refund` gives, of all that is left, with why; its answer replaces the DM, with no buttons left. */
export async function refundParcel(deps: GiveRefundDeps, interaction: Interaction): Promise<DiscordMessage> {
  const chosen = await choose(deps, interaction, 'refund');
  if (!('choice' in chosen)) return onChoiceDm(chosen);
  const { order, choice } = chosen;
  const admin = { userId: choice.byUserId, guildId: order.guildId, isAdmin: true };
  // The refund is the choice made for good, whatever Stripe answers: nothing is left to press.
  return onChoiceDm(await refundAsAsked(deps, admin, order.orderId, { reason: parcelRefundReason(choice.parcel) }, choice.byInteraction));
}

/** The press judged, and its choice written on the order once (or the choice made already, of the same kind). */
async function choose(deps: ChoiceDeps, interaction: Interaction, kind: ParcelChoiceKind): Promise<DiscordMessage | Chosen> {
  const pressed = parcelChoiceFromButton(interaction.data?.custom_id ?? '');
  const user = invoker(interaction);
  if (!pressed || pressed.kind !== kind || !user) return refusals.staleComponent;
  const presser = { userId: user.id, isAdmin: isGuildAdmin(interaction), ...(interaction.guild_id ? { guildId: interaction.guild_id } : {}) };
  return deps.store.runTransaction(async (tx): Promise<DiscordMessage | Chosen> => {
    const order = await tx.get(orderPath(pressed.orderId));
    // Pressed in a DM: the admin C500 tells of the order's server is the one who may choose.
    const settings = order && !presser.guildId ? await tx.get(guildFraudSettingsPath(order.guildId)) : undefined;
    const judged = judgeParcelChoice(order, kind, presser, adminToTell(settings));
    if (judged.kind === 'refused' || !order)
      return parcelChoiceAnswers.refused(pressed.orderId, judged.kind === 'refused' ? judged.reason : 'not-found', order);
    if (judged.kind === 'chosen')
      return judged.choice.kind === kind ? { order, choice: judged.choice } : parcelChoiceAnswers.otherChosen(order.orderId, judged.choice);
    const choice: ParcelChoice = {
      kind,
      parcel: order.parcel?.status === 'lost' ? 'lost' : 'returned',
      byUserId: user.id,
      byInteraction: interaction.id,
      at: deps.clock.now().toISOString(),
      ...(kind === 'reship' && order.tracking ? { previousTracking: order.tracking } : {}),
    };
    return { order: applyOrderFact(tx, order, { kind: 'parcel-choice-made', choice }), choice };
  });
}

/**
 * The reship's parcel quoted, and its cheapest rate written on the order before the carrier is
 * asked (once: a press that finds one written buys that one). Paid as the first label was.
 */
async function askReshipLabel(deps: LabelDeps, { order }: Chosen): Promise<DiscordMessage | OrderLabel> {
  const quoted = await quoteParcel(deps, order);
  if (!('shipmentId' in quoted)) return quoted;
  const [rate] = quoted.rates;
  if (!rate) return parcelChoiceAnswers.carrierRefused(order.orderId, 'no rate for this parcel');
  return deps.store.runTransaction(async (tx): Promise<DiscordMessage | OrderLabel> => {
    const now = await tx.get(orderPath(order.orderId));
    const choice = now?.parcelChoice;
    if (!now || choice?.kind !== 'reship') return refusals.staleComponent;
    if (choice.shipmentId && now.label) return now.label;
    const account = await readAccount(tx, now.guildId, now.builderId, debtEntryIds.shippingLabel(quoted.shipmentId));
    if (!labelCovered(now, quoted.payer, rate.amountCents, account.debt?.owedCents ?? 0))
      return parcelChoiceAnswers.notCovered(now, formatMoney({ cents: rate.amountCents, currency: rate.currency }));
    const label: OrderLabel = {
      shipmentId: quoted.shipmentId,
      rate,
      payer: quoted.payer,
      byInteraction: choice.byInteraction,
      askedAt: deps.clock.now().toISOString(),
    };
    applyOrderFact(tx, now, { kind: 'reship-label-asked', label });
    return label;
  });
}
