/**
 * A group buy's close from outside, through the local runtime, with really signed
 * interactions and Stripe's events through the real webhook (issue 65, "done when"): a group
 * buy with MOQ 3 joined by three (one card that demands authentication) charges nobody until
 * its close; then two off-session charges succeed and the third member gets a link and pays
 * it, and the group buy is funded. A group buy with MOQ 5 joined by two closes with nobody
 * charged and both told. The posts show it as it goes. A group buy shipped under the
 * builder's shipping profile says the shipping in the consent, fixes it from the address typed
 * on Stripe's page, and charges price and shipping at the close and on the pay link. The clock
 * is the test's: the close comes when the test moves it past the close and its settle window.
 * Issue 77, "done when": a card saved before the close whose webhook Stripe held back past it
 * counts toward the MOQ, and each pledge has one PaymentIntent.
 */
import type { DiscordMessage } from '../../shared/ports';
import type { ListedPaymentIntent } from '../../shared/local/stripe/off-session-world';
import { pledgePath } from '../../shared/groupbuys';
import { orderPath } from '../../shared/orders';
import { buttonPress, modalSubmit, snowflake } from '../support/interactions';
import { answerOf, dmsTo, linkIn, pay, payPledge, say, textOf } from '../support/marketplace';
import { snowflakeAt } from '../../shared/common';
import { confirmEraseButtonId, eraseButtonId } from '../../shared/privacy/rules/privacy-messages';
import type { ListedCustomer } from '../../shared/local/stripe/card-removal-world';
import { AUCTION_CHANNEL, auctionWorld, type TestClock } from '../support/auctions';
import type { TestRuntime } from '../support/local-runtime';
import { groupBuyDriver } from '../support/group-buys';
import { personPseudonym } from '../../shared/log';

let rt: TestRuntime;
let clock: TestClock;
let builder: string;
let gb: ReturnType<typeof groupBuyDriver>;

beforeAll(async () => {
  ({ rt, clock, builder } = await auctionWorld());
  gb = groupBuyDriver(rt, clock, builder);
}, 120_000);
afterAll(() => rt.close());

const paymentIntents = async (groupBuyId: string) =>
  ((await (await fetch(`${rt.url}/_local/stripe/payment-intents`)).json()) as { payment_intents: ListedPaymentIntent[] }).payment_intents.filter(
    (p) => p.metadata.group_buy_id === groupBuyId,
  );

/** The post's last edit. */
function latest(messageId: string | undefined): DiscordMessage {
  const last = rt.outbox.entries.filter((e) => e.kind === 'edit' && e.messageId === messageId).at(-1)?.message;
  if (!last) throw new Error(`no edit of ${messageId}`);
  return last;
}

