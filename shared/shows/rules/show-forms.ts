/**
 * @module show-forms
 * `/c500 show create`, `/c500 show add` and `/c500 show settings` as people type them,
 * checked into values; every problem is named at once, with what to type instead.
 */
import { parseAuctionStart, parseStreamDelay, type AuctionStartForm } from '../../auctions';
import { visibleText, percentToBps, percentOf } from '../../common';
import { showLimits, type ShowSettings } from './show';

type Options = Record<string, string | number | boolean>;

export type TitleForm = { ok: true; title: string } | { ok: false; problem: string };

export function parseShowTitle(options: Options): TitleForm {
  const title = visibleText(String(options.title ?? '')) ?? '';
  if (title.length === 0) return { ok: false, problem: '**title**: name the show in words people can see, for example `Friday night keebs`.' };
  if (title.length > showLimits.maxTitleLength) return { ok: false, problem: `**title**: keep it to ${showLimits.maxTitleLength} characters.` };
  return { ok: true, title };
}

/** A lot is an auction's terms with a show's shorter clock. */
export function parseLot(options: Options, currency: string): { ok: true; lot: AuctionStartForm } | { ok: false; problems: string[] } {
  const form = parseAuctionStart(options, currency);
  if (!form.ok) return form;
  const { min, max } = showLimits.lotSeconds;
  if (form.form.durationSeconds < min || form.form.durationSeconds > max)
    return { ok: false, problems: [`**duration**: a lot runs from ${min} seconds to ${max / 60} minutes, for example \`45s\` or \`2m\`.`] };
  return { ok: true, lot: form.form };
}

export type ShowSettingsForm = { ok: true; changes: Partial<ShowSettings> } | { ok: false; problems: string[] };

/** `platformFeeBps`: the host's cut and the platform's fee come out of the same price. */
export function parseShowSettings(options: Options, platformFeeBps: number): ShowSettingsForm {
  const changes: Partial<ShowSettings> = {};
  const problems: string[] = [];
  if (options['host-cut'] !== undefined) {
    const text = String(options['host-cut']).trim();
    const bps = text === '0' || text === '0%' ? 0 : percentToBps(text);
    const most = Math.min(showLimits.maxHostCutBps, 10_000 - platformFeeBps);
    if (bps === undefined || bps > most)
      problems.push(
        `**host-cut** is the host’s percentage of each lot’s price, from 0 to ${percentOf(most)}, to two decimals: \`host-cut:10\` or \`host-cut:7.5\`.`,
      );
    else changes.hostCutBps = bps;
  }
  if (options.gap !== undefined) {
    const seconds = Number(options.gap);
    const { min, max } = showLimits.gapSeconds;
    if (!Number.isInteger(seconds) || seconds < min || seconds > max)
      problems.push(`**gap** is the whole seconds between a hammer and the next lot, from ${min} to ${max}: \`gap:10\`.`);
    else changes.gapSeconds = seconds;
  }
  if (typeof options['host-role'] === 'string') changes.hostRoleId = options['host-role'];
  if (options['stream-delay'] !== undefined) {
    const delay = parseStreamDelay(options['stream-delay']);
    if (delay.ok) changes.streamDelaySeconds = delay.seconds;
    else problems.push(delay.problem);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, changes };
}
