/**
 * What the giveaway use-case tests run on: the embedded store with one sponsor who sells on
 * C500, the outboxes of Discord calls and chat lines, a clock that moves only when told
 * (it starts at noon on 26 November 2026), the local drand stand-in on that clock, and the
 * tasks the test gives.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { InMemoryChatOutbox } from '../../local/chat/in-memory-chat-outbox';
import type { TaskQueue } from '../../ports';
import { builderPath } from '../../onboarding';
import { readSealKeys } from '../../common';
import { inProcessBeacon } from '../../local/drand-stand-in';
import { useInteractionClock } from '../../../test/support/interactions';

export async function giveawayDeps<T extends TaskQueue>(sponsor: string, tasks: T) {
  let nowMs = Date.parse('2026-11-26T12:00:00Z');
  const clock = { now: () => new Date(nowMs) };
  useInteractionClock(clock);
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox();
  await store.set(builderPath(sponsor), { discordUserId: sponsor, displayName: 'Sponsor', stripeAccountId: 'acct_1', chargesEnabled: true });
  const deps = {
    store,
    discord,
    clock,
    tasks,
    outbox: new InMemoryChatOutbox(),
    publicBaseUrl: 'https://c500.example',
    currency: 'usd',
    sealKeys: readSealKeys(`test1=${'ab'.repeat(32)}`),
    beacon: inProcessBeacon(clock),
  };
  return { deps, advance: (ms: number) => void (nowMs += ms) };
}
