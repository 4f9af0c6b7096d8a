/**
 * Saying what is queued for a channel's chat: one message a second at most, never over the
 * 30-second budget, a winner's link never lost to a drop, never a tight loop.
 */
import { InMemoryChatOutbox } from '../../local/chat/in-memory-chat-outbox';
import type { ChatSendResult, ScheduledTask, TaskQueue, TwitchChat } from '../../ports';
import { sendChatReplies } from '../use-cases/send-chat-replies';
import type { ChatReplyDeps } from '../use-cases/chat-deps';
import { logLinesOf } from '../../../test/support/log-lines';

function world(answers: ChatSendResult[] = []) {
  let nowMs = Date.parse('2026-11-27T20:00:00Z');
  const sent: string[] = [];
  const chat: TwitchChat = {
    send: async ({ text }) => {
      const answer = answers.shift() ?? { sent: true, messageId: `m${sent.length}` };
      if (answer.sent) sent.push(text);
      return answer;
    },
  };
  const scheduled: ScheduledTask[] = [];
  const tasks: TaskQueue = { schedule: async (task) => (scheduled.push(task), 'scheduled'), cancel: async () => false };
  const outbox = new InMemoryChatOutbox();
  const deps: ChatReplyDeps = {
    tasks,
    clock: { now: () => new Date(nowMs) },
    outbox,
    chat,
    budget: { perWindow: 20, windowMs: 30_000, spacingMs: 1_000, marginMs: 1_000 },
  };
  return { deps, outbox, sent, scheduled, advance: (ms: number) => void (nowMs += ms), now: () => nowMs };
}

