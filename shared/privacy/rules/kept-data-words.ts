/**
 * @module kept-data-words
 * The phrases the table of kept data repeats: a person's id and name on a record, and the
 * usual lengths of time.
 */
import type { KeptFact } from './kept-data-types';

/** Ended by the retention sweep's `idleChatters` (a chatter's last chat activity: their login's `seenAt`). */
export const untilErased = 'until the member erases their data, or a year after their last activity';
/** Ended by the retention sweep's `paymentRecords` (law-kept-records): a journal entry keeps its amounts under nobody's id. */
export const paymentRecord = 'ten years from the end of the year of its last payment (the tax-law period), then erased';
/** Ended by Firestore's TTL on `privacyAsks.expiresAt` (rules/erasure-asks); locally, the retention sweep's `erasureAsks`. */
export const erasureAsksKept = 'until ten minutes after the last erasure asked for';
export const memberName = (
  fields: readonly string[],
  nameOf: string,
  seenBy: KeptFact['seenBy'],
  onErasure: KeptFact['onErasure'] = 'name-removed',
): KeptFact => ({
  fields,
  what: 'a Discord name',
  purpose: 'to greet and show people by name in messages, cards and pages',
  seenBy,
  keptFor: 'as long as the record it is on',
  endedBy: 'erasure of the member, or the end of the record',
  onErasure,
  nameOf,
});
export const memberId = (
  fields: readonly string[],
  purpose: string,
  seenBy: KeptFact['seenBy'],
  onErasure: KeptFact['onErasure'],
  keptFor = 'as long as the record it is on',
): KeptFact => ({
  fields,
  what: 'a Discord user id',
  purpose,
  seenBy,
  keptFor,
  endedBy: 'the end of the record it is on',
  onErasure,
});
