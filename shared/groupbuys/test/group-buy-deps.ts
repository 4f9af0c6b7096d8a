/**
 * What the group-buy use-case tests run on: the embedded store with one builder who sells on
 * C500, Discord's outbox, a clock that moves only when told (it starts at noon on 1 December
 * 2026), the task queue the test gives, and the local Stripe whose events the test delivers.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import type { TaskQueue } from '../../ports';
import { builderPath } from '../../onboarding';
import { recordingPayments } from '../../../test/support/recording-payments';
import { useInteractionClock } from '../../../test/support/interactions';

export const builder = '811000000000000651';
/** Where the tests' commands are typed (test/support/interactions' command), so where the posts are and their buttons pressed. */
export const postChannel = '910000000000000001';
/** A press on the post, in its channel. */
export const onPost = { channelId: postChannel };
export const members = ['821000000000000651', '821000000000000652', '821000000000000653', '821000000000000654'] as const;

export async function groupBuyDeps<T extends TaskQueue>(tasks: T) {
  let nowMs = Date.parse('2026-12-01T12:00:00Z');
  const clock = { now: () => new Date(nowMs) };
  useInteractionClock(clock);
  const store = new LocalDocumentStore();
  // Discord's clock is the test's: a nonce it remembers is forgotten when the test moves time past its few minutes.
  const discord = new DiscordOutbox(undefined, { clock });
  const { payments, events } = recordingPayments(store, clock, Math.floor(nowMs / 1000));
  await store.set(builderPath(builder), { discordUserId: builder, displayName: 'Bo Builder', stripeAccountId: 'acct_1', chargesEnabled: true });
  const deps = { store, discord, clock, tasks, payments, currency: 'usd', publicBaseUrl: 'https://c500.example' };
  return { deps, events, advance: (ms: number) => void (nowMs += ms) };
}
