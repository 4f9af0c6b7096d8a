/**
 * @module stripe-cases
 * What real Stripe can do to a paid order after the buyer paid, as the playground's Stripe
 * panel offers it: each case is the local Stripe's own route (the same signed events Stripe
 * sends), and a case that cannot happen to this order now is offered disabled with why.
 * No DOM here: the panel draws these, and a unit test reads them.
 */

/** What the panel reads from the local Stripe's lists, trimmed to what the cases need. */
export interface StripeOrderFacts {
  /** The Checkout Session it was paid through; none for a group buy's pledge charged off session. */
  sessionId?: string;
  paymentIntent: string;
  /** The charge every case acts on, however it was paid. */
  chargeId: string;
  title: string;
  amountCents: number;
  currency: string;
  /** The buyer and the builder as Stripe names them: a keyed pseudonym (or, paid before pseudonyms, a Discord id). */
  buyerId: string;
  builderId: string;
  /** The builder's connected account, when the local Stripe has one. */
  accountId?: string;
  dispute?: { id: string; status: string; amount: number };
  /** A refund that succeeded (so the bank can still send it back). */
  refundId?: string;
  /** Refunded in full: nothing is left to refund, though the bank may still dispute the whole charge. */
  refunded: boolean;
}

export type StripeCaseName =
  | 'inquiry'
  | 'chargeback'
  | 'escalate'
  | 'close-won'
  | 'close-lost'
  | 'close-inquiry'
  | 'fraud-warning'
  | 'refund'
  | 'refund-failed'
  | 'payout'
  | 'payout-failed'
  | 'revoke';

export interface StripeCase {
  name: StripeCaseName;
  label: string;
  /** The local Stripe route the click posts to, with its JSON body. */
  path: string;
  body: Record<string, unknown>;
  /** Why it cannot happen now; absent when it can. */
  disabled?: string;
}

const closedStatuses = new Set(['won', 'lost', 'warning_closed']);

/** Every case, in the order a dispute runs, each either possible or disabled with why: none Stripe would refuse is offered. */
export function stripeCasesFor(order: StripeOrderFacts): StripeCase[] {
  const charge = `/_local/stripe/charges/${encodeURIComponent(order.chargeId)}`;
  const dispute = order.dispute;
  const open = dispute && !closedStatuses.has(dispute.status);
  const inquiry = open && dispute.status.startsWith('warning_');
  const chargeback = open && !inquiry;
  const disputeAt = dispute ? `/_local/stripe/disputes/${encodeURIComponent(dispute.id)}` : '';
  const account = order.accountId ? `/_local/stripe/accounts/${encodeURIComponent(order.accountId)}` : '';
  const notDisputable = dispute ? 'this payment already has a dispute (Stripe allows one per charge)' : undefined;
  // A bank may dispute a charge refunded in full, for the whole charge (Stripe's support: "Dispute for full charge amount
  // after a partial refund"; the merchant answers with the refund as evidence): the local Stripe's route takes that amount
  // explicitly, since by default it disputes only what is left.
  const disputed = { reason: 'fraudulent', ...(order.refunded ? { amount: order.amountCents } : {}) };
  const noAccount = order.accountId ? undefined : 'the builder has no Stripe account yet';
  const when = (reason: string | undefined, ok: boolean | undefined) => (ok ? undefined : reason);
  const cases: StripeCase[] = [
    { name: 'inquiry', label: 'Inquiry', path: `${charge}/dispute`, body: { ...disputed, inquiry: true }, disabled: notDisputable },
    { name: 'chargeback', label: 'Chargeback', path: `${charge}/dispute`, body: disputed, disabled: notDisputable },
    { name: 'escalate', label: 'Escalate', path: `${disputeAt}/escalate`, body: {}, disabled: when('only an open inquiry escalates', inquiry) },
    {
      name: 'close-inquiry',
      label: 'Close inquiry',
      path: `${disputeAt}/close`,
      body: { status: 'warning_closed' },
      disabled: when('no open inquiry', inquiry),
    },
    { name: 'close-won', label: 'Close: won', path: `${disputeAt}/close`, body: { status: 'won' }, disabled: when('no open chargeback', chargeback) },
    { name: 'close-lost', label: 'Close: lost', path: `${disputeAt}/close`, body: { status: 'lost' }, disabled: when('no open chargeback', chargeback) },
    {
      name: 'fraud-warning',
      label: 'Fraud warning',
      path: `${charge}/early-fraud-warning`,
      body: {},
      disabled: order.refunded ? 'already refunded' : undefined,
    },
    { name: 'refund', label: 'Refund', path: `${charge}/refund`, body: {}, disabled: refundRefusal(order) },
    {
      name: 'refund-failed',
      label: 'Refund failed',
      path: `/_local/stripe/refunds/${encodeURIComponent(order.refundId ?? '')}/fail`,
      body: {},
      disabled: order.refundId ? undefined : 'no refund has gone through yet',
    },
    { name: 'payout', label: 'Payout', path: `${account}/payout`, body: {}, disabled: noAccount },
    { name: 'payout-failed', label: 'Payout failed', path: `${account}/payout-failed`, body: {}, disabled: noAccount },
    { name: 'revoke', label: 'Revoke account', path: `${account}/deauthorize`, body: {}, disabled: noAccount },
  ];
  return cases.map((c) => (c.disabled === undefined ? (({ disabled: _, ...rest }) => rest)(c) : c));
}

