/**
 * @module marketplace/routes
 * `/c500 profile`, `/c500 drop` (a modal, which must be the first answer, so onboarding is
 * checked when it is submitted), `/c500 ship`, the drops' Buy Now buttons (which call
 * Stripe), and `/c500 refund` (its use case is payments', which owns refunds).
 */
import { num, str, sub, commandCall, deferPrivately, moduleRoutes, reply, replyWithModal } from '../discord';
import { isOrderIdShaped, normalizeOrderId } from '../common';
import { maxRefundReasonLength, readRefundForm, refundRefusals } from '../payments';
import { dropIdFromBuyNow, dropModalCustomId } from './rules/drop';
import { dropModal } from './rules/drop-form';
import { shipRefusals } from './rules/ship-messages';

const jobs = {
  'profile-view': 'discord-commands',
  'post-drop': 'discord-commands',
  'ship-order': 'discord-commands',
  'buy-now': 'stripe-commands',
  'refund-order': 'stripe-commands',
} as const;

export const marketplaceRoutes = moduleRoutes({
  jobs,
  c500: [
    sub('profile', 'Your orders and their status'),
    sub('drop', 'Builders: post a new drop'),
    sub('ship', 'Builders: mark an order shipped', [str('order', 'The order id'), str('tracking', 'Carrier and tracking number')]),
    sub('refund', 'Builders (before the release) or admins: refund an order, all or part', [
      str('order', 'The order id'),
      num('amount', 'How much, for example 20 or 20.50 (default: all that is left)', false),
      { ...str('reason', 'Why, told to the buyer', false), max_length: maxRefundReasonLength },
    ]),
  ],
  help: [
    { usage: '/c500 profile', what: 'Your orders, their status and the proof-of-work stream link.' },
    { usage: '/c500 drop', what: 'Builders: post a drop (commission or ready-to-ship) with a Buy Now button.' },
    { usage: '/c500 ship order:<id> tracking:<text>', what: 'Builders: mark an order shipped and tell the buyer.' },
    { usage: '/c500 refund order:<id> [amount:<n>] [reason:<text>]', what: 'Builders before the release, or admins: refund all or part of an order.' },
  ],
  routes: {
    '/c500 profile': () => deferPrivately(jobs, 'profile-view'),
    '/c500 drop': () => replyWithModal(dropModal()),
    '/c500 ship': (interaction) => {
      const { options } = commandCall(interaction);
      const order = normalizeOrderId(String(options.order ?? ''));
      const tracking = String(options.tracking ?? '').trim();
      if (!isOrderIdShaped(order)) return reply(shipRefusals.notFound(order.slice(0, 40)));
      if (tracking.length === 0 || tracking.length > 200) return reply(shipRefusals.tracking);
      return deferPrivately(jobs, 'ship-order');
    },
    // The amount is read again in the order's currency by the use case; this answers at once what is never an amount.
    '/c500 refund': (interaction, { currency }) => {
      const { options } = commandCall(interaction);
      const order = normalizeOrderId(String(options.order ?? ''));
      if (!isOrderIdShaped(order)) return reply(refundRefusals.badOrder(order));
      const form = readRefundForm(options, currency);
      return form.ok ? deferPrivately(jobs, 'refund-order') : reply(refundRefusals.amount(form.amountProblem));
    },
  },
  button: (customId) => (dropIdFromBuyNow(customId) ? 'buy-now' : undefined),
  modals: { [dropModalCustomId]: 'post-drop' },
});
