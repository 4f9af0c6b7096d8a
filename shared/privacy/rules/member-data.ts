/**
 * @module member-data
 * A member's export and erasure of one stored document, from the table: what of it is theirs
 * to see, and what erasure leaves. Pure: the use cases read and write.
 */
import { heldOpenByOthers, type KeptDocument, type KeptFact } from './kept-data-types';
import { spotsOf, valueAt, type Fields } from './field-paths';
import { bareTwitchIdOf, twitchIdentityPrefix } from './identities';

/** What a removed name reads as, wherever the member was named. */
export const erasedName = 'a former member';
/** Another person's id in a member's export. */
export const someoneElse = 'another member';

const isIdFact = (fact: KeptFact) => fact.what === 'a Discord user id';

/** Whether the document is one of the member's (a `findBy` field holds their id). */
export function belongsTo(document: KeptDocument, data: Fields, memberId: string, documentId: string): boolean {
  const holds = (field: string, id: string) => {
    if (field === '(id)') return documentId === id;
    if (field.endsWith('[]')) return (valueAt(data, field.slice(0, -2)) as unknown[] | undefined)?.includes(id) === true;
    return valueAt(data, field) === id;
  };
  // A chatter (`twitch:<id>`) is also found where the store keeps their Twitch user id bare.
  const bareTwitchId = bareTwitchIdOf(memberId);
  return (
    (document.findBy ?? []).some((field) => holds(field, memberId)) ||
    (bareTwitchId !== undefined && (document.findByTwitchId ?? []).some((field) => holds(field, bareTwitchId)))
  );
}

/**
 * Every person's id the document is found by (its `findBy` fields, and a chatter's `twitch:<id>`
 * for its `findByTwitchId` fields): whose record it may be.
 */
export function idsOn(document: KeptDocument, data: Fields, documentId: string): string[] {
  const at = (field: string): unknown[] => {
    if (field === '(id)') return [documentId];
    const value = valueAt(data, field.endsWith('[]') ? field.slice(0, -2) : field);
    return Array.isArray(value) ? value : [value];
  };
  const ids = [
    ...(document.findBy ?? []).flatMap(at),
    ...(document.findByTwitchId ?? []).flatMap(at).map((id) => (typeof id === 'string' ? `${twitchIdentityPrefix}${id}` : id)),
  ];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))];
}

/** The ids a person is known by (their Discord id, a linked Twitch account's `twitch:<id>`): each is theirs to see. */
type Ids = string | readonly string[];
const idSet = (ids: Ids): ReadonlySet<string> => new Set(typeof ids === 'string' ? [ids] : ids);

/**
 * A record's path as the member may see it: a person's id joined into a document's id
 * (`debts/<server>:<member>`, `wallets/<guild>-<racer>`) is shown only when it is theirs.
 */
export function exportPath(path: string, ids: Ids): string {
  const mine = idSet(ids);
  return path.replace(/([:_-])(\d{17,20})(?=\/|$)/g, (whole, joiner: string, id: string) => (mine.has(id) ? whole : `${joiner}${someoneElse}`));
}

/** The document as the member may see it: their own facts (under any of their ids), and nobody else's name, id or address. */
export function exportView(document: KeptDocument, data: Fields, ids: Ids): Fields {
  const mine = idSet(ids);
  const copy = structuredClone(document.partOf !== undefined ? { [document.partOf]: data[document.partOf] } : data);
  const own = document.entriesOf;
  const entries = own ? valueAt(copy, own.list) : undefined;
  if (own && Array.isArray(entries))
    setAt(
      copy,
      own.list,
      entries.filter((entry) => mine.has((entry as Fields)[own.by] as string)),
    );
  for (const fact of document.facts) for (const field of fact.fields) hideOthers(copy, fact, field, mine);
  for (const fact of document.facts.filter((one) => one.secret))
    for (const field of fact.fields) for (const { holder, key } of spotsOf(copy, field)) delete holder[key];
  return copy;
}

function hideOthers(copy: Fields, fact: KeptFact, field: string, mine: ReadonlySet<string>): void {
  if (field === '(id)') return;
  const isTheirs = (value: unknown) => typeof value === 'string' && mine.has(value);
  for (const { holder, key } of spotsOf(copy, field)) {
    const theirs =
      fact.nameOf !== undefined
        ? isTheirs(holder[fact.nameOf])
        : isIdFact(fact)
          ? isMine(holder, key, field, mine)
          : fact.of === undefined || isTheirs(copy[fact.of]);
    if (theirs) continue;
    if (isIdFact(fact) && field.endsWith('[]')) holder[key] = (holder[key] as unknown[]).filter(isTheirs);
    else if (isIdFact(fact) && !field.endsWith('*')) holder[key] = someoneElse;
    else delete holder[key];
  }
}

