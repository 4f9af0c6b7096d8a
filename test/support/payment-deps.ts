/**
 * Payments' deps for a test that hands only the ports it watches: the rest (the book, a
 * queue that records, the deployment's settings) as a small deployment has them, with the
 * modules registered as production registers them.
 */
import type { Clock, DiscordMessenger, DocumentStore, Payments, ScheduledTask, TaskQueue } from '../../shared/ports';
import { InMemoryAuctionBook } from '../../shared/adapters/upstash/in-memory-auction-book';
import { withPaymentModules } from '../../shared/router/payment-wiring';
import { discordMembersOnly } from './bidders';

export function paymentDepsFor(ports: { store: DocumentStore; discord: DiscordMessenger; payments: Payments; clock: Clock; tasks?: TaskQueue }) {
  const scheduled: ScheduledTask[] = [];
  const tasks: TaskQueue = ports.tasks ?? { schedule: async (task) => (scheduled.push(task), 'scheduled'), cancel: async () => false };
  return withPaymentModules({
    ...ports,
    bidders: discordMembersOnly,
    tasks,
    book: new InMemoryAuctionBook(),
    auctions: { payMinutes: 60, secondChanceDepth: 2, strikesToBan: 2, counterBidSeconds: 10, settleMs: 2_000 },
    marketplace: { platformFeeBps: 1000, checkoutMinutes: 30, currency: 'usd' },
    publicBaseUrl: 'http://local',
    currency: 'usd',
  });
}