describe('a group buy’s close, from outside', () => {
  it('charges nobody before its close, then two cards off session, and the third member pays on the link they were sent', async () => {
    const members = [snowflake(), snowflake(), snowflake()];
    const id = await gb.start('GMK Olivia', 3);
    await gb.join(id, members[0] as string);
    await gb.join(id, members[1] as string, { card: 'authentication_required' });
    await gb.join(id, members[2] as string);
    expect(await paymentIntents(id)).toEqual([]);

    await gb.runClose(id);
    const intents = await paymentIntents(id);
    expect(intents.map((p) => [p.metadata.buyer_pseudonym, p.status, p.off_session]).sort()).toEqual(
      [
        [personPseudonym(members[0]), 'succeeded', true],
        [personPseudonym(members[1]), 'requires_payment_method', true],
        [personPseudonym(members[2]), 'succeeded', true],
      ].sort(),
    );
    expect(await gb.groupBuyOf(id)).toMatchObject({ status: 'charging', fundedUnits: 2 });
    const [linkDm] = dmsTo(rt, members[1] as string).filter((m) => textOf(m).includes('Your bank asks you to confirm this payment yourself'));
    expect(linkDm).toBeDefined();
    expect(textOf(latest((await gb.groupBuyOf(id)).messageId))).toContain('2 units funded so far');

    // The bank wants the buyer: on the pledge's pay page they confirm the refused PaymentIntent itself, and authenticate.
    const payPage = linkIn(linkDm as DiscordMessage);
    expect(payPage).toContain(`/groupbuy/${id}?pay=`);
    expect(await fetch(payPage)).toMatchObject({ status: 200 });
    expect((await payPledge(rt, payPage)).status).toBe(200);
    // One PaymentIntent per pledge: the refused one, now paid.
    expect((await paymentIntents(id)).map((p) => [p.metadata.buyer_pseudonym, p.status]).sort()).toEqual(
      [
        [personPseudonym(members[0]), 'succeeded'],
        [personPseudonym(members[1]), 'succeeded'],
        [personPseudonym(members[2]), 'succeeded'],
      ].sort(),
    );
    const groupBuy = await gb.groupBuyOf(id);
    expect(groupBuy).toMatchObject({ status: 'funded', fundedUnits: 3 });
    const pledge = await rt.store.get(pledgePath(id, members[1] as string));
    expect(pledge?.status).toBe('paid');
    expect(await rt.store.get(orderPath(pledge?.orderId as string))).toMatchObject({ source: 'groupbuy', status: 'paid', amountCents: 12_000 });
    for (const member of members) expect(dmsTo(rt, member).map(textOf).join('\n')).toContain('your card was charged $120.00');
    expect(dmsTo(rt, builder).map(textOf).join('\n')).toContain('is funded: **3 units**');
    expect(textOf(latest(groupBuy.messageId))).toContain('**Funded: 3 units (minimum 3 units).**');
    expect(((await (await fetch(`${rt.url}/_local/dead-letters`)).json()) as { entries: unknown[] }).entries).toEqual([]);
  });

  it('lapses an unpaid pay link at 72 hours and charges the member waiting in its place, once, with nothing dead-lettered', async () => {
    const [waits, next] = [snowflake(), snowflake()];
    const id = await gb.start('GMK Botanical', 1, { cap: 1 });
    await gb.join(id, waits, { card: 'authentication_required' });
    await gb.join(id, next);
    expect((await rt.store.get(pledgePath(id, next)))?.status).toBe('waitlisted');
    await gb.runClose(id);
    expect((await rt.store.get(pledgePath(id, waits)))?.status).toBe('needs-buyer');

    // Nobody confirms: the expiry task lapses the pledge (its one PaymentIntent cancelled at Stripe) and, from
    // that task, puts the waitlist's charge on its queue: the grant the function must hold.
    clock.advance(73 * 3_600_000);
    for (let pass = 0; pass < 5; pass++) {
      await rt.settle();
      await rt.tasks.runDueNow();
      await rt.settle();
      clock.advance(1_000);
    }
    expect((await paymentIntents(id)).map((p) => [p.metadata.buyer_pseudonym, p.status]).sort()).toEqual(
      [
        [personPseudonym(waits), 'canceled'],
        [personPseudonym(next), 'succeeded'],
      ].sort(),
    );
    expect(await gb.groupBuyOf(id)).toMatchObject({ status: 'funded', fundedUnits: 1 });
    expect(dmsTo(rt, next).map(textOf).join('\n')).toContain('your card was charged $120.00');
    expect(((await (await fetch(`${rt.url}/_local/dead-letters`)).json()) as { entries: unknown[] }).entries).toEqual([]);
  });

  it('charges the shipping fixed from each address on top of the price, off session and on the pay link, as the consent said', async () => {
    const profile = { to: 'US,CA', domestic: 8, 'domestic-extra': 3, international: 25, 'international-extra': 10 };
    expect(textOf(await say(rt, builder, { path: ['shipping'], options: profile }))).toContain('Shipping saved');
    const [abroad, home] = [snowflake(), snowflake()];
    const id = await gb.start('Keycaps, shipped', 2);
    const where = (country: string) => ({ name: 'Ada Buyer', address: { line1: '12 Switch Lane', city: 'Somewhere', postal_code: '12345', country } });
    const consent = await gb.join(id, abroad, { card: 'works', shipping: where('CA') }, '2');
    expect(textOf(consent)).toContain('You will be charged $240.00 plus shipping to the address you give ($11.00 within US, or $35.00 to CA)');
    await gb.join(id, home, { card: 'authentication_required', shipping: where('US') });
    expect(await rt.store.get(pledgePath(id, abroad))).toMatchObject({ shippingCents: 3_500, shippingAddress: { country: 'CA' } });
    expect(await rt.store.get(pledgePath(id, home))).toMatchObject({ shippingCents: 800 });

    await gb.runClose(id);
    expect((await paymentIntents(id)).map((p) => [p.metadata.buyer_pseudonym, p.amount]).sort()).toEqual(
      [
        [personPseudonym(abroad), 27_500],
        [personPseudonym(home), 12_800],
      ].sort(),
    );
    const [linkDm] = dmsTo(rt, home).filter((m) => textOf(m).includes('Your bank asks you to confirm this payment yourself'));
    expect(textOf(linkDm as DiscordMessage)).toContain('Confirm with your bank and pay $128.00 ($120.00 and $8.00 shipping) on the link within 72 hours, by');
    expect((await payPledge(rt, linkIn(linkDm as DiscordMessage))).status).toBe(200);
    expect(await gb.groupBuyOf(id)).toMatchObject({ status: 'funded', fundedUnits: 3 });

    for (const [member, amountCents, shippingCents] of [
      [abroad, 24_000, 3_500],
      [home, 12_000, 800],
    ] as const) {
      const pledge = await rt.store.get(pledgePath(id, member));
      const order = await rt.store.get(orderPath(pledge?.orderId as string));
      expect(order).toMatchObject({ source: 'groupbuy', status: 'paid', amountCents, shippingCents, platformFeeCents: amountCents / 10 });
    }
    expect(dmsTo(rt, abroad).map(textOf).join('\n')).toContain('your card was charged $275.00 ($240.00 and $35.00 shipping)');
    expect(((await (await fetch(`${rt.url}/_local/dead-letters`)).json()) as { entries: unknown[] }).entries).toEqual([]);
  });

  it('is called off by its builder once funded: every order refunded in full, each buyer told', async () => {
    const members = [snowflake(), snowflake()];
    const id = await gb.start('Called off', 2);
    for (const member of members) await gb.join(id, member);
    await gb.runClose(id);
    expect(await gb.groupBuyOf(id)).toMatchObject({ status: 'funded', fundedUnits: 2 });
    expect(textOf(await say(rt, builder, { name: 'groupbuy', path: ['cancel'], options: { id } }))).toContain('are being refunded in full');
    await gb.runClose(id);
    for (const member of members) {
      const pledge = await rt.store.get(pledgePath(id, member));
      expect(pledge?.status).toBe('refunded');
      expect(await rt.store.get(orderPath(pledge?.orderId as string))).toMatchObject({ status: 'refunded' });
      expect(dmsTo(rt, member).map(textOf).join('\n')).toContain('is refunded in full');
    }
    expect(dmsTo(rt, builder).map(textOf).join('\n')).toContain('Every buyer of **Called off** was refunded in full (2 orders).');
    expect(textOf(latest((await gb.groupBuyOf(id)).messageId))).toContain('Called off by the builder after its close');
  });

  it('keeps an erased member’s saved card until the close, then the local Stripe holds no card for them and their customer is deleted', async () => {
    const [erased, kept] = [snowflake(), snowflake()];
    const id = await gb.start('KAT Milkshake', 2);
    for (const member of [erased, kept]) await gb.join(id, member);
    const customerOf = async (member: string) => {
      const customerId = (await rt.store.get(pledgePath(id, member)))?.customerId;
      const { customers } = (await (await fetch(`${rt.url}/_local/stripe/customers`)).json()) as { customers: ListedCustomer[] };
      return customers.find((customer) => customer.id === customerId);
    };
    const press = (customId: string) => answerOf(rt, buttonPress(customId, erased, { messageId: snowflakeAt(clock.ms, 9) }));
    await press(eraseButtonId(erased));
    const done = textOf(await press(confirmEraseButtonId(erased)));
    // The open pledge still needs the card: kept, and said why.
    expect(done).toContain('kept with your card and customer at Stripe until its close');
    expect((await customerOf(erased))?.payment_methods).toHaveLength(1);

    await gb.runClose(id);
    expect((await gb.groupBuyOf(id)).status).toBe('funded');
    expect(await customerOf(erased)).toMatchObject({ deleted: true, payment_methods: [] });
    // A member who did not erase keeps their customer for their next Join; the card is detached all the same.
    expect(await customerOf(kept)).toMatchObject({ payment_methods: [] });
    expect(await customerOf(kept)).not.toHaveProperty('deleted');
  });

  it('counts toward the MOQ a card saved before the close whose webhook Stripe held back past it, charges each once, and tells its buyer only what is true', async () => {
    const [early, late] = [snowflake(), snowflake()];
    const id = await gb.start('GMK Dots', 2);
    await gb.join(id, early);
    // A backlog at Stripe: a group buy's events held back two hours of the local clock, past the close.
    expect((await fetch(`${rt.url}/_local/stripe/webhooks/hold?seconds=7200&kind=groupbuy`, { method: 'POST' })).status).toBe(200);
    await rt.sendInteraction(buttonPress(`gbjoin:${id}`, late, { channelId: AUCTION_CHANNEL }));
    const answer = await answerOf(rt, modalSubmit(`gbjq:${id}`, { quantity: '1' }, late));
    expect((await pay(rt, linkIn(answer))).status).toBe(200);
    // Stripe saved the card; C500 has not heard.
    expect((await rt.store.get(pledgePath(id, late)))?.status).toBe('saving-card');

    await gb.runClose(id);
    expect(await gb.groupBuyOf(id)).toMatchObject({ status: 'funded', fundedUnits: 2 });
    expect((await paymentIntents(id)).map((p) => [p.metadata.buyer_pseudonym, p.status]).sort()).toEqual(
      [
        [personPseudonym(early), 'succeeded'],
        [personPseudonym(late), 'succeeded'],
      ].sort(),
    );
    // The hold ends and Stripe retries: the late card's event changes nothing and tells nothing false.
    for (let hour = 0; hour < 4; hour++) {
      clock.advance(3_600_000);
      await rt.settle();
      await rt.tasks.runDueNow();
      await rt.settle();
    }
    const told = dmsTo(rt, late).map(textOf).join('\n');
    // The price, and the builder's shipping when an earlier story gave them a profile.
    expect(told).toMatch(/reached its minimum: your card was charged \$1\d\d\.00/);
    expect(told).toContain('You’re in');
    expect(told).not.toContain('was saved after');
    expect(await gb.groupBuyOf(id)).toMatchObject({ status: 'funded', fundedUnits: 2 });
    expect(await paymentIntents(id)).toHaveLength(2);
  });

  it('closes a group buy two short of its MOQ with nobody charged, and tells both who joined', async () => {
    const members = [snowflake(), snowflake()];
    const id = await gb.start('Tofu65 in e-white', 5);
    for (const member of members) await gb.join(id, member);
    await gb.runClose(id);
    const groupBuy = await gb.groupBuyOf(id);
    expect(groupBuy).toMatchObject({ status: 'not-met', pledgedUnits: 2 });
    expect(await paymentIntents(id)).toEqual([]);
    for (const member of members) {
      expect(dmsTo(rt, member).map(textOf).join('\n')).toContain('short of its minimum of 5 units. Nobody was charged');
      expect((await rt.store.get(pledgePath(id, member)))?.status).toBe('released');
    }
    expect(textOf(latest(groupBuy.messageId))).toContain('short of its minimum: nobody was charged');
  });
});
