/**
 * @module giveaway-form
 * `/giveaway start prize:<text> duration:<…> [winners:<n>] [confirm-minutes:<n>]`
 * read strictly: a duration people type (`30m`, `2h`, `1d12h`), a prize that shows
 * something, between 1 and 20 winners. The prize's words never change who may enter:
 * "purchase" in it is only text.
 */
import { visibleText } from '../../common';
import { giveawayLimits } from './giveaway';

export interface GiveawayForm {
  prize: string;
  durationSeconds: number;
  winners: number;
  confirmMinutes: number;
}

const example = 'Type a duration like `30m`, `2h` or `1d`.';

/** `90s`, `30m`, `2h`, `1d12h` -> seconds, between a minute and a week. */
export function parseGiveawayDuration(raw: string): { ok: true; seconds: number } | { ok: false; problem: string } {
  const text = raw.toLowerCase().replace(/\s/g, '');
  const match = /^(?:(\d{1,3})d)?(?:(\d{1,4})h)?(?:(\d{1,6})m)?(?:(\d{1,7})s)?$/.exec(text);
  if (!text || !match) return { ok: false, problem: `\`${[...raw.trim()].slice(0, 20).join('') || ' '}\` isn’t a duration. ${example}` };
  const seconds = Number(match[1] ?? 0) * 86_400 + Number(match[2] ?? 0) * 3600 + Number(match[3] ?? 0) * 60 + Number(match[4] ?? 0);
  if (seconds < giveawayLimits.minSeconds) return { ok: false, problem: `A giveaway runs at least a minute. ${example}` };
  if (seconds > giveawayLimits.maxSeconds) return { ok: false, problem: `A giveaway runs at most 7 days. ${example}` };
  return { ok: true, seconds };
}

export function readGiveawayForm(options: Record<string, string | number | boolean>): { ok: true; form: GiveawayForm } | { ok: false; problem: string } {
  const prize = visibleText(String(options.prize ?? '').trim());
  if (!prize) return { ok: false, problem: 'Say what the prize is: `prize:<text>`.' };
  if ([...prize].length > giveawayLimits.maxPrizeLength) return { ok: false, problem: `A prize is at most ${giveawayLimits.maxPrizeLength} characters.` };
  const duration = parseGiveawayDuration(String(options.duration ?? ''));
  if (!duration.ok) return duration;
  const winners = options.winners ?? 1;
  if (typeof winners !== 'number' || !Number.isInteger(winners) || winners < 1 || winners > giveawayLimits.maxWinners)
    return { ok: false, problem: `\`winners\` is a whole number from 1 to ${giveawayLimits.maxWinners}.` };
  const confirm = options['confirm-minutes'] ?? giveawayLimits.defaultConfirmMinutes;
  if (typeof confirm !== 'number' || !Number.isInteger(confirm) || confirm < 1 || confirm > giveawayLimits.maxConfirmMinutes)
    return { ok: false, problem: `\`confirm-minutes\` is a whole number of minutes from 1 to ${giveawayLimits.maxConfirmMinutes}.` };
  return { ok: true, form: { prize, durationSeconds: duration.seconds, winners, confirmMinutes: confirm } };
}
