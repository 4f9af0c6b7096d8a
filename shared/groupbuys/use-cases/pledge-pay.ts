/**
 * @module pledge-pay
 * The pledge's pay page (pledge-pay-page): opened, how the pledge stands; pressed, Stripe asked
 * to confirm the pledge's own refused PaymentIntent with its buyer there. Reads only: the payment
 * is recorded from Stripe's `payment_intent.succeeded` (payments' `payOnSession`), once, as any
 * payment; a lapse cancels the intent (lapse-pledge).
 */
import { timingSafeEqual } from 'node:crypto';
import { PaymentRefused } from '../../errors';
import { isOrderIdShaped, orderPath, sourceIdOf, type Order } from '../../orders';
import type { Clock, DocumentStore, OnSessionPayment, Payments } from '../../ports';
import { pledgePath, type Pledge } from '../rules/group-buy';
import { isShortIdShaped } from '../rules/interest-check';
import { isPayKeyShaped, pledgePayAnswer, pledgePayLink, type PledgePayOutcome } from '../rules/pledge-pay-page';
import { refusalInBuyersWords } from '../rules/refusal-words';
import type { CardLinkAnswer } from '../rules/card-link';
import { isSessionIdShaped } from '../rules/another-card';
import { openAnotherCard } from './another-card-page';

export interface PledgePayDeps {
  store: DocumentStore;
  clock: Clock;
  payments: Pick<Payments, 'confirmOnSession' | 'findPledgeCharge' | 'createCardSetupSession'>;
  publicBaseUrl: string;
}

export interface PledgePayRequest {
  groupBuyId: string;
  orderId: string;
  key: string;
  /** A press of the page's button (POST); otherwise the page is only opened. */
  press: boolean;
  /** Back from the bank's page (Stripe's redirect to the return URL, whatever it appended). */
  returned: boolean;
  /** A press of "Use another card": on to Stripe's page to save one (another-card). */
  anotherCard?: boolean;
  /** Back from Stripe's page with another card saved: its session's id (Stripe filled it in). */
  repaySessionId?: string;
}

/**
 * The request a pay page's link and method make: a POST is a press of Pay; `returned`, back from
 * the bank's page. Stripe appends `payment_intent`, `payment_intent_client_secret` and
 * `redirect_status` to the return URL: they mark a return and nothing else, as anyone can type them.
 */
export function pledgePayRequest(groupBuyId: string, method: string, query: Record<string, unknown>): PledgePayRequest {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    groupBuyId,
    orderId: text(query.pay),
    key: text(query.key),
    press: method === 'POST',
    returned: query.returned !== undefined || query.payment_intent !== undefined,
    anotherCard: method === 'POST' && query.card === 'another',
    repaySessionId: text(query.repay),
  };
}

export async function answerPledgePay(deps: PledgePayDeps, request: PledgePayRequest): Promise<CardLinkAnswer> {
  return pledgePayAnswer(await pledgePayOutcome(deps, request));
}

async function pledgePayOutcome(deps: PledgePayDeps, request: PledgePayRequest): Promise<PledgePayOutcome> {
  const { groupBuyId, orderId, key } = request;
  // Checked before anything is read: a malformed link reaches nothing.
  if (!isShortIdShaped(groupBuyId) || !isOrderIdShaped(orderId) || !isPayKeyShaped(key)) return { kind: 'malformed' };
  if (request.repaySessionId && !isSessionIdShaped(request.repaySessionId)) return { kind: 'malformed' };
  const order = await deps.store.get(orderPath(orderId));
  if (order?.source !== 'groupbuy' || sourceIdOf(order) !== groupBuyId) return { kind: 'not-found' };
  const pledge = await deps.store.get(pledgePath(groupBuyId, order.buyerId));
  if (pledge?.orderId !== orderId || pledge.payKey === undefined || !sameText(pledge.payKey, key)) return { kind: 'not-found' };
  const standing = standingOf(order, pledge, deps.clock.now());
  if (standing || !pledge.paymentIntentId || !pledge.payBy) return standing ?? { kind: 'not-found' };
  const link = pledgePayLink(deps.publicBaseUrl, groupBuyId, orderId, key);
  const action = link.slice(deps.publicBaseUrl.length);
  if (request.anotherCard)
    return { kind: 'card-page', url: await openAnotherCard(deps, order, { ...pledge, paymentIntentId: pledge.paymentIntentId, payBy: pledge.payBy }, link) };
  if (!request.press && request.repaySessionId) return afterAnotherCard(order, pledge, action, request.repaySessionId);
  if (!request.press) {
    // Back from the bank: Stripe's own word on the intent, as its event may not have reached the order yet.
    if (request.returned && (await chargedAtStripe(deps, orderId, pledge.paymentIntentId))) return { kind: 'paid', title: order.title };
    return payOutcome(order, pledge, action, request.returned);
  }
  let answer: OnSessionPayment;
  try {
    answer = await deps.payments.confirmOnSession({ paymentIntentId: pledge.paymentIntentId, returnUrl: `${link}&returned=1` });
  } catch (error) {
    // Stripe no longer has the intent: nothing can be paid on it (the pledge lapses at its deadline).
    if (error instanceof PaymentRefused) return { kind: 'not-found' };
    throw error;
  }
  return confirmedOutcome(answer, order, pledge, action);
}

