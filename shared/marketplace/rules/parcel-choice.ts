/**
 * @module parcel-choice
 * A parcel returned or lost holds the order's money until the server's admin chooses (issue 78,
 * item 5): **Reship** (a new label for the same order) or **Refund** (the refund `/c500 refund`
 * gives). The two buttons on the admin's DM, read strictly (their ids are input), who may press
 * them, on which orders, and the words. Pure.
 */
import type { DiscordMessage } from '../../ports';
import { privateNote } from '../../discord';
import { isOrderIdShaped } from '../../common';
import { isParcelException, parcelChoiceMayBecome, type Order, type ParcelChoice } from '../../orders';

export const parcelChoiceKinds = ['reship', 'refund'] as const;
export type ParcelChoiceKind = (typeof parcelChoiceKinds)[number];

const prefixes: Readonly<Record<ParcelChoiceKind, string>> = { reship: 'parcel-reship:', refund: 'parcel-refund:' };

/** A choice's button on the admin's DM. */
export const parcelChoiceButtonId = (kind: ParcelChoiceKind, orderId: string): string => `${prefixes[kind]}${orderId}`;

/** The choice and the order a button names, or undefined for anything that is not exactly one of ours. */
export function parcelChoiceFromButton(customId: string): { kind: ParcelChoiceKind; orderId: string } | undefined {
  for (const kind of parcelChoiceKinds) {
    if (!customId.startsWith(prefixes[kind])) continue;
    const orderId = customId.slice(prefixes[kind].length);
    return isOrderIdShaped(orderId) ? { kind, orderId } : undefined;
  }
  return undefined;
}

/** The two buttons under the admin's DM of a parcel returned or lost. */
export function parcelChoiceButtons(orderId: string): NonNullable<DiscordMessage['components']> {
  return [
    {
      type: 1,
      components: [
        { type: 2, style: 1, label: 'Reship', custom_id: parcelChoiceButtonId('reship', orderId) },
        { type: 2, style: 4, label: 'Refund', custom_id: parcelChoiceButtonId('refund', orderId) },
      ],
    },
  ];
}

/**
 * An answer as it replaces the admin's DM the button was on: with the two buttons again while
 * the choice is still to make (`openFor`, a reship the carrier or the held money could not
 * cover yet), or with none once it is made for good. An edit that leaves `components` out keeps
 * them, so none is `[]`.
 */
export function onChoiceDm(answer: DiscordMessage, openFor?: string): DiscordMessage {
  return { ...answer, components: openFor ? parcelChoiceButtons(openFor) : (answer.components ?? []) };
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
  | { kind: 'refused'; reason: 'not-found' | 'not-admin' | 'not-held' };

/**
 * Whether `presser` may choose for `order`: an admin of the order's own server, that is one
 * pressing in that server with the permission, or, in a DM, the admin C500 tells (the one who
 * set it up, `settingsAdmin`). An order of another server is "no such order". A reship whose
 * label was never asked may still become a refund; any other choice made stands.
 */
export function judgeParcelChoice(
  order: Order | undefined,
  kind: ParcelChoiceKind,
  presser: ChoicePresser,
  settingsAdmin: string | undefined,
): ChoiceJudgement {
  if (!order || (presser.guildId !== undefined && order.guildId !== presser.guildId)) return { kind: 'refused', reason: 'not-found' };
  const admin = presser.guildId !== undefined ? presser.isAdmin : settingsAdmin !== undefined && presser.userId === settingsAdmin;
  if (!admin) return { kind: 'refused', reason: 'not-admin' };
  if (order.parcelChoice && !parcelChoiceMayBecome(order.parcelChoice, kind)) return { kind: 'chosen', choice: order.parcelChoice };
  if (order.status !== 'shipped' || !order.parcel || !isParcelException(order.parcel.status)) return { kind: 'refused', reason: 'not-held' };
  return { kind: 'free' };
}

const day = (iso: string) => `<t:${Math.floor(Date.parse(iso) / 1000)}:D>`;

/** What the admin is told when a press changes nothing, or what it did. */
export const parcelChoiceAnswers = {
  refused: (orderId: string, reason: Extract<ChoiceJudgement, { kind: 'refused' }>['reason'], order?: Order) =>
    privateNote(
      {
        'not-found': `There is no order \`${orderId}\` in this server.`,
        'not-admin': `Only this server’s admin can choose a reship or a refund for order \`${orderId}\`. Nothing was changed.`,
        'not-held': `Order \`${orderId}\`’s parcel is ${order?.parcel?.status ?? order?.status ?? 'not shipped'} now, not returned or lost: there is nothing to choose. Nothing was changed.`,
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
