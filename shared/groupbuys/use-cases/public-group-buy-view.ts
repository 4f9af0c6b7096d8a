/**
 * @module public-group-buy-view
 * `GET /groupbuy/<id>` (the page) and `GET /groupbuy/<id>.json` (the overlay's feed): a group
 * buy as anyone may see it, read once per request. Only the group buy's own document is read,
 * never its pledges: its counts are kept with every pledge change.
 */
import type { Clock, DocumentStore } from '../../ports';
import { groupBuyPath } from '../rules/group-buy';
import { isShortIdShaped } from '../rules/interest-check';
import { publicGroupBuy, type PublicGroupBuy } from '../rules/public-group-buy';

export type PublicGroupBuyAnswer = { ok: true; groupBuy: PublicGroupBuy } | { ok: false; reason: 'malformed' | 'not-found' };

export async function publicGroupBuyView(deps: { store: DocumentStore; clock: Clock }, groupBuyId: string): Promise<PublicGroupBuyAnswer> {
  if (!isShortIdShaped(groupBuyId)) return { ok: false, reason: 'malformed' };
  const groupBuy = await deps.store.get(groupBuyPath(groupBuyId));
  if (!groupBuy) return { ok: false, reason: 'not-found' };
  return { ok: true, groupBuy: publicGroupBuy(groupBuy, deps.clock.now()) };
}
