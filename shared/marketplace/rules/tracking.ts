/**
 * @module tracking
 * `/c500 ship`'s carrier and tracking number, read strictly, and the carrier's tracking page
 * for the carriers we know. The number is the builder's input and becomes part of a link a
 * buyer opens: it is held to letters and digits and URL-encoded, and `other` gets no link
 * (we cannot know whose page it is).
 *
 * @example trackingOf('ups', '1Z999AA1 0123456784') // { ok: true, carrier: 'ups', tracking: '1Z999AA10123456784', trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784' }
 */
import { carrierNames, carriers, type Carrier } from '../../orders';

export { carrierNames };

/** Each known carrier's public tracking page, for an already checked number. */
const trackingPages: Readonly<Record<Exclude<Carrier, 'other'>, (n: string) => string>> = {
  usps: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`,
  ups: (n) => `https://www.ups.com/track?tracknum=${n}`,
  fedex: (n) => `https://www.fedex.com/fedextrack/?trknbr=${n}`,
  dhl: (n) => `https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=${n}`,
  'royal-mail': (n) => `https://www.royalmail.com/track-your-item#/tracking-results/${n}`,
  'canada-post': (n) => `https://www.canadapost-postescanada.ca/track-reperage/en#/details/${n}`,
  'australia-post': (n) => `https://auspost.com.au/mypost/track/details/${n}`,
};

export const isCarrier = (value: unknown): value is Carrier => typeof value === 'string' && (carriers as readonly string[]).includes(value);

export type TrackingRead = { ok: true; carrier: Carrier; tracking: string; trackingUrl?: string } | { ok: false; problem: 'carrier' | 'number' | 'text' };

/**
 * A known carrier's number: letters and digits only once spaces and dashes (as printed on
 * labels) are taken out, 8 to 40 of them. `other`: any visible text up to 100 characters
 * (a local courier's reference), kept as typed but with no link.
 */
export function trackingOf(carrierOption: unknown, trackingOption: unknown): TrackingRead {
  const carrier = carrierOption === undefined ? 'other' : carrierOption;
  if (!isCarrier(carrier)) return { ok: false, problem: 'carrier' };
  const raw = typeof trackingOption === 'string' ? trackingOption.trim() : '';
  if (carrier === 'other') {
    // Printable text on one line: no control characters, no markdown that would turn into a link or a mention.
    const text = raw.replace(/\s+/g, ' ');
    return text.length > 0 && text.length <= 100 && /^[\p{L}\p{N} .\-/#:]+$/u.test(text)
      ? { ok: true, carrier, tracking: text }
      : { ok: false, problem: 'text' };
  }
  const tracking = raw.replace(/[\s-]+/g, '').toUpperCase();
  if (!/^[A-Z0-9]{8,40}$/.test(tracking)) return { ok: false, problem: 'number' };
  return { ok: true, carrier, tracking, trackingUrl: trackingPages[carrier](encodeURIComponent(tracking)) };
}

/**
 * Each known carrier as EasyPost names it, for a tracker on a number typed by hand; `other`
 * has none (a local courier's reference is nothing EasyPost can follow).
 */
const easyPostCarriers: Readonly<Record<Carrier, string | undefined>> = {
  usps: 'USPS',
  ups: 'UPS',
  fedex: 'FedEx',
  dhl: 'DHLExpress',
  'royal-mail': 'RoyalMail',
  'canada-post': 'CanadaPost',
  'australia-post': 'AustraliaPost',
  other: undefined,
};

export const easyPostCarrierOf = (carrier: Carrier): string | undefined => easyPostCarriers[carrier];
