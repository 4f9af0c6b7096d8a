/**
 * @module chargeable
 * Every charge a group buy can make is one Stripe takes: checked at `start`, with words. Its
 * price is at least Stripe's least charge in the currency (a pledge of one unit is charged the
 * price, off session or on its pay link), and the largest pledge (the most units a member may
 * pledge, with the most shipping the builder's rates quote for them) is at most Stripe's
 * largest. Stripe refuses the rest as `amount_too_small` or `amount_too_large`, at the close,
 * when nobody can fix it. The builder may raise their shipping rates after `start`, so each Join
 * is checked again by the same rule, for its own units and shipping. Pure.
 */
import { amountText, formatMoney, maxAmountCents, minimumCharge } from '../../common';
import { groupBuyLimits } from './group-buy';
import type { PledgeShipping } from './pledge-shipping';

/** Why Stripe would refuse a charge this group buy can make, in the builder's words, if it would. */
export function unchargeablePrice(priceCents: number, currency: string, largestShipping?: PledgeShipping): string | undefined {
  const least = minimumCharge(currency);
  if (priceCents < least.cents)
    return `\`price\`: the lowest price Stripe can charge is \`${amountText(least)}\` (${formatMoney(least)}), like \`price:${amountText(least)}\`.`;
  const units = groupBuyLimits.maxQuantity;
  const shipping = Math.max(largestShipping?.domesticCents ?? 0, largestShipping?.internationalCents ?? 0);
  const largest = priceCents * units + shipping;
  if (largest <= maxAmountCents) return undefined;
  const highest = { cents: Math.floor((maxAmountCents - shipping) / units), currency };
  return `\`price\`: a member may pledge ${units} units, and ${units} at this price${shipping > 0 ? ' with shipping' : ''} is ${formatMoney({ cents: largest, currency })}, more than Stripe charges at once (${formatMoney({ cents: maxAmountCents, currency })}). Give a unit price of at most ${formatMoney(highest)}.`;
}

/** The most a pledge of `units` can be charged: its units at the price with the dearer shipping quoted for them (the address, given after Join, picks one). */
export function mostPledgeCharge(priceCents: number, units: number, shipping?: PledgeShipping): number {
  return priceCents * units + Math.max(shipping?.domesticCents ?? 0, shipping?.internationalCents ?? 0);
}

/** A pledge Stripe could not charge at once: what it comes to, and the most units that fit (0: not one does). */
export interface PledgeOverStripe {
  chargeCents: number;
  mostUnits: number;
}

/**
 * Whether the charge a Join of `quantity` units can come to passes Stripe's largest, under the
 * builder's rates as they are at the Join (`shippingFor`: the shipping quoted for so many units).
 */
export function pledgeOverStripeMax(
  priceCents: number,
  quantity: number,
  shippingFor: (units: number) => PledgeShipping | undefined,
): PledgeOverStripe | undefined {
  const chargeCents = mostPledgeCharge(priceCents, quantity, shippingFor(quantity));
  if (chargeCents <= maxAmountCents) return undefined;
  let mostUnits = quantity - 1;
  while (mostUnits > 0 && mostPledgeCharge(priceCents, mostUnits, shippingFor(mostUnits)) > maxAmountCents) mostUnits -= 1;
  return { chargeCents, mostUnits };
}
