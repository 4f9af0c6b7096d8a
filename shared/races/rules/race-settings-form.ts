/**
 * @module race-settings-form
 * `/race settings` and `/race connect` as typed by an admin, checked into values. Every
 * problem is listed at once with what to type instead; nothing is saved unless all is well.
 */
import { parseAmount, percentToBps } from '../../common';
import { raceLimits, type RaceSettings } from './race';

export const kofiPaymentTypes = ['Shop Order', 'Commission', 'Donation', 'Subscription'] as const;

export type SettingsForm = { ok: true; changes: Partial<RaceSettings> } | { ok: false; problems: string[] };

type Options = Record<string, string | number | boolean>;

/** `currencyLocked`: a guild that has raced keeps its currency, since wallets hold one. */
export function parseRaceSettings(options: Options, current: RaceSettings, currencyLocked: boolean): SettingsForm {
  const changes: Partial<RaceSettings> = {};
  const problems: string[] = [];
  if (options.rate !== undefined) {
    const bps = percentToBps(String(options.rate));
    if (bps === undefined) problems.push('`rate` is a percentage of each sale from 0.01 to 100, to two decimals: `rate:20` or `rate:12.5`.');
    else changes.commissionBps = bps;
  }
  if (options.threshold !== undefined) {
    // A threshold given with a new currency is read in that currency.
    const amount = parseAmount(options.threshold as number | string, currencyCodeOf(options.currency) ?? current.currency);
    if (!amount.ok) problems.push(`\`threshold\`: ${amount.reason}`);
    else changes.payoutThresholdCents = amount.cents;
  }
  readWhole(options['max-racers'], 'max-racers', raceLimits.maxRacers, (n) => (changes.maxRacers = n), problems);
  readWhole(options['max-minutes'], 'max-minutes', raceLimits.maxWindowMinutes, (n) => (changes.maxWindowMinutes = n), problems);
  if (typeof options['host-role'] === 'string') changes.hostRoleId = options['host-role'];
  if (options.currency !== undefined) {
    const code = currencyCodeOf(options.currency);
    if (!code) problems.push('`currency` is a three-letter code such as `usd` or `eur`.');
    else if (currencyLocked && code !== current.currency)
      problems.push(`Races here already pay in ${current.currency.toUpperCase()}, and wallets keep one currency: the currency can’t change now.`);
    else changes.currency = code;
  }
  if (options['kofi-types'] !== undefined) {
    const types = kofiTypesOf(String(options['kofi-types']));
    if (!types)
      problems.push(
        `\`kofi-types\` is a comma-separated list of ${kofiPaymentTypes.map((t) => `\`${t}\``).join(', ')}: \`kofi-types:Shop Order, Commission\`.`,
      );
    else changes.kofiTypes = types;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, changes };
}

function readWhole(raw: unknown, name: string, limits: { min: number; max: number }, set: (n: number) => void, problems: string[]): void {
  if (raw === undefined) return;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < limits.min || n > limits.max) problems.push(`\`${name}\` is a whole number from ${limits.min} to ${limits.max}.`);
  else set(n);
}

/** A currency code as typed (` EUR `) -> `eur`; undefined for anything but three letters. */
function currencyCodeOf(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const code = raw.trim().toLowerCase();
  return /^[a-z]{3}$/.test(code) ? code : undefined;
}

function kofiTypesOf(text: string): string[] | undefined {
  const wanted = text
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  const types = wanted.map((w) => kofiPaymentTypes.find((t) => t.toLowerCase() === w));
  if (types.length === 0 || types.some((t) => t === undefined)) return undefined;
  return [...new Set(types as string[])];
}

export const connectableShops = ['kofi', 'shopify', 'stripe'] as const;
export type ConnectableShop = (typeof connectableShops)[number];

export type ConnectForm = { ok: true; shop: ConnectableShop; secret?: string } | { ok: false; problem: string };

/** Ko-fi's verification token and Shopify's webhook signing secret are what the ingress checks against. */
export function parseShopConnection(options: Options): ConnectForm {
  const shop = connectableShops.find((s) => s === String(options.shop).toLowerCase());
  if (!shop)
    return {
      ok: false,
      problem:
        'Choose the shop: `/race connect shop:kofi secret:<verification token>` or `shop:shopify secret:<webhook signing secret>` (`shop:stripe` explains Payment Links).',
    };
  if (shop === 'stripe') return { ok: true, shop };
  const secret = typeof options.secret === 'string' ? options.secret.trim() : undefined;
  const what =
    shop === 'kofi'
      ? 'the verification token from Ko-fi (Settings → API → Webhooks → Advanced)'
      : 'the webhook signing secret Shopify shows under Settings → Notifications → Webhooks';
  if (secret === undefined || secret.length < 8 || secret.length > 200 || /\s/.test(secret))
    return { ok: false, problem: `\`secret\` is ${what}: 8 to 200 characters without spaces.` };
  return { ok: true, shop, secret };
}