describe('saying what is queued in a channel’s chat', () => {
  it('says everything queued in one message', async () => {
    const w = world();
    await w.outbox.add('1', { text: 'ana leads at $50 · next $53', slot: 'lead' });
    await w.outbox.add('1', { text: 'too low', group: { name: 'low', login: 'bo' } });
    expect(await sendChatReplies(w.deps, '1')).toBe('sent');
    expect(w.sent).toEqual(['ana leads at $50 · next $53 · @bo: too low']);
  });

  it('waits for the next second rather than send twice in one, and comes back then', async () => {
    const w = world();
    await w.outbox.add('1', { text: 'first' });
    await sendChatReplies(w.deps, '1');
    await w.outbox.add('1', { text: 'second' });
    w.advance(300);
    expect(await sendChatReplies(w.deps, '1')).toBe('waiting-for-budget');
    expect(w.scheduled.at(-1)?.runAt.getTime()).toBeGreaterThanOrEqual(w.now() + 700);
    w.advance(700);
    expect(await sendChatReplies(w.deps, '1')).toBe('sent');
    expect(w.sent).toEqual(['first', 'second']);
  });

  it('never sends more than the channel’s budget in any 30 seconds, however much chat asks', async () => {
    const w = world();
    const sentAt: number[] = [];
    for (let second = 0; second < 90; second++) {
      await w.outbox.add('1', { text: `state ${second}`, slot: 'lead' });
      const before = w.sent.length;
      await sendChatReplies(w.deps, '1');
      if (w.sent.length > before) sentAt.push(w.now());
      w.advance(1_000);
    }
    const mostInAWindow = Math.max(...sentAt.map((t) => sentAt.filter((u) => u >= t && u < t + 30_000).length));
    expect(mostInAWindow).toBeLessThanOrEqual(20);
    expect(sentAt.length).toBeGreaterThanOrEqual(60);
  });

  it('keeps a winner’s link when Twitch drops the message for its rate, and tries again seconds later', async () => {
    const w = world([{ sent: false, dropReason: { code: 'msg_ratelimit', message: 'slow' }, retryAfterMs: 5_000 }]);
    await w.outbox.add('1', { text: 'SOLD! pay here', must: true });
    await w.outbox.add('1', { text: 'ana leads', slot: 'lead' });
    expect(await sendChatReplies(w.deps, '1')).toBe('dropped');
    expect(w.scheduled.at(-1)?.runAt.getTime()).toBeGreaterThanOrEqual(w.now() + 5_000);
    w.advance(5_000);
    expect(await sendChatReplies(w.deps, '1')).toBe('sent');
    expect(w.sent).toEqual(['SOLD! pay here']);
  });

  it('tells a refused bidder once more when Twitch drops the message for its rate, but not the stale state, and lets it go after a second drop', async () => {
    const drop = { sent: false, dropReason: { code: 'msg_ratelimit', message: 'slow' }, retryAfterMs: 2_000 } as const;
    const w = world([drop, drop]);
    await w.outbox.add('1', { text: 'ana leads', slot: 'lead' });
    await w.outbox.add('1', { text: 'over the new-bidder limit', group: { name: 'limit', login: 'bo' } });
    expect(await sendChatReplies(w.deps, '1')).toBe('dropped');
    w.advance(2_000);
    expect(await sendChatReplies(w.deps, '1')).toBe('dropped');
    w.advance(2_000);
    await w.outbox.add('1', { text: 'cy leads', slot: 'lead' });
    expect(await sendChatReplies(w.deps, '1')).toBe('sent');
    expect(w.sent).toEqual(['cy leads']);

    const v = world([drop]);
    await v.outbox.add('1', { text: 'ana leads', slot: 'lead' });
    await v.outbox.add('1', { text: 'over the new-bidder limit', group: { name: 'limit', login: 'bo' } });
    expect(await sendChatReplies(v.deps, '1')).toBe('dropped');
    v.advance(2_000);
    expect(await sendChatReplies(v.deps, '1')).toBe('sent');
    expect(v.sent).toEqual(['@bo: over the new-bidder limit']);
  });

  it('does not say ordinary lines again when Twitch refuses the message', async () => {
    const w = world([{ sent: false, dropReason: { code: 'sender_not_permitted', message: 'no' } }]);
    await w.outbox.add('1', { text: 'ana leads', slot: 'lead' });
    expect(await sendChatReplies(w.deps, '1')).toBe('refused');
    expect(w.scheduled).toEqual([]);
    expect(await w.outbox.takeAll('1')).toEqual([]);
  });

  it('keeps a winner’s link when Twitch refuses the message, and tries again seconds later, not at once', async () => {
    const w = world([{ sent: false, dropReason: { code: 'sender_not_permitted', message: 'no' } }]);
    await w.outbox.add('1', { text: 'SOLD! pay here', must: true });
    expect(await sendChatReplies(w.deps, '1')).toBe('refused');
    expect(w.scheduled.at(-1)?.runAt.getTime()).toBeGreaterThanOrEqual(w.now() + 2_000);
    w.advance(2_000);
    expect(await sendChatReplies(w.deps, '1')).toBe('sent');
    expect(w.sent).toEqual(['SOLD! pay here']);
  });

  it('keeps a winner’s link when the send throws, for the task’s own retry', async () => {
    const w = world();
    const send = w.deps.chat.send;
    w.deps.chat.send = async () => {
      throw new Error('Helix refused to send a chat message with 401');
    };
    await w.outbox.add('1', { text: 'SOLD! pay here', must: true });
    await expect(sendChatReplies(w.deps, '1')).rejects.toThrow('401');
    w.deps.chat.send = send;
    w.advance(1_000);
    expect(await sendChatReplies(w.deps, '1')).toBe('sent');
    expect(w.sent).toEqual(['SOLD! pay here']);
  });

  it('lets a must line go after Twitch refused it five times, each retry further apart', async () => {
    const refused: ChatSendResult = { sent: false, dropReason: { code: 'msg_rejected', message: 'held by AutoMod' } };
    const w = world(Array.from({ length: 10 }, () => refused));
    await w.outbox.add('1', { text: 'SOLD! pay here', must: true });
    const waits: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const scheduled = w.scheduled.length;
      expect(await sendChatReplies(w.deps, '1')).toBe('refused');
      const next = w.scheduled.slice(scheduled).at(-1);
      if (!next) break;
      waits.push(next.runAt.getTime() - w.now());
      w.advance(next.runAt.getTime() - w.now());
    }
    expect(waits).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(await w.outbox.takeAll('1')).toEqual([]);
  });

  it('logs what the must lines it lets go were for, never their text or whom they named', async () => {
    const refused: ChatSendResult = { sent: false, dropReason: { code: 'msg_rejected', message: 'held by AutoMod' } };
    const w = world(Array.from({ length: 10 }, () => refused));
    await w.outbox.add('1', { text: '@lavkeebs to bid from chat, sign in with Twitch once', must: true, onceKey: 'sign-in:510000011' });
    await w.outbox.add('1', { text: 'SOLD! @lavkeebs wins the Tofu65', must: true });
    const { text, lines } = await logLinesOf(async () => {
      for (let attempt = 0; attempt < 5; attempt++) {
        await sendChatReplies(w.deps, '1');
        w.advance(20_000);
      }
    });
    expect(text).not.toContain('lavkeebs');
    expect(text).not.toContain('510000011');
    expect(lines.find((l) => l.message === 'must chat lines let go after failed sends')).toMatchObject({ lines: ['sign-in', 'unkeyed'] });
  });

  it('says nothing when nothing is queued', async () => {
    const w = world();
    expect(await sendChatReplies(w.deps, '1')).toBe('nothing-to-say');
    expect(w.sent).toEqual([]);
  });
});
