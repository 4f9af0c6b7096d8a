/**
 * @module store-snapshot
 * The embedded document store on disk: one JSON file of every document, so `npm start`
 * keeps its data. It is written in slices between other work: the runtime process serves
 * every function's reads and commits, and a benchmark's or a soak's store, written at once,
 * blocked them all for 100–200 ms (profiled under `npm run bench:auction -- --twitch`). The
 * next write waits ten times as long as the last one kept the event loop busy, so writing
 * never takes more than a tenth of the process.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DocumentData } from '../../ports';
import type { Entry } from './query';

/** How long one slice of a snapshot may keep the event loop. */
const sliceMs = 4;

/** The documents a snapshot file holds, by path; none on a first start. */
export function readSnapshot(file: string): Array<[string, DocumentData]> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return []; // first start: nothing saved yet
  }
  const snapshot = JSON.parse(text) as { format: number; docs: Record<string, DocumentData> };
  return Object.entries(snapshot.docs);
}

export class StoreSnapshot {
  private lastWriteMs = 0;
  private timer: NodeJS.Timeout | undefined;
  /** The snapshot being written in slices, and whether a commit came after it began (so another must follow). */
  private writing: Promise<void> | undefined;
  private changedSinceWriteBegan = false;
  /** Counts the whole snapshots written at once (close): a sliced one begun before is stale and not renamed over it. */
  private wholeWrites = 0;

  constructor(
    private readonly file: string,
    /** The store's entries as they are now. */
    private readonly entries: () => Array<[string, Entry]>,
  ) {}

  /** A commit landed: a snapshot follows, soon. */
  changed(): void {
    if (this.writing) {
      this.changedSinceWriteBegan = true;
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.writeInSlices();
      },
      Math.min(5_000, Math.max(25, 10 * this.lastWriteMs)),
    );
    this.timer.unref();
  }

  /** Resolves once every commit so far is in the snapshot on disk (a pending write of it begun now). */
  async saved(): Promise<void> {
    while (this.timer || this.writing) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = undefined;
        this.writeInSlices();
      }
      await this.writing;
    }
  }

  /** The whole snapshot at once: at close, when nothing else is to be served. */
  writeWhole(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.wholeWrites++;
    const docs: Record<string, DocumentData> = {};
    for (const [path, entry] of this.entries()) if (entry.data !== undefined) docs[path] = entry.data;
    mkdirSync(dirname(this.file), { recursive: true });
    // Write then rename, so a crash mid-write never leaves a torn snapshot.
    writeFileSync(`${this.file}.tmp`, JSON.stringify({ format: 1, docs }));
    renameSync(`${this.file}.tmp`, this.file);
  }

  /**
   * A consistent snapshot without stopping the store: a commit replaces a document's entry,
   * never changes one, so the entries taken at the start are the store at that moment
   * whatever commits while they are written. Written beside the snapshot, then renamed over
   * it, so a crash mid-write never leaves a torn one; not renamed if close wrote a newer one meanwhile.
   */
  private writeInSlices(): void {
    this.changedSinceWriteBegan = false;
    const entries = this.entries();
    this.writing = this.write(entries)
      .then((busyMs) => {
        this.lastWriteMs = busyMs;
      })
      .catch((error: unknown) => {
        // A snapshot not written is written again by the next: the store itself is whole in memory.
        this.changedSinceWriteBegan = true;
        process.emitWarning(`the local store's snapshot was not written: ${String(error)}`);
      })
      .finally(() => {
        this.writing = undefined;
        if (this.changedSinceWriteBegan) this.changed();
      });
  }

  /** Writes `entries` as the snapshot, a slice a turn; answers how long it kept the event loop. */
  private async write(entries: Array<[string, Entry]>): Promise<number> {
    const wholeWrites = this.wholeWrites;
    let busyMs = 0;
    mkdirSync(dirname(this.file), { recursive: true });
    const partial = `${this.file}.slices.tmp`;
    const handle = await open(partial, 'w');
    try {
      await handle.write('{"format":1,"docs":{');
      let first = true;
      for (let i = 0; i < entries.length;) {
        const startedMs = performance.now();
        const parts: string[] = [];
        while (i < entries.length && performance.now() - startedMs < sliceMs) {
          // The clock is read every 64 documents, not every one.
          for (const end = Math.min(entries.length, i + 64); i < end; i++) {
            const [path, { data }] = entries[i] as [string, Entry];
            if (data === undefined) continue;
            parts.push(`${first ? '' : ','}${JSON.stringify(path)}:${JSON.stringify(data)}`);
            first = false;
          }
        }
        busyMs += performance.now() - startedMs;
        if (parts.length > 0) await handle.write(parts.join(''));
      }
      await handle.write('}}');
    } finally {
      await handle.close();
    }
    // Synchronous, so close's whole snapshot (also synchronous) cannot land between this check and the rename.
    if (this.wholeWrites === wholeWrites) renameSync(partial, this.file);
    return busyMs;
  }
}
