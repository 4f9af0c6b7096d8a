/**
 * @module money-check-page
 * A server's admins' money check (issue 75): the reconciliation as a page, each account that
 * should be empty and is not (and each amount Stripe's ledger and the journal disagree on, where
 * the daily run found one) in words, with what to do about it. Money owed to a buyer outside
 * Stripe has a form to record how they were paid back. `reconciliation.json` stays for tools.
 */
import { formatMoney } from '../../../common';
import {
  heldByFailedRefund,
  heldForLateBuyer,
  heldForLateBuyerChargedBack,
  heldForLateBuyerDisputed,
  owedAfterChargeback,
  owedAfterGiveBack,
  owedWhileDisputed,
  type Uncleared,
  type Unexplained,
} from '../../../journal';
import type { AdminGuild } from '../session';
import { csrfField, dashboardPage, esc, idCell, panel, type Frame } from './layout';

export interface MoneyCheck {
  uncleared: readonly Uncleared[];
  /** What the last daily run could not explain, where it kept its findings; undefined: no run's findings are kept here. */
  unexplained?: readonly Unexplained[];
  /** When that run read Stripe's ledger. */
  checkedAt?: string;
}

const settlementLabels = { 'bank-transfer': 'Bank transfer', paypal: 'PayPal', 'store-credit': 'Store credit', other: 'Another way' } as const;

const money = (cents: number, currency: string) => esc(formatMoney({ cents: Math.abs(cents), currency }));
const orderLink = (orderId: string | undefined) => (orderId ? `<a href="/dashboard/orders/${esc(orderId)}">${idCell(orderId)}</a>` : '');

/** The form that records a buyer paid back outside Stripe: what they are owed, and what a lot paid after it was gone still holds for them. */
function paidBackForm(orderId: string, guildId: string, csrf: string): string {
  const options = Object.entries(settlementLabels)
    .map(([value, label]) => `<option value="${value}">${esc(label)}</option>`)
    .join('');
  const id = `how-${esc(orderId)}`;
  return `<form method="post" action="/dashboard/guild/${esc(guildId)}/owed-to-buyer/${esc(orderId)}/paid">${csrfField(csrf)}<label for="${id}">How the buyer was paid back</label> <select id="${id}" name="how">${options}</select> <button class="button" type="submit">Record the buyer paid back</button></form>`;
}

const refundCommand = (orderId: string) => `<code>/c500 refund order:${esc(orderId)}</code>`;
/** What the admin does about a buyer's money, in each case an uncleared item can be (its `why`, fixed words). */
function buyersMoneyWords(item: Uncleared): { title: string; rest: string; what: string; paidBack?: true } | undefined {
  const orderId = item.orderId ?? '';
  const amount = money(item.balanceCents, item.currency);
  const on = `on order ${orderLink(item.orderId)}`;
  const outside = 'pay the buyer back outside Stripe (a bank transfer, PayPal, store credit), then record it here';
  const Outside = `P${outside.slice(1)}`;
  const waiting = `The buyer’s bank is deciding dispute ${idCell(item.disputeId ?? '')}, and Stripe refuses any refund of the charge until it does: nothing to do yet. Once the bank decides, this item says what to do (if C500 wins, give it back with ${refundCommand(orderId)}; if the buyer wins, ${outside}).`;
  switch (item.why) {
    case heldForLateBuyer:
      return {
        title: `${amount} held for the buyer`,
        rest: `${on}: their payment came after the item was gone, and Stripe would not let C500 refund it by itself.`,
        what: `Give it back through Stripe: ${refundCommand(orderId)} in Discord, and this item clears. If the buyer’s bank charges the payment back instead, the chargeback pays them what it returns, and this item clears by itself or says what is left. If Stripe refuses again, ${outside}.`,
        paidBack: true,
      };
    case heldForLateBuyerDisputed:
      return {
        title: `${amount} held for the buyer`,
        rest: `${on}: their payment came after the item was gone, and their bank charged part of it back.`,
        what: waiting,
      };
    case heldForLateBuyerChargedBack:
      return {
        title: `${amount} held for the buyer`,
        rest: `${on}: their payment came after the item was gone; their bank charged part of it back (dispute ${idCell(item.disputeId ?? '')}) and decided for them.`,
        what: `The chargeback paid them only part: the rest is still theirs, and Stripe refuses any refund of a charge charged back and lost. ${Outside}.`,
        paidBack: true,
      };
    case heldByFailedRefund:
      return {
        title: `${amount} held for the buyer`,
        rest: `${on}: a refund of it failed (their bank sent it back), so the buyer is still waiting for it.`,
        what: `Refund it again once they have a card that takes it: ${refundCommand(orderId)} in Discord, and this item clears. If their bank charges the payment back instead, the chargeback settles it.`,
      };
    case owedAfterGiveBack:
      return {
        title: `Owed to the buyer: ${amount}`,
        rest: `${on}: their payment came after the item was gone, and the refund C500 made by itself failed at their bank.`,
        what: `Give it again through Stripe: ${refundCommand(orderId)} in Discord, and this item clears. If Stripe refuses (a chargeback since), ${outside}.`,
        paidBack: true,
      };
    case owedWhileDisputed:
      return {
        title: `Owed to the buyer: ${amount}`,
        rest: `${on}: the refund C500 made by itself of their late payment failed at their bank, and the bank charged the payment back.`,
        what: waiting,
      };
    case owedAfterChargeback:
      return {
        title: `Owed to the buyer: ${amount}`,
        rest: `${on}.`,
        what: `A refund to them failed (their bank sent it back), and then their bank charged the payment back: C500 holds money that is theirs, and Stripe will not refund a charged-back charge. ${Outside}.`,
        paidBack: true,
      };
    default:
      return undefined;
  }
}

