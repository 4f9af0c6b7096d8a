/**
 * @module shipping/routes
 * `/c500 shipping`: a builder's shipping profile in this server, shown or changed (the store
 * is read, so it is answered by a subscriber).
 */
import { OptionType, num, str, sub, deferPrivately, moduleRoutes } from '../discord';
import { maxHandlingDays } from './rules/profile';

const jobs = { 'set-shipping': 'discord-commands' } as const;

const rate = (name: string, description: string) => ({ ...num(name, description, false), min_value: 0 });

export const shippingRoutes = moduleRoutes({
  jobs,
  c500: [
    sub('shipping', 'Builders: where you ship and what it costs (no options: show it)', [
      { ...str('to', 'Your country (US), a list (US,CA,GB) or worldwide', false), max_length: 100 },
      rate('domestic', 'First item shipped in your own country, e.g. 8 or 8.50'),
      rate('domestic-extra', 'Each further item in the same checkout, in your country'),
      rate('international', 'First item shipped abroad'),
      rate('international-extra', 'Each further item in the same checkout, abroad'),
      rate('free-over', 'Free shipping from this checkout total (0: never)'),
      {
        type: OptionType.Integer,
        name: 'handling-days',
        description: 'Business days before you send an item (default 3)',
        required: false,
        min_value: 0,
        max_value: maxHandlingDays,
      },
      { ...str('from', 'Where you ship from, for labels: street, city, state, ZIP', false), max_length: 200 },
    ]),
  ],
  help: [
    {
      usage:
        '/c500 shipping to:<US|US,CA,GB|worldwide> domestic:<n> domestic-extra:<n> international:<n> international-extra:<n> [free-over:<n>] [handling-days:<n>] [from:<street, city, state, ZIP>]',
      what: 'Builders: set where you ship and its rates (buyers give an address and pay shipping at checkout); `from:` is where labels bought with `/c500 ship` are sent from; no options shows it.',
    },
  ],
  routes: {
    '/c500 shipping': () => deferPrivately(jobs, 'set-shipping'),
  },
});
