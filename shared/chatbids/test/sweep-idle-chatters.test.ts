/**
 * A chatter's records, and a channel's turned-off chat bidding, go a year after their last
 * activity, on the local clock moved forward.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { LocalClock } from '../../local/local-clock';
import { twitchLoginPath, twitchLoginSeen } from '../../auctions';
import { chatBiddingPath, twitchBidderPath, type ChatBidding } from '../rules/chat-bidding';
import { idleDays, sweepIdleChatters } from '../use-cases/sweep-idle-chatters';

const day = 86_400_000;
const seenAt = '2026-11-20T12:00:00.000Z';

function world() {
  const clock = new LocalClock({ now: () => new Date(seenAt) });
  const store = new LocalDocumentStore();
  return { clock, store, sweep: () => sweepIdleChatters({ store, clock }) };
}

const channel = (on: boolean): ChatBidding => ({
  broadcasterId: '9001',
  login: 'maker',
  ownerId: '811000000000000101',
  guildId: 'g1',
  on,
  changedBy: '811000000000000101',
  changedAt: seenAt,
});

describe('the retention sweep’s part for idle chatters', () => {
  it('GIVEN a signed-in chatter last seen in chat THEN their login and record stay a day before the year is out and go a day after', async () => {
    const w = world();
    await w.store.set(twitchLoginPath('ada_keebs'), twitchLoginSeen('ada_keebs', '77001', seenAt));
    await w.store.set(twitchBidderPath('77001'), { twitchUserId: '77001', login: 'ada_keebs', displayName: 'AdaKeebs', linkedAt: seenAt });
    w.clock.advance(idleDays * day - day);
    expect(await w.sweep()).toEqual({ logins: 0, chatters: 0, channels: 0, failed: [] });
    w.clock.advance(2 * day);
    expect(await w.sweep()).toEqual({ logins: 1, chatters: 1, channels: 0, failed: [] });
    expect(await w.store.get(twitchLoginPath('ada_keebs'))).toBeUndefined();
    expect(await w.store.get(twitchBidderPath('77001'))).toBeUndefined();
    expect(await w.sweep()).toEqual({ logins: 0, chatters: 0, channels: 0, failed: [] });
  });

  it('GIVEN a chatter who renamed and chats under the new login THEN the old login goes and their record stays', async () => {
    const w = world();
    await w.store.set(twitchLoginPath('old_name'), twitchLoginSeen('old_name', '77002', seenAt));
    await w.store.set(twitchBidderPath('77002'), { twitchUserId: '77002', login: 'new_name', displayName: 'New', linkedAt: seenAt });
    w.clock.advance(200 * day);
    await w.store.set(twitchLoginPath('new_name'), twitchLoginSeen('new_name', '77002', w.clock.now().toISOString()));
    w.clock.advance(idleDays * day - 100 * day);
    expect(await w.sweep()).toEqual({ logins: 1, chatters: 0, channels: 0, failed: [] });
    expect(await w.store.get(twitchBidderPath('77002'))).toBeDefined();
  });

  it('GIVEN a channel’s chat bidding turned off THEN it goes a year later; one still on stays, the streamer’s standing consent', async () => {
    const w = world();
    await w.store.set(chatBiddingPath('9001'), channel(false));
    await w.store.set(chatBiddingPath('9002'), { ...channel(true), broadcasterId: '9002' });
    w.clock.advance(idleDays * day - day);
    expect((await w.sweep()).channels).toBe(0);
    w.clock.advance(2 * day);
    expect((await w.sweep()).channels).toBe(1);
    expect(await w.store.get(chatBiddingPath('9001'))).toBeUndefined();
    expect(await w.store.get(chatBiddingPath('9002'))).toBeDefined();
  });
});
