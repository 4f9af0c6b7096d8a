/**
 * What buyers and builders are told as an order's money moves (order-messages): the receipt,
 * the builder's new order with its address and packing slip, the refund and failed-payment
 * notes, and the host's cut. Amounts in the order's currency, ids, and which branch each
 * case takes, as a person reads them and as Discord receives them.
 */
import {
  addressLines,
  arrangeShippingNote,
  builderNewOrder,
  buyerLotsMovedOnRefunded,
  buyerPaymentFailed,
  buyerReceipt,
  buyerRefunded,
  hostCutDm,
  shipToText,
} from '../rules/order-messages';
import type { Order, ShippingAddress } from '../../orders';
import type { DiscordEmbed, DiscordMessage } from '../../ports';
import { colors, discordLimitProblems } from '../../discord';
import { anOrder } from '../../../test/support/orders';

const order = (fields: Partial<Order> = {}): Order =>
  anOrder({
    orderId: 'k3v9m2qa',
    dropKind: 'commission',
    title: 'Tofu65 in e-white',
    buyerId: '111111111111111111',
    buyerName: 'Mira',
    builderId: '222222222222222222',
    builderName: 'Juno',
    amountCents: 12_345,
    platformFeeCents: 1_235,
    builderShareCents: 11_110,
    status: 'paid',
    ...fields,
  });

const portland: ShippingAddress = {
  name: 'Mira Okafor',
  line1: '12 Switch Lane',
  line2: 'Apt 4',
  city: 'Portland',
  state: 'OR',
  postalCode: '97201',
  country: 'US',
};

const embedOf = (message: DiscordMessage): DiscordEmbed => {
  const [embed] = message.embeds ?? [];
  if (!embed) throw new Error('the message has no embed');
  return embed;
};
const fieldOf = (message: DiscordMessage, name: string) => embedOf(message).fields?.find((f) => f.name === name);
const contentOf = (message: DiscordMessage) => message.content ?? '';

describe('the address as a label reads', () => {
  it('puts name, street lines, the city line and the country on lines of their own', () => {
    expect(addressLines(portland)).toBe('Mira Okafor\n12 Switch Lane\nApt 4\nPortland OR 97201\nUS');
  });

  it('leaves out an absent second street line and state without blank lines or double spaces', () => {
    const { line2: _line2, state: _state, ...plain } = portland;
    expect(addressLines(plain)).toBe('Mira Okafor\n12 Switch Lane\nPortland 97201\nUS');
  });

  it('leaves out the empty parts Stripe sends for fields the buyer left blank', () => {
    expect(addressLines({ ...portland, name: '', line2: '', state: '', postalCode: '' })).toBe('12 Switch Lane\nPortland\nUS');
  });

  it('drops the city line entirely when it has nothing in it', () => {
    expect(addressLines({ ...portland, city: '', state: undefined, postalCode: '' })).toBe('Mira Okafor\n12 Switch Lane\nApt 4\nUS');
  });
});

