/**
 * What a member reads about their pre-bids: the run sheet's modal and what it submits, the
 * private answers to setting, withdrawing or being refused one, and the DM when the lot opens.
 */
import { newAuctionBookModel } from '../../auctions';
import type { AuctionSnapshot, BidOutcome } from '../../ports';
import { modalValues } from '../../discord';
import { preBidAnswers, preBidModal, preBidPlacedNotice, preBidRefusals } from '../rules/pre-bid-messages';
import { auctionTerms, t0 } from '../../../test/support/auction-book-fixtures';

const lot = { number: 3, item: 'Tofu65', startCents: 2_500, currency: 'usd' };
const text = (m: { content?: string } | undefined) => m?.content;

describe('the run sheet’s Pre-bid modal', () => {
  it('asks for the lot’s number and the most the member will pay, both required, under the show’s title', () => {
    expect(preBidModal('Friday keebs')).toEqual({
      custom_id: 'prebid:set',
      title: 'Pre-bid: Friday keebs',
      components: [
        {
          type: 1,
          components: [{ type: 4, custom_id: 'lot', label: 'Lot number on the run sheet', style: 1, required: true, max_length: 3, placeholder: '3' }],
        },
        {
          type: 1,
          components: [
            { type: 4, custom_id: 'max', label: 'Most you will pay (0 withdraws your pre-bid)', style: 1, required: true, max_length: 15, placeholder: '40' },
          ],
        },
      ],
    });
  });

  it('cuts a long title to the 45 characters Discord allows a modal', () => {
    expect(preBidModal('x'.repeat(60)).title).toBe(`Pre-bid: ${'x'.repeat(36)}`);
  });
});

describe('a submitted Pre-bid modal', () => {
  it('gives each typed value by its input’s id, in rows or in labels alike', () => {
    const submitted = [
      { type: 1, components: [{ type: 4, custom_id: 'lot', value: '3' }] },
      { type: 18, component: { type: 4, custom_id: 'max', value: '40' } },
    ];
    expect(modalValues(submitted)).toStrictEqual({ lot: '3', max: '40' });
  });

  it('skips what holds no typed text: an id with no value, a value with no id, empty slots', () => {
    const submitted = [
      null,
      'row',
      7,
      { type: 2, custom_id: 'button' },
      { type: 10, value: 'loose' },
      { type: 1, components: [null, { custom_id: 'max', value: '0' }] },
    ];
    expect(modalValues(submitted)).toStrictEqual({ max: '0' });
    expect(modalValues(null)).toStrictEqual({});
  });
});

describe('the answers to a member’s pre-bid', () => {
  it('say what was set, that nobody else sees it, and how to change it', () => {
    expect(text(preBidAnswers.set(lot, 4_000, false))).toBe(
      'Your pre-bid on lot 3, **Tofu65**, is up to **$40.00**. Nobody else sees it. ' +
        'When the lot opens we bid for you one step at a time up to it, in the order pre-bids were set (an earlier one wins a tie), and DM you if you’re outbid. ' +
        'Change it with `/bid lot:3 max:<n>`, withdraw it with `max:0`, see yours in `/c500 profile`.',
    );
    expect(text(preBidAnswers.set(lot, 4_500, true))).toMatch(/^Changed: your pre-bid on lot 3, \*\*Tofu65\*\*, is up to \*\*\$45\.00\*\*\./);
    expect(preBidAnswers.set(lot, 4_000, false).flags).toBe(64);
  });

  it('say a withdrawn pre-bid is gone, and that there was none to withdraw when there was none', () => {
    expect(text(preBidAnswers.withdrawn(lot))).toBe('Your pre-bid on lot 3, **Tofu65**, is withdrawn. Nothing will be bid for you there.');
    expect(text(preBidAnswers.nothingToWithdraw(lot))).toBe('You have no pre-bid on lot 3, **Tofu65**, so there was nothing to withdraw.');
  });
});

