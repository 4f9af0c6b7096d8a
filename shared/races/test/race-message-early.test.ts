/**
 * The lobby message's task run before the second it is named for (an instance's clock a
 * little behind, Cloud Tasks early, the local queue's timers against a test's clock): it
 * edits nothing and folds nothing, and is brought back; on time, it shows the lobby.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { TaskNotDueYet } from '../../errors';
import type { ScheduledTask, TaskQueue } from '../../ports';
import { raceLobbyPath } from '../rules/race';
import { saleFoldPath } from '../rules/sale-fold';
import { refreshRaceMessage } from '../use-cases/refresh-race-message';
import { parseRaceMessageTask, scheduleRaceMessage } from '../use-cases/race-tasks';
import { racingLobby } from '../../../test/support/races';

const GUILD = '900000000000000001';
const opened = Date.parse('2026-11-22T20:00:00.000Z');

async function world() {
  let nowMs = opened + 60_300;
  const store = new LocalDocumentStore();
  await store.set(raceLobbyPath('lobby001'), {
    ...racingLobby({ guildId: GUILD, racers: ['810000000000000001'], openedAtMs: opened }),
    messageId: '920000000000000001',
  });
  const scheduled: ScheduledTask[] = [];
  const tasks: TaskQueue = { schedule: async (task) => (scheduled.push(task), 'scheduled'), cancel: async () => false };
  const discord = new DiscordOutbox();
  const deps = { store, discord, tasks, clock: { now: () => new Date(nowMs) }, currency: 'usd' };
  await scheduleRaceMessage(deps, 'lobby001');
  const task = parseRaceMessageTask(JSON.parse(JSON.stringify(scheduled[0]?.payload)));
  if (!task) throw new Error('the lobby message task its own parser refuses');
  return { deps, store, discord, task, at: (ms: number) => void (nowMs = ms) };
}

describe('the lobby message’s task run before its second', () => {
  it('edits nothing, folds nothing, and asks to be brought back at its second', async () => {
    const w = await world();
    const early = refreshRaceMessage(w.deps, w.task);
    await expect(early).rejects.toBeInstanceOf(TaskNotDueYet);
    await expect(early).rejects.toMatchObject({ atMs: opened + 61_000 });
    expect(w.discord.entries).toEqual([]);
    expect(await w.store.get(saleFoldPath('lobby001'))).toBeUndefined();
  });

  it('shows the lobby once its second has come', async () => {
    const w = await world();
    w.at(opened + 61_000);
    expect(await refreshRaceMessage(w.deps, w.task)).toBe(true);
    expect(w.discord.entries.map((e) => e.kind)).toEqual(['edit']);
  });
});

describe('reading a lobby message task', () => {
  it('reads the lobby and the second it is due, and one scheduled before tasks carried their second', () => {
    expect(parseRaceMessageTask({ lobbyId: 'lobby001', dueAtMs: opened })).toEqual({ lobbyId: 'lobby001', dueAtMs: opened });
    expect(parseRaceMessageTask({ lobbyId: 'lobby001' })).toEqual({ lobbyId: 'lobby001' });
  });

  it.each([['soon'], [-1], [2.5], [0]])('refuses a due time of %p', (dueAtMs) => {
    expect(parseRaceMessageTask({ lobbyId: 'lobby001', dueAtMs })).toBeUndefined();
  });
});
