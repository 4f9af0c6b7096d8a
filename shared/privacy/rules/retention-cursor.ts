/**
 * @module retention-cursor
 * Where a retention sweep through a collection stands (`retentionCursors/<name>`): the value of
 * the field it reads the collection in the order of, up to which every record was visited. A
 * run reads a bounded page from there and moves it on, so a long backlog is worked through over
 * several runs and nothing is read twice but the records of the instant it stopped at.
 *
 * And the records the law keeps that a sweep passed while they could not end yet (an obligation
 * open, or a later date on them): `lawKeptWaiting/<path>` says when to look again.
 */
import { collectionPath, docPath } from '../../ports';

export interface RetentionCursor {
  /** The field's value the next run starts at (inclusive). */
  after: string;
  movedAt: string;
  /** A walk made once (a backfill) that reached the end: it is not walked again. */
  finishedAt?: string;
}

export const retentionCursorPath = (name: string) => docPath<RetentionCursor>(`retentionCursors/${name}`);

export interface LawKeptWait {
  /** The record's path. */
  path: string;
  /** When its period ends, or when to ask again whether its obligation is still open. */
  dueAt: string;
}

export const lawKeptWaitingCollection = collectionPath<LawKeptWait>('lawKeptWaiting');
/** A document id may not hold `/`: the record's path with `|` instead, one wait per record. */
export const lawKeptWaitPath = (path: string) => docPath<LawKeptWait>(`${lawKeptWaitingCollection}/${path.replace(/\//g, '|')}`);
