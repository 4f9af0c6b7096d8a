/**
 * A pay link's DM in its words: a bank that asks its buyer to confirm (3-D Secure) declined
 * nothing and is told as a step to take, with **Confirm and pay**; any other refusal is told as
 * a card that could not be charged, with **Pay now**; a renewed link says the deadline holds.
 */
import type { Order } from '../../orders';
import { closeDms } from '../rules/close-messages';
import { bankWantsYou } from '../rules/refusal-words';

const order = { orderId: 'o1', title: 'Tofu65 case', amountCents: 12_000, shippingCents: 800, currency: 'usd' } as Order;
const payBy = '2027-03-04T05:06:07Z';
const at = Date.parse(payBy) / 1000;
const label = (dm: ReturnType<typeof closeDms.payLink>) => JSON.stringify(dm.components);

describe('a pay link’s DM', () => {
  it('tells a buyer whose bank asks for them that nothing was declined, with the step, its 72 hours in words and the deadline as Discord shows times', () => {
    const dm = closeDms.payLink(order, 'https://pay.example/1', payBy, bankWantsYou, false);
    expect(dm.content).toBe(
      [
        '**Tofu65 case** reached its minimum. Your bank asks you to confirm this payment yourself (a check such as 3-D Secure), which C500 can’t do for you: nothing was declined.',
        `Confirm with your bank and pay $128.00 ($120.00 and $8.00 shipping) on the link within 72 hours, by <t:${at}:f> (<t:${at}:R>) to keep your place; after that it goes to the waitlist.`,
      ].join('\n'),
    );
    expect(label(dm)).toContain('"label":"Confirm and pay"');
  });

  it('tells a declined card as one that could not be charged, with Pay now', () => {
    const dm = closeDms.payLink(order, 'https://pay.example/1', payBy, 'your bank declined the card', false);
    expect(dm.content).toContain('but your saved card could not be charged without you (your bank declined the card).');
    expect(dm.content).toContain(`\nPay $128.00 ($120.00 and $8.00 shipping) on the link within 72 hours, by <t:${at}:f>`);
    expect(label(dm)).toContain('"label":"Pay now"');
  });

  it('says a renewed link keeps the deadline, whatever the refusal', () => {
    for (const refusal of [bankWantsYou, 'your bank declined the card']) {
      const dm = closeDms.payLink(order, 'https://pay.example/2', payBy, refusal, true);
      expect(dm.content).toMatch(
        /^A fresh link for \*\*Tofu65 case\*\* \(\$128\.00 \(\$120\.00 and \$8\.00 shipping\)\): Stripe's links last a day, your deadline is unchanged\.\n/,
      );
      expect(dm.content).toContain('on the link by <t:');
      expect(dm.content).not.toContain('72 hours');
    }
  });
});
