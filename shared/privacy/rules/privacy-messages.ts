/**
 * @module privacy-messages
 * What `/c500 privacy` and its buttons answer, and the buttons' ids. A button's id names the
 * member it was made for: it is input, so the use case checks it against who pressed it.
 */
import type { DiscordMessage } from '../../ports';
import { privateNote } from '../../discord';

const erasePrefix = 'privacy-erase:';
const confirmPrefix = 'privacy-erase-yes:';
const snowflake = /^\d{17,20}$/;

export const eraseButtonId = (memberId: string) => `${erasePrefix}${memberId}`;
export const confirmEraseButtonId = (memberId: string) => `${confirmPrefix}${memberId}`;

/** The member a privacy button was made for, if the id is one of ours and well formed. */
export function memberOfButton(customId: string, which: 'erase' | 'confirm'): string | undefined {
  const prefix = which === 'erase' ? erasePrefix : confirmPrefix;
  if (!customId.startsWith(prefix)) return undefined;
  const id = customId.slice(prefix.length);
  return snowflake.test(id) ? id : undefined;
}

export const isPrivacyButton = (customId: string) => customId.startsWith(erasePrefix) || customId.startsWith(confirmPrefix);

/** The dashboard's "Your data" page, behind a Discord sign-in. */
export const yourDataUrl = (publicBaseUrl: string) => `${publicBaseUrl.replace(/\/$/, '')}/dashboard/me`;

const withButtons = (message: DiscordMessage, buttons: unknown[]): DiscordMessage => ({ ...message, components: [{ type: 1, components: buttons }] });

export const privacyAnswers = {
  nothingKept: privateNote('C500 keeps nothing about you. Read what it would keep, and why, at /privacy.'),
  notYours: privateNote('Those buttons were made for someone else: only they can erase their data. Type `/c500 privacy` to see your own.'),
  summary(lines: readonly string[], memberId: string, publicBaseUrl: string): DiscordMessage {
    const text = [
      '**What C500 keeps about you**',
      ...lines.map((line) => `• ${line}`),
      '',
      `Why, who sees it and for how long: ${publicBaseUrl.replace(/\/$/, '')}/privacy`,
    ].join('\n');
    return withButtons(privateNote(text), [
      { type: 2, style: 5, label: 'Download my data', url: yourDataUrl(publicBaseUrl) },
      { type: 2, style: 4, label: 'Erase me', custom_id: eraseButtonId(memberId) },
    ]);
  },
  confirm(kept: readonly string[], memberId: string): DiscordMessage {
    const keptText = kept.length
      ? `\n\nKept under your id alone, without your name, until it ends (then erased without asking again):\n${kept.map((k) => `• ${k}`).join('\n')}`
      : '';
    return withButtons(
      privateNote(
        `Erase everything C500 may let go about you? Your names, Twitch link, choices and sessions go at once, and your pre-bids and the bids of auctions still live are withdrawn (they no longer bid or win).${keptText}`,
      ),
      [{ type: 2, style: 4, label: 'Yes, erase me', custom_id: confirmEraseButtonId(memberId) }],
    );
  },
  erased(count: number, kept: readonly string[]): DiscordMessage {
    const keptText = kept.length
      ? `\nWhat the law or an open obligation keeps, under your id alone, until it ends:\n${kept.map((k) => `• ${k}`).join('\n')}`
      : '';
    return privateNote(`Done: ${count} record${count === 1 ? '' : 's'} erased or stripped of your name.${keptText}`);
  },
  alreadyErased(at: string): DiscordMessage {
    return privateNote(`Your data was already erased on ${at.slice(0, 10)}; nothing more was found to erase. What is kept ends by itself.`);
  },
};
