/**
 * @module privacy/routes
 * `/c500 privacy`: what C500 keeps about you, with **Download my data** (a link to the
 * dashboard's Your data page) and **Erase me** (asks, then erases). In a server or in DMs.
 */
import { sub, deferPrivately, moduleRoutes } from '../discord';
import { isPrivacyButton, memberOfButton } from './rules/privacy-messages';

const jobs = { 'privacy-view': 'discord-commands', 'privacy-ask-erase': 'discord-commands', 'privacy-erase': 'discord-commands' } as const;

export const privacyRoutes = moduleRoutes({
  jobs,
  c500: [sub('privacy', 'What C500 keeps about you: download it or erase it', [])],
  help: [{ usage: '/c500 privacy', what: 'What C500 keeps about you, with buttons to download it or erase it.' }],
  routes: {
    '/c500 privacy': () => deferPrivately(jobs, 'privacy-view'),
  },
  button: (customId) => (!isPrivacyButton(customId) ? undefined : memberOfButton(customId, 'confirm') ? 'privacy-erase' : 'privacy-ask-erase'),
});
