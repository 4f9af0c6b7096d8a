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
  orders: (store, after, before, limit) =>
    store.query(all('orders'), {
      where: [
        ['createdAt', '>=', after],
        ['createdAt', '<', before],
      ],
      orderBy: [['createdAt', 'asc']],
      limit,
    }),
  showCheckouts: (store, after, before, limit) =>
    store.query(all('showCheckouts'), {
      where: [
        ['createdAt', '>=', after],
        ['createdAt', '<', before],
      ],
      orderBy: [['createdAt', 'asc']],
      limit,
    }),
  hostPayouts: (store, after, before, limit) =>
    store.query(all('hostPayouts'), {
      where: [
        ['createdAt', '>=', after],
        ['createdAt', '<', before],
      ],
      orderBy: [['createdAt', 'asc']],
      limit,
    }),
  disputes: (store, after, before, limit) =>
    store.query(all('disputes'), {
      where: [
        ['firstSeenAt', '>=', after],
        ['firstSeenAt', '<', before],
      ],
      orderBy: [['firstSeenAt', 'asc']],
      limit,
    }),
  proofClips: (store, after, before, limit) =>
    store.query(all('proofClips'), {
      where: [
        ['claimedAt', '>=', after],
        ['claimedAt', '<', before],
      ],
      orderBy: [['claimedAt', 'asc']],
      limit,
    }),
  dashboardAudit: (store, after, before, limit) =>
    store.query(all('dashboardAudit'), {
      where: [
        ['at', '>=', after],
        ['at', '<', before],
      ],
      orderBy: [['at', 'asc']],
      limit,
    }),
  debts: (store, after, before, limit) =>
    store.query(all('debts'), {
      where: [
        ['updatedAt', '>=', after],
        ['updatedAt', '<', before],
      ],
      orderBy: [['updatedAt', 'asc']],
      limit,
    }),
  raceLobbies: (store, after, before, limit) =>
    store.query(all('raceLobbies'), {
      where: [
        ['createdAt', '>=', after],
        ['createdAt', '<', before],
      ],
      orderBy: [['createdAt', 'asc']],
      limit,
    }),
  sales: (store, after, before, limit) =>
    store.query(all('sales'), {
      where: [
        ['paidAt', '>=', after],
        ['paidAt', '<', before],
      ],
      orderBy: [['paidAt', 'asc']],
      limit,
    }),
  payouts: (store, after, before, limit) =>
    store.query(all('payouts'), {
      where: [
        ['at', '>=', after],
        ['at', '<', before],
      ],
      orderBy: [['at', 'asc']],
      limit,
    }),
  raceLedger: (store, after, before, limit) =>
    store.query(all('raceLedger'), {
      where: [
        ['at', '>=', after],
        ['at', '<', before],
      ],
      orderBy: [['at', 'asc']],
      limit,
    }),
  journal: (store, after, before, limit) =>
    store.query(all('journal'), {
      where: [
        ['at', '>=', after],
        ['at', '<', before],
      ],
      orderBy: [['at', 'asc']],
      limit,
    }),
  privacyErasures: (store, after, before, limit) =>
    store.query(all('privacyErasures'), {
      where: [
        ['erasedAt', '>=', after],
        ['erasedAt', '<', before],
      ],
      orderBy: [['erasedAt', 'asc']],
      limit,
    }),
};
