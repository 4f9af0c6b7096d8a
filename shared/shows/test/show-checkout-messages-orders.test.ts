/**
 * What a show checkout's payment tells its winner and its builder: the receipt, the builder's
 * new orders with the `/c500 live` command to prove them, a failed bank payment, and the
 * mentions for closed DMs.
 */
import type { DiscordMessage } from '../../ports';
import { builderShowOrders, showPaymentFailed, showPaymentNotices, showReceipt } from '../rules/show-checkout-messages';
import { checkoutOf, lot, orderIds, paidOrder } from './show-checkout-fixtures';

const embed = (m: DiscordMessage) => m.embeds?.[0];
const description = (m: DiscordMessage) => embed(m)?.description ?? '';
const checkout = checkoutOf([lot('o0000001', 'Tofu65', 10_000)]);
const address = { name: 'Ren Park', line1: '1 Main St', city: 'Portland', state: 'OR', postalCode: '97201', country: 'US' };

describe('the winner’s receipt', () => {
  it('lists the lots paid and the total, with the shipping it included', () => {
    const orders = [paidOrder('o0000001', { shippingCents: 1_500 }), paidOrder('o0000002', { shippingCents: 500 })];
    const receipt = showReceipt(checkout, orders);
    expect(embed(receipt)?.title).toBe('Receipt: 2 lots from Juno');
    expect(description(receipt)).toMatch(
      /^• \*\*Board o0000001\*\* \(`o0000001`\): \$100\.00\n• \*\*Board o0000002\*\* \(`o0000002`\): \$100\.00\n\n\*\*Paid \$220\.00\*\* \(shipping \$20\.00 included\)\. Juno gets/,
    );
    expect(embed(receipt)?.footer?.text).toBe('Friday keebs: check your orders any time with /c500 profile');
    expect(receipt.allowed_mentions).toEqual({ parse: [] });
  });

  it('names no shipping when none was paid, and one lot as a lot', () => {
    const receipt = showReceipt(checkout, [paidOrder('o0000001')]);
    expect(embed(receipt)?.title).toBe('Receipt: 1 lot from Juno');
    expect(description(receipt)).toContain('**Paid $100.00**. Juno gets');
    expect(showReceipt(checkout, [paidOrder('o0000001', { shippingCents: 0 })]).embeds?.[0]?.description).toContain('**Paid $100.00**. Juno gets');
  });
});

describe('the builder’s new paid orders', () => {
  it('gives one order its own `/c500 live` command and the builder’s share of it', () => {
    const message = builderShowOrders(checkout, [paidOrder('o0000001')]);
    expect(embed(message)?.title).toBe('New paid order from Friday keebs');
    expect(description(message)).toContain(
      'For Ren. Go live on your linked Twitch channel and run `/c500 live mode:order:o0000001` while you build it: your $80.00 is released then',
    );
  });

  it('lists up to ten orders in one command, adding up the builder’s share and shipping', () => {
    const ids = orderIds(10);
    const message = builderShowOrders(
      checkout,
      ids.map((id) => paidOrder(id, { shippingCents: 100 })),
    );
    expect(embed(message)?.title).toBe('New paid orders from Friday keebs');
    expect(description(message)).toContain(
      `run \`/c500 live mode:orders:${ids.join(',')}\` while you build them (or \`mode:order:<id>\` one at a time): your $810.00 is released`,
    );
  });

  it('asks for at most ten ids at a time when there are more', () => {
    const message = builderShowOrders(
      checkout,
      orderIds(11).map((id) => paidOrder(id)),
    );
    expect(description(message)).toContain('run `/c500 live mode:orders:<id>,<id>` with up to 10 of these ids at a time while you build them: your $880.00');
  });

  it('tells the builder to arrange shipping when none was set up', () => {
    expect(description(builderShowOrders(checkout, [paidOrder('o0000001')]))).toMatch(/No shipping was set up for this item.*$/);
  });

  it('adds up the shipping paid and gives the one address the lots go to', () => {
    const orders = [paidOrder('o0000001', { shippingCents: 1_500, shippingAddress: address }), paidOrder('o0000002', { shippingCents: 500 })];
    const text = description(builderShowOrders(checkout, orders));
    expect(text).toContain('Shipping paid: $20.00 (yours in full at release).\nShip to:\n```\nRen Park\n1 Main St\nPortland OR 97201\nUS\n```');
  });

  it('asks for the address when none came, and warns of shipping chosen for the wrong country', () => {
    const mismatch = { paidCents: 500, dueCents: 2_000, country: 'DE' };
    const text = description(builderShowOrders(checkout, [paidOrder('o0000001', { shippingCents: 500, shippingMismatch: mismatch })]));
    expect(text).toContain('Shipping paid: $5.00 (yours in full at release).\nNo address came with the payment: ask the buyer for it.');
    expect(text).toContain('their address (DE) costs $20.00 at your rates');
  });
});

describe('a show checkout’s failed bank payment', () => {
  it('lists the lapsed lots, saying lot for one', () => {
    const message = showPaymentFailed(checkout);
    expect(embed(message)?.title).toBe('Your bank payment for 1 lot from Juno didn’t go through');
    expect(description(message)).toMatch(/^• \*\*Tofu65\*\* \(`o0000001`\): \$100\.00\n\nNothing was charged\./);
    expect(embed(message)?.footer?.text).toBe('Friday keebs: check your orders any time with /c500 profile');
  });

  it('says lots for more than one', () => {
    const two = checkoutOf([lot('o0000001', 'A', 1_000), lot('o0000002', 'B', 1_000)]);
    expect(embed(showPaymentFailed(two))?.title).toBe('Your bank payment for 2 lots from Juno didn’t go through');
  });
});

describe('the mentions when a payment’s DM could not be sent', () => {
  const ids = ['o0000001', 'o0000002'];

  it.each([
    ['a failed payment', showPaymentNotices.paymentFailed, '<@800000000000000031> your bank payment for orders `o0000001`, `o0000002` didn’t go through'],
    ['a receipt', showPaymentNotices.receipt, '<@800000000000000031> your show checkout is paid (orders `o0000001`, `o0000002`)'],
    ['new orders', showPaymentNotices.newOrders, '<@800000000000000031> you have new paid orders `o0000001`, `o0000002` from the show'],
  ] as const)('name the orders of %s and mention only the person', (_what, notice, start) => {
    const message = notice('800000000000000031', ids);
    expect(message.content?.startsWith(start)).toBe(true);
    expect(message.allowed_mentions).toEqual({ users: ['800000000000000031'] });
  });
});
