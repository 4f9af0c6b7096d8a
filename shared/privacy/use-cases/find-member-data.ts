/**
 * @module find-member-data
 * Every stored document the table says may hold a member's id, found by the equality queries
 * its `findBy` names (Firestore serves each from a single-field index): on its collection, or,
 * for a subcollection (a bid history's chunks, a wallet's shards, a giveaway's entries), on
 * every collection with its id at once (a collection-group query, served by the group-scope
 * index firestore-indexes.ts declares). Either reads the member's documents and no others.
 */
import { personPseudonym } from '../../log';
import { collectionGroup, collectionPath, docPath, type DocumentStore, type StoredDocument } from '../../ports';
import { keptDocumentAt, keptDocuments } from '../rules/kept-data';
import type { KeptDocument } from '../rules/kept-data-types';
import { valueAt, type Fields } from '../rules/field-paths';
import { bareTwitchIdOf, isTwitchIdentity, twitchIdentityPrefix } from '../rules/identities';
import { wholeOf, withOthersOpen } from '../rules/member-data';
import { withJournalAccount } from './journal-accounts';

export interface FoundDocument {
  readonly document: KeptDocument;
  readonly path: string;
  readonly id: string;
  readonly data: Fields;
  /** For a record split over its collection (a wallet's shards): the sum of the member's parts. */
  readonly whole?: Fields;
  /** Which of the person's identities it was found for: their Discord id, or a linked Twitch account's `twitch:<id>`. */
  readonly as: string;
}

// A collection or document reached by its name from the table: the table names no type the
// compiler could check, so these stay generic (and the field test reads the typed paths).
export const anyCollection = <T extends Fields>(name: string) => collectionPath<T>(name);
export const anyDocument = <T extends Fields>(path: string) => docPath<T>(path);

/**
 * A person's documents: a Discord member's, with those of the Twitch accounts linked to them
 * (the table's `linksTwitch`: chat bids, the chat identity); a Twitch chatter's (`twitch:<id>`)
 * alone, since signing in with Twitch proves nothing of a Discord account.
 */
export async function findMemberData(store: DocumentStore, memberId: string): Promise<FoundDocument[]> {
  const found = new Map<string, FoundDocument>();
  for (const one of await findIdentityData(store, memberId)) found.set(one.path, one);
  if (!isTwitchIdentity(memberId)) {
    for (const linked of linkedTwitchIdentities([...found.values()]))
      for (const one of await findIdentityData(store, linked)) if (!found.has(one.path)) found.set(one.path, one);
  }
  await addParents(store, found);
  await addFoundFrom(store, found);
  return withOthersOpen(await withWholes(store, [...found.values()]));
}

/**
 * Every identity the documents were found for, the person's own first, and each Twitch account
 * they link: a builder's linked channel is theirs though nothing was found under it (they never
 * bid from chat), and its EventSub subscriptions are reached through it.
 */
export const identitiesOf = (found: readonly FoundDocument[], memberId: string): string[] => [
  ...new Set([memberId, ...found.map((one) => one.as), ...(isTwitchIdentity(memberId) ? [] : linkedTwitchIdentities(found))]),
];

/** The `twitch:<id>` of each Twitch account the documents link to their member. */
function linkedTwitchIdentities(found: readonly FoundDocument[]): string[] {
  const ids = found.flatMap(({ document, id, data }) => {
    if (!document.linksTwitch) return [];
    const linked = document.linksTwitch === '(id)' ? id : valueAt(data, document.linksTwitch);
    return typeof linked === 'string' && linked !== '' ? [`${twitchIdentityPrefix}${linked}`] : [];
  });
  return [...new Set(ids)];
}

/** One identity's documents: by the table's `findBy`, and for a chatter by their bare Twitch id (`findByTwitchId`). */
async function findIdentityData(store: DocumentStore, identity: string): Promise<FoundDocument[]> {
  const found = new Map<string, FoundDocument>();
  const bareTwitchId = bareTwitchIdOf(identity);
  for (const document of keptDocuments) {
    const reach = reachOf(document.path);
    if (!reach) continue;
    const lookups: Array<[string, string]> = [
      ...(document.findBy ?? []).map((field): [string, string] => [field, identity]),
      ...(bareTwitchId ? (document.findByTwitchId ?? []).map((field): [string, string] => [field, bareTwitchId]) : []),
    ];
    for (const [field, value] of lookups) {
      if (field === '(id)') {
        if (reach.kind !== 'collection') continue;
        const path = `${reach.name}/${value}`;
        const data = await store.get(anyDocument<Fields>(path));
        if (data) found.set(path, { document, path, id: value, data, as: identity });
        continue;
      }
      // One equality (or array-contains) on one field: Firestore's automatic single-field index serves it, whatever the field
      // (in a group, the group-scope index firestore-indexes.ts declares).
      for (const stored of await rowsOf(store, reach, field, value))
        found.set(stored.path, { document, path: stored.path, id: stored.id, data: stored.data, as: identity });
    }
  }
  return [...found.values()];
}

/** The parents the table finds through the member's documents in their subcollections (`findThrough`). */
async function addParents(store: DocumentStore, found: Map<string, FoundDocument>): Promise<void> {
  for (const [path, child] of [...found]) {
    const steps = path.split('/');
    if (steps.length < 4) continue;
    const parentPath = steps.slice(0, -2).join('/');
    const parent = keptDocumentAt(parentPath);
    if (!parent || parent.findThrough !== steps[steps.length - 2] || found.has(parentPath)) continue;
    const data = await store.get(anyDocument<Fields>(parentPath));
    if (data) found.set(parentPath, { document: parent, path: parentPath, id: steps[steps.length - 3] ?? '', data, as: child.as });
  }
}

