/**
 * @module public-giveaway
 * `GET /giveaway/<id>` (the entries by pseudonym, and after the draw the seed),
 * `/giveaway/<id>/rules`, `/giveaway/<id>/entries.txt` and `/giveaway/<id>.json` (the overlay's
 * feed): what anyone may see, read once per request.
 */
import type { Clock, DocumentStore } from '../../ports';
import { entriesCollection, giveawayPath, isGiveawayIdShaped } from '../rules/giveaway';
import { publicGiveaway, type PublicGiveaway } from '../rules/giveaway-pages';

export type PublicGiveawayAnswer = { ok: true; giveaway: PublicGiveaway; pseudonyms: string[] } | { ok: false; reason: 'malformed' | 'not-found' };

export async function publicGiveawayView(deps: { store: DocumentStore; clock: Clock }, giveawayId: string): Promise<PublicGiveawayAnswer> {
  if (!isGiveawayIdShaped(giveawayId)) return { ok: false, reason: 'malformed' };
  const [giveaway, entries] = await Promise.all([deps.store.get(giveawayPath(giveawayId)), deps.store.query(entriesCollection(giveawayId))]);
  if (!giveaway) return { ok: false, reason: 'not-found' };
  const pseudonyms = entries.map((e) => e.data.pseudonym).sort();
  return { ok: true, giveaway: publicGiveaway(giveaway, pseudonyms.length, deps.clock.now()), pseudonyms };
}
