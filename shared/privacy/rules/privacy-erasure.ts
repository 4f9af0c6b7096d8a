/**
 * @module privacy-erasure
 * The record of a member's erasure (`privacyErasures/<pseudonym>`): when, and what was kept,
 * so a second request is answered plainly and the sweeps know whose kept records to end. Keyed
 * by the member's keyed pseudonym (log's `personPseudonym`), never their id: a record kept only
 * to remember an erasure must not itself keep the id the member asked to be forgotten.
 */
import { collectionPath, docPath } from '../../ports';

export interface PrivacyErasure {
  erasedAt: string;
  /** What the law or an open obligation kept when the member asked, in the table's words. */
  kept: string[];
  /**
   * The records erasure left facts on because an obligation was still open (an order not yet
   * delivered, a dispute not yet decided): the retention sweep reads them again and erases
   * what is left once it ends, without a second request. Paths, not ids of people.
   */
  open?: string[];
}

/** By the member's pseudonym: `erasureRecordOf` (use-cases/erasure-record) makes it from their id. */
export const privacyErasurePath = (pseudonym: string) => docPath<PrivacyErasure>(`privacyErasures/${pseudonym}`);
export const privacyErasuresCollection = collectionPath<PrivacyErasure>('privacyErasures');