/**
 * Back from saving another card: how confirming the pledge's intent with it went, once its
 * completion reached C500 (another-card-saved); until then the page looks again by itself.
 */
function afterAnotherCard(order: Order, pledge: Pledge, action: string, sessionId: string): PledgePayOutcome {
  const repay = pledge.repay?.sessionId === sessionId ? pledge.repay : undefined;
  if (repay?.answer === 'requires_action' && repay.bankUrl) return { kind: 'bank', url: repay.bankUrl };
  if (repay?.answer === 'declined')
    return { kind: 'declined', title: order.title, words: pledge.refusal ?? 'Your bank declined the card', action, payBy: utcText(pledge.payBy as string) };
  return payOutcome(order, pledge, action, true);
}

/**
 * Whether Stripe says the pledge's own intent succeeded (found by the pledge's id, its order's);
 * a read Stripe cannot answer now says not yet, and the page looks again.
 */
async function chargedAtStripe(deps: PledgePayDeps, orderId: string, paymentIntentId: string): Promise<boolean> {
  try {
    const found = await deps.payments.findPledgeCharge(orderId);
    return found?.outcome === 'succeeded' && found.paymentIntentId === paymentIntentId;
  } catch {
    return false;
  }
}

/** Paid or over, whatever this request asks; undefined while the pledge waits on its buyer. */
function standingOf(order: Order, pledge: Pledge, now: Date): PledgePayOutcome | undefined {
  if (order.status === 'paid' || order.status === 'building' || order.status === 'shipped') return { kind: 'paid', title: order.title };
  if (pledge.status === 'needs-buyer' && order.status === 'awaiting-payment' && now.getTime() < Date.parse(pledge.payBy ?? '')) return undefined;
  if (pledge.status === 'needs-buyer' || pledge.status === 'lapsed' || order.status === 'expired') return { kind: 'lapsed', title: order.title };
  return { kind: 'not-found' };
}

function payOutcome(order: Order, pledge: Pledge, action: string, checking: boolean): PledgePayOutcome {
  return {
    kind: 'pay',
    title: order.title,
    amountCents: order.amountCents + (order.shippingCents ?? 0),
    currency: order.currency,
    payBy: utcText(pledge.payBy as string),
    refusal: pledge.refusal ?? 'your bank asked for you',
    action,
    checking,
  };
}

function confirmedOutcome(answer: OnSessionPayment, order: Order, pledge: Pledge, action: string): PledgePayOutcome {
  switch (answer.outcome) {
    case 'succeeded':
      return { kind: 'paid', title: order.title };
    case 'requires_action':
      return { kind: 'bank', url: answer.redirectUrl };
    case 'declined':
      return {
        kind: 'declined',
        title: order.title,
        words: refusalInBuyersWords({ code: answer.code, ...(answer.declineCode ? { declineCode: answer.declineCode } : {}) }),
        action,
        payBy: utcText(pledge.payBy as string),
      };
    case 'ended':
      return answer.status === 'succeeded' ? { kind: 'paid', title: order.title } : { kind: 'lapsed', title: order.title };
    case 'rate_limited':
      return { kind: 'busy', action };
  }
}

/** `2026-11-30 10:00`, read as UTC (the page says so). */
const utcText = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

/** Compared in constant time: the key is what lets the holder through. */
function sameText(a: string, b: string): boolean {
  const [left, right] = [Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')];
  return left.length === right.length && timingSafeEqual(left, right);
}
