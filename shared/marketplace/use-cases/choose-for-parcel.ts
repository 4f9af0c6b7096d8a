/**
 * @module choose-for-parcel
 * The **Reship** and **Refund** buttons on the admin's DM of a parcel returned or lost (issue
 * 78, item 5). The button's id is input: the presser must be an admin of the order's server,
 * the order that server's, and the parcel it names still returned or lost. The choice is written
 * on the order first, once per parcel: a second press (or a redelivery) finishes the choice made,
 * and the other button then changes nothing, but a reship whose label was not bought may become
 * a refund. A reshipped parcel returned or lost in its turn is chosen for again, with the buttons
 * of its own DM; the earlier parcel's buttons only finish its reship.
 *
 * Reship buys the cheapest rate for the same order through the single-order label path: the
 * rate written on the order before the carrier is asked, each press's purchase stamped on the
 * choice before it goes out, the shipment read back before a retry (buy-label's `purchase`), the
 * label's cost journaled as any label's (`recordBought`); the order then follows the new parcel.
 * Refund is the refund `/c500 refund` gives, checked before it is chosen and asked under the
 * choosing press's id, so a second press finds the same refund. A reship gives way to it only
 * when no purchase may be under way and the carrier's shipment, read back, holds no label: a
 * label bought by a press cut off before its record is recorded instead, and the reship stands.
 */
import type { DiscordMessage, DocumentStore } from '../../ports';
import { invoker, isGuildAdmin, refusals, tellOnce, type Interaction } from '../../discord';
import { formatMoney } from '../../common';
import { applyOrderFact, choiceForParcelNow, orderPath, reshipBuying, type Order, type OrderLabel, type ParcelChoice } from '../../orders';
import { adminToTell, guildFraudSettingsPath, refundAsAsked, refundBlocked, type GiveRefundDeps } from '../../payments';
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
  type ChoiceJudgement,
  type ChoiceParcel,
  type ChoicePresser,
  type ParcelChoiceKind,
  type PressedChoice,
} from '../rules/parcel-choice';
import { quoteParcel, type LabelDeps } from './offer-labels';
import { purchase, recordBought } from './buy-label';
import { carrierWords } from './carrier-words';

type Chosen = { order: Order; choice: ParcelChoice };
type ChoiceDeps = Pick<LabelDeps, 'store' | 'clock'>;
type Press = { pressed: PressedChoice; presser: ChoicePresser; interactionId: string };
/** The Refund press reads a reship's label back at the carrier before the reship gives way. */
export type RefundParcelDeps = GiveRefundDeps & Pick<LabelDeps, 'carrier'>;

/**
 * The **Reship** press: a new label for the same order, bought once. Its answer replaces the DM:
 * the buttons stay while the reship could not be done yet, and go once it is done.
 */
export async function reshipParcel(deps: LabelDeps, interaction: Interaction): Promise<DiscordMessage> {
  const press = readPress(interaction, 'reship');
  if (!('pressed' in press)) return onChoiceDm(press);
  const chosen = await choose(deps, press, 'reship');
  if (!('choice' in chosen)) return onChoiceDm(chosen);
  const { order, choice } = chosen;
  if (!choice.reshippedAt) {
    const label = choice.shipmentId && order.label ? order.label : await askReshipLabel(deps, chosen);
    if (!('shipmentId' in label)) return onChoiceDm(label);
    const stopped = label.trackingCode ? undefined : await buyReshipLabel(deps, chosen, label);
    if (stopped) return onChoiceDm(stopped);
  }
  return onChoiceDm(await finishReship(deps, order.orderId, choice));
}

/**
 * The **Refund** press: the refund `/c500 refund` gives, of all that is left, with why. Its
 * answer replaces the DM: with no buttons left once refunded, with those that still work when
 * nothing was chosen.
 */
export async function refundParcel(deps: RefundParcelDeps, interaction: Interaction): Promise<DiscordMessage> {
  const press = readPress(interaction, 'refund');
  if (!('pressed' in press)) return onChoiceDm(press);
  const settled = await settleReship(deps, press);
  if ('answer' in settled) return onChoiceDm(settled.answer);
  const chosen = await choose(deps, press, 'refund', settled.unbought);
  if (!('choice' in chosen)) return onChoiceDm(chosen);
  const { order, choice } = chosen;
  const admin = { userId: choice.byUserId, guildId: order.guildId, isAdmin: true };
  // The refund is the choice made for good, whatever Stripe answers: nothing is left to press.
  return onChoiceDm(await refundAsAsked(deps, admin, order.orderId, { reason: parcelRefundReason(choice.parcel) }, choice.byInteraction));
}

