/**
 * @module privacy-messages
 * What `/c500 privacy` and its buttons answer, and the buttons' ids. A button's id names the
 * member it was made for: it is input, so the use case checks it against who pressed it.
 * A press's answer replaces the message its button is on (privacy/routes), so a used button
 * does not stay to be pressed again, and a button works for 15 minutes.
 */
import type { DiscordMessage } from '../../ports';
import { privateNote, type Interaction } from '../../discord';
import { snowflakeTimeMs } from '../../common';
import { leaveLinkLabel, nothingToUndoFirst, undoFirstHeading, undoFirstLines, type UndoFirst } from './erase-offer';

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

/** How long after `/c500 privacy` answered its Erase buttons still work. */
export const eraseButtonLifetimeMs = 15 * 60_000;

/**
 * Whether an Erase button was pressed 15 minutes or more after the message carrying it was
 * made. Both times are Discord's snowflakes in the interaction (the message's id, the press's
 * id), under the signature the ingress checks, so the presser can forge neither; a time in the
 * button's own id would need a key of ours to sign it, for nothing more. The message keeps its
 * id when its answer replaces it, so "Yes, erase me" expires with the "Erase me" it replaced.
 * Discord sends the message with every button press: a press without it is taken as expired.
 */
export function eraseButtonExpired(press: Pick<Interaction, 'id' | 'message'>): boolean {
  const messageId = press.message?.id;
  const sentAtMs = typeof messageId === 'string' ? snowflakeTimeMs(messageId) : undefined;
  const pressedAtMs = snowflakeTimeMs(press.id);
  return sentAtMs === undefined || pressedAtMs === undefined || pressedAtMs - sentAtMs >= eraseButtonLifetimeMs;
}

/** The dashboard's "Your data" page, behind a Discord sign-in. */
export const yourDataUrl = (publicBaseUrl: string) => `${publicBaseUrl.replace(/\/$/, '')}/dashboard/me`;

/** A row holds five buttons: four posts' links and the confirmation (the text lists every pledge). */
export const maxLeaveLinks = 4;

const withButtons = (message: DiscordMessage, buttons: unknown[]): DiscordMessage => ({ ...message, components: [{ type: 1, components: buttons }] });
/** An answer with no buttons, which may replace a message with some: an edit that leaves `components` out keeps the old ones. */
const noButtons = (content: string): DiscordMessage => ({ ...privateNote(content), components: [] });

export const privacyAnswers = {
  nothingKept: noButtons('C500 keeps nothing about you. Read what it would keep, and why, at /privacy.'),
  notYours: noButtons('Those buttons were made for someone else: only they can erase their data. Type `/c500 privacy` to see your own.'),
  expired: noButtons('This button has expired: type `/c500 privacy` again.'),
  /** `erasedAt`: the member erased before, so the summary does not look as it did then (what is left is what was kept). */
  summary(lines: readonly string[], memberId: string, publicBaseUrl: string, erasedAt?: string): DiscordMessage {
    const text = [
      '**What C500 keeps about you**',
      ...(erasedAt ? [`You erased your data on ${erasedAt.slice(0, 10)}. What is left is kept under your id alone, without your name, until it ends:`] : []),
      ...lines.map((line) => `• ${line}`),
      '',
      `Why, who sees it and for how long: ${publicBaseUrl.replace(/\/$/, '')}/privacy`,
    ].join('\n');
    return withButtons(privateNote(text), [
      { type: 2, style: 5, label: 'Download my data', url: yourDataUrl(publicBaseUrl) },
      { type: 2, style: 4, label: 'Erase me', custom_id: eraseButtonId(memberId) },
    ]);
  },
  /**
   * The question, after what erasing cannot undo: each open pledge (charged at the close whatever
   * is erased) with a link to its post to leave it first, and the live bids the erasure withdraws.
   */
  confirm(kept: readonly string[], memberId: string, first: UndoFirst = nothingToUndoFirst): DiscordMessage {
    const keptText = kept.length
      ? `\n\nKept under your id alone, without your name, until it ends (then erased without asking again):\n${kept.map((k) => `• ${k}`).join('\n')}`
      : '';
    const links = first.leaveFirst.slice(0, maxLeaveLinks);
    const undoLines = undoFirstLines(first).map((line) => `• ${line}`);
    const undoText = undoLines.length ? `**${undoFirstHeading}**\n${undoLines.join('\n')}\n\n` : '';
    return withButtons(
      privateNote(
        `${undoText}Erase everything C500 may let go about you? Your names, Twitch link, choices and sessions go at once, and your pre-bids and the bids of auctions still live are withdrawn (they no longer bid or win).${keptText}`,
      ),
      [
        ...links.map((pledge) => ({ type: 2, style: 5, label: leaveLinkLabel(pledge.title), url: pledge.postUrl })),
        { type: 2, style: 4, label: 'Yes, erase me', custom_id: confirmEraseButtonId(memberId) },
      ],
    );
  },
  erased(count: number, kept: readonly string[]): DiscordMessage {
    const keptText = kept.length
      ? `\nWhat the law or an open obligation keeps, under your id alone, until it ends:\n${kept.map((k) => `• ${k}`).join('\n')}`
      : '';
    return noButtons(`Done: ${count} record${count === 1 ? '' : 's'} erased or stripped of your name.${keptText}`);
  },
  /** An erasure asked again with nothing new since the last one (rules/erasure-asks): when that one ran, in the reader's own time zone. */
  nothingNew(erasedAt: string): DiscordMessage {
    const unix = Math.floor(Date.parse(erasedAt) / 1000);
    return noButtons(
      `Nothing new since your erasure at <t:${unix}:t> (<t:${unix}:R>): it searched everything C500 holds then, and you have done nothing through C500 since, so it was not run again. Anything you do from now on is erased by your next ask.`,
    );
  },
  alreadyErased(at: string): DiscordMessage {
    return noButtons(`Your data was already erased on ${at.slice(0, 10)}; nothing more was found to erase. What is kept ends by itself.`);
  },
};
