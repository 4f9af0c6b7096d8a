/**
 * @module export-member-data
 * The dashboard's `/dashboard/me/export` (and `/dashboard/me/data.json`): everything the table lists about the signed-in
 * member, with nobody else's name, id or address. `undefined` when C500 keeps nothing.
 */
import type { DocumentStore } from '../../ports';
import { exportPath, exportView } from '../rules/member-data';
import type { Fields } from '../rules/field-paths';
import { findMemberData, identitiesOf } from './find-member-data';

export interface MemberExport {
  memberId: string;
  exportedAt: string;
  /** Each record with the identity it is about: the Discord id, or a linked Twitch account (`twitch:<id>`). */
  records: { kind: string; about: string; as: string; path: string; data: Fields }[];
}

export async function exportMemberData(store: DocumentStore, memberId: string, now: Date): Promise<MemberExport | undefined> {
  const found = await findMemberData(store, memberId);
  if (found.length === 0) return undefined;
  // All of the person's ids are theirs: a record found for their Discord id shows their chat bids on it too.
  const ids = identitiesOf(found, memberId);
  return {
    memberId,
    exportedAt: now.toISOString(),
    records: found.map(({ document, path, data, as }) => ({
      kind: document.type,
      about: document.about,
      as,
      path: exportPath(path, ids),
      data: exportView(document, data, ids),
    })),
  };
}
