/**
 * @module extras
 * A funded group buy's extras (issue 65, point 6): units the builder made beyond what was
 * pledged, sold once they are in hand as a ready-to-ship drop in the group buy's channel. The
 * builder may ask any time after funding (units in hand are theirs to judge; nothing waits on
 * a milestone), once: the drop's id is derived from the group buy, so it is one drop a group
 * buy. Its price is the group buy's unless the builder gives one. Those on the waitlist, never
 * charged, wanted one: they are told first, by DM. Pure.
 */
import { amountText, formatMoney, minimumCharge, parseAmount, shortIdFrom } from '../../common';
import type { DropDraft } from '../../marketplace';
import { groupBuyLimits, type GroupBuy, type GroupBuyExtras, type PledgeStatus } from './group-buy';
import type { Read } from './group-buy-forms';

type Options = Record<string, string | number | boolean>;

/** `/groupbuy extras id:<…> units:<n> [price:<n>]` as typed; the price is read later, in the group buy's currency. */
export interface ExtrasForm {
  groupBuyId: string;
  units: number;
  price?: string | number;
}

export const extrasExample = '`/groupbuy extras id:<group buy id> units:5`';

/** The group buy's id and a whole number of units from 1 to 999; the price, if any, kept as typed. */
export function readExtrasForm(options: Options): Read<ExtrasForm> {
  const groupBuyId = String(options.id ?? '')
    .trim()
    .toLowerCase();
  if (!/^[0-9a-z]{8}$/.test(groupBuyId)) return { ok: false, problem: '`id` is the group buy’s id: the 8 characters at the foot of its post.' };
  const units = options.units;
  if (typeof units !== 'number' || !Number.isInteger(units) || units < 1 || units > groupBuyLimits.maxExtras)
    return {
      ok: false,
      problem: `\`units\` is how many extras you have in hand: a whole number from 1 to ${groupBuyLimits.maxExtras.toLocaleString('en-US')}, like \`units:5\`.`,
    };
  const price = options.price;
  const form: ExtrasForm = { groupBuyId, units };
  if (typeof price === 'number' || typeof price === 'string') form.price = price;
  return { ok: true, form };
}

/** A unit's price: the one typed, read in the group buy's currency, or the group buy's own; never below what Stripe can charge. */
export function extrasPrice(form: Pick<ExtrasForm, 'price'>, groupBuy: Pick<GroupBuy, 'priceCents' | 'currency'>): Read<number> {
  let cents = groupBuy.priceCents;
  if (form.price !== undefined) {
    const typed = parseAmount(form.price, groupBuy.currency);
    if (!typed.ok) return { ok: false, problem: `\`price\` (a unit’s, in ${groupBuy.currency.toUpperCase()}): ${typed.reason}` };
    cents = typed.cents;
  }
  const minimum = minimumCharge(groupBuy.currency);
  if (cents < minimum.cents)
    return {
      ok: false,
      problem: `\`price\`: the lowest price Stripe can charge is \`${amountText(minimum)}\` (${formatMoney(minimum)}), like \`price:${amountText(minimum)}\`.`,
    };
  return { ok: true, form: cents };
}

/** The extras' drop: one a group buy, whoever asks and however often. */
export const extrasDropId = (groupBuyId: string): string => shortIdFrom(`groupbuy-extras:${groupBuyId}`);

/** What the drop says: the group buy's title marked extra, its description (or where they come from) and its picture. */
export function extrasDraft(groupBuy: Pick<GroupBuy, 'title' | 'description' | 'imageUrl'>, extras: Pick<GroupBuyExtras, 'units' | 'priceCents'>): DropDraft {
  return {
    title: `${groupBuy.title} (extra)`,
    description: groupBuy.description ?? `Extra units of the ${groupBuy.title} group buy, made beyond what was pledged and ready to ship.`,
    priceCents: extras.priceCents,
    kind: 'ready-to-ship',
    stock: extras.units,
    ...(groupBuy.imageUrl ? { imageUrl: groupBuy.imageUrl } : {}),
  };
}

/**
 * The pledges told first: the waitlist, never charged. A funded group buy let its waitlist go
 * (`released`, and only the waitlist is released once it is funded); one still `waitlisted` is
 * on its way there.
 */
export const waitlistStatuses: readonly PledgeStatus[] = ['waitlisted', 'released'];
