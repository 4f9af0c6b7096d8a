/**
 * @module address-form
 * The winner's shipping address, taken in a modal when they confirm (the prize has no
 * checkout to ask it, as Stripe asks an order's). Stored on the prize's order as an order's
 * address is: seen by the sponsor alone, erased by the same sweep.
 */
import type { ShippingAddress } from '../../orders';
import { visibleText } from '../../common';

const claimPrefix = 'gclaim:';
const addressPrefix = 'gaddr:';
const enterPrefix = 'genter:';

export const enterButtonId = (giveawayId: string) => `${enterPrefix}${giveawayId}`;
export const claimButtonId = (giveawayId: string, round: number) => `${claimPrefix}${giveawayId}:${round}`;
export const addressModalId = (giveawayId: string, round: number) => `${addressPrefix}${giveawayId}:${round}`;

export function giveawayOfEnter(customId: string): string | undefined {
  const id = customId.startsWith(enterPrefix) ? customId.slice(enterPrefix.length) : '';
  return /^[0-9a-z]{8}$/.test(id) ? id : undefined;
}

function roundOf(prefix: string, customId: string): { giveawayId: string; round: number } | undefined {
  const match = customId.startsWith(prefix) ? /^([0-9a-z]{8}):([1-9]\d{0,3})$/.exec(customId.slice(prefix.length)) : null;
  return match ? { giveawayId: match[1] as string, round: Number(match[2]) } : undefined;
}

export const claimOf = (customId: string) => roundOf(claimPrefix, customId);
export const addressOf = (customId: string) => roundOf(addressPrefix, customId);

const input = (custom_id: string, label: string, extra: Record<string, unknown>) => ({
  type: 1,
  components: [{ type: 4, custom_id, label, style: 1, required: true, ...extra }],
});

/** Five inputs, Discord's most: the postal code and the country share one. */
export function addressModal(giveawayId: string, round: number): { custom_id: string; title: string; components: unknown[] } {
  return {
    custom_id: addressModalId(giveawayId, round),
    title: 'Where should the prize go?',
    components: [
      input('name', 'Name', { max_length: 100, placeholder: 'Who receives it' }),
      input('line1', 'Street and number', { max_length: 200, placeholder: '12 Switch Lane, Apt 3' }),
      input('city', 'City', { max_length: 100 }),
      input('state', 'State or region (optional)', { required: false, max_length: 100 }),
      input('postal', 'Postal code and country code', { max_length: 30, placeholder: '94103 US' }),
    ],
  };
}

export function readAddress(values: Record<string, string>): { ok: true; address: ShippingAddress } | { ok: false; problem: string } {
  const field = (name: string, max: number) => {
    const text = visibleText((values[name] ?? '').trim());
    return text && [...text].length <= max ? text : undefined;
  };
  const name = field('name', 100);
  const line1 = field('line1', 200);
  const city = field('city', 100);
  const state = field('state', 100);
  const postal = /^(.+?)[\s,]+([A-Za-z]{2})$/.exec((values.postal ?? '').trim());
  if (!name || !line1 || !city) return { ok: false, problem: 'Fill in a name, a street and a city.' };
  if (!postal) return { ok: false, problem: 'Give the postal code, then the two-letter country code: `94103 US`.' };
  return {
    ok: true,
    address: { name, line1, city, ...(state ? { state } : {}), postalCode: (postal[1] as string).slice(0, 20), country: (postal[2] as string).toUpperCase() },
  };
}
