/**
 * @module fraud-warning
 * Stripe Radar's early fraud warnings (`radar.early_fraud_warning.created` and `.updated`),
 * as an order keeps them. A card network flagged the charge as likely fraud; a dispute, and
 * its fee, usually follows. Stripe advises refunding such a charge before it comes, so an
 * order whose money has not gone out is refunded in full by default; a server may keep them
 * for an admin's review instead. Either way no release goes out while the warning stands.
 */
import { docPath } from '../../ports';
import { isSnowflake } from '../../common';
import { idOf, text, type StripeObject } from './stripe-event';
import { chargedCents, type Order, type Refunds } from '../../orders';
import type { FraudOutcome, OrderFraudWarning } from '../../orders';

/** The warning as Stripe sent it (`Radar.EarlyFraudWarning`): only the fields C500 reads. */
export interface SeenFraudWarning {
  warningId: string;
  chargeId: string;
  paymentIntentId?: string;
  /** False once the charge was refunded or disputed: Stripe says there is nothing left to act on. */
  actionable: boolean;
  /** `card_never_received`, `fraudulent_card_application`, `made_with_counterfeit_card`, … */
  fraudType: string;
  /** The event's `created`: an older view never overwrites a newer one. */
  seenAt: number;
}

/** A warning in an event's object, or undefined when it is not shaped as Stripe's. */
export function parseFraudWarning(object: StripeObject, created: number): SeenFraudWarning | undefined {
  const chargeId = idOf(object.charge);
  if (!object.id.startsWith('issfr_') || !chargeId || typeof object.actionable !== 'boolean') return undefined;
  const paymentIntentId = idOf(object.payment_intent);
  return {
    warningId: object.id,
    chargeId,
    ...(paymentIntentId ? { paymentIntentId } : {}),
    actionable: object.actionable,
    fraudType: text(object.fraud_type) ?? 'unknown',
    seenAt: created,
  };
}

type WarnedOrder = Pick<Order, 'status' | 'amountCents' | 'shippingCents' | 'payouts' | 'commission' | 'shippedAt'> & Refunds;

/**
 * What a warning does to an order, decided once: nothing more for one refunded in full (the
 * buyer has the money); the admin's call for one whose money went out or that was shipped
 * (a refund would leave the platform paying twice); otherwise a full refund, or a hold for
 * review when the server turned the refund off.
 */
export function fraudOutcomeFor(order: WarnedOrder, autoRefund: boolean): FraudOutcome {
  if (order.status === 'refunded' || order.refundedCents >= chargedCents(order)) return 'after-refund';
  if (moneyLeft(order) || order.status === 'shipped' || order.shippedAt !== undefined) return 'after-release';
  return autoRefund ? 'refunded' : 'held-for-review';
}

/** Some of the order's money went out, or is on its way: a release, a host's cut or a commission's tranche. */
function moneyLeft(order: WarnedOrder): boolean {
  const { builder, host } = order.payouts;
  return builder.transferId !== undefined || Boolean(builder.releasing) || host?.via !== undefined || (order.commission?.advances?.length ?? 0) > 0;
}

/** The warning seen now, merged into what the order keeps: the outcome stays as first decided; `actionable` follows the newest view. */
export function recordFraudWarning(kept: OrderFraudWarning | undefined, seen: SeenFraudWarning, outcome: FraudOutcome, now: string): OrderFraudWarning {
  if (kept && kept.warningId === seen.warningId) return seen.seenAt >= kept.seenAt ? { ...kept, actionable: seen.actionable, seenAt: seen.seenAt } : kept;
  return { warningId: seen.warningId, fraudType: seen.fraudType, actionable: seen.actionable, outcome, seenAt: seen.seenAt, recordedAt: now };
}

/** Whether the warning holds the order's releases: while it stands and C500 is refunding it or an admin reviews it. */
export function heldByFraudWarning(order: Pick<Order, 'fraudWarning'>): boolean {
  const warning = order.fraudWarning;
  if (!warning || warning.clearedBy) return false;
  return warning.outcome === 'refunded' || (warning.outcome === 'held-for-review' && warning.actionable);
}

/**
 * An admin's "release anyway": only a warning held for their review (not one C500 is refunding,
 * nor one whose money went out already), once. Undefined when it cannot be cleared.
 */
export function clearFraudHold(warning: OrderFraudWarning | undefined, by: { byUserId: string; byName: string }, at: string): OrderFraudWarning | undefined {
  if (!warning || warning.outcome !== 'held-for-review' || warning.clearedBy) return undefined;
  return { ...warning, clearedBy: { ...by, at } };
}

/** The key of the refund a warning asks for: one per order and warning, whatever redelivers it. */
export const fraudRefundKey = (orderId: string, warningId: string) => `fraud-refund:${orderId}:${warningId}`;

/** What a server says of fraud warnings, in its guild document (`guilds/<id>`): its admin who set C500 up, and whether C500 refunds by itself. */
export interface GuildFraudSettings {
  configuredBy?: string;
  payments?: { fraudAutoRefund?: boolean };
}
export const guildFraudSettingsPath = (guildId: string) => docPath<GuildFraudSettings>(`guilds/${guildId}`);

/**
 * The admin to tell of a server's money troubles: the one who set C500 up, unless they erased
 * their data (their id is then a placeholder, and nobody is told by DM).
 */
export function adminToTell(settings: GuildFraudSettings | undefined): string | undefined {
  const admin = settings?.configuredBy;
  return admin !== undefined && isSnowflake(admin) ? admin : undefined;
}

/** Refunding is the default, as Stripe advises; a server turns it off for manual review. */
export const autoRefundsFraud = (settings: GuildFraudSettings | undefined): boolean => settings?.payments?.fraudAutoRefund !== false;
