/**
 * `/c500 refund`'s messages (refund-messages): what the buyer is told, what the one who
 * refunds sees, and each refusal, with amounts in the order's currency and ids as typed.
 */
import { buyerBackInLineDm, buyerRefundGiven, refundFailedDm, refundGiven, refundRefusals } from '../rules/refund-messages';
import type { GivenRefund, Order } from '../../orders';
import { givenRefund, paidOrder } from './refund-fixtures';
import type { DiscordMessage } from '../../ports';
import { EPHEMERAL } from '../../discord';

/** With the names and ids a person sees in the messages. */
const order = (fields: Partial<Order> = {}): Order =>
  paidOrder({ title: 'Tofu65 in e-white', buyerId: '111111111111111111', buyerName: 'Mira', builderId: '222222222222222222', builderName: 'Juno', ...fields });

const given = (amountCents: number, fields: Partial<GivenRefund> = {}): GivenRefund =>
  givenRefund(amountCents, { idempotencyKey: 'refund:k3v9m2qa:0', byInteraction: 'i1', byUserId: '222222222222222222', ...fields });

const contentOf = (message: DiscordMessage) => message.content ?? '';
const isPrivate = (message: DiscordMessage) => message.flags === EPHEMERAL && message.allowed_mentions?.parse?.length === 0;

describe('the buyer’s refund DM', () => {
  it('mentions nobody, though the reason may name someone', () => {
    expect(buyerRefundGiven(order(), given(2_500, { reason: '<@123456789012345678>' }), false).allowed_mentions).toEqual({ parse: [] });
  });

  it('names the builder, the amount in the order’s currency, the item and the order', () => {
    expect(contentOf(buyerRefundGiven(order({ currency: 'eur' }), given(2_500), false))).toContain(
      'Juno refunded 25.00 EUR for **Tofu65 in e-white** (`k3v9m2qa`).',
    );
  });

  it('says the whole payment rather than an amount when all of it was refunded', () => {
    const content = contentOf(buyerRefundGiven(order(), given(10_000), true));
    expect(content).toContain('Juno refunded the whole of your payment for **Tofu65 in e-white**');
    expect(content).not.toContain('$100.00');
  });

  it('names the builder only when the builder gave it, and says an admin gave one an admin gave', () => {
    const byAdmin = contentOf(buyerRefundGiven(order(), given(2_500, { byUserId: '333333333333333333' }), false));
    expect(byAdmin).toContain('An admin of the server refunded $25.00 for **Tofu65 in e-white**');
    expect(byAdmin).not.toContain('Juno');
  });

  it('clips a long title', () => {
    expect(contentOf(buyerRefundGiven(order({ title: 'T'.repeat(300) }), given(100), false))).toContain(`**${'T'.repeat(99)}…**`);
  });

  it('gives the reason in quotes', () => {
    expect(contentOf(buyerRefundGiven(order(), given(2_500, { reason: 'Switches arrived late' }), false))).toContain(' Reason: “Switches arrived late”.');
  });

  it('strips what would make a mention out of the reason', () => {
    expect(contentOf(buyerRefundGiven(order(), given(2_500, { reason: 'sorry <@123456789012345678> and @everyone' }), false))).toContain(
      'Reason: “sorry 123456789012345678 and everyone”.',
    );
  });

  it('escapes what Discord would read as markup in the reason', () => {
    expect(contentOf(buyerRefundGiven(order(), given(2_500, { reason: '*bold* _it_ `code` ~~gone~~ ||spoiler|| back\\slash' }), false))).toContain(
      'Reason: “\\*bold\\* \\_it\\_ \\`code\\` \\~\\~gone\\~\\~ \\|\\|spoiler\\|\\| back\\\\slash”.',
    );
  });

  it('says no reason when none was given', () => {
    expect(contentOf(buyerRefundGiven(order(), given(2_500), false))).not.toContain('Reason');
  });
});

