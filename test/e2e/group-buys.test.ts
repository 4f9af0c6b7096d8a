/**
 * A group buy's front half end to end through the local runtime, with really signed
 * interactions and Stripe's events through the real webhook: a builder posts an interest
 * check, three members say they are interested (the post counts them), the check opens as a
 * group buy with MOQ 3 in one step (each of the three told by DM), and each joins: Join's
 * quantity modal, a link to Stripe Checkout in setup mode, a card saved on
 * `POST /_local/stripe/sessions/:id/pay` (one that demands authentication off session). The
 * post shows 3 / 3, and nobody is charged: the local Stripe lists no PaymentIntent.
 */
import type { DiscordMessage } from '../../shared/ports';
import type { ListedPaymentIntent } from '../../shared/local/stripe/off-session-world';
import { groupBuyPath, interestCheckPath, pledgePath } from '../../shared/groupbuys';
import { buttonPress, modalSubmit, snowflake } from '../support/interactions';
import { answerOf, dmsTo, linkIn, pay, postsIn, say, textOf } from '../support/marketplace';
import { AUCTION_CHANNEL, auctionWorld } from '../support/auctions';
import type { TestRuntime } from '../support/local-runtime';

let rt: TestRuntime;
let builder: string;
let checkId: string;
let groupBuyId: string;
const members = [snowflake(), snowflake(), snowflake()];

beforeAll(async () => {
  ({ rt, builder } = await auctionWorld());
}, 120_000);
afterAll(() => rt.close());

/** What a post shows now: its last edit. */
function latest(messageId: string | undefined): DiscordMessage {
  const last = rt.outbox.entries.filter((e) => e.kind === 'edit' && e.messageId === messageId).at(-1)?.message;
  if (!last) throw new Error(`no edit of ${messageId}`);
  return last;
}

const paymentIntents = async () =>
  ((await (await fetch(`${rt.url}/_local/stripe/payment-intents`)).json()) as { payment_intents: ListedPaymentIntent[] }).payment_intents;

