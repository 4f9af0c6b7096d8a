import { looksLikeChatBid, readChatBid } from '../rules/chat-bid';

describe('reading !bid from chat', () => {
  it.each([
    ['!bid 500', 50_000, 50_000],
    ['!BID 500', 50_000, 50_000],
    ['  !bid   $520.50  ', 52_050, 52_050],
    ['!bid 1,200', 120_000, 120_000],
    ['!bid 1k', 100_000, 100_000],
    ['!bid 1.5k', 150_000, 150_000],
    ['!bid 500 max 800', 50_000, 80_000],
    ['!bid $500 MAX $1,000.25', 50_000, 100_025],
  ])('reads %s as a bid', (text, amountCents, maxCents) => {
    expect(readChatBid(text, 'usd')).toEqual({ kind: 'bid', bid: { amountCents, maxCents } });
  });

  it.each(['hello', 'bid 500', '!bidder 500', 'gg !bid 500', ''])('leaves %p alone: it is not a bid', (text) => {
    expect(looksLikeChatBid(text)).toBe(false);
    expect(readChatBid(text, 'usd')).toEqual({ kind: 'not-a-bid' });
  });

  it.each(['!bid', '!bid lots', '!bid 500 max', '!bid 500 maxi 800', '!bid 500 max 400', '!bid -5', '!bid 5.555', '!bid 1.2345k', '!bid 500 max 800 please'])(
    'answers %p with how to bid instead of guessing',
    (text) => {
      const read = readChatBid(text, 'usd');
      expect(read.kind).toBe('unreadable');
      if (read.kind === 'unreadable') expect(read.problem).toMatch(/!bid|max|amount/);
    },
  );

  it('quotes back at most a few characters of what a viewer typed', () => {
    const read = readChatBid(`!bid ${'x'.repeat(400)}`, 'usd');
    expect(read.kind === 'unreadable' && read.problem.length).toBeLessThan(60);
  });

  it('refuses more than a card payment can be', () => {
    expect(readChatBid('!bid 1,000,000', 'usd').kind).toBe('unreadable');
    expect(readChatBid('!bid 999k', 'usd')).toEqual({ kind: 'bid', bid: { amountCents: 99_900_000, maxCents: 99_900_000 } });
  });
});

describe('what a viewer is told about a !bid that is not one', () => {
  it.each([
    ['!bid €50', 'usd', 'bids here are in USD: try !bid 50'],
    ['!bid £50', 'eur', 'bids here are in EUR: try !bid 50'],
    ['!bid 50 max €80', 'usd', 'bids here are in USD: try !bid 50 max 80'],
    ['!bid 1,000,000', 'usd', 'that’s more than $999,999.99, the most a card payment can be: try !bid 50'],
    ['!bid 0', 'usd', 'an amount must be more than zero: try !bid 50'],
    ['!bid 5.555', 'usd', '"5.555" has more decimals than USD has: try !bid 50'],
    ['!bid 50.5', 'jpy', '"50.5" has more decimals than JPY has: try !bid 50'],
    ['!bid lots', 'usd', '"lots" isn’t an amount: try !bid 50'],
  ])('%p in a %s auction: %p', (text, currency, problem) => {
    expect(readChatBid(text, currency)).toEqual({ kind: 'unreadable', problem });
  });

  it.each([
    ['!bid €50', 'eur', 5_000],
    ['!bid $50', 'cad', 5_000],
    ['!bid ¥2400', 'jpy', 2_400],
    ['!bid €1.5k', 'eur', 150_000],
  ])('reads %p in a %s auction, its symbol the auction’s own', (text, currency, amountCents) => {
    expect(readChatBid(text, currency)).toEqual({ kind: 'bid', bid: { amountCents, maxCents: amountCents } });
  });
});