describe('what the one who refunds sees', () => {
  it('is private', () => {
    expect(isPrivate(refundGiven(order(), given(2_500), 7_500))).toBe(true);
  });

  it('names the amount, the order, the item and the buyer who was told', () => {
    expect(contentOf(refundGiven(order({ currency: 'jpy' }), given(2_500), 7_500))).toContain(
      'Refunded 2,500 JPY of order `k3v9m2qa` (**Tofu65 in e-white**) to Mira, who got a DM.',
    );
  });

  it('says what is left to refund, in the order’s currency', () => {
    expect(contentOf(refundGiven(order({ currency: 'kwd' }), given(2_500), 7_500))).toContain(' 7.500 KWD is left that could still be refunded.');
  });

  it('says a ready-to-ship unit goes back on sale when the refund takes all of an unshipped order', () => {
    expect(contentOf(refundGiven(order({ dropKind: 'ready-to-ship', status: 'paid' }), given(10_000), 0))).toContain('Its unit goes back on sale.');
  });

  it('puts no unit back on sale while part of the payment is left', () => {
    expect(contentOf(refundGiven(order({ dropKind: 'ready-to-ship', status: 'paid' }), given(2_500), 7_500))).not.toContain('back on sale');
  });

  it('puts no unit back on sale once it was shipped', () => {
    expect(contentOf(refundGiven(order({ dropKind: 'ready-to-ship', status: 'shipped' }), given(10_000), 0))).not.toContain('back on sale');
  });

  it('puts no unit back on sale for a commission, which has none', () => {
    expect(contentOf(refundGiven(order({ dropKind: 'commission', status: 'paid' }), given(10_000), 0))).not.toContain('back on sale');
  });

  it('clips a long title', () => {
    expect(contentOf(refundGiven(order({ title: 'T'.repeat(300) }), given(100), 0))).toContain(`**${'T'.repeat(99)}…**`);
  });
});

describe('each refusal', () => {
  it.each(['not-found', 'not-yours', 'not-paid', 'refunded', 'ask-admin'] as const)('of %s is private and names the order', (refusal) => {
    const note = refundRefusals.of(refusal, 'zz9y8x7w');
    expect(isPrivate(note)).toBe(true);
    expect(contentOf(note)).toContain('`zz9y8x7w`');
  });

  it('tells a builder whose money was released which command an admin runs', () => {
    expect(contentOf(refundRefusals.of('ask-admin', 'zz9y8x7w'))).toContain('`/c500 refund order:zz9y8x7w`');
  });

  it('says the status of an order that is not paid', () => {
    expect(contentOf(refundRefusals.of('not-paid', 'zz9y8x7w', order({ orderId: 'zz9y8x7w', status: 'expired' })))).toContain(
      'Order `zz9y8x7w` is **expired**',
    );
  });

  it('calls an order it could not read unpaid', () => {
    expect(contentOf(refundRefusals.of('not-paid', 'zz9y8x7w'))).toContain('Order `zz9y8x7w` is **unpaid**');
  });

  it('of an amount passes on what was wrong with it', () => {
    const note = refundRefusals.amount('Type the amount in dollars, like `12.50`.');
    expect(isPrivate(note)).toBe(true);
    expect(contentOf(note)).toMatch(/^Type the amount in dollars, like `12\.50`\. /);
  });

  it('when nothing is left names the order', () => {
    const note = refundRefusals.nothingLeft(order());
    expect(isPrivate(note)).toBe(true);
    expect(contentOf(note)).toContain('order `k3v9m2qa`');
  });

  it('of too much says the most that is left, in the order’s currency', () => {
    expect(contentOf(refundRefusals.tooMuch(order({ currency: 'jpy' }), 3_000))).toContain('At most 3,000 JPY is left to refund on order `k3v9m2qa`.');
  });

  it('of Stripe’s refusal names the order and what Stripe said, clipped', () => {
    const content = contentOf(refundRefusals.refused(order(), `Charge already refunded.${'x'.repeat(400)}`));
    expect(content).toContain('Stripe refused to refund order `k3v9m2qa`: Charge already refunded.');
    expect(content).toContain(`refunded.${'x'.repeat(275)}… Nothing was refunded`);
  });
});

