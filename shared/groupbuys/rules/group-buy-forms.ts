/**
 * @module group-buy-forms
 * `/groupbuy interest`, `start` and `extend` read strictly, each problem said with what
 * to type instead: a price in the marketplace's currency (whole minor units, more than zero),
 * an MOQ and a cap in units, a window and an extension people type (`14d`, `2w`, `36h`), a ship
 * month (`2027-03`) neither before the close's month nor too far out, and the tranches of the
 * builder's share as a commission's (`30% at parts-in`). Judged at the moment Discord received
 * the command. Pure.
 */
import { parseAmount, visibleText } from '../../common';
import { readTrancheTerms } from '../../queue';
import type { Tranche } from '../../orders';
import { groupBuyLimits } from './group-buy';

type Options = Record<string, string | number | boolean>;
export type Read<T> = { ok: true; form: T } | { ok: false; problem: string };

/** What an interest check and a group buy both say of the thing. */
export interface ItemFields {
  title: string;
  priceCents: number;
  moq: number;
  description?: string;
  imageUrl?: string;
}

/** A start as typed: title, price and MOQ may come from the interest check it is opened from. */
export interface StartForm extends Partial<ItemFields> {
  closesAtMs: number;
  shipsMonth: string;
  cap?: number;
  tranches: Tranche[];
  fromCheckId?: string;
}

const durationExample = 'Type a duration like `14d`, `2w` or `36h`.';
const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/** `2w`, `14d`, `36h`, `1d12h`, `90m` -> milliseconds. */
export function parseDuration(raw: string): { ok: true; ms: number } | { ok: false; problem: string } {
  const text = raw.toLowerCase().replace(/\s/g, '');
  const match = /^(?:(\d{1,2})w)?(?:(\d{1,3})d)?(?:(\d{1,4})h)?(?:(\d{1,6})m)?$/.exec(text);
  if (!text || !match) return { ok: false, problem: `\`${[...raw.trim()].slice(0, 20).join('') || ' '}\` isn’t a duration. ${durationExample}` };
  const ms = Number(match[1] ?? 0) * 7 * dayMs + Number(match[2] ?? 0) * dayMs + Number(match[3] ?? 0) * hourMs + Number(match[4] ?? 0) * 60_000;
  return { ok: true, ms };
}

const days = (ms: number) => Math.round(ms / dayMs);

function readWindow(raw: unknown, nowMs: number): Read<number> {
  const duration = parseDuration(String(raw ?? ''));
  if (!duration.ok) return { ok: false, problem: `\`closes\`: ${duration.problem}` };
  if (duration.ms < groupBuyLimits.minWindowMs) return { ok: false, problem: `A group buy stays open at least an hour. ${durationExample}` };
  if (duration.ms > groupBuyLimits.maxWindowMs)
    return { ok: false, problem: `A group buy stays open at most ${days(groupBuyLimits.maxWindowMs)} days: longer, and a card saved at joining is stale.` };
  return { ok: true, form: nowMs + duration.ms };
}

/** `2027-03` -> months since year 0, or undefined when it is not a month. */
export function monthIndex(shipsMonth: string): number | undefined {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(shipsMonth);
  return match ? Number(match[1]) * 12 + Number(match[2]) - 1 : undefined;
}

const monthOf = (ms: number) => new Date(ms).getUTCFullYear() * 12 + new Date(ms).getUTCMonth();

/** The ship month: not before the month the group buy closes in, and at most two years from now. */
export function readShipsMonth(raw: unknown, closesAtMs: number, nowMs: number): Read<string> {
  const text = String(raw ?? '').trim();
  const month = monthIndex(text);
  if (month === undefined) return { ok: false, problem: `\`ships\` is a month written \`YYYY-MM\`, like \`${shipsExample(closesAtMs)}\`.` };
  if (month < monthOf(closesAtMs)) return { ok: false, problem: `It can’t ship before it closes: give \`ships\` as \`${shipsExample(closesAtMs)}\` or later.` };
  if (month - monthOf(nowMs) > groupBuyLimits.maxShipMonths)
    return {
      ok: false,
      problem: `\`ships\` is at most ${groupBuyLimits.maxShipMonths} months from now: a promise further out is not one a buyer can hold anyone to.`,
    };
  return { ok: true, form: text };
}

const shipsExample = (ms: number) => new Date(ms).toISOString().slice(0, 7);

function whole(options: Options, name: string, min: number, max: number): Read<number | undefined> {
  const value = options[name];
  if (value === undefined) return { ok: true, form: undefined };
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    return { ok: false, problem: `\`${name}\` is a whole number of units from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}.` };
  return { ok: true, form: value };
}

