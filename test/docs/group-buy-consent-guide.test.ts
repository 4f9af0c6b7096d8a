/**
 * The group-buy guide quotes the words a joiner agrees to on Stripe's page (issue 77, "done
 * when": the guide says what a buyer's consent covers, in their words): the quote is the text
 * C500 sends beside the button, with the guide's placeholders for what differs by group buy, so
 * a change to the consent that the guide does not follow fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consentText, type GroupBuy } from '../../shared/groupbuys';

const guide = readFileSync(join(__dirname, '../../docs/guides/group-buys.md'), 'utf8');
const words = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The quote after "says it in words beside the button:", its shipping's parenthesis left out (the sample ships nothing). */
function quotedConsent(): string {
  const quote = /beside the button: "([^"]+)"/.exec(guide)?.[1];
  if (!quote) throw new Error('the guide quotes no consent beside the button');
  return words(quote).replace(/ \(plus shipping to the address you give:[^)]*\)/, '');
}

describe('the group-buy guide', () => {
  it('quotes the consent a joiner agrees to as C500 words it, placeholders for the amount, title, minimum and date', () => {
    const groupBuy = { title: '<title>', priceCents: 1_234_500, currency: 'usd', moq: 987_654, closesAt: '2026-12-15T12:00:00.000Z' } as GroupBuy;
    const sent = consentText(groupBuy, 1).replace('$12,345.00', '$X').replace('987,654', 'N').replace('15 December 2026', '<date>');
    expect(quotedConsent()).toBe(sent);
  });

  it('says what the consent covers, and no more: the amount, when, the waitlist, the bank asking, and never', () => {
    const covers = guide.slice(guide.indexOf('**What your consent covers, and no more:**'));
    for (const part of ['**The amount:**', '**When:**', '**On the waitlist**', '**If your bank asks for you:**', '**Never:**'])
      expect([part, covers.includes(part)]).toEqual([part, true]);
  });
});