describe('a typed order id that is not one', () => {
  it('is shown back as typed, in code', () => {
    const note = refundRefusals.badOrder('not an id');
    expect(isPrivate(note)).toBe(true);
    expect(contentOf(note)).toMatch(/^`not an id` isn’t an order id\./);
  });

  it('has its backticks turned into quotes so it cannot break out of the code span', () => {
    expect(contentOf(refundRefusals.badOrder('a`b``c'))).toMatch(/^`a'b''c` isn’t/);
  });

  it('is cut to 40 characters', () => {
    expect(contentOf(refundRefusals.badOrder('y'.repeat(100)))).toMatch(new RegExp(`^\`${'y'.repeat(40)}\` isn’t`));
  });

  it('shows a blank in code when nothing was typed, never an empty code span', () => {
    expect(contentOf(refundRefusals.badOrder(''))).toMatch(/^` ` isn’t/);
  });
});

describe('what is said when a refund fails at the buyer’s bank', () => {
  const commission = (promisedAt?: string) =>
    order({
      orderId: 'k3v9m2qa',
      commission: {
        terms: { slots: 2, leadWeeks: 4, oneAtATime: false, tranches: [] },
        ticket: 3,
        ...(promisedAt ? { promisedAt } : {}),
      } as Order['commission'],
    });

  it('tells the builder the order counts as sold again, in the order’s currency, and mentions nobody', () => {
    const dm = refundFailedDm(order({ orderId: 'k3v9m2qa', currency: 'eur' }), 2_500, 'expired_or_canceled_card');
    expect(dm.allowed_mentions).toEqual({ parse: [] });
    expect(contentOf(dm)).toBe(
      "⚠️ A refund of 25.00 EUR on order `k3v9m2qa` failed (expired or canceled card): the buyer's card did not take it, so they do not have that money back and the order counts as sold again. " +
        'What the refund took back from the builder stays with C500 until the buyer is refunded another way or again with `/c500 refund order:k3v9m2qa`; that refund takes nothing more from anyone.',
    );
  });

  it('says where a commission put back in line stands, with its promised day, and no day when it has none', () => {
    expect(contentOf(refundFailedDm(commission('2027-01-14T17:11:33.872Z'), 2_500, 'lost_or_stolen_card', true))).toContain(
      'the order counts as sold again. It has its place in Juno’s queue (`/c500 queue line`), promised by <t:1799946693:D>. What the refund',
    );
    expect(contentOf(refundFailedDm(commission(), 2_500, 'lost_or_stolen_card', true))).toContain(
      'It has its place in Juno’s queue (`/c500 queue line`). What',
    );
    expect(contentOf(refundFailedDm(commission('2027-01-14T17:11:33.872Z'), 2_500, 'lost_or_stolen_card'))).not.toContain('queue');
  });

  it('keeps the builder’s DM within Discord’s 2,000 characters whatever reason Stripe gives', () => {
    expect(contentOf(refundFailedDm(order(), 2_500, 'x'.repeat(2_500)))).toHaveLength(2_000);
  });

  it('tells the buyer the order is theirs again and where it stands in line, mentioning nobody', () => {
    const dm = buyerBackInLineDm(commission('2027-01-14T17:11:33.872Z'), 2_500);
    expect(dm.allowed_mentions).toEqual({ parse: [] });
    expect(contentOf(dm)).toBe(
      "A refund of $25.00 for **Tofu65 in e-white** (`k3v9m2qa`) failed: your card's bank did not take it, so you do not have that money back and the order is yours again. " +
        'It has its place in Juno’s queue (`/c500 queue line`), promised by <t:1799946693:D>. If it isn’t done by then, you can cancel for a refund of what they were not paid.',
    );
  });
});
