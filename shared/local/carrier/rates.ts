/**
 * @module carrier/rates
 * The stand-in's prices: fixed per service, plus a price per ounce, so a test knows what a
 * label costs. Domestic parcels get USPS's three services and UPS Ground; a parcel crossing a
 * border gets USPS's three international ones (and then needs a customs form).
 */
export interface ServicePrice {
  carrier: string;
  service: string;
  baseCents: number;
  perOunceCents: number;
  deliveryDays: number;
}

export const domesticServices: readonly ServicePrice[] = [
  { carrier: 'USPS', service: 'GroundAdvantage', baseCents: 525, perOunceCents: 12, deliveryDays: 5 },
  { carrier: 'USPS', service: 'Priority', baseCents: 895, perOunceCents: 20, deliveryDays: 2 },
  { carrier: 'USPS', service: 'Express', baseCents: 2_995, perOunceCents: 40, deliveryDays: 1 },
  { carrier: 'UPS', service: 'Ground', baseCents: 1_050, perOunceCents: 15, deliveryDays: 4 },
];

export const internationalServices: readonly ServicePrice[] = [
  { carrier: 'USPS', service: 'FirstClassPackageInternationalService', baseCents: 1_595, perOunceCents: 45, deliveryDays: 10 },
  { carrier: 'USPS', service: 'PriorityMailInternational', baseCents: 4_295, perOunceCents: 60, deliveryDays: 7 },
  { carrier: 'USPS', service: 'ExpressMailInternational', baseCents: 6_495, perOunceCents: 80, deliveryDays: 4 },
];

/** What a service charges for a parcel: whole ounces, rounded up as carriers round. */
export function priceCents(price: ServicePrice, weightOz: number): number {
  return price.baseCents + price.perOunceCents * Math.ceil(weightOz);
}

/** Cents as EasyPost writes money: a decimal string in dollars ("7.58"). */
export function dollars(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

export function servicesBetween(fromCountry: string, toCountry: string): readonly ServicePrice[] {
  return fromCountry.toUpperCase() === toCountry.toUpperCase() ? domesticServices : internationalServices;
}
