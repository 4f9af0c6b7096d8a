/**
 * @module in-memory-chat-outbox
 * The chat outbox in one process's memory: for tests, and for a local runtime without
 * Redis (where the auction book is in memory too).
 */
import type { ChatBudget, ChatLine, ChatOutbox, SendClaim } from '../../ports';
import { chatLinesKept } from '../../adapters/chat/chat-outbox-limits';

interface Channel {
  must: ChatLine[];
  rest: ChatLine[];
  slots: Map<string, ChatLine>;
  once: Set<string>;
  sent: number[];
}

export class InMemoryChatOutbox implements ChatOutbox {
  private readonly channels = new Map<string, Channel>();

  private channel(id: string): Channel {
    let c = this.channels.get(id);
    if (!c) this.channels.set(id, (c = { must: [], rest: [], slots: new Map(), once: new Set(), sent: [] }));
    return c;
  }

  async add(broadcasterId: string, line: ChatLine): Promise<boolean> {
    const c = this.channel(broadcasterId);
    if (line.onceKey) {
      if (c.once.has(line.onceKey)) return false;
      c.once.add(line.onceKey);
    }
    if (line.slot) c.slots.set(line.slot, line);
    else if (line.must) c.must.push(line);
    else c.rest = [...c.rest, line].slice(-chatLinesKept);
    return true;
  }

  async takeAll(broadcasterId: string): Promise<ChatLine[]> {
    const c = this.channel(broadcasterId);
    const all = [...c.must, ...c.slots.values(), ...c.rest];
    c.must = [];
    c.rest = [];
    c.slots.clear();
    return all;
  }

  async putBack(broadcasterId: string, lines: readonly ChatLine[]): Promise<void> {
    const c = this.channel(broadcasterId);
    c.must = [...lines.filter((l) => l.must), ...c.must];
    c.rest = [...lines.filter((l) => !l.must), ...c.rest];
  }

  async dropChannel(broadcasterId: string): Promise<void> {
    this.channels.delete(broadcasterId);
  }

  async claimSend(broadcasterId: string, nowMs: number, budget: ChatBudget): Promise<SendClaim> {
    const c = this.channel(broadcasterId);
    // A send counts for the window and the margin (chatSendMarginMs says why).
    const countedMs = budget.windowMs + budget.marginMs;
    c.sent = c.sent.filter((t) => t > nowMs - countedMs);
    const last = c.sent.at(-1);
    if (last !== undefined && last + budget.spacingMs > nowMs) return { ok: false, retryAtMs: last + budget.spacingMs };
    if (c.sent.length >= budget.perWindow) return { ok: false, retryAtMs: (c.sent[0] as number) + countedMs };
    c.sent.push(nowMs);
    return { ok: true };
  }
}