/** The button pressed and who pressed it, or the stale-button words for anything not exactly one of this job's. */
function readPress(interaction: Interaction, kind: ParcelChoiceKind): Press | DiscordMessage {
  const pressed = parcelChoiceFromButton(interaction.data?.custom_id ?? '');
  const user = invoker(interaction);
  if (!pressed || pressed.kind !== kind || !user) return refusals.staleComponent;
  const presser = { userId: user.id, isAdmin: isGuildAdmin(interaction), ...(interaction.guild_id ? { guildId: interaction.guild_id } : {}) };
  return { pressed, presser, interactionId: interaction.id };
}

/** The press judged against the order as `reader` (the store, or a transaction) reads it. */
async function judge(reader: Pick<DocumentStore, 'get'>, { pressed, presser }: Press, order: Order | undefined): Promise<ChoiceJudgement> {
  // Pressed in a DM: the admin C500 tells of the order's server is the one who may choose.
  const settings = order && !presser.guildId ? await reader.get(guildFraudSettingsPath(order.guildId)) : undefined;
  return judgeParcelChoice(order, pressed, presser, adminToTell(settings));
}

/**
 * Before a Refund may take the place of a reship whose label was asked: no press may be buying
 * it now (the words say so), and the carrier's shipment, read back, must hold no label. A label
 * there was bought by a press cut off before its record: it is recorded and finished, and the
 * reship stands. Otherwise the reship as read (to be found unchanged when the refund is chosen).
 */
async function settleReship(deps: RefundParcelDeps, press: Press): Promise<{ answer: DiscordMessage } | { unbought?: ParcelChoice }> {
  const order = await deps.store.get(orderPath(press.pressed.orderId));
  const made = order && choiceForParcelNow(order);
  if (!order || made?.kind !== 'reship' || !made.shipmentId || (await judge(deps.store, press, order)).kind !== 'free') return {};
  const at = deps.clock.now().toISOString();
  if (reshipBuying(made, at)) return { answer: stillOpen(press.pressed, parcelChoiceAnswers.reshipBuying(order.orderId)) };
  const there = (await deps.carrier.shipment(made.shipmentId)).label;
  if (!there) return { unbought: made };
  await deps.store.runTransaction((tx) => recordBought(tx, order.orderId, there, at));
  await finishReship(deps, order.orderId, made);
  return { answer: parcelChoiceAnswers.otherChosen(order.orderId, made) };
}

/**
 * The press judged, and its choice written on the order once (or the choice made already, of
 * the same kind). A Refund is checked as `/c500 refund` checks it before it is chosen: one that
 * cannot be given is not chosen, so a reship stays possible. One taking a reship's place finds
 * that reship as `settled` read it (no press started buying since).
 */
async function choose(deps: ChoiceDeps, press: Press, kind: ParcelChoiceKind, settled?: ParcelChoice): Promise<DiscordMessage | Chosen> {
  const { pressed, presser } = press;
  return deps.store.runTransaction(async (tx): Promise<DiscordMessage | Chosen> => {
    const order = await tx.get(orderPath(pressed.orderId));
    const judged = await judge(tx, press, order);
    if (judged.kind === 'refused' || !order)
      return parcelChoiceAnswers.refused(pressed.orderId, judged.kind === 'refused' ? judged.reason : 'not-found', order);
    if (judged.kind === 'chosen')
      return judged.choice.kind === kind ? { order, choice: judged.choice } : parcelChoiceAnswers.otherChosen(order.orderId, judged.choice);
    const at = deps.clock.now().toISOString();
    const made = choiceForParcelNow(order);
    if (made?.shipmentId && (made.buyingAt !== settled?.buyingAt || made.shipmentId !== settled?.shipmentId || reshipBuying(made, at)))
      return stillOpen(pressed, parcelChoiceAnswers.reshipBuying(order.orderId));
    if (kind === 'refund') {
      const blocked = await refundBlocked(tx, order, { userId: presser.userId, guildId: order.guildId, isAdmin: true }, order.orderId);
      // The refund would be refused again as it is: the DM keeps Reship, which still works.
      if (blocked) return stillOpen(pressed, parcelChoiceAnswers.refundRefused(blocked), ['reship']);
    }
    const choice: ParcelChoice = {
      kind,
      parcel: order.parcel?.status === 'lost' ? 'lost' : 'returned',
      ...(pressed.parcelIndex > 0 ? { parcelIndex: pressed.parcelIndex } : {}),
      byUserId: presser.userId,
      byInteraction: press.interactionId,
      at,
      ...(kind === 'reship' && order.tracking ? { previousTracking: order.tracking } : {}),
    };
    return { order: applyOrderFact(tx, order, { kind: 'parcel-choice-made', choice }), choice };
  });
}

/**
 * The reship's parcel quoted, and its cheapest rate written on the order before the carrier is
 * asked (once: a press that finds one written buys that one). Paid as the first label was.
 */
