/**
 * The save-card link and Join pressed twice, from outside through the local runtime: the Join
 * answer's button is C500's short link (`/groupbuy/<id>?card=<session>`), which sends the buyer
 * on to the local Stripe's page (303, never cached); Join twice then pay the FIRST link: Stripe
 * refuses the expired session, its short link says plainly that it no longer works, the second
 * answer said to use the new one, and paying the new one counts.
 */
import { pledgePath } from '../../shared/groupbuys';
import { buttonPress, modalSubmit, snowflake } from '../support/interactions';
import { answerOf, linkIn, pay, say, textOf } from '../support/marketplace';
import { AUCTION_CHANNEL, auctionWorld } from '../support/auctions';
import type { TestRuntime } from '../support/local-runtime';

let rt: TestRuntime;
let groupBuyId: string;
const member = snowflake();

beforeAll(async () => {
  let builder: string;
  ({ rt, builder } = await auctionWorld());
  const ships = new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 7);
  const options = { title: 'Tofu65', price: 120, moq: 3, closes: '7d', ships };
  groupBuyId = /Group buy `([0-9a-z]{8})`/.exec(textOf(await say(rt, builder, { name: 'groupbuy', path: ['start'], options })))?.[1] as string;
}, 120_000);
afterAll(() => rt.close());

const join = async (quantity: string) => {
  await rt.sendInteraction(buttonPress(`gbjoin:${groupBuyId}`, member, { channelId: AUCTION_CHANNEL }));
  return answerOf(rt, modalSubmit(`gbjq:${groupBuyId}`, { quantity }, member));
};

describe('the save-card link, and Join twice then the first link paid', () => {
  it('tells the buyer plainly which link is live, refuses the first at Stripe, and counts the second', async () => {
    const first = linkIn(await join('1'));
    expect(first).toMatch(new RegExp(`/groupbuy/${groupBuyId}\\?card=cs_`));
    expect(first.length).toBeLessThan(512);
    const opened = await fetch(first.replace(/^https?:\/\/[^/]+/, rt.url), { redirect: 'manual' });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toContain('/_local/stripe/checkout/');
    expect(opened.headers.get('cache-control')).toBe('no-store');

    const secondAnswer = await join('2');
    expect(textOf(secondAnswer)).toContain('The link I gave you before no longer works: use this one.');
    const second = linkIn(secondAnswer);
    expect((await pay(rt, first)).status).not.toBe(200);
    const stale = await fetch(first.replace(/^https?:\/\/[^/]+/, rt.url), { redirect: 'manual' });
    expect(stale.status).toBe(404);
    expect(await stale.text()).toContain('This link no longer works');

    expect((await pay(rt, second)).status).toBe(200);
    expect(await rt.store.get(pledgePath(groupBuyId, member))).toMatchObject({ status: 'pledged', quantity: 2 });
  });
});
