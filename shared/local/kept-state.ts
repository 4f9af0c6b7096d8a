/**
 * @module kept-state
 * Under the production clients the runtime's process can be killed and started again on the
 * same data folder, project and Redis (the soak does it): the emulators keep the documents
 * and the messages, and these journals keep what the runtime itself stands in for, which a
 * real service would not forget: what the local Discord was sent (and whose DMs are closed,
 * and its nonces), what was said in Twitch chat, the dead letters already read off their
 * topics, and how far the clock was moved. On the embedded stand-ins nothing is kept this way: their store lives in memory too.
 */
import { join } from 'node:path';
import type { DeadLetter } from './pubsub/event-bus';
import type { OutboxJournalLine } from './discord/discord-outbox';
import type { LocalChatMessage } from './twitch/twitch-chat';
import { openJournal, type Journal } from './journal';
import { productionClientsOn } from './production-clients';

export interface KeptState {
  outbox: Journal<OutboxJournalLine>;
  chat: Journal<LocalChatMessage>;
  deadLetters: Journal<DeadLetter>;
  clock: Journal<{ offsetMs: number }>;
}

export function keptState(env: Readonly<Record<string, string | undefined>>, dataDir: string): KeptState | undefined {
  if (!productionClientsOn(env)) return undefined;
  return {
    outbox: openJournal(join(dataDir, 'discord-outbox.jsonl')),
    chat: openJournal(join(dataDir, 'twitch-chat.jsonl')),
    deadLetters: openJournal(join(dataDir, 'dead-letters.jsonl')),
    clock: openJournal(join(dataDir, 'clock.jsonl')),
  };
}
