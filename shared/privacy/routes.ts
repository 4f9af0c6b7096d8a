/**
 * @module privacy/routes
 * `/c500 privacy`: what C500 keeps about you, with **Download my data** (a link to the
 * dashboard's Your data page) and **Erase me** (asks, then erases). In a server or in DMs.
 * `/c500 leave`: an admin takes C500 out of the server; its members' data goes after 30 days,
 * unless an admin presses **Keep C500 here** under the answer before then.
 */
import { sub, deferPrivately, isGuildAdmin, moduleRoutes, reply } from '../discord';
import { cancelLeaveButtonId, leaveAnswers } from './rules/server-leave';
import { isPrivacyButton, memberOfButton } from './rules/privacy-messages';

const jobs = {
  'privacy-view': 'discord-commands',
  'privacy-ask-erase': 'discord-commands',
  'privacy-erase': 'discord-commands',
  'server-leave': 'discord-commands',
  'server-leave-cancel': 'discord-commands',
} as const;

export const privacyRoutes = moduleRoutes({
  jobs,
  c500: [
    sub('privacy', 'What C500 keeps about you: download it or erase it', []),
    sub('leave', 'Admins: take C500 out of this server; members’ data is erased after 30 days', []),
  ],
  help: [
    { usage: '/c500 privacy', what: 'What C500 keeps about you, with buttons to download it or erase it.' },
    { usage: '/c500 leave', what: 'Admins: take C500 out of this server; its members’ data is erased after 30 days.' },
  ],
  // It is about the person, not a server: it answers in the bot's DMs too.
  outsideServers: ['/c500 privacy'],
  routes: {
    '/c500 privacy': () => deferPrivately(jobs, 'privacy-view'),
    '/c500 leave': (interaction) => (isGuildAdmin(interaction) ? deferPrivately(jobs, 'server-leave') : reply(leaveAnswers.needsAdmin)),
  },
  // Each press replaces the message its button is on: Erase me becomes the question, and the question becomes what was done, with nothing left to press.
  updatesMessage: ['privacy-ask-erase', 'privacy-erase'],
  button: (customId) =>
    customId === cancelLeaveButtonId
      ? 'server-leave-cancel'
      : !isPrivacyButton(customId)
        ? undefined
        : memberOfButton(customId, 'confirm')
          ? 'privacy-erase'
          : 'privacy-ask-erase',
});
