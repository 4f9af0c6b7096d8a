/**
 * @module sweep-idle-chatters
 * The retention sweep's part for Twitch chat (the table's "a year after their last activity"):
 * a chatter's login seen last a year ago goes (`twitchLogins`, whose `seenAt` chat refreshes),
 * and with their last login their signed-in record (`twitchBidders`: a chatter is seen by
 * their logins, each chat message pairing the two); a channel's chat bidding turned off a year
 * ago goes (`chatBidding`; one still on is the streamer's standing consent, kept while on).
 * Bounded (a page of the oldest a run, each query served by its index) and idempotent: each
 * record goes in a transaction that reads it again, so one seen meanwhile stays.
 */
import type { Clock, DocumentStore } from '../../ports';
import { log } from '../../log';
import { twitchLoginPath, twitchLoginsCollection } from '../../auctions';
import { chatBiddingCollection, chatBiddingPath, twitchBidderPath } from '../rules/chat-bidding';

/** Days without activity after which a chatter's records, or a channel's turned-off chat bidding, go. */
export const idleDays = 365;

export interface IdleChatterDeps {
  store: DocumentStore;
  clock: Clock;
  /** Records a run reads of each (200 by default). */
  limit?: number;
}

export interface IdleChatterReport {
  /** Logins, signed-in chatters and channels this run let go. */
  logins: number;
  chatters: number;
  channels: number;
  failed: string[];
}

export async function sweepIdleChatters(deps: IdleChatterDeps): Promise<IdleChatterReport> {
  const report: IdleChatterReport = { logins: 0, chatters: 0, channels: 0, failed: [] };
  const cutoff = new Date(deps.clock.now().getTime() - idleDays * 86_400_000).toISOString();
  const most = deps.limit ?? 200;
  const logins = await deps.store.query(twitchLoginsCollection, { where: [['seenAt', '<', cutoff]], orderBy: [['seenAt', 'asc']], limit: most });
  for (const { id, data } of logins) {
    await tried(report, `twitchLogins/${id}`, async () => {
      const gone = await forgetLogin(deps.store, id, cutoff);
      if (gone) report.logins += 1;
      if (gone && (await forgetChatter(deps.store, data.twitchUserId, cutoff))) report.chatters += 1;
    });
  }
  const off = await deps.store.query(chatBiddingCollection, {
    where: [
      ['on', '==', false],
      ['changedAt', '<', cutoff],
    ],
    orderBy: [['changedAt', 'asc']],
    limit: most,
  });
  for (const { id } of off) {
    await tried(report, `chatBidding/${id}`, async () => {
      if (await forgetChannel(deps.store, id, cutoff)) report.channels += 1;
    });
  }
  if (report.logins + report.chatters + report.channels > 0) log.info('idle chatters and channels forgotten', { ...report, failed: report.failed.length });
  return report;
}

async function tried(report: IdleChatterReport, path: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    log.error('retention sweep could not forget an idle chatter’s record; the next sweep tries again', { path, error });
    report.failed.push(path);
  }
}

async function forgetLogin(store: DocumentStore, login: string, cutoff: string): Promise<boolean> {
  return store.runTransaction(async (tx) => {
    const seen = await tx.get(twitchLoginPath(login));
    if (!seen || seen.seenAt >= cutoff) return false;
    tx.delete(twitchLoginPath(login));
    return true;
  });
}

/** The chatter's signed-in record, unless another of their logins (after a rename) was seen within the year. */
async function forgetChatter(store: DocumentStore, twitchUserId: string, cutoff: string): Promise<boolean> {
  const others = await store.query(twitchLoginsCollection, { where: [['twitchUserId', '==', twitchUserId]] });
  if (others.some((other) => other.data.seenAt >= cutoff)) return false;
  return store.runTransaction(async (tx) => {
    if (!(await tx.get(twitchBidderPath(twitchUserId)))) return false;
    tx.delete(twitchBidderPath(twitchUserId));
    return true;
  });
}

async function forgetChannel(store: DocumentStore, broadcasterId: string, cutoff: string): Promise<boolean> {
  return store.runTransaction(async (tx) => {
    const channel = await tx.get(chatBiddingPath(broadcasterId));
    if (!channel || channel.on || channel.changedAt >= cutoff) return false;
    tx.delete(chatBiddingPath(broadcasterId));
    return true;
  });
}
