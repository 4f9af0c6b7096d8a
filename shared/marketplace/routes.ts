/**
 * @module marketplace/routes
 * `/c500 profile`, `/c500 drop` (a modal, which must be the first answer, so onboarding is
 * checked when it is submitted), `/c500 ship`, and the drops' Buy Now buttons (which call
 * Stripe).
 */
import { str, sub, commandCall, deferPrivately, moduleRoutes, reply, replyWithModal } from '../discord';
import { carriers } from '../payments';
import { isOrderIdShaped, normalizeOrderId } from '../common';
import { dropIdFromBuyNow, dropModalCustomId } from './rules/drop';
import { dropModal } from './rules/drop-form';
import { shipRefusals } from './rules/ship-messages';
import { carrierNames, trackingOf } from './rules/tracking';
import { orderIdFromReceived } from './rules/delivery';

const jobs = {
  'profile-view': 'discord-commands',
  'post-drop': 'discord-commands',
  'ship-order': 'discord-commands',
  'buy-now': 'stripe-commands',
  'confirm-received': 'discord-commands',
} as const;

export const marketplaceRoutes = moduleRoutes({
  jobs,
  c500: [
    sub('profile', 'Your orders and their status'),
    sub('drop', 'Builders: post a new drop'),
    sub('ship', 'Builders: mark an order shipped', [
      str('order', 'The order id'),
      { ...str('tracking', 'The tracking number'), max_length: 100 },
      {
        ...str('carrier', 'The carrier (a tracking link is made for each but Other)', false),
        choices: carriers.map((c) => ({ name: carrierNames[c], value: c })),
      },
    ]),
  ],
  help: [
    { usage: '/c500 profile', what: 'Your orders, their status and the proof-of-work stream link.' },
    { usage: '/c500 drop', what: 'Builders: post a drop (commission or ready-to-ship) with a Buy Now button.' },
    {
      usage: '/c500 ship order:<id> tracking:<number> [carrier:<USPS|UPS|FedEx|DHL|Royal Mail|Canada Post|Australia Post|Other>]',
      what: 'Builders: mark an order shipped; the buyer gets the tracking link and a Received button.',
    },
  ],
  routes: {
    '/c500 profile': () => deferPrivately(jobs, 'profile-view'),
    '/c500 drop': () => replyWithModal(dropModal()),
    '/c500 ship': (interaction) => {
      const { options } = commandCall(interaction);
      const order = normalizeOrderId(String(options.order ?? ''));
      if (!isOrderIdShaped(order)) return reply(shipRefusals.notFound(order.slice(0, 40)));
      const tracking = trackingOf(options.carrier, options.tracking);
      if (!tracking.ok) return reply(shipRefusals[tracking.problem]);
      return deferPrivately(jobs, 'ship-order');
    },
  },
  button: (customId) => (dropIdFromBuyNow(customId) ? 'buy-now' : orderIdFromReceived(customId) ? 'confirm-received' : undefined),
  modals: { [dropModalCustomId]: 'post-drop' },
});