describe('the buyer’s receipt', () => {
  it('mentions nobody it names', () => {
    expect(buyerReceipt(order()).allowed_mentions).toEqual({ parse: [] });
  });

  it('is a mint embed titled with the item', () => {
    const embed = embedOf(buyerReceipt(order()));
    expect(embed.title).toBe('Receipt: Tofu65 in e-white');
    expect(embed.color).toBe(colors.mint);
  });

  it('tells a commission’s buyer the date promised and where their place in the queue is', () => {
    const terms = { slots: 3, leadWeeks: 6, oneAtATime: false, tranches: [] };
    const fields = embedOf(buyerReceipt(order({ commission: { terms, ticket: 2, promisedAt: '2026-12-13T12:00:00.000Z' } }))).fields ?? [];
    expect(fields.at(-1)).toEqual({
      name: 'Promised by',
      value:
        '<t:1797163200:D>: your place in Juno’s queue is in `/c500 queue line`. If it isn’t done by then, you can cancel for a refund of what they were not paid.',
    });
    expect((embedOf(buyerReceipt(order())).fields ?? []).some((f) => f.name === 'Promised by')).toBe(false);
  });

  it('names the builder who gets the money once the order is shown on stream', () => {
    expect(embedOf(buyerReceipt(order({ builderName: 'Juno Keys' }))).description).toContain('Juno Keys gets your money');
  });

  it('shows the order id, what was charged and the builder side by side, then the shipping', () => {
    const receipt = buyerReceipt(order({ shippingCents: 1_500 }));
    expect(embedOf(receipt).fields).toEqual([
      { name: 'Order', value: '`k3v9m2qa`', inline: true },
      { name: 'Paid', value: '$138.45', inline: true },
      { name: 'Builder', value: 'Juno', inline: true },
      { name: 'Shipping', value: '$15.00 to the address you gave at checkout' },
    ]);
  });

  it('charges the item alone and says shipping is arranged by hand when the builder set none up', () => {
    const receipt = buyerReceipt(order());
    expect(fieldOf(receipt, 'Paid')?.value).toBe('$123.45');
    expect(fieldOf(receipt, 'Shipping')?.value).toBe(arrangeShippingNote);
  });

  it('says what was paid in a zero-decimal currency as whole units', () => {
    const receipt = buyerReceipt(order({ currency: 'jpy', amountCents: 24_000, shippingCents: 1_200 }));
    expect(fieldOf(receipt, 'Paid')?.value).toBe('25,200 JPY');
    expect(fieldOf(receipt, 'Shipping')?.value).toBe('1,200 JPY to the address you gave at checkout');
  });

  it('says what was paid in a three-decimal currency with three decimals', () => {
    const receipt = buyerReceipt(order({ currency: 'kwd', amountCents: 12_340, shippingCents: 2_500 }));
    expect(fieldOf(receipt, 'Paid')?.value).toBe('14.840 KWD');
  });

  it('tells the buyer who chose too cheap a shipping option what their country costs and who settles it', () => {
    const receipt = buyerReceipt(order({ shippingCents: 1_000, shippingMismatch: { paidCents: 1_000, dueCents: 2_500, country: 'CA' } }));
    expect(fieldOf(receipt, 'Shipping')?.value).toBe(
      '$10.00 to the address you gave at checkout. Shipping to CA costs $25.00, not the $10.00 chosen: Juno will settle the difference with you.',
    );
  });

  it('tells the buyer who paid too much for shipping what their country costs', () => {
    const receipt = buyerReceipt(order({ shippingCents: 3_000, shippingMismatch: { paidCents: 3_000, dueCents: 1_200, country: 'US' } }));
    expect(fieldOf(receipt, 'Shipping')?.value).toContain('Shipping to US costs $12.00, not the $30.00 chosen');
  });

  it('says nothing to the buyer when the builder only lacks a rate for their country', () => {
    const receipt = buyerReceipt(order({ shippingCents: 1_500, shippingMismatch: { paidCents: 1_500, dueCents: 1_500, country: 'NZ' } }));
    expect(fieldOf(receipt, 'Shipping')?.value).toBe('$15.00 to the address you gave at checkout');
  });

  it('fits Discord’s limits with the longest title a drop takes', () => {
    const receipt = buyerReceipt(order({ title: 'T'.repeat(80), shippingCents: 99_999, shippingMismatch: { paidCents: 1, dueCents: 99_999, country: 'GB' } }));
    expect(discordLimitProblems(receipt)).toEqual([]);
  });
});

describe('the builder’s new order', () => {
  const url = 'https://c500.example';

  it('mentions nobody it names', () => {
    expect(builderNewOrder(order()).allowed_mentions).toEqual({ parse: [] });
  });

  it('names the order, the item, its price, the buyer, the command that proves it and what is released then', () => {
    const lead = contentOf(builderNewOrder(order({ shippingCents: 1_500 }))).split('\n')[0];
    expect(lead).toContain('`k3v9m2qa`');
    expect(lead).toContain('**Tofu65 in e-white** ($123.45) for Mira');
    expect(lead).toContain('`/c500 live mode:order:k3v9m2qa`');
    // The builder's share and the whole shipping: 111.10 + 15.00.
    expect(lead).toContain('your $126.10 is released then');
  });

  it('prices the order and the release in the order’s own currency', () => {
    const lead = contentOf(builderNewOrder(order({ currency: 'eur', amountCents: 5_000, builderShareCents: 4_500 })));
    expect(lead).toContain('(50.00 EUR)');
    expect(lead).toContain('your 45.00 EUR is released then');
  });

  it('gives the address to ship to, after the lead', () => {
    const content = contentOf(builderNewOrder(order({ shippingCents: 1_500, shippingAddress: portland })));
    const lines = content.split('\n');
    expect(lines[1]).toBe('Shipping paid: $15.00 (yours in full at release).');
    expect(lines.slice(2, 9)).toEqual(['Ship to:', '```', 'Mira Okafor', '12 Switch Lane', 'Apt 4', 'Portland OR 97201', 'US']);
  });

  it('says shipping is arranged by hand when the builder set none up', () => {
    expect(contentOf(builderNewOrder(order(), url)).split('\n')[1]).toBe(arrangeShippingNote);
  });

  it('links the packing slip of this order when there is an address to print', () => {
    const content = contentOf(builderNewOrder(order({ shippingCents: 1_500, shippingAddress: portland }), url));
    expect(content.split('\n').at(-1)).toBe('Packing slip to print: https://c500.example/dashboard/builder/orders/k3v9m2qa/slip');
  });

  it('links no packing slip when no address came with the payment', () => {
    expect(contentOf(builderNewOrder(order({ shippingCents: 1_500 }), url))).not.toContain('/slip');
  });

  it('links no packing slip when it does not know the dashboard’s address', () => {
    expect(contentOf(builderNewOrder(order({ shippingCents: 1_500, shippingAddress: portland })))).not.toContain('Packing slip');
  });

  it('clips a long title and buyer name so the message fits in Discord', () => {
    const message = builderNewOrder(
      order({
        title: 'T'.repeat(600),
        buyerName: 'B'.repeat(300),
        shippingCents: 1_500,
        shippingAddress: portland,
        shippingMismatch: { paidCents: 1_500, dueCents: 4_000, country: 'US' },
      }),
      url,
    );
    expect(contentOf(message)).toContain(`**${'T'.repeat(199)}…**`);
    expect(contentOf(message)).toContain(` for ${'B'.repeat(99)}…. `);
    expect(discordLimitProblems(message)).toEqual([]);
  });
});

