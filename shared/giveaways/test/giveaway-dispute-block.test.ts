/**
 * A member C500 blocked after a payment they disputed is refused a giveaway's entry with why
 * (a chargeback) and how to contest it (the server's admins, `/c500 unblock`), in the words a
 * bid and Buy Now refuse them with (issue 79): one wording, `blockedAfterDisputeWords`.
 */
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import { auctionRefusals } from '../../auctions/rules/auction-messages';
import { blockDisputingBuyer, guildAuctionsPath } from '../../auctions';
import { buyRefusals } from '../../marketplace/rules/drop-messages';
import { buttonPress, command } from '../../../test/support/interactions';
import { startGiveaway } from '../use-cases/start-giveaway';
import { enterGiveaway } from '../use-cases/enter-giveaway';
import { giveawayDeps } from './giveaway-deps';
import type { TaskQueue } from '../../ports';

const sponsor = '811000000000000541';
const buyer = '821000000000000541';
const guild = '900000000000000001';
const tasks: TaskQueue = { schedule: async () => 'scheduled', cancel: async () => true };

async function world() {
  const { deps } = await giveawayDeps(sponsor, tasks);
  const started = await startGiveaway(deps, command({ name: 'giveaway', path: ['start'], options: { prize: 'Tofu65 kit', duration: '10m' }, userId: sponsor }));
  const giveawayId = /`([0-9a-z]{8})`/.exec(started.content ?? '')?.[1] as string;
  const enter = async (who: string) => (await enterGiveaway(deps, buttonPress(`genter:${giveawayId}`, who))).content ?? '';
  return { deps, enter, book: new InMemoryAuctionBook() };
}

/** What follows "because": why, and how to contest it. */
const whyAndHow = (text: string) => text.slice(text.indexOf(' because '));

describe('a giveaway’s Enter for a member blocked after a dispute', () => {
  it('GIVEN a member C500 blocked after their disputed payment THEN Enter refuses them saying a payment was disputed and how to contest it, never that an admin blocked them', async () => {
    const w = await world();
    await blockDisputingBuyer({ store: w.deps.store, book: w.book, clock: w.deps.clock }, guild, buyer, 'du_1');
    const refused = await w.enter(buyer);
    expect(refused).toContain('You can’t enter this server’s giveaways because a payment you made here was disputed with your bank (a chargeback).');
    expect(refused).toContain('ask this server’s admins to review it: they can lift the block with `/c500 unblock`');
    expect(refused).not.toContain('A server admin has blocked you');
  });

  it('GIVEN the same block THEN the giveaway’s why and how are /bid’s and Buy Now’s, word for word', async () => {
    const w = await world();
    await blockDisputingBuyer({ store: w.deps.store, book: w.book, clock: w.deps.clock }, guild, buyer, 'du_1');
    const refused = whyAndHow(await w.enter(buyer));
    expect(refused).toBe(whyAndHow(auctionRefusals.blockedAfterDispute.content ?? ''));
    expect(refused).toBe(whyAndHow(buyRefusals.blockedAfterDispute.content ?? ''));
  });

  it('GIVEN an admin’s own /c500 block THEN Enter still says an admin blocked them', async () => {
    const w = await world();
    // The block as /c500 block keeps it: no dispute behind it.
    await w.deps.store.set(guildAuctionsPath(guild), {
      auctions: { blocked: [{ key: buyer, label: `<@${buyer}>`, blockedBy: '800000000000000100', blockedAt: '2026-11-26T11:00:00Z' }] },
    });
    expect(await w.enter(buyer)).toContain('A server admin has blocked you');
  });
});
