/**
 * @module stripe/buyer-card
 * Which test card the buyer uses on the local Stripe's page: the pay route's
 * `{"card": "authentication_required"}` (JSON) or the page's button (`card=declined`, a form);
 * a card that works when neither says.
 */
import { isTestCardKind, testCardKinds, type TestCardKind } from './test-cards';

export function parseBuyerCard(body: unknown, contentType: string): { ok: true; card: TestCardKind } | { ok: false; error: string } {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
  const given = contentType.startsWith('application/x-www-form-urlencoded') ? (new URLSearchParams(text).get('card') ?? undefined) : jsonCard(text);
  if (given === undefined) return { ok: true, card: 'works' };
  return isTestCardKind(given) ? { ok: true, card: given } : { ok: false, error: `card is one of ${testCardKinds.join(', ')}` };
}

/** The JSON body's `card`; a body that is no JSON object says none (the shipping reader refuses it). */
function jsonCard(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    const json: unknown = JSON.parse(text);
    return json !== null && typeof json === 'object' ? (json as { card?: unknown }).card : undefined;
  } catch {
    return undefined;
  }
}
