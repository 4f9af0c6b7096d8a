/**
 * @module guild/routes
 * `/c500 setup`: where C500 posts in a server. An admin's, checked here for an instant
 * answer and again by the use case, which decides.
 */
import { postableChannelTypes, sub, OptionType, commandCall, isGuildAdmin, deferPrivately, moduleRoutes, reply } from '../discord';
import { setupRefusal } from './rules/guild-messages';
import { deliveryWindow } from '../orders';

const jobs = { 'configure-guild': 'discord-commands' } as const;

export const guildRoutes = moduleRoutes({
  jobs,
  c500: [
    sub('setup', 'Admins: choose the channels C500 posts in', [
      { type: OptionType.Channel, name: 'general', description: 'Where hangout announcements go', required: true, channel_types: postableChannelTypes },
      { type: OptionType.Channel, name: 'marketplace', description: 'Where drops and hype posts go', required: true, channel_types: postableChannelTypes },
      { type: OptionType.Role, name: 'drop-role', description: 'Role pinged when a builder goes live with a drop', required: false },
      {
        type: OptionType.Integer,
        name: 'delivery-window',
        description: 'Days after delivery the buyer can report a problem before the last payout leaves (default 3)',
        required: false,
        min_value: 0,
        max_value: deliveryWindow.maxDays,
      },
    ]),
  ],
  help: [
    {
      usage: '/c500 setup general:#channel marketplace:#channel [drop-role:@role] [delivery-window:<days>]',
      what: 'Admins: choose where C500 posts, who gets pinged for drops, and how many days after delivery an order’s last payout waits.',
    },
  ],
  routes: {
    '/c500 setup': (interaction) => {
      const { options } = commandCall(interaction);
      if (!isGuildAdmin(interaction)) return reply(setupRefusal('needs-admin'));
      if (typeof options.general !== 'string' || typeof options.marketplace !== 'string') return reply(setupRefusal('needs-channels'));
      return deferPrivately(jobs, 'configure-guild');
    },
  },
});