describe('where the builder ships it', () => {
  it('says shipping is arranged by hand when the builder set none up', () => {
    expect(shipToText({ currency: 'usd', shippingAddress: portland })).toBe(arrangeShippingNote);
  });

  it('says what was paid for shipping and where it goes', () => {
    expect(shipToText({ currency: 'usd', shippingCents: 1_500, shippingAddress: portland })).toBe(
      'Shipping paid: $15.00 (yours in full at release).\nShip to:\n```\nMira Okafor\n12 Switch Lane\nApt 4\nPortland OR 97201\nUS\n```',
    );
  });

  it('asks the builder to get the address from the buyer when none came with the payment', () => {
    expect(shipToText({ currency: 'usd', shippingCents: 1_500 })).toBe(
      'Shipping paid: $15.00 (yours in full at release).\nNo address came with the payment: ask the buyer for it.',
    );
  });

  it('tells the builder to settle the difference when the buyer paid less than their country costs', () => {
    const text = shipToText({
      currency: 'usd',
      shippingCents: 1_000,
      shippingAddress: portland,
      shippingMismatch: { paidCents: 1_000, dueCents: 2_500, country: 'CA' },
    });
    expect(text.split('\n').at(-1)).toBe(
      '⚠️ The buyer chose shipping for $10.00, but their address (CA) costs $25.00 at your rates: settle the difference with them before you send it.',
    );
  });

  it('tells the builder to refund the difference when the buyer paid more than their country costs', () => {
    const text = shipToText({
      currency: 'usd',
      shippingCents: 3_000,
      shippingAddress: portland,
      shippingMismatch: { paidCents: 3_000, dueCents: 1_200, country: 'US' },
    });
    expect(text.split('\n').at(-1)).toBe(
      '⚠️ The buyer paid $30.00 for shipping, but their address (US) costs $12.00 at your rates: refund them the difference.',
    );
  });

  it('warns the builder who has no rate for the buyer’s country to check with them', () => {
    const text = shipToText({
      currency: 'usd',
      shippingCents: 1_500,
      shippingAddress: portland,
      shippingMismatch: { paidCents: 1_500, dueCents: 1_500, country: 'NZ' },
    });
    expect(text.split('\n').at(-1)).toBe('⚠️ You have no shipping rate for NZ: check with the buyer before you send it.');
  });

  it('words a mismatch in the order’s currency', () => {
    const text = shipToText({ currency: 'jpy', shippingCents: 800, shippingMismatch: { paidCents: 800, dueCents: 2_000, country: 'JP' } });
    expect(text).toContain('Shipping paid: 800 JPY');
    expect(text).toContain('shipping for 800 JPY, but their address (JP) costs 2,000 JPY');
  });
});

describe('the buyer’s refund note', () => {
  it('names the item and the order, and mentions nobody', () => {
    const message = buyerRefunded(order());
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(contentOf(message)).toContain('Your payment for **Tofu65 in e-white** (`k3v9m2qa`) was refunded.');
  });
});