function isMine(holder: Fields, key: string, field: string, mine: ReadonlySet<string>): boolean {
  if (field.endsWith('*')) return mine.has(key);
  if (field.endsWith('[]')) return false; // a list of ids is filtered to the member's
  return typeof holder[key] === 'string' && mine.has(holder[key] as string);
}

/**
 * What erasure leaves of a document: `delete` when every fact on it may go and it is the
 * member's alone; else the document with the member's name removed and what may go erased,
 * or `unchanged`.
 */
export type Erasure = { kind: 'delete' } | { kind: 'update'; data: Fields } | { kind: 'unchanged' };

export function erasureOf(document: KeptDocument, data: Fields, memberId: string, documentId: string, whole: Fields = data): Erasure {
  const mine = belongsTo(document, data, memberId, documentId);
  const soleOwner = document.ownedBy !== undefined ? data[document.ownedBy] === memberId : (document.findBy ?? []).every((field) => !field.endsWith('[]'));
  // Once its obligation has ended, what was kept while open goes as what was erased at once: all of it, the ids too
  // (a charged pledge kept under the buyer's id, in its path as in its fields, until its order was done).
  const ended = document.goesWithObligation === true && obligationEnded(document, whole);
  const goneNow = (fact: KeptFact) => fact.onErasure === 'erased' || (ended && fact.onErasure !== 'kept-by-law');
  if (mine && soleOwner && document.facts.every(goneNow)) return { kind: 'delete' };
  const copy = structuredClone(data);
  let changed = withdrawEntries(document, copy, memberId);
  for (const fact of document.facts) {
    for (const field of fact.fields) {
      if (fact.nameOf !== undefined) {
        for (const { holder, key } of spotsOf(copy, field)) {
          if (holder[fact.nameOf] === memberId && holder[key] !== erasedName) {
            holder[key] = erasedName;
            changed = true;
          }
        }
      } else if (isIdFact(fact) && fact.onErasure === 'name-removed') {
        changed = removeIdName(copy, field, memberId) || changed;
      } else if (mine && goesNow(document, fact, data, memberId, whole) && !isIdFact(fact) && field !== '(id)') {
        const top = field.split('.')[0]?.replace('[]', '') ?? field;
        if (top in copy) {
          delete copy[top];
          changed = true;
        }
      }
    }
  }
  return changed ? { kind: 'update', data: copy } : { kind: 'unchanged' };
}

/**
 * An id that stands for a person's name on an audit record (the admin who set a server up,
 * connected a shop or asked C500 to leave: `name-removed` on an id): the record keeps that an
 * admin did it and when, no longer who, so nothing is sent to that id again (a reader of it
 * sends only to an id shaped as Discord's).
 */
function removeIdName(copy: Fields, field: string, memberId: string): boolean {
  let changed = false;
  for (const { holder, key } of spotsOf(copy, field)) {
    if (holder[key] !== memberId) continue;
    holder[key] = erasedName;
    changed = true;
  }
  return changed;
}

/**
 * A list of people's standing entries whose ids erasure takes (a lot's pre-bids, `entriesOf`
 * with an `erased` id): the member's entries go, and their id from the document's index of
 * ids, so nothing placed later acts for someone who asked to be forgotten. A list whose ids
 * are kept (an auction's bids) keeps its entries; only names go from it.
 */
function withdrawEntries(document: KeptDocument, copy: Fields, memberId: string): boolean {
  const own = document.entriesOf;
  const entries = own ? valueAt(copy, own.list) : undefined;
  if (!own || !Array.isArray(entries)) return false;
  const erasedIds = document.facts.filter((fact) => isIdFact(fact) && fact.onErasure === 'erased');
  if (!erasedIds.some((fact) => fact.fields.includes(`${own.list}[].${own.by}`))) return false;
  const kept = (entries as Fields[]).filter((entry) => entry[own.by] !== memberId);
  let changed = kept.length !== entries.length;
  if (changed) setAt(copy, own.list, kept);
  // The list's flat index of ids (`bidderIds[]`, `auctions.blockedIds[]`): a list of ids, not of maps, which may
  // hold an id no entry is keyed by (a blocked member's linked Twitch account).
  for (const field of erasedIds.flatMap((fact) => fact.fields)) {
    const index = field.endsWith('[]') && !field.slice(0, -2).includes('[]') ? field.slice(0, -2) : undefined;
    const ids = index ? valueAt(copy, index) : undefined;
    if (!index || !Array.isArray(ids) || !ids.includes(memberId)) continue;
    setAt(
      copy,
      index,
      ids.filter((id) => id !== memberId),
    );
    changed = true;
  }
  return changed;
}