/** Title, price, MOQ, description and picture, each optional here (the caller says which it needs). */
function readItem(options: Options, currency: string): Read<Partial<ItemFields>> {
  const form: Partial<ItemFields> = {};
  if (options.title !== undefined) {
    const title = visibleText(String(options.title).trim());
    if (!title) return { ok: false, problem: 'Say what it is: `title:<text>`.' };
    if ([...title].length > groupBuyLimits.maxTitleLength) return { ok: false, problem: `A title is at most ${groupBuyLimits.maxTitleLength} characters.` };
    form.title = title;
  }
  if (options.price !== undefined) {
    const price = parseAmount(options.price as number | string, currency);
    if (!price.ok) return { ok: false, problem: `\`price\` (a unit’s): ${price.reason}` };
    form.priceCents = price.cents;
  }
  const moq = whole(options, 'moq', 1, groupBuyLimits.maxMoq);
  if (!moq.ok) return moq;
  if (moq.form !== undefined) form.moq = moq.form;
  const description = visibleText(String(options.description ?? '').trim());
  if (description && [...description].length > groupBuyLimits.maxDescriptionLength)
    return { ok: false, problem: `A description is at most ${groupBuyLimits.maxDescriptionLength.toLocaleString('en-US')} characters.` };
  if (description) form.description = description;
  const image = String(options.image ?? '').trim();
  if (image && !isHttpsUrl(image)) return { ok: false, problem: '`image`: use a link that starts with `https://`, or leave it out.' };
  if (image) form.imageUrl = image;
  return { ok: true, form };
}

function isHttpsUrl(text: string): boolean {
  if (text.length > 500) return false;
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}

/** Title, price and MOQ are needed; description and picture are not. */
export function completeItem(item: Partial<ItemFields>): Read<ItemFields> {
  if (item.title === undefined) return { ok: false, problem: 'Say what it is: `title:<text>`.' };
  if (item.priceCents === undefined) return { ok: false, problem: 'Give a unit’s price: `price:120` (in the marketplace’s currency).' };
  if (item.moq === undefined) return { ok: false, problem: 'Give the minimum order quantity in units: `moq:50`.' };
  return { ok: true, form: { ...item, title: item.title, priceCents: item.priceCents, moq: item.moq } };
}

/** `/groupbuy interest title:<…> price:<…> moq:<n> [description] [image]`. */
export function readInterestForm(options: Options, currency: string): Read<ItemFields> {
  const item = readItem(options, currency);
  return item.ok ? completeItem(item.form) : item;
}

/** `/groupbuy start …`: everything but what an interest check (`from`) may give. */
export function readStartForm(options: Options, currency: string, nowMs: number): Read<StartForm> {
  const item = readItem(options, currency);
  if (!item.ok) return item;
  const from = String(options.from ?? '')
    .trim()
    .toLowerCase();
  if (from && !/^[0-9a-z]{8}$/.test(from)) return { ok: false, problem: '`from` is an interest check’s id: the 8 characters at the foot of its post.' };
  if (!from) {
    const complete = completeItem(item.form);
    if (!complete.ok) return { ok: false, problem: `${complete.problem} Or open it from an interest check: \`from:<check id>\`.` };
  }
  const closesAtMs = readWindow(options.closes, nowMs);
  if (!closesAtMs.ok) return closesAtMs;
  const shipsMonth = readShipsMonth(options.ships, closesAtMs.form, nowMs);
  if (!shipsMonth.ok) return shipsMonth;
  const cap = whole(options, 'cap', 1, groupBuyLimits.maxMoq);
  if (!cap.ok) return cap;
  const tranches = readTrancheTerms(String(options.tranches ?? ''));
  if (!tranches.ok) return { ok: false, problem: `\`tranches\`: ${tranches.reason}` };
  const form: StartForm = { ...item.form, closesAtMs: closesAtMs.form, shipsMonth: shipsMonth.form, tranches: tranches.tranches };
  if (cap.form !== undefined) form.cap = cap.form;
  if (from) form.fromCheckId = from;
  return from || item.form.moq === undefined ? { ok: true, form } : withCap(form, item.form.moq);
}

/** A cap below the MOQ could never be met: refused. */
export function withCap<T extends { cap?: number }>(form: T, moq: number): Read<T> {
  if (form.cap !== undefined && form.cap < moq)
    return { ok: false, problem: `The cap (${form.cap}) is below the MOQ (${moq}): it could never be met. Raise \`cap\` or leave it out.` };
  return { ok: true, form };
}

/** The `id` option: a group buy's id as its post's foot shows it. */
function readGroupBuyId(options: Options): Read<{ groupBuyId: string }> {
  const groupBuyId = String(options.id ?? '')
    .trim()
    .toLowerCase();
  if (!/^[0-9a-z]{8}$/.test(groupBuyId)) return { ok: false, problem: '`id` is the group buy’s id: the 8 characters at the foot of its post.' };
  return { ok: true, form: { groupBuyId } };
}

/** `/groupbuy cancel id:<…>`: the id alone. */
export const readCancelForm = (options: Options): Read<{ groupBuyId: string }> => readGroupBuyId(options);

/** `/groupbuy extend id:<…> by:<duration>`: the id and a positive duration up to the most an extension may be. */
export function readExtendForm(options: Options): Read<{ groupBuyId: string; byMs: number }> {
  const id = readGroupBuyId(options);
  if (!id.ok) return id;
  const { groupBuyId } = id.form;
  const by = parseDuration(String(options.by ?? ''));
  if (!by.ok) return { ok: false, problem: `\`by\`: ${by.problem}` };
  if (by.ms < hourMs) return { ok: false, problem: `Extend by at least an hour. ${durationExample}` };
  if (by.ms > groupBuyLimits.maxExtensionMs) return { ok: false, problem: `Extend by at most ${days(groupBuyLimits.maxExtensionMs)} days.` };
  return { ok: true, form: { groupBuyId, byMs: by.ms } };
}
