/**
 * @module onboarding/routes
 * `/c500 onboard` (Stripe Connect, which calls Stripe) and `/c500 link-twitch`.
 */
import { str, sub, deferPrivately, moduleRoutes } from '../discord';

const jobs = { 'onboard-builder': 'stripe-commands', 'link-twitch': 'discord-commands' } as const;

export const onboardingRoutes = moduleRoutes({
  jobs,
  c500: [
    sub('onboard', 'Builders: set up Stripe payouts', [
      { ...str('country', 'Two-letter code of the country you get paid in, e.g. US, GB, DE', false), min_length: 2, max_length: 2 },
    ]),
    sub('link-twitch', 'Builders: link the Twitch channel you build on'),
  ],
  help: [
    { usage: '/c500 onboard country:<US|GB|…>', what: 'Builders: set up Stripe so buyers can pay you.' },
    { usage: '/c500 link-twitch', what: 'Builders: link the Twitch channel you build on.' },
  ],
  routes: {
    '/c500 onboard': () => deferPrivately(jobs, 'onboard-builder'),
    '/c500 link-twitch': () => deferPrivately(jobs, 'link-twitch'),
  },
});
