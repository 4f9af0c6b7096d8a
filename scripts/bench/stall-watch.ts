/**
 * @module stall-watch
 * A bench's wait on the runtime, failed when it is stuck rather than when it is slow.
 */
import type { OutboxFollower } from './outbox-follower';

/**
 * The bench's deadline, as a stall: the close makes no progress the outbox shows (a receipt, a
 * pay link, a DM of any kind) for STALL_S seconds (default 180), or runs past two hours. A fixed
 * deadline from an assumed pace failed healthy runs on a machine shared with other work (5
 * charges a second, not 10), and could not tell slow from stuck.
 */
export function stallWatch(outbox: Pick<OutboxFollower, 'dms'>, what = 'the group buy was not funded'): () => void {
  const stallMs = Number(process.env.STALL_S ?? 180) * 1000;
  const startedAt = Date.now();
  let seen = 0;
  let movedAt = startedAt;
  return () => {
    if (outbox.dms.length !== seen) [seen, movedAt] = [outbox.dms.length, Date.now()];
    const idleS = Math.round((Date.now() - movedAt) / 1000);
    if (Date.now() - movedAt > stallMs) throw new Error(`${what}: no DM sent for ${idleS} s (${seen} sent)`);
    if (Date.now() - startedAt > 7_200_000) throw new Error(`${what} within two hours (${seen} DMs sent)`);
  };
}
