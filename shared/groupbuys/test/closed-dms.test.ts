/**
 * A member whose DMs are closed hears a group buy's news in its channel instead: each DM
 * Discord refuses (50007) becomes a mention there, which names the group buy and where to look
 * and holds nothing of theirs (no amount, link or address). Found by the soak, where members
 * with closed DMs were charged, waitlisted and let go with nobody telling them anywhere.
 */
import { closeTaskOf } from '../rules/charge-tasks';
import { closeGroupBuy } from '../use-cases/close-group-buy';
import { CHANNEL, buyer, closeWorld, type CloseWorld } from './close-world';
import { members } from './group-buy-deps';
import { pledgeWorld } from './pledge-world';

const mentionsOf = (entries: CloseWorld['discord']['entries'], member: string) =>
  entries.filter((e) => e.kind === 'channel' && (e.message.content ?? '').includes(`<@${member}>`));

describe('a group buy’s member whose DMs are closed', () => {
  it('is mentioned in the group buy’s channel when their pledge is charged, with the receipt’s notice and nothing of theirs', async () => {
    const w = await closeWorld();
    const closed = buyer(2);
    w.discord.closeDms(closed);
    const groupBuy = await w.seed({ moq: 2, pledges: [{ buyerId: buyer(1) }, { buyerId: closed, quantity: 2 }] });
    await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
    await w.runCharging();
    const order = (await w.orders()).find((o) => o.buyerId === closed);
    const [notice, ...more] = mentionsOf(w.discord.entries, closed);
    expect(more).toEqual([]);
    expect(notice?.channelId).toBe(CHANNEL);
    expect(notice?.message.allowed_mentions).toEqual({ users: [closed] });
    expect(notice?.message.content).toContain(`your order \`${order?.orderId}\` is paid, but I couldn’t DM you the receipt`);
    for (const kept of ['$', 'http', 'Main St', 'Member 2']) expect(notice?.message.content).not.toContain(kept);
  });

  it('is mentioned when the group buy closes short of its MOQ, and, waitlisted, when it is funded without them', async () => {
    const short = await closeWorld();
    short.discord.closeDms(buyer(1));
    await closeGroupBuy(short.deps, closeTaskOf(await short.seed({ moq: 5, pledges: [{ buyerId: buyer(1) }] })).payload);
    await short.runCharging();
    expect(mentionsOf(short.discord.entries, buyer(1)).map((e) => e.message.content)).toEqual([
      expect.stringContaining('there’s news of **Tofu65 case** for you, but I couldn’t DM you'),
    ]);

    const full = await closeWorld();
    full.discord.closeDms(buyer(3));
    const groupBuy = await full.seed({ moq: 2, cap: 2, pledges: [{ buyerId: buyer(1) }, { buyerId: buyer(2) }, { buyerId: buyer(3), status: 'waitlisted' }] });
    await closeGroupBuy(full.deps, closeTaskOf(groupBuy).payload);
    await full.runCharging();
    expect(await full.pledge(buyer(3))).toMatchObject({ status: 'released' });
    expect(mentionsOf(full.discord.entries, buyer(3))).toHaveLength(1);
  });

  it('is mentioned when their card is saved after the close, which they would otherwise think pledged', async () => {
    const w = await pledgeWorld({ closes: '1h' });
    const [, , , dan] = members;
    w.deps.discord.closeDms(dan);
    w.advance(45 * 60_000);
    const { sessionId } = await w.join(dan);
    w.advance(16 * 60_000);
    await w.deliver(await w.saveCard(sessionId));
    expect(await w.pledge(dan)).toMatchObject({ status: 'saving-card' });
    const [notice] = mentionsOf(w.deps.discord.entries, dan);
    expect(notice?.message.content).toContain('there’s news of **Tofu65** for you');
  });
});
