/**
 * @module privacy-erasure
 * The record of a member's erasure (`privacyErasures/<discord user id>`): when, and what was
 * kept, so a second request is answered plainly and the sweeps know whose kept records to end.
 */
import { docPath } from '../../ports';

export interface PrivacyErasure {
  erasedAt: string;
  /** What the law or an open obligation kept, in the table's words. */
  kept: string[];
}

export const privacyErasurePath = (memberId: string) => docPath<PrivacyErasure>(`privacyErasures/${memberId}`);
