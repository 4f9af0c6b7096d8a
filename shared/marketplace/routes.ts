/**
 * @module marketplace/routes
 * `/c500 profile`, `/c500 drop` (a modal, which must be the first answer, so onboarding is
 * checked when it is submitted), `/c500 ship`, the drops' Buy Now buttons (which call
 * Stripe), and `/c500 refund` (its use case is payments', which owns refunds).
 */
import { num, str, sub, commandCall, isGuildAdmin, deferPrivately, moduleRoutes, reply, replyWithModal } from '../discord';
import { carriers } from '../orders';
import { isOrderIdShaped, normalizeOrderId } from '../common';
import { maxRefundReasonLength, readRefundForm, refundRefusals } from '../payments';
import { dropIdFromBuyNow, dropModalCustomId } from './rules/drop';
import { dropModal } from './rules/drop-form';
import { shipRefusals } from './rules/ship-messages';
import { carrierNames, trackingOf } from './rules/tracking';
import { orderIdFromReceived } from './rules/delivery';
import { rateFromButton } from './rules/labels';
import { waveFromButton, waveSourceOf } from './rules/label-waves';
import { waveRefusals } from './rules/label-wave-messages';
import { releaseByHandAnswers } from './rules/release-by-hand';
import { parcelChoiceFromButton } from './rules/parcel-choice';

/** A returned or lost parcel's button: its job, or undefined for anything that is not exactly one of ours. */
const parcelJob = (customId: string) => {
  const kind = parcelChoiceFromButton(customId)?.kind;
  return kind === 'reship' ? 'parcel-reship' : kind === 'refund' ? 'parcel-refund' : undefined;
};

const jobs = {
  'profile-view': 'discord-commands',
  'post-drop': 'discord-commands',
  'ship-order': 'discord-commands',
  'buy-now': 'stripe-commands',
  'refund-order': 'stripe-commands',
  'confirm-received': 'discord-commands',
  'buy-label': 'discord-commands',
  // A wave's press only schedules its batches (the `label-wave` task buys them).
  'buy-label-wave': 'discord-commands',
  // Beside the buyer's Received, whose release it makes: Stripe is reached only through it.
  'release-order': 'discord-commands',
  // A returned or lost parcel's choice: a reship buys a label as a rate's press does; a refund asks Stripe as /c500 refund does.
  'parcel-reship': 'discord-commands',
  'parcel-refund': 'stripe-commands',
} as const;

