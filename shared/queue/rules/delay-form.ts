/**
 * @module delay-form
 * `/c500 queue delay`'s options as typed: whole weeks from 1 to 26, and a reason the buyer
 * reads (visible text, at most 200 characters). Pure.
 */
import { visibleText } from '../../common';

export const maxDelayWeeks = 26;
export const maxDelayReasonLength = 200;

export type DelayForm = { ok: true; weeks: number; reason: string } | { ok: false; problem: string };

export function readDelayForm(options: Record<string, string | number | boolean>): DelayForm {
  const weeks = options.weeks;
  if (typeof weeks !== 'number' || !Number.isInteger(weeks) || weeks < 1 || weeks > maxDelayWeeks)
    return { ok: false, problem: `Move the date by whole weeks, from 1 to ${maxDelayWeeks}: \`weeks:2\`.` };
  const reason = typeof options.reason === 'string' ? visibleText(options.reason) : undefined;
  if (!reason) return { ok: false, problem: 'Say why, in words your buyer can read: `reason:waiting on switches from the vendor`.' };
  if (reason.length > maxDelayReasonLength) return { ok: false, problem: `Keep the reason to ${maxDelayReasonLength} characters; yours has ${reason.length}.` };
  return { ok: true, weeks, reason };
}