describe('a group buy from an interest check, joined by three', () => {
  it('posts the interest check, counts three members as they say they are interested, and shows the builder who', async () => {
    const answer = await say(rt, builder, { name: 'groupbuy', path: ['interest'], options: { title: 'GMK Olivia', price: 120, moq: 3 } });
    checkId = /Interest check `([0-9a-z]{8})`/.exec(textOf(answer))?.[1] as string;
    expect(checkId).toBeDefined();
    for (const member of members) {
      const modal = await rt.sendInteraction(buttonPress(`gbint:${checkId}`, member, { channelId: AUCTION_CHANNEL }));
      expect(((await modal.json()) as { type: number }).type).toBe(9);
      expect(textOf(await answerOf(rt, modalSubmit(`gbiq:${checkId}`, { quantity: '1' }, member)))).toContain('You’re down for **1 unit**');
    }
    const check = await rt.store.get(interestCheckPath(checkId));
    expect(check).toMatchObject({ interestedPeople: 3, interestedUnits: 3 });
    expect(textOf(latest(check?.messageId))).toContain('**3 people**, **3 units** of 3');
    const who = await answerOf(rt, buttonPress(`gbwho:${checkId}`, builder, { channelId: AUCTION_CHANNEL }));
    for (const member of members) expect(textOf(who)).toContain(`<@${member}>`);
    expect(textOf(await answerOf(rt, buttonPress(`gbwho:${checkId}`, members[0] as string, { channelId: AUCTION_CHANNEL })))).toContain('Only the builder');
  });

  it('opens it as a group buy in one step, telling each interested member by DM with a link to the post', async () => {
    const ships = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 7);
    const answer = await say(rt, builder, { name: 'groupbuy', path: ['start'], options: { from: checkId, closes: '7d', ships } });
    groupBuyId = /Group buy `([0-9a-z]{8})`/.exec(textOf(answer))?.[1] as string;
    expect(textOf(answer)).toContain('The 3 people interested in check');
    const groupBuy = await rt.store.get(groupBuyPath(groupBuyId));
    expect(groupBuy).toMatchObject({ title: 'GMK Olivia', priceCents: 12_000, moq: 3, status: 'open', fromCheckId: checkId });
    expect(await rt.store.get(interestCheckPath(checkId))).toMatchObject({ status: 'converted', groupBuyId });
    const post = postsIn(rt, AUCTION_CHANNEL).find((m) => textOf(m).includes('Group buy: GMK Olivia')) as DiscordMessage;
    expect(textOf(post)).toContain('**0 / 3 units**');
    for (const member of members) expect(dmsTo(rt, member).map(textOf).join('\n')).toContain(`/${groupBuy?.messageId}`);
  });

  it('lets each join by saving a card, one that demands authentication, counting each once Stripe says so, and charges nobody', async () => {
    const cards = [undefined, { card: 'authentication_required' }, undefined];
    for (const [i, member] of members.entries()) {
      const modal = await rt.sendInteraction(buttonPress(`gbjoin:${groupBuyId}`, member, { channelId: AUCTION_CHANNEL }));
      expect(((await modal.json()) as { type: number }).type).toBe(9);
      const answer = await answerOf(rt, modalSubmit(`gbjq:${groupBuyId}`, { quantity: '1' }, member));
      expect(textOf(answer)).toContain('only if GMK Olivia reaches its minimum of 3 by its close on');
      expect((await rt.store.get(pledgePath(groupBuyId, member)))?.status).toBe('saving-card');
      expect((await pay(rt, linkIn(answer), cards[i])).status).toBe(200);
      expect(await rt.store.get(pledgePath(groupBuyId, member))).toMatchObject({ status: 'pledged', paymentMethodId: expect.stringMatching(/^pm_/) });
      expect(dmsTo(rt, member).map(textOf).join('\n')).toContain('You’re in: **1 unit** of **GMK Olivia** ($120.00)');
    }
    const groupBuy = await rt.store.get(groupBuyPath(groupBuyId));
    expect(groupBuy).toMatchObject({ pledgedUnits: 3, pledgers: 3 });
    expect(textOf(latest(groupBuy?.messageId))).toContain('**3 / 3 units** pledged by 3 people ✓ minimum met');
    expect(await paymentIntents()).toEqual([]);
  });

  it('lets a member leave before the close, uncounting their unit', async () => {
    const leaver = members[2] as string;
    expect(textOf(await answerOf(rt, buttonPress(`gbleave:${groupBuyId}`, leaver, { channelId: AUCTION_CHANNEL })))).toContain('You’ve left **GMK Olivia**');
    const groupBuy = await rt.store.get(groupBuyPath(groupBuyId));
    expect(groupBuy).toMatchObject({ pledgedUnits: 2, pledgers: 2 });
    expect(textOf(latest(groupBuy?.messageId))).toContain('**2 / 3 units**');
    expect(await paymentIntents()).toEqual([]);
    expect(((await (await fetch(`${rt.url}/_local/dead-letters`)).json()) as { entries: unknown[] }).entries).toEqual([]);
  });

  it('lets a member who pressed Join twice and paid the first link know plainly that only the newest works, and counts them once they use it', async () => {
    const twice = snowflake();
    const joinOnce = () => answerOf(rt, modalSubmit(`gbjq:${groupBuyId}`, { quantity: '1' }, twice));
    const first = await joinOnce();
    const second = await joinOnce();
    expect(textOf(second)).toContain('The link I gave you before no longer works: use this one.');
    // The first link: Stripe expired it, so no card is saved there and nothing counts.
    await pay(rt, linkIn(first));
    expect(await rt.store.get(pledgePath(groupBuyId, twice))).toMatchObject({ status: 'saving-card' });
    expect((await pay(rt, linkIn(second))).status).toBe(200);
    expect(await rt.store.get(pledgePath(groupBuyId, twice))).toMatchObject({ status: 'pledged' });
    expect(dmsTo(rt, twice).map(textOf).join('\n')).toContain('You’re in: **1 unit** of **GMK Olivia**');
  });
});