/** Sets a top-level or map path (`auctions.blocked`) that is there already. */
function setAt(document: Fields, path: string, value: unknown): void {
  const steps = path.split('.');
  const holder = steps.slice(0, -1).reduce<Fields>((at, step) => at[step] as Fields, document);
  holder[steps[steps.length - 1] ?? ''] = value;
}

/**
 * Whether erasure takes a fact now: an `erased` one, and a `kept-while-open` one once its
 * obligation has ended. A fact about one of the document's people (`of`) goes only for them:
 * a builder's erasure leaves their buyer's address on the order.
 */
function goesNow(document: KeptDocument, fact: KeptFact, data: Fields, memberId: string, whole: Fields): boolean {
  if (fact.of !== undefined && data[fact.of] !== memberId) return false;
  return fact.onErasure === 'erased' || (fact.onErasure === 'kept-while-open' && obligationEnded(document, whole));
}

/** Whether the document's `kept-while-open` facts are held by nothing any more. */
export function obligationEnded(document: KeptDocument, data: Fields): boolean {
  return document.stillOpen !== undefined && !document.stillOpen(data);
}

/** Whether erasure leaves facts on the document that only the end of its obligation lets go. */
export function keptWhileOpen(document: KeptDocument, data: Fields): boolean {
  return document.stillOpen !== undefined && document.stillOpen(data) && document.facts.some((fact) => fact.onErasure === 'kept-while-open');
}

/**
 * A record split over the documents of its collection (`splitOverCollection`), as one: each
 * number summed, any other field as its first part has it.
 */
export function wholeOf(parts: readonly Fields[]): Fields {
  const whole: Fields = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      if (typeof value === 'number' && (typeof whole[key] === 'number' || !(key in whole))) whole[key] = ((whole[key] as number | undefined) ?? 0) + value;
      else if (!(key in whole)) whole[key] = value;
    }
  }
  return whole;
}

/** One of the member's documents, and (for a split record) the whole it is a part of. */
export interface KeptRecord {
  readonly document: KeptDocument;
  readonly data: Fields;
  readonly whole?: Fields;
  /** The identity it was found for, when not the member's own id (a linked Twitch account). */
  readonly as?: string;
}

/**
 * What erasure keeps of the member's documents, said plainly: each open obligation as the
 * table's `openAs` names it (a queue place, a wallet with money in it), then what the law keeps.
 */
export function keptAfterErasure(found: readonly KeptRecord[], memberId: string): string[] {
  const lines: string[] = [];
  for (const record of found) {
    const { document, data, whole = data } = record;
    const open = document.facts.some((fact) => fact.onErasure === 'kept-while-open') && !obligationEnded(document, whole);
    if (open) lines.push(recordName(record, memberId));
    if (document.facts.some((fact) => fact.onErasure === 'kept-by-law')) lines.push(document.about);
  }
  return [...new Set(lines)];
}

/**
 * How a record is named to its person, in `/c500 privacy`'s summary as in the erasure's
 * answers: while it stands for an open obligation, as the table's `openAs` says it (a pledge
 * that may still charge a saved card); otherwise its `about`. One naming, so the Done list and
 * the next summary speak of the same pledge in the same words.
 */
export function recordName(record: KeptRecord, memberId: string): string {
  const { document, data, whole = data, as = memberId } = record;
  const open = document.stillOpen !== undefined && document.facts.some((fact) => fact.onErasure === 'kept-while-open') && !obligationEnded(document, whole);
  return (open ? document.openAs?.(whole, as) : undefined) ?? document.about;
}

/**
 * The member's records with each `heldForOthers` one (a builder's accounts) told whether another
 * of them holds it open: an order, a dispute, a group buy or pledge, a wallet or a debt whose
 * `stillOpen` says so. Records with no `stillOpen` (a drop, an auction) hold nothing open.
 */
export function withOthersOpen<T extends KeptRecord>(found: readonly T[]): T[] {
  const openOthers = (one: T) =>
    found.some((other) => other !== one && !other.document.heldForOthers && other.document.stillOpen?.(other.whole ?? other.data) === true);
  return found.map((one) => (one.document.heldForOthers ? { ...one, whole: { ...(one.whole ?? one.data), [heldOpenByOthers]: openOthers(one) } } : one));
}

/** Whether a record's whole says another record holds it open (what `withOthersOpen` set; absent: it does). */
export const heldOpenOf = (record: KeptRecord): boolean => (record.whole ?? record.data)[heldOpenByOthers] !== false;