export const marketplaceRoutes = moduleRoutes({
  jobs,
  c500: [
    sub('profile', 'Your orders and their status', [
      {
        ...str('queue-name', 'Show your name at your place in builders’ queues, or “a buyer”', false),
        choices: [
          { name: 'Show my name', value: 'show' },
          { name: 'Hide it: “a buyer”', value: 'hide' },
        ],
      },
    ]),
    sub('drop', 'Builders: post a new drop'),
    sub('ship', 'Builders: buy a label (no tracking), or mark an order shipped', [
      // A wave rides the order option (`groupbuy:<id>`, `show:<id>`, as `/c500 live mode:` names them): /c500 is near Discord's option limits.
      str('order', 'The order id, or groupbuy:<id> / show:<id> for a label for each of their orders'),
      { ...str('tracking', 'The tracking number (none: choose a label to buy)', false), max_length: 100 },
      {
        ...str('carrier', 'The carrier (a tracking link is made for each but Other)', false),
        choices: carriers.map((c) => ({ name: carrierNames[c], value: c })),
      },
    ]),
    sub('refund', 'Builders (before the release) or admins: refund an order, all or part', [
      str('order', 'The order id'),
      num('amount', 'How much, for example 20 or 20.50 (default: all that is left)', false),
      { ...str('reason', 'Why, told to the buyer', false), max_length: maxRefundReasonLength },
    ]),
  ],
  // A command of its own, not a group of `/c500`: `/c500` holds 19 options of Discord's 25, and
  // shared/router/test/command-limits.test.ts keeps it under 80 %.
  commands: [
    {
      name: 'order',
      description: 'Admins: an order’s held money',
      contexts: [0],
      options: [sub('release', 'Admins: release a proved order’s held last payout without waiting for its delivery', [str('order', 'The order id')])],
    },
  ],
  help: [
    { usage: '/c500 profile [queue-name:show|hide]', what: 'Your orders, their status and the proof-of-work stream link; hide your name in builders’ queues.' },
    { usage: '/c500 drop', what: 'Builders: post a drop (commission or ready-to-ship) with a Buy Now button.' },
    {
      usage: '/c500 ship order:<id> [tracking:<number>] [carrier:<USPS|UPS|FedEx|DHL|Royal Mail|Canada Post|Australia Post|Other>]',
      what: 'Builders: with no tracking, the carrier’s cheapest labels as buttons (a press buys one and DMs you the label); with one, mark the order shipped. The buyer gets the tracking and a Received button. `order:groupbuy:<id>` or `order:show:<id>`: a shipping wave, one button buying the cheapest label for each paid, unshipped order, one DM listing them.',
    },
    { usage: '/c500 refund order:<id> [amount:<n>] [reason:<text>]', what: 'Builders before the release, or admins: refund all or part of an order.' },
    {
      usage: '/order release order:<id>',
      what: 'Admins: let a proved order’s last payout go without waiting for its delivery (a parcel never scanned, or reshipped by hand); recorded with your name.',
    },
  ],
  routes: {
    '/c500 profile': () => deferPrivately(jobs, 'profile-view'),
    '/c500 drop': () => replyWithModal(dropModal()),
    '/c500 ship': (interaction) => {
      const { options } = commandCall(interaction);
      if (waveSourceOf(String(options.order ?? '')))
        return options.tracking === undefined && options.carrier === undefined ? deferPrivately(jobs, 'ship-order') : reply(waveRefusals.trackingWithWave);
      const order = normalizeOrderId(String(options.order ?? ''));
      if (!isOrderIdShaped(order)) return reply(shipRefusals.notFound(order.slice(0, 40)));
      // No tracking number: the carrier's rates are quoted by the subscriber.
      if (options.tracking === undefined && options.carrier === undefined) return deferPrivately(jobs, 'ship-order');
      const tracking = trackingOf(options.carrier, options.tracking);
      if (!tracking.ok) return reply(shipRefusals[tracking.problem]);
      return deferPrivately(jobs, 'ship-order');
    },
    // Refused at once, before anything is queued: only an admin's word releases by hand.
    '/order release': (interaction) => (isGuildAdmin(interaction) ? deferPrivately(jobs, 'release-order') : reply(releaseByHandAnswers.needsAdmin)),
    // The amount is read again in the order's currency by the use case; this answers at once what is never an amount.
    '/c500 refund': (interaction, { currency }) => {
      const { options } = commandCall(interaction);
      const order = normalizeOrderId(String(options.order ?? ''));
      if (!isOrderIdShaped(order)) return reply(refundRefusals.badOrder(order));
      const form = readRefundForm(options, currency);
      return form.ok ? deferPrivately(jobs, 'refund-order') : reply(refundRefusals.amount(form.amountProblem));
    },
  },
  // A returned or lost parcel's choice answers on the admin's DM itself: done, its buttons go (a reship the carrier refused keeps them).
  updatesMessage: ['parcel-reship', 'parcel-refund'],
  button: (customId) =>
    dropIdFromBuyNow(customId)
      ? 'buy-now'
      : orderIdFromReceived(customId)
        ? 'confirm-received'
        : rateFromButton(customId)
          ? 'buy-label'
          : waveFromButton(customId)
            ? 'buy-label-wave'
            : parcelJob(customId),
  modals: { [dropModalCustomId]: 'post-drop' },
});
