/**
 * What a show's winner reads about paying: the checkout link's DM, its lot list cut short
 * before an embed overflows, Pay now's answer and the mentions for closed DMs.
 */
import type { DiscordMessage } from '../../ports';
import { checkoutLinkDm, checkoutLinkNotice, lotWonDm, lotWonNotice, payNowAnswer } from '../rules/show-checkout-messages';
import { checkoutOf, lot, orderIds } from './show-checkout-fixtures';

type Button = { url: string; label: string };
const description = (m: DiscordMessage) => m.embeds?.[0]?.description ?? '';
const rowsOf = (m: DiscordMessage) => (m.components ?? []) as Array<{ components: Button[] }>;
const expiresAt = '2026-11-27T21:00:00.000Z';
const url = 'https://checkout.stripe.com/c/pay/cs_test_1';
/** The embed's lot list holds 4,096 - 200 characters; a line reads `• **title** (`id`): $10.00`. */
const room = 3_896;
const lineOf = (title: string, orderId: string) => `• **${title}** (\`${orderId}\`): $10.00`;
/** Thirty lines of 127 characters, then one whose title makes the list exactly `length` long. */
function lotsFilling(length: number, after: number) {
  const ids = orderIds(31 + after);
  const full = ids.slice(0, 30).map((id) => lot(id, 'x'.repeat(100), 1_000));
  const used = full.map((l) => lineOf(l.title, l.orderId)).join('\n').length + 1;
  const last = lot(ids[30] ?? '', 'y'.repeat(length - used - lineOf('', ids[30] ?? '').length), 1_000);
  const rest = ids.slice(31).map((id) => lot(id, 'z', 1_000));
  return [...full, last, ...rest];
}
const linesShown = (m: DiscordMessage) =>
  description(m)
    .split('\n')
    .filter((l) => l.startsWith('• ')).length;

describe('the checkout link a winner is DMed when the show ends', () => {
  const two = checkoutOf([lot('o0000001', 'Tofu65', 25_000), lot('o0000002', 'Mode Sonnet', 12_345)]);

  it('lists each lot with its order id and price, totals them, and says when to pay by', () => {
    const message = checkoutLinkDm(two, url, expiresAt);
    const embed = message.embeds?.[0];
    expect(embed?.title).toBe('Your checkout: 2 lots from Juno');
    expect(description(message)).toMatch(
      /^• \*\*Tofu65\*\* \(`o0000001`\): \$250\.00\n• \*\*Mode Sonnet\*\* \(`o0000002`\): \$123\.45\n\n\*\*Total \$373\.45\*\*, one payment\. Pay by <t:1795813200:t> \(<t:1795813200:R>\)/,
    );
    expect(description(message)).not.toContain('more');
    expect(embed?.footer?.text).toBe('Friday keebs: your money is held until Juno shows your board on stream.');
  });

  it('says one lot, not lots, when there is one', () => {
    expect(checkoutLinkDm(checkoutOf([lot('o0000001', 'Tofu65', 25_000)]), url, expiresAt).embeds?.[0]?.title).toBe('Your checkout: 1 lot from Juno');
  });

  it('charges the amount fixed when the checkout opened, on the total and the pay button', () => {
    const message = checkoutLinkDm({ ...two, amountCents: 30_000 }, url, expiresAt);
    expect(description(message)).toContain('**Total $300.00**');
    expect(rowsOf(message)[0]?.components).toEqual([expect.objectContaining({ label: 'Pay $300.00 to Juno', url })]);
  });

  it('mentions no one in the DM', () => {
    expect(checkoutLinkDm(two, url, expiresAt).allowed_mentions).toEqual({ parse: [] });
  });

  it('shows every lot whose line still fits the list exactly', () => {
    const message = checkoutLinkDm(checkoutOf(lotsFilling(room, 1)), url, expiresAt);
    expect(linesShown(message)).toBe(31);
    expect(description(message)).toContain('\n…and 1 more\n\n**Total');
  });

  it('cuts the list a character past what it holds, counting the lots left out', () => {
    const message = checkoutLinkDm(checkoutOf(lotsFilling(room + 1, 1)), url, expiresAt);
    expect(linesShown(message)).toBe(30);
    expect(description(message)).toContain(`${'x'.repeat(100)}** (\`o0000029\`): $10.00\n…and 2 more\n\n**Total $320.00**`);
  });
});

describe('the won-lot DM and the mentions for a winner whose DMs are closed', () => {
  it('names the lot, its auction and its price, mentioning no one', () => {
    const message = lotWonDm({ item: 'Tofu65', auctionId: 'auct0001', priceCents: 25_000, currency: 'usd', builderName: 'Juno', showTitle: 'Friday keebs' });
    expect(message.content).toContain('**You won Tofu65** (auction `auct0001`) for **$250.00** in **Friday keebs**');
    expect(message.allowed_mentions).toEqual({ parse: [] });
  });

  it('mentions only the winner, naming the lot but no amount', () => {
    const notice = lotWonNotice('800000000000000031', 'Tofu65');
    expect(notice.content).toMatch(/^<@800000000000000031> you won \*\*Tofu65\*\*! I couldn’t DM you\./);
    expect(notice.content).not.toContain('$');
    expect(notice.allowed_mentions).toEqual({ users: ['800000000000000031'] });
  });

  it('tells a winner their checkout is open without its link', () => {
    const notice = checkoutLinkNotice('800000000000000031', 'Juno');
    expect(notice.content).toMatch(/^<@800000000000000031> your checkout for what you won from Juno is open/);
    expect(notice.content).not.toContain('https://');
  });
});

describe('Pay now’s answer', () => {
  const opened = (count: number, extra = {}) =>
    Array.from({ length: count }, (_, i) => ({
      checkout: checkoutOf([lot('o0000001', 'Tofu65', 1_000)], { builderName: `b${i}`, ...extra }),
      url: `https://x/${i}`,
      expiresAt,
    }));

  it('lists each builder with their lots, amount and deadline, only to the winner', () => {
    const two = { checkout: checkoutOf([lot('o0000001', 'A', 1_000), lot('o0000002', 'B', 2_000)]), url, expiresAt };
    const fixed = { checkout: checkoutOf([lot('o0000003', 'C', 1_000)], { builderName: 'Kai', amountCents: 900 }), url, expiresAt };
    const answer = payNowAnswer('Friday keebs', [two, fixed]);
    expect(answer.content).toMatch(
      /^Your checkouts for \*\*Friday keebs\*\*, one per builder:\n• \*\*Juno\*\*: 2 lots, \$30\.00, pay by <t:1795813200:t>\n• \*\*Kai\*\*: 1 lot, \$9\.00, pay by <t:1795813200:t>\n/,
    );
    expect(answer.allowed_mentions).toEqual({ parse: [] });
  });

  it('fills one row with exactly five builders', () => {
    expect(rowsOf(payNowAnswer('Show', opened(5))).map((r) => r.components.length)).toEqual([5]);
  });

  it('stops at Discord’s five rows of buttons however many builders there are', () => {
    const rows = rowsOf(payNowAnswer('Show', opened(30)));
    expect(rows.map((r) => r.components.length)).toEqual([5, 5, 5, 5, 5]);
    expect(rows[4]?.components[4]?.url).toBe('https://x/24');
  });
});
