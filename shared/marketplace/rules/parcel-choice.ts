/**
 * @module parcel-choice
 * A parcel returned or lost holds the order's money until the server's admin chooses (issue 78,
 * item 5): **Reship** (a new label for the same order) or **Refund** (the refund `/c500 refund`
 * gives). The two buttons on the admin's DM, read strictly (their ids are input), who may press
 * them, on which orders, and the words. Pure.
 *
 * A choice belongs to one parcel: a reshipped parcel returned or lost in its turn brings new
 * buttons, which name it (`:<n>` for the n-th reship's parcel; none for the parcel first sent,
 * so buttons sent before reships were counted still read), and the earlier parcel's buttons
 * only ever finish the choice made for it.
 */
import type { DiscordMessage } from '../../ports';
import { privateNote } from '../../discord';
import { isOrderIdShaped } from '../../common';
import {
  choiceForParcelNow,
  isParcelException,
  orderStatusWords,
  parcelChoiceMayBecome,
  parcelIndexOf,
  parcelStatusWords,
  type Order,
  type ParcelChoice,
} from '../../orders';

export const parcelChoiceKinds = ['reship', 'refund'] as const;
export type ParcelChoiceKind = (typeof parcelChoiceKinds)[number];

const prefixes: Readonly<Record<ParcelChoiceKind, string>> = { reship: 'parcel-reship:', refund: 'parcel-refund:' };

/** A choice's button on the admin's DM, for the order's parcel `parcelIndex` (0: the one first sent). */
export const parcelChoiceButtonId = (kind: ParcelChoiceKind, orderId: string, parcelIndex = 0): string =>
  `${prefixes[kind]}${orderId}${parcelIndex > 0 ? `:${parcelIndex}` : ''}`;

/** What a choice's button names: the choice, the order, and which of its parcels. */
export interface PressedChoice {
  kind: ParcelChoiceKind;
  orderId: string;
  parcelIndex: number;
}

/** The choice, order and parcel a button names, or undefined for anything that is not exactly one of ours. */
export function parcelChoiceFromButton(customId: string): PressedChoice | undefined {
  for (const kind of parcelChoiceKinds) {
    if (!customId.startsWith(prefixes[kind])) continue;
    const [orderId = '', index, ...more] = customId.slice(prefixes[kind].length).split(':');
    // The first parcel's buttons carry no index: a written `:0` is no id of ours.
    if (more.length > 0 || (index !== undefined && !/^[1-9]\d{0,2}$/.test(index))) return undefined;
    return isOrderIdShaped(orderId) ? { kind, orderId, parcelIndex: index === undefined ? 0 : Number(index) } : undefined;
  }
  return undefined;
}

const choiceButtonLooks: Readonly<Record<ParcelChoiceKind, { style: number; label: string }>> = {
  reship: { style: 1, label: 'Reship' },
  refund: { style: 4, label: 'Refund' },
};

/** The parcel a DM's buttons are for: the order, and which of its parcels. */
export type ChoiceParcel = Pick<PressedChoice, 'orderId' | 'parcelIndex'>;

/** The buttons of `parcel`'s choices `kinds` (both unless told), in one row. */
function choiceButtonsFor(parcel: ChoiceParcel, kinds: readonly ParcelChoiceKind[] = parcelChoiceKinds): NonNullable<DiscordMessage['components']> {
  const buttons = kinds.map((kind) => ({ type: 2, ...choiceButtonLooks[kind], custom_id: parcelChoiceButtonId(kind, parcel.orderId, parcel.parcelIndex) }));
  return [{ type: 1, components: buttons }];
}

/** The two buttons under the admin's DM of a parcel returned or lost: for the parcel the order follows now. */
export function parcelChoiceButtons(order: Pick<Order, 'orderId' | 'parcelChoice'>): NonNullable<DiscordMessage['components']> {
  return choiceButtonsFor({ orderId: order.orderId, parcelIndex: parcelIndexOf(order) });
}

