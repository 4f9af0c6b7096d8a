/**
 * A chat-replies task run before the second it is named for (an instance's clock a little
 * behind, Cloud Tasks running it early, the local queue's timers counting real time against
 * a test's clock): it says nothing and is brought back, so a line queued later that second,
 * which finds the task's name taken, is said in that second's message.
 */
import { InMemoryChatOutbox } from '../../local/chat/in-memory-chat-outbox';
import { TaskNotDueYet } from '../../errors';
import { sendChatReplies } from '../use-cases/send-chat-replies';
import { parseChatRepliesTask, scheduleChatReplies } from '../use-cases/chat-replies-task';
import { NamedTaskQueue } from '../../../test/support/named-task-queue';

const second = Date.parse('2026-11-27T20:00:01Z');

function world() {
  let nowMs = second - 700;
  const sent: string[] = [];
  const tasks = new NamedTaskQueue({ maxAttempts: 10, backoffMs: () => 1_000 });
  const outbox = new InMemoryChatOutbox();
  const deps = {
    tasks,
    clock: { now: () => new Date(nowMs) },
    outbox,
    chat: { send: async ({ text }: { text: string }) => (sent.push(text), { sent: true as const, messageId: `m${sent.length}` }) },
    budget: { perWindow: 20, windowMs: 30_000, spacingMs: 1_000, marginMs: 1_000 },
  };
  /** Delivers every waiting task now, whatever its time, as a queue running early would; a task refused stays waiting. */
  const runWaiting = async () => {
    for (const entry of tasks.due(Number.MAX_SAFE_INTEGER))
      await tasks.deliver(entry, nowMs, async (payload) => {
        const task = parseChatRepliesTask(payload);
        if (!task) throw new Error('a chat-replies task its own parser refuses');
        await sendChatReplies(deps, task.broadcasterId, task.dueAtMs);
      });
  };
  /** A line queued as chat-reach queues one: added, then the second's task asked for. */
  const say = async (text: string) => {
    await outbox.add('1', { text, must: true });
    await scheduleChatReplies(tasks, '1', nowMs);
  };
  return { deps, sent, say, runWaiting, at: (ms: number) => void (nowMs = ms) };
}

describe('a chat-replies task that runs before its second', () => {
  it('says nothing, takes nothing and is brought back, so a line queued later that second is said with the first', async () => {
    const w = world();
    await w.say('SOLD! @ana_keys wins Tofu65');
    await w.runWaiting();
    expect(w.sent).toEqual([]);
    w.at(second - 300);
    await w.say('@ana_keys your checkout is open');
    w.at(second);
    await w.runWaiting();
    expect(w.sent).toEqual(['SOLD! @ana_keys wins Tofu65 · @ana_keys your checkout is open']);
  });

  it('is refused as not due yet, spending none of the channel’s budget', async () => {
    const w = world();
    const claimSend = jest.spyOn(w.deps.outbox, 'claimSend');
    await w.say('ana leads');
    await expect(sendChatReplies(w.deps, '1', second)).rejects.toEqual(new TaskNotDueYet(second));
    expect(claimSend).not.toHaveBeenCalled();
  });

  it('runs on time once its second has come', async () => {
    const w = world();
    await w.say('ana leads');
    w.at(second);
    await w.runWaiting();
    expect(w.sent).toEqual(['ana leads']);
  });
});

describe('reading a chat-replies task', () => {
  it('reads the channel and the second it is due', () => {
    expect(parseChatRepliesTask({ broadcasterId: '123', dueAtMs: second })).toEqual({ broadcasterId: '123', dueAtMs: second });
  });

  it('runs a task scheduled before tasks carried their second whenever it comes', () => {
    expect(parseChatRepliesTask({ broadcasterId: '123' })).toEqual({ broadcasterId: '123' });
  });

  it.each([['soon'], [-1_000], [1.5], [0], [null]])('refuses a due time of %p', (dueAtMs) => {
    expect(parseChatRepliesTask({ broadcasterId: '123', dueAtMs })).toBeUndefined();
  });

  it('refuses a channel that is not a Twitch user id', () => {
    expect(parseChatRepliesTask({ broadcasterId: 'friday_keebs', dueAtMs: second })).toBeUndefined();
  });
});
