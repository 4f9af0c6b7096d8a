/**
 * @module law-kept-pages
 * The one query each collection of records the law keeps is read with: from a cursor (its field
 * at or after `after`) up to the cutoff, oldest first, a page at a time. A range and an order on
 * one field: Firestore's automatic single-field index serves each. Written out field by field so
 * the index test reads every one (test/unit/firestore-queries-have-indexes).
 */
import type { DocumentStore, StoredDocument } from '../../ports';
import type { Fields } from '../rules/field-paths';
import { anyCollection } from './find-member-data';

export type LawKeptPage = (store: DocumentStore, after: string, before: string, limit: number) => Promise<StoredDocument<Fields>[]>;

const all = anyCollection<Fields>;

export const lawKeptPages: Readonly<Record<string, LawKeptPage>> = {
  orders: (store, after, before, most) =>
    store.query(all('orders'), {
      where: [
        ['createdAt', '>=', after],
        ['createdAt', '<', before],
      ],
      orderBy: [['createdAt', 'asc']],
      limit: most,
    }),
  showCheckouts: (store, after, before, most) =>
    store.query(all('showCheckouts'), {
      where: [
        ['createdAt', '>=', after],
        ['createdAt', '<', before],
      ],
      orderBy: [['createdAt', 'asc']],
      limit: most,
    }),
  hostPayouts: (store, after, before, most) =>
    store.query(all('hostPayouts'), {
      where: [
        ['createdAt', '>=', after],
        ['createdAt', '<', before],
      ],
      orderBy: [['createdAt', 'asc']],
      limit: most,
    }),
  disputes: (store, after, before, most) =>
    store.query(all('disputes'), {
      where: [
        ['firstSeenAt', '>=', after],
        ['firstSeenAt', '<', before],
      ],
      orderBy: [['firstSeenAt', 'asc']],
      limit: most,
    }),
  proofClips: (store, after, before, most) =>
    store.query(all('proofClips'), {
      where: [
        ['claimedAt', '>=', after],
        ['claimedAt', '<', before],
      ],
      orderBy: [['claimedAt', 'asc']],
      limit: most,
    }),
  dashboardAudit: (store, after, before, most) =>
    store.query(all('dashboardAudit'), {
      where: [
        ['at', '>=', after],
        ['at', '<', before],
      ],
      orderBy: [['at', 'asc']],
      limit: most,
    }),
  debts: (store, after, before, most) =>
    store.query(all('debts'), {
      where: [
        ['updatedAt', '>=', after],
        ['updatedAt', '<', before],
      ],
      orderBy: [['updatedAt', 'asc']],
      limit: most,
    }),
  raceLobbies: (store, after, before, most) =>
    store.query(all('raceLobbies'), {
      where: [
        ['createdAt', '>=', after],
        ['createdAt', '<', before],
      ],
      orderBy: [['createdAt', 'asc']],
      limit: most,
    }),
  sales: (store, after, before, most) =>
    store.query(all('sales'), {
      where: [
        ['paidAt', '>=', after],
        ['paidAt', '<', before],
      ],
      orderBy: [['paidAt', 'asc']],
      limit: most,
    }),
  payouts: (store, after, before, most) =>
    store.query(all('payouts'), {
      where: [
        ['at', '>=', after],
        ['at', '<', before],
      ],
      orderBy: [['at', 'asc']],
      limit: most,
    }),
  journal: (store, after, before, most) =>
    store.query(all('journal'), {
      where: [
        ['at', '>=', after],
        ['at', '<', before],
      ],
      orderBy: [['at', 'asc']],
      limit: most,
    }),
  privacyErasures: (store, after, before, most) =>
    store.query(all('privacyErasures'), {
      where: [
        ['erasedAt', '>=', after],
        ['erasedAt', '<', before],
      ],
      orderBy: [['erasedAt', 'asc']],
      limit: most,
    }),
};