describe('the buyer’s note of lots refunded because they moved on before the payment came', () => {
  const lot = (orderId: string, title: string) => order({ orderId, title, status: 'expired' });

  it('names each lot refunded, why, how much went back, and the lots kept', () => {
    const one = buyerLotsMovedOnRefunded([lot('lot00002', 'Mode Sonnet')], 12_345, 1).content ?? '';
    expect(one).toContain('**Mode Sonnet** (`lot00002`)');
    expect(one).toContain('its time to pay had run out, so it was no longer yours');
    expect(one).toContain('We refunded $123.45 for it to your card.');
    expect(one).toContain('The other lot you paid for is yours and paid');
    const two = buyerLotsMovedOnRefunded([lot('lot00002', 'Mode Sonnet'), lot('lot00003', 'Tofu60')], 20_000, 3).content ?? '';
    expect(two).toContain('their time to pay had run out, so they were no longer yours');
    expect(two).toContain('We refunded $200.00 for them');
    expect(two).toContain('The other 3 lots you paid for are yours and paid: your receipt lists them.');
  });

  it('says nothing of lots kept when none was, and fits Discord’s limits with long titles', () => {
    const long = 'K'.repeat(300);
    const message = buyerLotsMovedOnRefunded([lot('lot00002', long), lot('lot00003', long)], 500, 0);
    expect(message.content).not.toContain('The other');
    expect(message.content).toContain(`${'K'.repeat(99)}`);
    expect(message.content).not.toContain('K'.repeat(101));
    expect(discordLimitProblems(message)).toEqual([]);
  });
});

describe('the buyer’s failed bank payment', () => {
  it('names the item and the order and says nothing was charged, mentioning nobody', () => {
    const message = buyerPaymentFailed(order());
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(contentOf(message)).toContain('Your bank payment for **Tofu65 in e-white** (`k3v9m2qa`) didn’t go through');
  });

  it('tells an auction winner the item goes to the next bidder, not to buy it again', () => {
    const content = contentOf(buyerPaymentFailed(order({ source: 'auction', dropKind: 'auction' })));
    expect(content).toContain('next bidder');
    expect(content).not.toContain('Buy Now');
  });

  it('tells a buyer of a ready-to-ship drop its unit is back on sale and how to buy it again', () => {
    const content = contentOf(buyerPaymentFailed(order({ dropKind: 'ready-to-ship' })));
    expect(content).toContain('Its unit is back on sale. To buy it after all, press **Buy Now**');
    expect(content).not.toContain('next bidder');
  });

  it('tells a buyer of a commission how to buy it again, with no unit back on sale', () => {
    const content = contentOf(buyerPaymentFailed(order({ dropKind: 'commission' })));
    expect(content).toContain('cancelled. To buy it after all, press **Buy Now**');
    expect(content).not.toContain('back on sale');
  });
});

describe('the host’s cut', () => {
  const lot = order({ source: 'auction', dropKind: 'auction', currency: 'eur', hostId: '333333333333333333', hostCutCents: 1_250 });

  it('mentions nobody it names', () => {
    expect(hostCutDm(lot, 1_250, 'transfer').allowed_mentions).toEqual({ parse: [] });
  });

  it('says the cut sent by transfer is on its way, in the order’s currency, once the builder showed it', () => {
    expect(contentOf(hostCutDm(lot, 1_250, 'transfer'))).toBe(
      'Your host’s cut of **Tofu65 in e-white** (order `k3v9m2qa`) is on its way: 12.50 EUR, sent to your Stripe account now that Juno showed it on stream.',
    );
  });

  it('says what is left of the cut after refunds, not the cut fixed at the start', () => {
    expect(contentOf(hostCutDm(lot, 875, 'transfer'))).toContain('on its way: 8.75 EUR');
  });

  it('tells a host with no Stripe account the cut is paid by hand and how to onboard', () => {
    const content = contentOf(hostCutDm(lot, 1_250, 'no-account'));
    expect(content).toContain('(order `k3v9m2qa`) is 12.50 EUR. You have no Stripe account that can take it');
    expect(content).not.toContain('on its way');
  });

  it('tells a host whose transfer Stripe refused that it is paid by hand', () => {
    const content = contentOf(hostCutDm(lot, 1_250, 'refused'));
    expect(content).toContain('(order `k3v9m2qa`) is 12.50 EUR. Stripe refused to send it to your account');
    expect(content).not.toContain('no Stripe account');
  });

  it('clips a long title', () => {
    expect(contentOf(hostCutDm({ ...lot, title: 'T'.repeat(300) }, 1_250, 'transfer'))).toContain(`**${'T'.repeat(99)}…**`);
  });
});
