/**
 * @module open-card-link
 * `GET /groupbuy/<id>?card=<setup session id>`: the Join answer's short link (card-link). Reads
 * the group buy and the pledge whose live link that session is; calls no one.
 */
import type { Clock, DocumentStore } from '../../ports';
import { groupBuyPath, pledgesCollection } from '../rules/group-buy';
import { isShortIdShaped } from '../rules/interest-check';
import { cardLinkAnswer, cardLinkOutcome, isSetupSessionIdShaped, type CardLinkAnswer } from '../rules/card-link';

export async function openCardLink(deps: { store: DocumentStore; clock: Clock }, groupBuyId: string, sessionId: string): Promise<CardLinkAnswer> {
  // Checked before anything is read: a malformed link reaches nothing.
  if (!isShortIdShaped(groupBuyId) || !isSetupSessionIdShaped(sessionId)) return cardLinkAnswer({ kind: 'malformed' });
  const [groupBuy, pledges] = await Promise.all([
    deps.store.get(groupBuyPath(groupBuyId)),
    deps.store.query(pledgesCollection(groupBuyId), { where: [['setupSessionId', '==', sessionId]], limit: 1 }),
  ]);
  return cardLinkAnswer(cardLinkOutcome(groupBuy, pledges[0]?.data, deps.clock.now().getTime()));
}
