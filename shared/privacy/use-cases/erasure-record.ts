/**
 * @module erasure-record
 * Where a member's erasure is remembered: under their keyed pseudonym, never their id
 * (rules/privacy-erasure). The sweep that ends what an erasure kept finds the member again
 * on each kept record, as the id there whose pseudonym the record is keyed by.
 */
import { personPseudonym } from '../../log';
import { privacyErasurePath } from '../rules/privacy-erasure';
import { idsOn } from '../rules/member-data';
import type { KeptDocument } from '../rules/kept-data-types';
import type { Fields } from '../rules/field-paths';

/** The record of a member's erasure. */
export const erasureRecordOf = (memberId: string) => privacyErasurePath(personPseudonym(memberId));

/** The people on a kept record whose pseudonym is the erasure record's key: the erased member (none when the key has turned over). */
export function erasedOn(document: KeptDocument, data: Fields, documentId: string, pseudonym: string): string[] {
  return idsOn(document, data, documentId).filter((id) => personPseudonym(id) === pseudonym);
}
