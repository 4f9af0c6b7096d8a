import type { AuctionSnapshot } from '../../ports';
import { finalCallLine, leadLine, outbidLine, outcomeLine, showCheckoutLine, showLotLine, unreadableLine, winnerLine } from '../rules/chat-messages';

function snapshot(over: Partial<AuctionSnapshot> = {}): AuctionSnapshot {
  return {
    auctionId: 'a1',
    channelId: 'c1',
    messageId: 'm1',
    builderId: 'builder',
    item: 'Keyboard',
    currency: 'eur',
    startCents: 1_000,
    reserveCents: 0,
    endsAtMs: 1_700_000_060_000,
    counterBidMs: 10_000,
    suddenDeath: false,
    settleMs: 0,
    streamDelayMs: 0,
    finalCallMs: 0,
    status: 'live',
    priceCents: 52_000,
    leaderName: 'ana',
    nextMinimumCents: 53_000,
    version: 1,
    bidCount: 3,
    reserveMet: true,
    ...over,
  };
}

describe('what the bot says of an auction in chat', () => {
  it('says the lead in one slot per auction, so only the newest state is sent', () => {
    expect(leadLine(snapshot())).toEqual({ text: 'ana leads at 520.00 EUR · next 530.00 EUR', slot: 'lead:a1' });
    expect(leadLine(snapshot({ auctionId: 'a2', leaderName: undefined })).slot).toBe('lead:a2');
  });

  it('groups those who bid too low on an auction, with the next minimum in its currency', () => {
    expect(outcomeLine('too-low', 'bo', snapshot())).toEqual({ text: 'too low, next 530.00 EUR', group: { name: 'too-low:a1', login: 'bo' } });
  });

  it('still answers a bid that was too low when the auction can no longer be seen', () => {
    expect(outcomeLine('too-low', 'bo', undefined)).toEqual({ text: 'too low,', group: { name: 'too-low:', login: 'bo' } });
  });

  it('tells a bidder at once that a higher max already leads, grouped per auction', () => {
    expect(outcomeLine('outbid', 'bo', snapshot())).toEqual({
      text: 'a higher max already leads, next 530.00 EUR',
      group: { name: 'outbid-at-once:a1', login: 'bo' },
    });
    expect(outcomeLine('outbid', 'bo', undefined)).toEqual({ text: 'a higher max already leads,', group: { name: 'outbid-at-once:', login: 'bo' } });
  });

  it('tells a banned bidder, like a blocked one, that bidding is paused for their account and to ask the server’s admins why, naming no reason in public', () => {
    const blocked = {
      text: 'bidding is paused for your account: ask the admins of this channel’s Discord server why',
      group: { name: 'blocked', login: 'bo' },
    };
    expect(outcomeLine('banned', 'bo', snapshot())).toEqual(blocked);
    expect(outcomeLine('blocked', 'bo', snapshot())).toEqual(blocked);
  });

  it('asks a bidder going too fast to slow down', () => {
    expect(outcomeLine('slow-down', 'bo', snapshot())).toEqual({ text: 'slow down: one bid a second', group: { name: 'slow-down', login: 'bo' } });
  });

  it('names a new bidder’s limit in the auction’s currency, grouped by that limit', () => {
    expect(outcomeLine('over-new-bidder-limit', 'bo', snapshot(), { limitCents: 50_000 })).toEqual({
      text: 'until you’ve paid for a win on C500 you can bid up to 500.00 EUR',
      group: { name: 'limit:50000', login: 'bo' },
    });
  });

  it('names a new bidder’s limit in dollars when the auction cannot be seen, and zero when no limit is known', () => {
    expect(outcomeLine('over-new-bidder-limit', 'bo', undefined, { limitCents: 50_000 })?.text).toBe(
      'until you’ve paid for a win on C500 you can bid up to $500.00',
    );
    expect(outcomeLine('over-new-bidder-limit', 'bo', snapshot())).toEqual({
      text: 'until you’ve paid for a win on C500 you can bid up to 0.00 EUR',
      group: { name: 'limit:0', login: 'bo' },
    });
  });

  it('tells a bid in the final call only that it is in and sealed, grouped per auction, never the price or who leads', () => {
    const line = outcomeLine('sealed', 'ann', snapshot());
    expect(line).toEqual({ text: 'your bid is in, sealed until the final call ends', group: { name: 'sealed:a1', login: 'ann' } });
  });

  it('says the final call began in a line never dropped and sent first, with how long bids stay sealed and the private page to bid on, never !bid in chat', () => {
    expect(finalCallLine('Tofu65', 20_000, 'a 1', 'https://c500.example/')).toEqual({
      text: "FINAL CALL on Tofu65: bids are sealed for 20s. Bid in private at https://c500.example/bid/a%201 (a !bid typed in chat isn't taken now): nobody sees it, and the result comes at the end.",
      must: true,
      ahead: true,
    });
  });

  it('says nothing of a bid that simply took the lead, or of an outcome it does not know', () => {
    expect(outcomeLine('leading', 'bo', snapshot())).toBeUndefined();
    expect(outcomeLine('something-new', 'bo', snapshot())).toBeUndefined();
  });

  it('tells an outbid bidder the next minimum, grouped per auction', () => {
    expect(outbidLine('bo', snapshot())).toEqual({ text: 'you were outbid, next 530.00 EUR', group: { name: 'outbid:a1', login: 'bo' } });
  });

  it('groups unreadable bids by what was wrong with them', () => {
    expect(unreadableLine('bo', 'say how much')).toEqual({ text: 'say how much', group: { name: 'unreadable:say how much', login: 'bo' } });
  });
});

describe('what the bot says to a winner in chat', () => {
  it('names the winner of a second chance first, with the price and the time to pay by', () => {
    expect(winnerLine('bo', 'Lavender 65%', 52_000, 'usd', 'https://c500.example/pay/o1', '2026-11-25T12:34:56.000Z', true)).toEqual({
      text: '@bo second chance: Lavender 65% is yours at $520.00. Pay by 12:34 UTC: https://c500.example/pay/o1',
      must: true,
      ahead: true,
    });
  });

  it('calls a first win SOLD, naming the winner once', () => {
    expect(winnerLine('bo', 'Lavender 65%', 52_000, 'usd', 'https://c500.example/pay/o1', '2026-11-25T12:34:56.000Z', false).text).toBe(
      'SOLD! @bo wins Lavender 65% at $520.00. Pay by 12:34 UTC: https://c500.example/pay/o1',
    );
  });

  it('tells a show lot’s winner they pay for their lots when the show ends, a line never dropped', () => {
    const won = { item: 'Lavender 65%', priceCents: 52_000, currency: 'usd', showTitle: 'Friday show' };
    expect(showLotLine('bo', won, 'https://c500.example/pay/o1')).toEqual({
      text: 'SOLD! @bo wins Lavender 65% at $520.00. Pay for your lots when the show ends: https://c500.example/pay/o1',
      must: true,
      ahead: true,
    });
  });

  it('tells a show’s chat winner their checkout is open and until what time, a line never dropped', () => {
    const opened = { item: 'Lavender 65% and 2 more', priceCents: 90_000, currency: 'usd', expiresAt: '2026-11-25T08:05:00.000Z' };
    expect(showCheckoutLine('bo', opened, 'https://c500.example/pay/o2')).toEqual({
      text: '@bo your checkout is open: Lavender 65% and 2 more, $900.00. Pay by 08:05 UTC: https://c500.example/pay/o2',
      must: true,
      ahead: true,
    });
  });
});