/** One uncleared account in an admin's words: what it is, and what to do. */
function unclearedItem(item: Uncleared, guildId: string, csrf: string): string {
  const amount = money(item.balanceCents, item.currency);
  const buyers = item.balanceCents > 0 || item.account === 'owed-to-buyer' ? buyersMoneyWords(item) : undefined;
  if (buyers)
    return `<li class="money-item" data-account="${item.account}"><p><strong>${buyers.title}</strong> ${buyers.rest}</p>\n<p>${buyers.what}</p>${buyers.paidBack ? paidBackForm(item.orderId ?? '', guildId, csrf) : ''}</li>`;
  if (item.account === 'owed-to-c500')
    return `<li class="money-item" data-account="owed-to-c500"><p><strong>C500 owes ${amount} back</strong> to ${idCell(item.personId ?? '')}: more was recorded paid of their debt than they owed.</p><p>Check the <a href="/dashboard/guild/${esc(guildId)}/debts">debts</a> for a payment recorded twice, and pay the difference back by hand.</p></li>`;
  if (item.account === 'held' && item.balanceCents > 0)
    return `<li class="money-item" data-account="held"><p><strong>${amount} still held</strong> on order ${orderLink(item.orderId)}, which is done with.</p><p>Nobody is waiting for it: a release or a refund did not go out. Open the order, then release the builder’s share or refund the buyer; if neither fits, ask the operator.</p></li>`;
  if (item.account === 'held')
    return `<li class="money-item" data-account="held"><p><strong>${amount} more went out</strong> of order ${orderLink(item.orderId)} than came in, beyond the platform’s fee.</p><p>A reversal may have been refused without a debt being recorded: check the order’s disputes and refunds, and the debts; ask the operator if it stays.</p></li>`;
  return `<li class="money-item" data-account="${esc(item.account)}"><p><strong>${amount}</strong> ${item.orderId ? `on order ${orderLink(item.orderId)}` : ''}: ${esc(item.why)}.</p><p>Ask the operator.</p></li>`;
}

function unexplainedItem(item: Unexplained): string {
  const side =
    item.side === 'stripe'
      ? 'Stripe moved money C500’s books have no record of'
      : item.side === 'journal'
        ? 'C500’s books record money Stripe’s ledger does not show'
        : `Stripe moved ${money(item.stripeCents, item.currency)} and C500’s books say ${money(item.journalCents, item.currency)}`;
  return `<li class="money-item" data-account="unexplained"><p><strong>${side}</strong> (${esc(item.group)}, ${money(item.stripeCents - item.journalCents, item.currency)} apart).</p><p>Nothing to do on your side yet: the operator is alerted and looks at it in Stripe.</p></li>`;
}

export function moneyCheckPage(frame: Frame, guild: AdminGuild, check: MoneyCheck): string {
  const csrf = frame.who?.csrf ?? '';
  const uncleared =
    check.uncleared.length === 0
      ? '<p class="empty">Every account that should be empty is: no buyer is owed money, nothing is held for nobody.</p>'
      : `<ul class="money-items">${check.uncleared.map((u) => unclearedItem(u, guild.id, csrf)).join('\n')}</ul>`;
  const unexplained =
    check.unexplained === undefined
      ? '<p class="hint">The daily check against Stripe’s ledger has kept no findings for this server yet.</p>'
      : check.unexplained.length === 0
        ? `<p class="empty">Stripe’s ledger and C500’s books agreed${check.checkedAt ? ` on ${esc(check.checkedAt.slice(0, 10))}` : ''}.</p>`
        : `<ul class="money-items">${check.unexplained.map(unexplainedItem).join('\n')}</ul>`;
  return dashboardPage(
    frame,
    `<h1>${esc(guild.name)}: money check</h1><p class="hint">What should be settled and is not, from the server’s money journal. <a href="/dashboard/guild/${esc(guild.id)}/result">The platform’s result</a> · <a href="/dashboard/guild/${esc(guild.id)}/reconciliation.json">the reconciliation for tools</a></p>
    ${panel('uncleared', 'To settle', uncleared)}
    ${panel('unexplained', 'Stripe’s ledger against the books', unexplained)}`,
  );
}