/**
 * Why Stripe would refuse a refund of this order, if it would: refunded in full already, or
 * charged back (a chargeback open or lost: Stripe's `charge_disputed`, since a refund too
 * would pay the buyer twice). An inquiry withdrew nothing and a won chargeback gave the money
 * back: both are refundable.
 */
function refundRefusal(order: StripeOrderFacts): string | undefined {
  if (order.refunded) return 'already refunded';
  const status = order.dispute?.status;
  if (status === undefined || status.startsWith('warning_') || status === 'won') return undefined;
  return status === 'lost'
    ? 'the payment was charged back and the chargeback lost: the buyer has the money already, and Stripe refuses a refund'
    : 'the payment is charged back: Stripe refuses a refund while the chargeback is open';
}

export const money = (cents: number, currency = 'usd'): string =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(cents / 100);

/** What the click did, in a person's words, from the local Stripe's answer (`{dispute: …}`, `{refund: …}`, …). */
export function feedbackFor(name: StripeCaseName, order: StripeOrderFacts, answer: Record<string, unknown>): string {
  const amountOf = (key: string) => {
    const object = answer[key] as { amount?: unknown } | undefined;
    return typeof object?.amount === 'number' ? money(object.amount, order.currency) : money(order.amountCents, order.currency);
  };
  const on = `on “${order.title}”`;
  switch (name) {
    case 'inquiry':
      return `Inquiry opened ${on}: the bank asks questions; nothing is taken back yet.`;
    case 'chargeback':
      return order.refunded
        ? `Chargeback opened ${on} though it was refunded: ${amountOf('dispute')} taken back from C500, plus Stripe’s dispute fee; the refund is C500’s evidence.`
        : `Chargeback opened ${on}: ${amountOf('dispute')} taken back from C500, plus Stripe’s dispute fee.`;
    case 'escalate':
      return `Inquiry escalated into a chargeback ${on}: ${amountOf('dispute')} taken back from C500.`;
    case 'close-inquiry':
      return `Inquiry closed ${on}: nothing was taken.`;
    case 'close-won':
      return `Dispute won ${on}: ${amountOf('dispute')} given back to C500.`;
    case 'close-lost':
      return `Dispute lost ${on}: the ${amountOf('dispute')} stays with the buyer.`;
    case 'fraud-warning':
      return `Radar sent an early fraud warning ${on}.`;
    case 'refund':
      return `Refunded ${amountOf('refund')} ${on}.`;
    case 'refund-failed':
      return `The buyer’s bank sent back the refund of ${amountOf('refund')} ${on}: the money is with C500 again.`;
    case 'payout':
      return `Payout of ${amountOf('payout')} sent to the builder’s bank.`;
    case 'payout-failed':
      return `The builder’s bank sent back a payout of ${amountOf('payout')}.`;
    case 'revoke':
      return `The builder revoked C500’s access to their Stripe account.`;
  }
}

/** What the panel says when the local Stripe refused a click: Stripe's own words (and its code), never that it happened. */
export function refusalFeedback(label: string, answer: Record<string, unknown>): string {
  const said = typeof answer.error === 'string' && answer.error !== '' ? answer.error : 'it gave no reason';
  return `Stripe refused ${label}: ${said}${typeof answer.code === 'string' ? ` (${answer.code})` : ''}. Nothing changed.`;
}

/**
 * The amount a debt DM (payments' debt-messages) says its reader now owes, or undefined for
 * any other message: the panel adds "X now owes C500 $Y" to a click's feedback once C500 has
 * told them.
 */
export function debtOwedIn(content: string): string | undefined {
  return /you now owe C500 (.+?) on this server/.exec(content)?.[1];
}
