/**
 * @module kept-data-words
 * The phrases the table of kept data repeats: a person's id and name on a record, and the
 * usual lengths of time.
 */
import type { KeptFact } from './kept-data-types';

export const untilErased = 'until the member erases their data, or a year after their last activity';
export const paymentRecord = 'ten years after the payment (the tax-law period), then erased';
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
