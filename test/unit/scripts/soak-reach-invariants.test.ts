/**
 * Each of the soak's reach checks (closed DMs, typed text, refusals, expired tokens, chat
 * bids) catches what it names: a small world where it holds, and one where it is broken.
 */
import { reachChecks, type ReachEvidence, type ReachWorld } from '../../../scripts/soak/reach-invariants';
import type { InvariantResult } from '../../../scripts/soak/check';
import { world as soakWorld } from '../../support/soak-world';
import type { OutboxEntry, OutboxRefusal } from '../../../shared/local/discord/discord-outbox';
import { closedDmNotices } from '../../../shared/payments';
import type { DiscordMessage } from '../../../shared/ports';
import { snowflakeAt } from '../../../shared/common';

const now = Date.parse('2026-11-24T18:00:00Z');
const iso = (msAgo: number) => new Date(now - msAgo).toISOString();
const closed = '810000000000000005';

function world(over: Partial<ReachWorld> = {}, reach: Partial<ReachEvidence> = {}): ReachWorld {
  return {
    ...soakWorld({}, { nowMs: now, pingable: { users: new Set([closed]), roles: new Set() }, ...over }),
    reach: { dmsClosed: [closed], chat: { said: [], botLines: [] }, overtakenByClock: [], ...reach },
  };
}

const verdict = (w: ReachWorld, name: string): InvariantResult => {
  const found = reachChecks.find((c) => c.name === name);
  if (!found) throw new Error(`no reach check named ${name}`);
  return { name, group: found.group, ...found.check(w) };
};

const post = (seq: number, message: DiscordMessage): OutboxEntry => ({ seq, at: iso(1_000), kind: 'channel', channelId: 'c1', message });
const refusal = (code: number, over: Partial<OutboxRefusal> = {}): OutboxRefusal => ({
  at: iso(5_000),
  kind: 'dm',
  userId: closed,
  status: code === 50007 ? 403 : 401,
  code,
  error: code === 50007 ? 'Cannot send messages to this user' : 'Invalid Webhook Token',
  message: { content: 'You won!' },
  ...over,
});

