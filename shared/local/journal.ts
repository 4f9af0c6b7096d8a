/**
 * @module journal
 * What a stand-in keeps in the runtime's memory, written down as it happens so a runtime
 * killed with `kill -9` and started again on the same data folder finds it: one JSON line
 * per change, appended at once (a line a kill cut short is skipped when read back). Used
 * under the production clients, where the emulators keep every other piece of state, so the
 * local Discord, the dead letters and the moved clock outlive the runtime as Discord, Pub/Sub
 * and time itself do.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { log } from '../log';

export interface Journal<T> {
  /** Every change written before this runtime started, oldest first. */
  readonly earlier: T[];
  write(change: T): void;
}

export function openJournal<T>(file: string): Journal<T> {
  const earlier: T[] = [];
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line) continue;
      try {
        earlier.push(JSON.parse(line) as T);
      } catch {
        log.warn('a journal line cut short by a crash is skipped', { file });
      }
    }
  }
  return {
    earlier,
    // Synchronous: the line is in the file before the change is answered, so a kill cannot keep one and lose the other.
    write: (change) => appendFileSync(file, `${JSON.stringify(change)}\n`),
  };
}
