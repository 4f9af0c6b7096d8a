/**
 * What the runtime keeps in its data folder under the production clients, so one killed with
 * `kill -9` and started again on the same folder goes on where it was: the journal, the local
 * Discord's memory and the moved clock.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordOutbox, DiscordRefusal, type OutboxJournalLine } from '../../../shared/local/discord/discord-outbox';
import { openJournal } from '../../../shared/local/journal';
import { keptState } from '../../../shared/local/kept-state';
import { LocalClock } from '../../../shared/local/local-clock';
import { LocalTwitchChat, type LocalChatMessage } from '../../../shared/local/twitch/twitch-chat';
import { botUserId, chatWorld } from '../../support/twitch-chat';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'c500-kept-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a journal', () => {
  it('reads back every change written before, in order', () => {
    const first = openJournal<{ n: number }>(join(dir, 'j.jsonl'));
    first.write({ n: 1 });
    first.write({ n: 2 });
    expect(openJournal<{ n: number }>(join(dir, 'j.jsonl')).earlier).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('skips a last line a kill cut short, and keeps the rest', () => {
    const file = join(dir, 'j.jsonl');
    openJournal<{ n: number }>(file).write({ n: 1 });
    appendFileSync(file, '{"n":');
    expect(openJournal<{ n: number }>(file).earlier).toEqual([{ n: 1 }]);
  });

  it('starts empty on a data folder that has none', () => {
    expect(openJournal(join(dir, 'none.jsonl')).earlier).toEqual([]);
  });
});

describe('the local Discord on a journal', () => {
  const message = { content: 'hello' };

  it('remembers what it was sent after a restart, numbering on from where it was', async () => {
    const before = new DiscordOutbox(undefined, { journal: openJournal<OutboxJournalLine>(join(dir, 'o.jsonl')) });
    await before.postToChannel('1001', message);
    await before.sendDm('801000000000000001', message);
    const after = new DiscordOutbox(undefined, { journal: openJournal<OutboxJournalLine>(join(dir, 'o.jsonl')) });
    expect(after.entries.map((e) => [e.seq, e.kind])).toEqual([
      [1, 'channel'],
      [2, 'dm'],
    ]);
    await after.postToChannel('1001', message);
    expect(after.entries.at(-1)?.seq).toBe(3);
  });

  it('still refuses a DM to someone who closed theirs before the restart, and keeps the refusal', async () => {
    const before = new DiscordOutbox(undefined, { journal: openJournal<OutboxJournalLine>(join(dir, 'o.jsonl')) });
    before.closeDms('801000000000000002');
    await expect(before.sendDm('801000000000000002', message)).rejects.toBeInstanceOf(DiscordRefusal);
    const after = new DiscordOutbox(undefined, { journal: openJournal<OutboxJournalLine>(join(dir, 'o.jsonl')) });
    expect(after.refused).toHaveLength(1);
    await expect(after.sendDm('801000000000000002', message)).rejects.toMatchObject({ code: 50007 });
    after.openDms('801000000000000002');
    const reopened = new DiscordOutbox(undefined, { journal: openJournal<OutboxJournalLine>(join(dir, 'o.jsonl')) });
    await expect(reopened.sendDm('801000000000000002', message)).resolves.toHaveProperty('messageId');
  });

  it('answers a nonce sent before the restart with the message it made then, as Discord remembers it', async () => {
    const once = { content: 'your receipt', nonce: 'receipt-1', enforce_nonce: true };
    const before = new DiscordOutbox(undefined, { journal: openJournal<OutboxJournalLine>(join(dir, 'o.jsonl')) });
    const first = await before.sendDm('801000000000000003', once);
    const after = new DiscordOutbox(undefined, { journal: openJournal<OutboxJournalLine>(join(dir, 'o.jsonl')) });
    expect(await after.sendDm('801000000000000003', once)).toEqual(first);
    expect(after.entries).toHaveLength(1);
  });
});

describe('Twitch chat on a journal', () => {
  it('remembers what was said after a restart, numbering on, and still counts it in the duplicate window', async () => {
    const world = await chatWorld();
    const file = join(dir, 'chat.jsonl');
    const before = new LocalTwitchChat({ twitch: world.twitch, clock: world.clock, botUserId, journal: openJournal<LocalChatMessage>(file) });
    await before.send({ broadcasterId: world.channel.userId, text: 'Bid taken: $41' });
    const after = new LocalTwitchChat({ twitch: world.twitch, clock: world.clock, botUserId, journal: openJournal<LocalChatMessage>(file) });
    expect(after.messages().map((m) => [m.seq, m.text])).toEqual([[1, 'Bid taken: $41']]);
    // Twitch drops the same words again within 30 s, whoever stands in for it now.
    await after.send({ broadcasterId: world.channel.userId, text: 'Bid taken: $41' });
    expect(after.messages().map((m) => [m.seq, m.dropped])).toEqual([
      [1, false],
      [2, true],
    ]);
  });
});

describe('the local clock on a journal', () => {
  it('starts where an earlier runtime had moved it, and writes each move down', () => {
    const written: number[] = [];
    const base = { now: () => new Date('2026-11-24T12:00:00Z') };
    const clock = new LocalClock(base, { offsetMs: 60_000, moved: (offsetMs) => written.push(offsetMs) });
    expect(clock.now().toISOString()).toBe('2026-11-24T12:01:00.000Z');
    clock.advance(30_000);
    expect(written).toEqual([90_000]);
  });
});

describe('what the runtime keeps', () => {
  it('keeps nothing on the embedded stand-ins, whose state dies with the process anyway', () => {
    expect(keptState({}, dir)).toBeUndefined();
  });

  it('keeps the outbox, the chat, the dead letters and the clock in the data folder under the production clients', () => {
    const kept = keptState({ C500_PRODUCTION_CLIENTS: '1' }, dir);
    kept?.clock.write({ offsetMs: 5 });
    expect(readFileSync(join(dir, 'clock.jsonl'), 'utf8')).toBe('{"offsetMs":5}\n');
    expect(Object.keys(kept ?? {})).toEqual(['outbox', 'chat', 'deadLetters', 'clock']);
  });
});