describe('a refused pre-bid', () => {
  it('names the lots there are, or says the show has none yet', () => {
    expect(text(preBidRefusals.noSuchLot(0))).toBe('This show has no lots yet. Pre-bid once builders have added some.');
    expect(text(preBidRefusals.noSuchLot(12))).toBe(
      '**lot**: the run sheet has lots 1 to 12. Type the number in front of the lot, for example `/bid lot:1 max:40`.',
    );
  });

  it('says a lot that opened takes live bids, one auctioned or skipped takes none', () => {
    expect(text(preBidRefusals.opened(lot, 'live'))).toBe(
      'Lot 3, **Tofu65**, is open now: bid live with `/bid amount:<n>` (add `max:<n>` and we bid for you step by step).',
    );
    expect(text(preBidRefusals.opened(lot, 'done'))).toBe('Lot 3, **Tofu65**, has already been auctioned, so it takes no pre-bids.');
    expect(text(preBidRefusals.opened(lot, 'skipped'))).toBe('Lot 3, **Tofu65**, won’t run, so it takes no pre-bids.');
  });

  it('names the opening price, or the new bidder’s limit, with the command to type', () => {
    expect(text(preBidRefusals.belowOpening(lot))).toBe(
      '**max**: lot 3, **Tofu65**, opens at $25.00, so a pre-bid must be at least that: `/bid lot:3 max:25.00`.',
    );
    expect(text(preBidRefusals.overTrustLimit(lot, 15_050))).toBe(
      '**max**: until you’ve paid for an order on C500, this server lets you bid up to $150.50. Set a pre-bid of at most that, for example `/bid lot:3 max:150.50`.',
    );
  });

  it('writes the command to type in the lot’s currency: no decimals for a zero-decimal one, three for a three-decimal one', () => {
    const yen = { ...lot, startCents: 2_500, currency: 'jpy' };
    expect(text(preBidRefusals.belowOpening(yen))).toContain('`/bid lot:3 max:2500`');
    expect(text(preBidRefusals.overTrustLimit(yen, 15_000))).toContain('`/bid lot:3 max:15000`');
    const dinar = { ...lot, startCents: 25_250, currency: 'kwd' };
    expect(text(preBidRefusals.belowOpening(dinar))).toContain('`/bid lot:3 max:25.250`');
    expect(text(preBidRefusals.overTrustLimit(dinar, 150_500))).toContain('`/bid lot:3 max:150.500`');
  });

  it('says a builder can’t pre-bid on their own lot, and prefixes any other reason with nothing set', () => {
    expect(text(preBidRefusals.ownLot(lot))).toBe('Lot 3, **Tofu65**, is yours: you can’t bid on your own lot.');
    expect(text(preBidRefusals.invalid('**lot**: the lot’s number.'))).toBe('Nothing was set. **lot**: the lot’s number.');
  });
});

describe('the DM when a lot opens and a pre-bid is placed', () => {
  const book = newAuctionBookModel();
  book.open(auctionTerms({ item: 'Tofu65', startCents: 2_500, endsAtMs: t0 + 61_500, streamDelayMs: 3_000, finalCallMs: 10_000 }));
  const s = book.read('a1') as AuctionSnapshot;

  it('is a DM without the EPHEMERAL flag, which Discord refuses on a DM, pinging no one', () => {
    for (const outcome of ['outbid', 'blocked'] as const)
      expect(preBidPlacedNotice(outcome, s, 2_000)).toEqual({ content: expect.any(String), allowed_mentions: { parse: [] } });
  });

  it('is not sent when the pre-bid leads', () => {
    for (const outcome of ['leading', 'raised-max', 'already-leading', 'sealed'] as const) expect(preBidPlacedNotice(outcome, s, 4_000)).toBeUndefined();
  });

  it('says an outbid pre-bid’s price, the least that leads, where and until when', () => {
    const expected =
      '**Tofu65** is up, and your pre-bid of up to $20.00 was outbid at once: the price is **$25.00**. ' +
      `Bid at least **$25.00** with \`/bid\` in <#c1> to lead (bidding ends <t:${(t0 + 61_000) / 1000}:R>, then a sealed final call until <t:${(t0 + 71_000) / 1000}:R>).`;
    expect(text(preBidPlacedNotice('outbid', s, 2_000))).toBe(expected);
    expect(text(preBidPlacedNotice('too-low', s, 2_000))).toBe(expected);
  });

  it('says why a pre-bid was not placed, in the bidder’s words', () => {
    const why = (outcome: BidOutcome) => text(preBidPlacedNotice(outcome, s, 4_000));
    expect(why('blocked')).toBe('**Tofu65** is up, but your pre-bid of up to $40.00 wasn’t placed: an admin of the server has stopped your bids there.');
    expect(why('over-new-bidder-limit')).toBe(
      '**Tofu65** is up, but your pre-bid of up to $40.00 wasn’t placed: it was over what this server lets you bid before you’ve paid for an order.',
    );
    expect(why('banned')).toMatch(/wasn’t placed: your bids are stopped after unpaid wins\.$/);
    expect(why('own-auction')).toMatch(/wasn’t placed: the lot is yours\.$/);
    expect(why('closed')).toMatch(/wasn’t placed: the lot had already closed\.$/);
    expect(why('not-found')).toBe('**Tofu65** is up, but your pre-bid of up to $40.00 wasn’t placed: the auction couldn’t take it.');
  });
});