/**
 * The documents the table finds beside the member's (`foundFrom`): a found parent's
 * subcollection, or the documents a found one names by id, by a field or under an id's prefix;
 * asked again of what that found, so a debt brings its lines and its journal entries.
 */
async function addFoundFrom(store: DocumentStore, found: Map<string, FoundDocument>): Promise<void> {
  let fresh = [...found.values()];
  while (fresh.length > 0) {
    const added: FoundDocument[] = [];
    for (const source of fresh) {
      for (const { document, path, id, data } of await besideOf(store, source)) {
        if (found.has(path)) continue;
        const one = { document, path, id, data, as: source.as };
        found.set(path, one);
        added.push(one);
      }
    }
    fresh = added;
  }
}

/** What the table finds beside one found document: the documents whose `foundFrom` names its type, or it as their parent. */
async function besideOf(store: DocumentStore, source: FoundDocument): Promise<Array<Omit<FoundDocument, 'as'>>> {
  const beside: Array<Omit<FoundDocument, 'as'>> = [];
  for (const document of keptDocuments) {
    const collection = collectionOf(document.path);
    for (const from of document.foundFrom ?? []) {
      if (from === '(parent)') {
        // This document's collection sits right under the source's own kind of document.
        if (collectionOf(collection) !== source.document.path) continue;
        const under = `${source.path}/${collection.slice(collection.lastIndexOf('/') + 1)}`;
        for (const stored of await store.query(anyCollection<Fields>(under))) beside.push({ document, path: stored.path, id: stored.id, data: stored.data });
      } else if (from.document === source.document.type && !collection.includes('<') && 'where' in from) {
        const asked = from.where(source.data, source.as);
        if (!asked) continue;
        for (const stored of await store.query(anyCollection<Fields>(collection), { where: [[asked.field, '==', asked.value]] }))
          if (from.keep(stored.data)) beside.push({ document, path: stored.path, id: stored.id, data: stored.data });
      } else if (from.document === source.document.type && !collection.includes('<') && 'ids' in from) {
        for (const id of from.ids(source.data)) {
          const path = `${collection}/${id}`;
          const data = await store.get(anyDocument<Fields>(path));
          if (data) beside.push({ document, path, id, data });
        }
      } else if (from.document === source.document.type && !collection.includes('<') && 'under' in from) {
        const asked = from.under(source.data, personPseudonym);
        if (!asked) continue;
        // A range on one field, which its single-field index serves: every value that starts with the prefix.
        for (const prefix of asked.prefixes)
          for (const stored of await store.query(anyCollection<Fields>(collection), {
            where: [
              [asked.field, '>=', prefix],
              [asked.field, '<', `${prefix}\uf8ff`],
            ],
          }))
            beside.push({ document, path: stored.path, id: stored.id, data: stored.data });
      }
    }
  }
  return beside;
}

/**
 * Each part of a split record with the whole it is part of (every part carries the member's id,
 * so all were found), and a record caching a journal balance (a wallet) with its account's state
 * read from the journal, once a record.
 */
async function withWholes(store: DocumentStore, found: FoundDocument[]): Promise<FoundDocument[]> {
  const parts = new Map<string, Fields[]>();
  for (const one of found) if (one.document.splitOverCollection) parts.set(collectionOf(one.path), [...(parts.get(collectionOf(one.path)) ?? []), one.data]);
  const wholes = new Map<string, Promise<Fields>>();
  const wholeFor = (one: FoundDocument): Promise<Fields> => {
    const key = one.document.splitOverCollection ? collectionOf(one.path) : one.path;
    let whole = wholes.get(key);
    if (!whole) {
      whole = withJournalAccount(store, one.document, one.document.splitOverCollection ? wholeOf(parts.get(key) ?? []) : one.data);
      wholes.set(key, whole);
    }
    return whole;
  };
  return Promise.all(
    found.map(async (one) => (one.document.splitOverCollection || one.document.accountInJournal ? { ...one, whole: await wholeFor(one) } : one)),
  );
}

export const collectionOf = (path: string) => path.slice(0, path.lastIndexOf('/'));

type Reach = { kind: 'collection' | 'group'; name: string };

/** `orders/<order id>` is the collection `orders`; `auctions/<id>/history/<chunk>` the group `history`. */
export function reachOf(path: string): Reach | undefined {
  const steps = path.split('/');
  const name = steps[steps.length - 2];
  if (!name || steps.length % 2 !== 0) return undefined;
  return { kind: steps.length === 2 ? 'collection' : 'group', name };
}

function rowsOf(store: DocumentStore, reach: Reach, field: string, memberId: string): Promise<StoredDocument<Fields>[]> {
  const list = field.endsWith('[]') ? field.slice(0, -2) : undefined;
  if (reach.kind === 'group') {
    const group = collectionGroup<Fields>(reach.name);
    return list ? store.queryGroup(group, { where: [[list, 'array-contains', memberId]] }) : store.queryGroup(group, { where: [[field, '==', memberId]] });
  }
  const collection = anyCollection<Fields>(reach.name);
  return list ? store.query(collection, { where: [[list, 'array-contains', memberId]] }) : store.query(collection, { where: [[field, '==', memberId]] });
}
