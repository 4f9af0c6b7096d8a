/**
 * @module sweep-server-leaves
 * The retention sweep's part for `/c500 leave`: once a server's 30-day grace has ended, every
 * record the server's activity left (each table entry found by `guildId`, the documents the
 * table lists under them, and its wallets' shards) is erased for each of its people as a
 * member's erasure would, keeping what the law keeps (ids and amounts of payments) and, while
 * an obligation is open, what it needs (a wallet with money in it); those records are listed
 * on the leave and visited again until they end. A member's records that belong to no server (a
 * Twitch link, a session, the choice to hide a name) are theirs to erase with `/c500 privacy`:
 * the same person may be in other servers.
 */
import type { Clock, DocumentStore } from '../../ports';
import { log } from '../../log';
import { keptDocumentAt, keptDocuments } from '../rules/kept-data';
import type { KeptDocument } from '../rules/kept-data-types';
import { spotsOf, valueAt, type Fields } from '../rules/field-paths';
import { serverLeavePath, serverLeavesCollection, type ServerLeave } from '../rules/server-leave';
import { anyCollection, anyDocument } from './find-member-data';
import { eraseDocument } from './erase-document';

export interface ServerLeaveSweepReport {
  /** Servers whose members' data this run erased. */
  erased: string[];
  failed: string[];
}

export async function sweepServerLeaves(deps: { store: DocumentStore; clock: Clock }): Promise<ServerLeaveSweepReport> {
  const report: ServerLeaveSweepReport = { erased: [], failed: [] };
  const now = deps.clock.now().toISOString();
  for (const { id: guildId, data: leave } of await deps.store.query(serverLeavesCollection, { where: [['eraseAfter', '<=', now]] })) {
    if (leave.erasedAt && !leave.open) continue;
    try {
      const paths = leave.erasedAt ? (leave.open ?? []) : await recordsOf(deps.store, guildId);
      const open: string[] = [];
      for (const path of paths) {
        const document = keptDocumentAt(path);
        if (document && (await eraseFor(deps.store, document, path)).stillOpen) open.push(path);
      }
      await deps.store.runTransaction(async (tx) => {
        const current = await tx.get(serverLeavePath(guildId));
        if (!current) return; // cancelled meanwhile
        const { open: _visited, ...rest } = current;
        void _visited;
        tx.set(serverLeavePath(guildId), { ...rest, erasedAt: current.erasedAt ?? now, ...(open.length > 0 ? { open } : {}) } satisfies ServerLeave);
      });
      report.erased.push(guildId);
    } catch (error) {
      log.error('retention sweep could not erase a departed server’s members’ data; the next sweep tries again', { guildId, error });
      report.failed.push(guildId);
    }
  }
  if (report.erased.length > 0) log.info('departed servers’ members’ data erased', { servers: report.erased });
  return report;
}

/**
 * Every record in the table the server's activity left: the top-level ones that carry its id,
 * then the documents the table lists under them with a person to erase for (an auction's bid
 * history, a giveaway's entries, a debt's entries; not a lobby's pot, ids and amounts the law
 * keeps), listed from those parents alone, and the shards of the server's wallets. Nothing is
 * read beyond the server's own records.
 */
async function recordsOf(store: DocumentStore, guildId: string): Promise<string[]> {
  const tops = new Map<string, Fields>();
  for (const document of keptDocuments) {
    const steps = document.path.split('/');
    if (steps.length !== 2 || !document.findBy || !steps[0]) continue;
    for (const found of await store.query(anyCollection<Fields>(steps[0]), { where: [['guildId', '==', guildId]] })) tops.set(found.path, found.data);
  }
  const paths = new Set(tops.keys());
  const parents = [...tops.keys(), ...walletsOf(guildId, tops)];
  for (const parent of parents)
    for (const sub of subcollectionsUnder(parent)) for (const found of await store.query(anyCollection<Fields>(`${parent}/${sub}`))) paths.add(found.path);
  return [...paths];
}

/** The subcollections the table lists under a record (`auctions/a1` has `history`), those with a person to erase for. */
function subcollectionsUnder(parent: string): string[] {
  const collection = parent.split('/')[0];
  return keptDocuments.flatMap((document) => {
    const steps = document.path.split('/');
    return steps.length === 4 && steps[0] === collection && document.findBy && steps[2] ? [steps[2]] : [];
  });
}

/**
 * A wallet has no document of its own, only its shards (`wallets/<guild>-<racer>/shards/<n>`):
 * its racer is named by the server's journal entries on their account (each wallet change is
 * written with one: only a racer's entries carry `personId`) and by its lobbies' racers.
 */
function walletsOf(guildId: string, records: ReadonlyMap<string, Fields>): string[] {
  const racers = new Set<string>();
  for (const [path, data] of records) {
    const field = { journal: 'personId', raceLobbies: 'racers[].userId' }[path.split('/')[0] ?? ''];
    for (const { holder, key } of field ? spotsOf(data, field) : []) if (typeof holder[key] === 'string') racers.add(holder[key]);
  }
  return [...racers].map((racerId) => `wallets/${guildId}-${racerId}`);
}

/** A record erased for each person its `findBy` fields name. */
async function eraseFor(store: DocumentStore, document: KeptDocument, path: string) {
  const data = await store.get(anyDocument<Fields>(path));
  return eraseDocument(store, document, path, data ? peopleOf(document, data, path) : []);
}

/** The people a record names: by the fields its members are found by, and by each name's id (a runner-up, a bidder in an old chunk). */
function peopleOf(document: KeptDocument, data: Fields, path: string): string[] {
  const people = new Set<string>();
  for (const field of document.findBy ?? []) {
    const value = field === '(id)' ? path.split('/').pop() : valueAt(data, field.replace('[]', ''));
    for (const one of Array.isArray(value) ? value : [value]) if (typeof one === 'string' && one) people.add(one);
  }
  for (const fact of document.facts)
    for (const field of fact.nameOf ? fact.fields : [])
      for (const { holder } of spotsOf(data, field)) {
        const id = holder[fact.nameOf ?? ''];
        if (typeof id === 'string' && id) people.add(id);
      }
  return [...people];
}
