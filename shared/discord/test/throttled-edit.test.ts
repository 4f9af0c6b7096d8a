/**
 * The once-a-second edit of a busy message, on the embedded store (the emulator's run is in
 * test/contract/throttled-edit-on-emulator.test.ts): one edit per second whoever asks, the
 * others told when to come back, the last state always shown.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { TaskNotDueYet } from '../../errors';
import { docPath, type DiscordMessenger } from '../../ports';
import { editAtMostEverySecond, editSlotPath, type LastEdit } from '../use-cases/throttled-edit';

interface BoardEdit extends LastEdit {
  boardId: string;
}
const path = docPath<BoardEdit>('boardEdits/b1');

function world() {
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox();
  const clock = { ms: Date.parse('2026-11-27T21:00:00.200Z'), now: () => new Date(clock.ms) };
  const edit = (content: string) =>
    editAtMostEverySecond({ store, discord, clock }, { path, owner: { boardId: 'b1' }, channelId: 'c1', messageId: 'm1', message: { content } });
  const edits = () => discord.entries.filter((e) => e.kind === 'edit').map((e) => e.message.content);
  return { store, discord, clock, edit, edits };
}

test('ten tasks at once make one edit, and each other one is told to come back at the next second', async () => {
  const w = world();
  const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => w.edit(`state ${i}`)));
  expect(outcomes.filter((o) => o.status === 'fulfilled' && o.value)).toHaveLength(1);
  const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
  expect(refused).toHaveLength(9);
  for (const reason of refused) expect(reason).toBeInstanceOf(TaskNotDueYet);
  expect(w.edits()).toHaveLength(1);
});

test('a task told to come back edits then with the state as it is, and not again when nothing changed', async () => {
  const w = world();
  expect(await w.edit('first')).toBe(true);
  await expect(w.edit('second')).rejects.toBeInstanceOf(TaskNotDueYet);
  w.clock.ms += 1_000;
  expect(await w.edit('second')).toBe(true);
  w.clock.ms += 1_000;
  expect(await w.edit('second')).toBe(false);
  expect(w.edits()).toEqual(['first', 'second']);
});

test('claims each second with a slot that expires, so the claims do not pile up for ever', async () => {
  const w = world();
  await w.edit('first');
  const slot = await w.store.get(editSlotPath(path, Math.floor(w.clock.ms / 1_000)));
  expect(new Date(slot?.expiresAt ?? 0).getTime()).toBeGreaterThan(w.clock.ms + 60_000);
});

test('gives the last edit back when Discord fails, so the retry a second later edits', async () => {
  const w = world();
  const failing: DiscordMessenger = Object.assign(Object.create(w.discord) as DiscordMessenger, {
    editChannelMessage: () => Promise.reject(new Error('Discord answered 500')),
  });
  await expect(
    editAtMostEverySecond(
      { store: w.store, discord: failing, clock: w.clock },
      { path, owner: { boardId: 'b1' }, channelId: 'c1', messageId: 'm1', message: { content: 'x' } },
    ),
  ).rejects.toThrow('500');
  w.clock.ms += 1_000;
  expect(await w.edit('x')).toBe(true);
  expect(w.edits()).toEqual(['x']);
});