/**
 * An answer as it replaces the admin's DM the button was on. While the choice is still to make
 * for the pressed parcel (`open`: a reship the carrier or the held money could not cover yet, a
 * Refund waiting out a label being bought, one the refund's rule refused) the DM keeps the
 * buttons that still work, with that parcel's ids; once a choice is made for good (or the press
 * could never choose) it keeps none but the answer's own (**Open the label**). An edit that
 * leaves `components` out keeps the old ones, so none is `[]`. An answer marked open already
 * keeps its buttons when wrapped again.
 */
export function onChoiceDm(answer: DiscordMessage, open?: { parcel: ChoiceParcel; kinds?: readonly ParcelChoiceKind[] }): DiscordMessage {
  return { ...answer, components: open ? choiceButtonsFor(open.parcel, open.kinds) : (answer.components ?? []) };
}

/** Who pressed, as the press tells it: in the server itself (its permissions there), or in the admin's DM (no server). */
export interface ChoicePresser {
  userId: string;
  /** The server the press came from, absent in a DM. */
  guildId?: string;
  /** Whether the press in a server came with Administrator or Manage Server. */
  isAdmin: boolean;
}

export type ChoiceJudgement =
  | { kind: 'free' }
  /** A choice was made already: this press (or its redelivery, or a second press of the same) finishes it, and nothing more. */
  | { kind: 'chosen'; choice: ParcelChoice }
  | { kind: 'refused'; reason: 'not-found' | 'not-admin' | 'not-held' | 'earlier-parcel' };

/**
 * Whether `presser` may choose for `order`'s parcel `parcelIndex`: an admin of the order's own
 * server, that is one pressing in that server with the permission, or, in a DM, the admin C500
 * tells (the one who set it up, `settingsAdmin`). An order of another server is "no such order".
 * A reship whose label was not bought may still become a refund; any other choice made for the
 * parcel stands. A button of a parcel reshipped since finishes that reship, and chooses nothing.
 */
export function judgeParcelChoice(
  order: Order | undefined,
  pressed: Pick<PressedChoice, 'kind' | 'parcelIndex'>,
  presser: ChoicePresser,
  settingsAdmin: string | undefined,
): ChoiceJudgement {
  if (!order || (presser.guildId !== undefined && order.guildId !== presser.guildId)) return { kind: 'refused', reason: 'not-found' };
  const admin = presser.guildId !== undefined ? presser.isAdmin : settingsAdmin !== undefined && presser.userId === settingsAdmin;
  if (!admin) return { kind: 'refused', reason: 'not-admin' };
  const now = parcelIndexOf(order);
  if (pressed.parcelIndex > now) return { kind: 'refused', reason: 'not-found' };
  if (pressed.parcelIndex < now) {
    const made = order.parcelChoice;
    return made && (made.parcelIndex ?? 0) === pressed.parcelIndex ? { kind: 'chosen', choice: made } : { kind: 'refused', reason: 'earlier-parcel' };
  }
  const made = choiceForParcelNow(order);
  if (made && !parcelChoiceMayBecome(made, pressed.kind)) return { kind: 'chosen', choice: made };
  if (order.status !== 'shipped' || !order.parcel || !isParcelException(order.parcel.status)) return { kind: 'refused', reason: 'not-held' };
  return { kind: 'free' };
}

/** Where the order stands, in words, when there is nothing to choose. */
function notHeldWords(orderId: string, order: Order | undefined): string {
  if (!order) return `Order \`${orderId}\` is not shipped: there is nothing to choose.`;
  if (order.status !== 'shipped') return `Order \`${orderId}\` is ${orderStatusWords[order.status]}: there is no parcel returned or lost to choose for.`;
  return `Order \`${orderId}\`’s parcel is ${parcelStatusWords[order.parcel?.status ?? 'shipped']} now, not returned or lost: there is nothing to choose.`;
}

const day = (iso: string) => `<t:${Math.floor(Date.parse(iso) / 1000)}:D>`;