describe('the soak’s reach checks', () => {
  it('holds when someone whose DMs are closed is mentioned in the channel instead, and breaks when no post names them', () => {
    const refused = [refusal(50007)];
    const told = world({ refused, outbox: [post(1, closedDmNotices.auctionWon(closed, 'Board', false))] });
    expect(verdict(told, 'closed DMs: told in the channel instead')).toMatchObject({ held: true, checked: 1 });
    const untold = world({ refused, outbox: [post(1, { content: `<@${closed}> hi`, allowed_mentions: { users: [] } })] });
    expect(verdict(untold, 'closed DMs: told in the channel instead')).toMatchObject({
      held: false,
      counterexample: `DMs to ${closed} were refused (50007) and no channel post mentioned them: “You won!” at ${iso(5_000)}`,
    });
  });

  it('lets go a refused DM about a group buy the member left before its note could be posted, and no other', () => {
    const docs = new Map<string, Record<string, unknown>>([
      ['groupBuys/gb1', { title: 'Soak group buy 1' }],
      ['groupBuys/gb1/pledges/' + closed, { status: 'withdrawn' }],
      ['groupBuys/gb2', { title: 'Soak group buy 1b' }],
      ['groupBuys/gb2/pledges/' + closed, { status: 'waitlisted' }],
    ]);
    const aboutLeft = refusal(50007, { message: { content: 'Your card is saved for **Soak group buy 1**, which is full: you’re on the waitlist.' } });
    expect(verdict(world({ docs, refused: [aboutLeft] }), 'closed DMs: told in the channel instead')).toMatchObject({ held: true });
    // Another group buy whose title starts as the left one's does: still owed.
    const aboutStillIn = refusal(50007, { message: { content: 'Your card is saved for **Soak group buy 1b ×2**, which is full: you’re on the waitlist.' } });
    expect(verdict(world({ docs, refused: [aboutLeft, aboutStillIn] }), 'closed DMs: told in the channel instead')).toMatchObject({ held: false });
  });

  it('holds a closed-DM note that only says where to look, and breaks on one holding the link, the amount or the address', () => {
    const note = closedDmNotices.receipt(closed, 'o1');
    const addressesTyped = [{ session: 'cs_1', builderId: 'b1', line1: '12 Soak Street' }];
    expect(verdict(world({ outbox: [post(1, note)], addressesTyped }), 'closed DMs: the channel note holds nothing private')).toMatchObject({
      held: true,
      checked: 1,
    });
    const leaky = post(2, { ...note, content: `${note.content ?? ''} Pay $45.00 at http://local/pay/o1 — ships to 12 Soak Street` });
    expect(verdict(world({ outbox: [leaky], addressesTyped }), 'closed DMs: the channel note holds nothing private')).toMatchObject({
      held: false,
      counterexample: 'the channel note #2 to someone whose DMs are closed holds a link and a checkout and an amount and an address',
    });
  });

  it('holds when Discord refused only closed DMs, and breaks on a message over a limit', () => {
    expect(verdict(world({ refused: [refusal(50007)] }), 'Discord refused only DMs people closed')).toMatchObject({ held: true });
    const tooLong = refusal(50035, { kind: 'channel', status: 400, error: 'Invalid Form Body: content is over 2000 characters' });
    expect(verdict(world({ refused: [refusal(50007), tooLong] }), 'Discord refused only DMs people closed')).toMatchObject({
      held: false,
      counterexample: `a channel to ${closed} was refused: 400 50035 Invalid Form Body: content is over 2000 characters`,
    });
  });

  it('breaks when a token past its 15 minutes was used, and counts apart a 50027 met while the clock’s move reached the processes', () => {
    const overtakenByClock = [{ id: '1', token: 'tok-late', what: 'bid', userId: 'u', status: 200, responseType: 5 }];
    const late = refusal(50027, { kind: 'edit', interactionToken: 'tok-late', at: iso(60_000) });
    const movedAt = { startedAtMs: now - 61_000, endedAtMs: now - 59_000, byMs: 31 * 60_000 };
    expect(verdict(world({ refused: [late] }, { overtakenByClock, moves: [movedAt] }), 'a token past 15 minutes is never used')).toMatchObject({
      held: true,
      checked: 1,
    });
    expect(verdict(world({ refused: [late] }, { overtakenByClock }), 'a token past 15 minutes is never used')).toMatchObject({
      held: false,
      counterexample: 'the edit of interaction …tok-late (across the clock’s move) used its token past 15 minutes',
    });
  });

  it('counts apart a 50027 met in a later move, stamped by a runtime clock the moves before it put ahead', () => {
    const overtakenByClock = [{ id: '1', token: 'tok-late', what: 'bid', userId: 'u', status: 200, responseType: 5 }];
    const aheadMs = 31 * 60_000;
    const byMs = 73 * 3_600_000;
    // The runtime's clock moved first: the refusal is stamped the earlier half hour and this move's 73 hours ahead of the system's.
    const late = refusal(50027, { kind: 'edit', interactionToken: 'tok-late', at: iso(60_000 - aheadMs - byMs) });
    const second = { startedAtMs: now - 61_000, endedAtMs: now - 59_000, byMs, aheadMs };
    const name = 'a token past 15 minutes is never used';
    expect(
      verdict(world({ refused: [late] }, { overtakenByClock, moves: [{ startedAtMs: now - 900_000, endedAtMs: now - 899_000, byMs: aheadMs }, second] }), name),
    ).toMatchObject({
      held: true,
    });
    expect(verdict(world({ refused: [late] }, { overtakenByClock, moves: [{ ...second, aheadMs: 0 }] }), name)).toMatchObject({ held: false });
  });

  it('breaks when an answer was taken on a token past its 15 minutes, counting the clock’s move, and holds on one in time', () => {
    const movedAt = { startedAtMs: now - 600_000, endedAtMs: now - 598_000, byMs: 31 * 60_000 };
    // Issued just before the move (by the runtime's clock, which equals the system's then), and five minutes after it;
    // the outbox stamps by the runtime's clock too, so after the move its stamps are the jump ahead of the system's.
    const sent = [
      { id: snowflakeAt(now - 601_000, 1), token: 'tok-before', what: 'bid', userId: 'u', status: 200, responseType: 5 },
      { id: snowflakeAt(now - 300_000 + movedAt.byMs, 2), token: 'tok-after', what: 'bid', userId: 'u', status: 200, responseType: 5 },
    ];
    const edit = (seq: number, token: string, msAgo: number): OutboxEntry => ({
      seq,
      at: iso(msAgo),
      kind: 'edit',
      interactionToken: token,
      message: { content: 'You lead' },
    });
    const inTime = [edit(1, 'tok-before', 600_500), edit(2, 'tok-after', 200_000 - movedAt.byMs)];
    expect(verdict(world({ sent, outbox: inTime }, { moves: [movedAt] }), 'a token past 15 minutes is never used')).toMatchObject({ held: true, checked: 2 });
    const taken = [...inTime, edit(3, 'tok-before', 590_000 - movedAt.byMs)];
    expect(verdict(world({ sent, outbox: taken }, { moves: [movedAt] }), 'a token past 15 minutes is never used')).toMatchObject({
      held: false,
      counterexample: 'the edit #3 of interaction …k-before was sent past its token’s 15 minutes',
    });
  });

  it('holds when each chat bid was answered in chat, and breaks when a stranger was never told how to sign in', () => {
    const said = [
      { login: 'kai', signedIn: true, text: '!bid 45', atMs: now - 10_000, delivered: true },
      { login: 'lurker', signedIn: false, text: '!bid 50', atMs: now - 9_000, delivered: true },
    ];
    const lead = { text: 'kai leads at $45.00 · next $46.00', time: iso(9_500), dropped: false };
    const signIn = { text: '@lurker to bid from chat, sign in with Twitch once: http://local/twitch/bidder', time: iso(8_000), dropped: false };
    expect(verdict(world({}, { chat: { said, botLines: [lead, signIn] } }), 'chat bids answered in chat')).toMatchObject({ held: true, checked: 2 });
    expect(verdict(world({}, { chat: { said, botLines: [lead, { ...signIn, dropped: true }] } }), 'chat bids answered in chat')).toMatchObject({
      held: false,
      counterexample: 'lurker, never signed in, typed "!bid 50" and was never told how to bid',
    });
  });
});