async function askReshipLabel(deps: LabelDeps, { order, choice }: Chosen): Promise<DiscordMessage | OrderLabel> {
  const parcel = choiceParcel(order, choice);
  const quoted = await quoteParcel(deps, order);
  if (!('shipmentId' in quoted)) return stillOpen(parcel, quoted);
  const [rate] = quoted.rates;
  if (!rate) return stillOpen(parcel, parcelChoiceAnswers.carrierRefused(order.orderId, 'no rate for this parcel'));
  return deps.store.runTransaction(async (tx): Promise<DiscordMessage | OrderLabel> => {
    const now = await tx.get(orderPath(order.orderId));
    const made = now && choiceForParcelNow(now);
    if (!now || !made) return refusals.staleComponent;
    if (!sameChoice(made, choice)) return parcelChoiceAnswers.otherChosen(now.orderId, made);
    if (made.shipmentId && now.label) return now.label;
    const account = await readAccount(tx, now.guildId, now.builderId, debtEntryIds.shippingLabel(quoted.shipmentId));
    if (!labelCovered(now, quoted.payer, rate.amountCents, account.debt?.owedCents ?? 0))
      return stillOpen(parcel, parcelChoiceAnswers.notCovered(now, formatMoney({ cents: rate.amountCents, currency: rate.currency })));
    const label: OrderLabel = {
      shipmentId: quoted.shipmentId,
      rate,
      payer: quoted.payer,
      byInteraction: made.byInteraction,
      askedAt: deps.clock.now().toISOString(),
    };
    applyOrderFact(tx, now, { kind: 'reship-label-asked', label });
    return label;
  });
}

/**
 * The reship's label bought and recorded, or the words that say why not. The press is stamped
 * on the choice before it goes to the carrier, in a transaction that finds the reship still
 * chosen: a refund chosen first stops it here, and one pressed after waits out the stamp.
 */
async function buyReshipLabel(deps: LabelDeps, { order, choice }: Chosen, label: OrderLabel): Promise<DiscordMessage | undefined> {
  const mark = (kind: 'reship-buying' | 'reship-refused') =>
    deps.store.runTransaction(async (tx): Promise<DiscordMessage | undefined> => {
      const now = await tx.get(orderPath(order.orderId));
      const made = now && choiceForParcelNow(now);
      if (!now || !made) return refusals.staleComponent;
      if (!sameChoice(made, choice)) return parcelChoiceAnswers.otherChosen(now.orderId, made);
      if (kind === 'reship-buying') applyOrderFact(tx, now, { kind, at: deps.clock.now().toISOString() });
      else if (made.buyingAt) applyOrderFact(tx, now, { kind });
      return undefined;
    });
  const stopped = await mark('reship-buying');
  if (stopped) return stopped;
  let bought;
  try {
    bought = await purchase(deps, label);
  } catch (error) {
    const words = carrierWords(error);
    if (words === undefined) throw error;
    // The carrier said no: nothing is being bought, so a Refund may be chosen at once.
    await mark('reship-refused');
    return stillOpen(choiceParcel(order, choice), parcelChoiceAnswers.carrierRefused(order.orderId, words));
  }
  await deps.store.runTransaction((tx) => recordBought(tx, order.orderId, bought, deps.clock.now().toISOString()));
  return undefined;
}

/** The builder's DM with the new label and the buyer's with the new tracking (each once), and the press's answer. */
async function finishReship(deps: Pick<LabelDeps, 'store' | 'discord' | 'clock'>, orderId: string, choice: ParcelChoice): Promise<DiscordMessage> {
  const after = await deps.store.get(orderPath(orderId));
  const made = after?.parcelChoice;
  if (!after || !made?.reshippedAt || !sameChoice(made, choice)) return refusals.staleComponent;
  const labelUrl = after.label?.labelUrl;
  // Keyed by the new tracking: the first parcel's DMs were keyed by the order alone.
  await tellOnce(deps, `reshipped:${after.orderId}:${after.tracking ?? ''}`, after.builderId, builderReshipDm(after, labelUrl));
  await tellOnce(deps, `reshipped:${after.orderId}:${after.tracking ?? ''}`, after.buyerId, buyerReshipDm(after));
  return parcelChoiceAnswers.reshipped(after, labelUrl);
}

/** The parcel a choice was made for, whose DM the press answers on. */
const choiceParcel = (order: Pick<Order, 'orderId'>, choice: ParcelChoice): ChoiceParcel => ({ orderId: order.orderId, parcelIndex: choice.parcelIndex ?? 0 });

/** An answer that leaves the parcel's choice to make: the DM it replaces keeps the buttons `kinds` (both unless told). */
const stillOpen = (parcel: ChoiceParcel, answer: DiscordMessage, kinds?: readonly ParcelChoiceKind[]): DiscordMessage =>
  onChoiceDm(answer, { parcel, ...(kinds ? { kinds } : {}) });

/** The same choice, as a later read finds it: made by the same press. */
const sameChoice = (a: ParcelChoice, b: ParcelChoice): boolean => a.byInteraction === b.byInteraction && a.kind === b.kind;