/** What the admin is told when a press changes nothing, or what it did. */
export const parcelChoiceAnswers = {
  refused: (orderId: string, reason: Extract<ChoiceJudgement, { kind: 'refused' }>['reason'], order?: Order) =>
    privateNote(
      {
        'not-found': `There is no order \`${orderId}\` in this server.`,
        'not-admin': `Only this server’s admin can choose a reship or a refund for order \`${orderId}\`. Nothing was changed.`,
        'not-held': `${notHeldWords(orderId, order)} Nothing was changed.`,
        'earlier-parcel': `That button is for an earlier parcel of order \`${orderId}\`, which was reshipped since: it chooses nothing now. Nothing was changed.`,
      }[reason],
    ),
  /** The other choice was made already (by this admin or another): it stands. */
  otherChosen: (orderId: string, choice: ParcelChoice) =>
    privateNote(
      `Order \`${orderId}\`’s parcel was already given a **${choice.kind}** by <@${choice.byUserId}> on ${day(choice.at)}. That choice stands; nothing more was done.`,
    ),
  notCovered: (order: Pick<Order, 'orderId' | 'currency' | 'builderId'>, label: string) =>
    privateNote(
      `A new label (${label}) is more than what C500 still holds of <@${order.builderId}>’s share of order \`${order.orderId}\` after what they owe. Nothing was bought: press **Refund**, or have the parcel reshipped by hand and its payout released with \`/order release\`.`,
    ),
  carrierRefused: (orderId: string, words: string) =>
    privateNote(
      `The carrier gave no new label for order \`${orderId}\`: ${words.slice(0, 300)}. Nothing was bought: press **Reship** again later, or **Refund**.`,
    ),
  /** A Refund pressed while a Reship press may be buying the label: giving way now could end in both. */
  reshipBuying: (orderId: string) =>
    privateNote(
      `A new label for order \`${orderId}\` is being bought right now. Nothing was refunded: if the carrier gives none, press **Refund** again in a few minutes.`,
    ),
  /** A Refund the refund's own rule refuses (disputed, nothing left…): nothing was chosen, a reship stays possible. */
  refundRefused: (refusal: DiscordMessage) => privateNote(`${String(refusal.content ?? '')} No choice was made: **Reship** is still possible.`),
  reshipped: (order: Order, labelUrl: string | undefined): DiscordMessage => ({
    ...privateNote(
      `Reshipped: a new label for order \`${order.orderId}\`, tracking \`${order.tracking ?? ''}\`. <@${order.builderId}> has its link${labelUrl ? ` (${labelUrl})` : ''} and the buyer the new tracking. The last payout waits for the new parcel’s delivery.`,
    ),
    // The label a press away, as the first label's answer has it.
    ...(labelUrl ? { components: [{ type: 1, components: [{ type: 2, style: 5, label: 'Open the label', url: labelUrl }] }] } : {}),
  }),
};

/** The builder's DM: the admin chose a reship, here is the new label. */
export function builderReshipDm(order: Order, labelUrl: string | undefined): DiscordMessage {
  return {
    allowed_mentions: { parse: [] },
    content: `The server’s admin chose to reship **${order.title}** (\`${order.orderId}\`) to ${order.buyerName}: a new label was bought, tracking \`${order.tracking ?? ''}\`. Print it and send the order again: ${labelUrl ?? 'ask the admin for the label'}`,
  };
}

/** The buyer's DM: their order is on its way again, with the new tracking. */
export function buyerReshipDm(order: Order): DiscordMessage {
  const link = order.trackingUrl ? ` (${order.trackingUrl})` : '';
  return {
    allowed_mentions: { parse: [] },
    content: `**${order.title}** (\`${order.orderId}\`) is being sent to you again: its new tracking number is \`${order.tracking ?? ''}\`${link}. The first parcel’s tracking no longer applies.`,
  };
}

/** Why the buyer is refunded, told to them with the refund. */
export const parcelRefundReason = (parcel: ParcelChoice['parcel']): string =>
  parcel === 'returned' ? 'Your parcel was returned to the sender.' : 'Your parcel was reported lost by the carrier.';
