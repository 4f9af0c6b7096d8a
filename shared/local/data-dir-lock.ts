/**
 * @module data-dir-lock
 * One runtime per data folder. Two would each keep the store in memory and overwrite the
 * other's snapshot, and each would run every waiting task: so a second one refuses to
 * start, saying which process holds the folder. A lock left by a runtime that died is
 * taken over.
 */
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RuntimeStartError } from './public-socket';

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dataDir: string, env: Readonly<Record<string, string | undefined>> = process.env): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'runtime.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      const release = () => {
        try {
          if (readFileSync(file, 'utf8') === String(process.pid)) unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return {
        release: () => {
          process.removeListener('exit', release);
          release();
        },
      };
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(file, 'utf8'));
      if (Number.isSafeInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        const other = env.C500_DATA_DIR ? `${env.C500_DATA_DIR}-2` : '.data-2';
        throw new RuntimeStartError(
          `Another local runtime (process ${holder}) is using the data folder ${dataDir}. Stop it, or give this one a folder of its own: C500_DATA_DIR=${other} npm start`,
        );
      }
      // Left behind by a runtime that died: take it over.
      unlinkSync(file);
    }
  }
  throw new RuntimeStartError(`Could not take the lock on the data folder ${dataDir}: another runtime keeps starting there`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is someone else's.
    return (error as { code?: unknown }).code === 'EPERM';
  }
}
