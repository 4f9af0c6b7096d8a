/**
 * @module drop-form
 * The `/c500 drop` modal and the validation of what a builder typed into it. Discord
 * modals hold five inputs, so kind and stock share one: `commission`, or
 * `ready-to-ship 3`. Every problem is reported at once, each with what to type instead.
 */
import { type DropKind, dropModalCustomId } from './drop';
import { amountText, formatMoney, minimumCharge, parseAmount, visibleText } from '../../common';
import { readCommissionTerms } from '../../queue';
import type { CommissionTerms } from '../../orders';

export interface DropDraft {
  title: string;
  description: string;
  priceCents: number;
  kind: DropKind;
  stock?: number;
  /** A commission sold from the builder's queue: its slots, lead time and tranches. */
  commission?: CommissionTerms;
  imageUrl?: string;
}

export type DropFormResult = { ok: true; draft: DropDraft } | { ok: false; problems: string[] };

export const maxStock = 999;
/** Room for a commission's terms with a tranche at each milestone: `commission 12 slots 10 weeks one at a time 20% at parts-in 30% at assembly 10% at sound-test`. */
export const maxKindLength = 120;

const textInput = (custom_id: string, label: string, extra: Record<string, unknown>) => ({
  type: 1,
  components: [{ type: 4, custom_id, label, style: 1, required: true, ...extra }],
});

export function dropModal(): { custom_id: string; title: string; components: unknown[] } {
  return {
    custom_id: dropModalCustomId,
    title: 'New drop',
    components: [
      textInput('title', 'Title', { max_length: 80, placeholder: 'Lavender 65% with Oil Kings' }),
      textInput('description', 'Description', { style: 2, max_length: 1000, placeholder: 'Case, plate, switches, keycaps, what makes it special' }),
      textInput('price', 'Price', { max_length: 12, placeholder: '240 or 240.50 (the server’s currency)' }),
      textInput('kind', 'Kind: commission or ready-to-ship', {
        // A paragraph, so the example wraps instead of being cut off at the input's width.
        style: 2,
        max_length: maxKindLength,
        placeholder: 'ready-to-ship 3, or commission 3 slots 6 weeks 30% at parts-in',
      }),
      textInput('image', 'Image URL (optional)', { required: false, max_length: 500, placeholder: 'https://…/photo.jpg' }),
    ],
  };
}

export function readDropForm(values: Record<string, string>, currency: string): DropFormResult {
  const problems: string[] = [];
  const title = visibleText(values.title ?? '') ?? '';
  const description = visibleText(values.description ?? '') ?? '';
  if (title.length === 0 || title.length > 80) problems.push('**Title**: give the drop a name people can see, of up to 80 characters.');
  if (description.length === 0 || description.length > 1000)
    problems.push('**Description**: say what it is, in words people can see, in up to 1,000 characters.');

  const price = parseAmount(values.price ?? '', currency);
  const minimum = minimumCharge(currency);
  if (!price.ok) problems.push(`**Price**: ${price.reason}`);
  else if (price.cents < minimum.cents) problems.push(`**Price**: the lowest price Stripe can charge is \`${amountText(minimum)}\` (${formatMoney(minimum)}).`);

  const kind = readKind(values.kind ?? '');
  if (!kind.ok) problems.push(`**Kind**: ${kind.reason}`);

  const image = (values.image ?? '').trim();
  if (image && !isHttpsUrl(image)) problems.push('**Image URL**: use a link that starts with `https://`, or leave it empty.');

  if (problems.length > 0 || !price.ok || !kind.ok) return { ok: false, problems };
  return {
    ok: true,
    draft: {
      title,
      description,
      priceCents: price.cents,
      kind: kind.kind,
      ...(kind.stock !== undefined ? { stock: kind.stock } : {}),
      ...(kind.commission ? { commission: kind.commission } : {}),
      ...(image ? { imageUrl: image } : {}),
    },
  };
}

type KindResult = { ok: true; kind: DropKind; stock?: number; commission?: CommissionTerms } | { ok: false; reason: string };

function readKind(raw: string): KindResult {
  const text = raw.trim().toLowerCase().replace(/[–—]/g, '-');
  const forms =
    'Type `commission 3 slots 6 weeks` (three buyers, each built within six weeks of paying), `commission` (built to order, no queue) or `ready-to-ship 3` (three in stock).';
  if (/^(commission|made[- ]to[- ]order)$/.test(text)) return { ok: true, kind: 'commission' };
  const queued = /^(?:commission|made[- ]to[- ]order)\s+(.+)$/.exec(text);
  if (queued) {
    const terms = readCommissionTerms(queued[1] ?? '');
    return terms.ok ? { ok: true, kind: 'commission', commission: terms.terms } : { ok: false, reason: terms.reason };
  }
  const ready = /^(?:ready[- ]to[- ]ship|ready|rts)\s*(?::|x|×)?\s*(\S*)$/.exec(text);
  if (!ready) return { ok: false, reason: `\`${raw.trim().slice(0, 30) || ' '}\` isn’t a kind. ${forms}` };
  const count = ready[1] ?? '';
  if (count === '') return { ok: false, reason: 'how many are ready to ship? Type it after the kind, like `ready-to-ship 3`.' };
  if (!/^\d+$/.test(count) || Number(count) < 1 || Number(count) > maxStock)
    return { ok: false, reason: `stock must be a whole number from 1 to ${maxStock}, like \`ready-to-ship 3\`.` };
  return { ok: true, kind: 'ready-to-ship', stock: Number(count) };
}

function isHttpsUrl(text: string): boolean {
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}
