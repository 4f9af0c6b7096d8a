import { readChatBid } from '../rules/chat-bid';

describe('reading the edges of a !bid', () => {
  it('asks how much when a viewer types !bid alone', () => {
    expect(readChatBid('!bid', 'usd')).toEqual({ kind: 'unreadable', problem: 'say how much, like !bid 50 or !bid 50 max 80' });
  });

  it('takes a max equal to the bid', () => {
    expect(readChatBid('!bid 500 max 500', 'usd')).toEqual({ kind: 'bid', bid: { amountCents: 50_000, maxCents: 50_000 } });
  });

  it.each(['aud', 'nzd', 'sgd', 'hkd', 'mxn'])('reads $ as the dollar of a %s auction', (currency) => {
    expect(readChatBid('!bid $50', currency)).toEqual({ kind: 'bid', bid: { amountCents: 5_000, maxCents: 5_000 } });
  });

  it.each([
    ['£50', 'gbp', 5_000],
    ['¥50', 'cny', 5_000],
    ['₩5000', 'krw', 5_000],
  ])('reads %s in a %s auction', (amount, currency, amountCents) => {
    expect(readChatBid(`!bid ${amount}`, currency)).toEqual({ kind: 'bid', bid: { amountCents, maxCents: amountCents } });
  });

  it('reads thousands with up to three decimals, and only with the k last', () => {
    expect(readChatBid('!bid 1.25k', 'usd')).toEqual({ kind: 'bid', bid: { amountCents: 125_000, maxCents: 125_000 } });
    expect(readChatBid('!bid 1kx', 'usd')).toEqual({ kind: 'unreadable', problem: '"1kx" isn’t an amount: try !bid 50' });
  });

  it('says a negative amount is negative', () => {
    expect(readChatBid('!bid -5', 'usd')).toEqual({ kind: 'unreadable', problem: 'an amount can’t be negative: try !bid 50' });
  });

  it('reads a currency symbol only in front of the amount', () => {
    expect(readChatBid('!bid 50€', 'usd')).toEqual({ kind: 'unreadable', problem: '"50€" isn’t an amount: try !bid 50' });
  });

  it('quotes back a word of twelve characters whole, and clips a longer one after twelve', () => {
    expect(readChatBid('!bid abcdefghijkl', 'usd')).toEqual({ kind: 'unreadable', problem: '"abcdefghijkl" isn’t an amount: try !bid 50' });
    expect(readChatBid('!bid abcdefghijklm', 'usd')).toEqual({ kind: 'unreadable', problem: '"abcdefghijkl…" isn’t an amount: try !bid 50' });
  });
});
