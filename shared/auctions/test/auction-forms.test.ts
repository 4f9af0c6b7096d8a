/**
 * What people type to start an auction and to bid, as `auction.ts` reads it: every option of
 * `/c500 auction start` with its bounds, durations, the amount a bid button carries in its
 * custom_id, `/bid` with its max and auction id, and the ids auctions go by.
 */
import { defaultLadder } from '../rules/auction-book';
import {
  auctionLimits,
  bidButtonCustomId,
  bidFromButton,
  embedTaskName,
  isAuctionIdShaped,
  normalizeAuctionId,
  parseAuctionStart,
  parseBidCommand,
  parseDuration,
} from '../rules/auction';
import { maxAmountCents } from '../../common';

const valid = { item: 'Tofu65 in e-white', price: 25, duration: '10m' } as const;
const problemsOf = (form: ReturnType<typeof parseAuctionStart>): string[] => (form.ok ? [] : form.problems);
const reasonOf = (result: { ok: true } | { ok: false; reason: string }): string => (result.ok ? '' : result.reason);

describe('auction ids as people type them', () => {
  it('drops the spaces around it and a leading #, and reads it lower case', () => {
    expect(normalizeAuctionId('  #AbCd12  ')).toBe('abcd12');
  });

  it('keeps a # that is not the first character', () => {
    expect(normalizeAuctionId('ab#cd')).toBe('ab#cd');
  });

  it('takes 4 to 40 lower-case letters and digits, and nothing around them', () => {
    expect(isAuctionIdShaped('abc1')).toBe(true);
    expect(isAuctionIdShaped('a'.repeat(40))).toBe(true);
    expect(isAuctionIdShaped('abc')).toBe(false);
    expect(isAuctionIdShaped('a'.repeat(41))).toBe(false);
    expect(isAuctionIdShaped('ABCD')).toBe(false);
    expect(isAuctionIdShaped('x-abcd')).toBe(false);
    expect(isAuctionIdShaped('abcd-x')).toBe(false);
  });

  it('names the trailing embed task by its auction and the edit it waits behind', () => {
    expect(embedTaskName('a1b2', 1_700_000_000_000)).toBe('embed-a1b2-1700000000000');
  });
});

describe('parsing /c500 auction start', () => {
  it('reads a full form: the item, the price in minor units, the duration, the reserve, the counter-bid, sudden death and the default ladder', () => {
    expect(parseAuctionStart({ ...valid, price: '12.50', reserve: '40', 'counter-bid': 30, 'sudden-death': true }, 'usd')).toEqual({
      ok: true,
      form: {
        item: 'Tofu65 in e-white',
        startCents: 1_250,
        durationSeconds: 600,
        reserveCents: 4_000,
        counterBidSeconds: 30,
        suddenDeath: true,
        ladder: [...defaultLadder],
      },
    });
  });

  it('leaves out what was not given: no reserve, the deployment’s counter-bid, no sudden death', () => {
    expect(parseAuctionStart(valid, 'usd')).toEqual({
      ok: true,
      form: {
        item: 'Tofu65 in e-white',
        startCents: 2_500,
        durationSeconds: 600,
        reserveCents: 0,
        counterBidSeconds: undefined,
        suddenDeath: false,
        ladder: defaultLadder,
      },
    });
  });

  it('takes sudden death only when it is switched on', () => {
    const suddenDeath = (value: boolean) => {
      const form = parseAuctionStart({ ...valid, 'sudden-death': value }, 'usd');
      return form.ok && form.form.suddenDeath;
    };
    expect(suddenDeath(true)).toBe(true);
    expect(suddenDeath(false)).toBe(false);
  });

  it('names every missing option at once', () => {
    expect(parseAuctionStart({}, 'usd')).toEqual({
      ok: false,
      problems: [
        '**item**: say what is up for auction in words people can see, for example `Tofu65 in e-white`.',
        '**price**: ` ` isn’t an amount. Type an amount like `25` or `25.50`.',
        '**duration**: ` ` isn’t a duration. Type a duration like `90s`, `10m` or `1h30m`.',
      ],
    });
  });

  it('takes an item of up to 100 characters, and names the limit past it', () => {
    const at = parseAuctionStart({ ...valid, item: 'k'.repeat(auctionLimits.maxItemLength) }, 'usd');
    expect(at.ok && at.form.item).toBe('k'.repeat(100));
    expect(problemsOf(parseAuctionStart({ ...valid, item: 'k'.repeat(101) }, 'usd'))).toEqual(['**item**: keep it under 100 characters.']);
  });

  it('names an unreadable price, and a price under the least a card payment can be', () => {
    expect(problemsOf(parseAuctionStart({ ...valid, price: '12.345' }, 'usd'))).toEqual([
      '**price**: `12.345` has more than two decimals: money goes to the cent. Type an amount like `25` or `25.50`.',
    ]);
    expect(problemsOf(parseAuctionStart({ ...valid, price: '0.49' }, 'usd'))).toEqual([
      '**price**: start at `0.50` or more: $0.50 is the least a card payment can be.',
    ]);
    const least = parseAuctionStart({ ...valid, price: '0.50' }, 'usd');
    expect(least.ok && least.form.startCents).toBe(50);
  });

  it('names a duration it cannot take', () => {
    expect(problemsOf(parseAuctionStart({ ...valid, duration: '5s' }, 'usd'))).toEqual([
      '**duration**: An auction runs at least 10 seconds. Type a duration like `90s`, `10m` or `1h30m`.',
    ]);
  });

  it('takes a reserve above the start price, in the currency’s decimals', () => {
    const form = parseAuctionStart({ ...valid, reserve: '25.01' }, 'usd');
    expect(form.ok && form.form.reserveCents).toBe(2_501);
  });

  it('refuses a reserve at or below the start price, saying to leave it out', () => {
    const problem = '**reserve**: a reserve must be above the starting price; leave it out to sell at any price.';
    expect(problemsOf(parseAuctionStart({ ...valid, reserve: 25 }, 'usd'))).toEqual([problem]);
    expect(problemsOf(parseAuctionStart({ ...valid, reserve: 10 }, 'usd'))).toEqual([problem]);
  });

  it('names an unreadable reserve', () => {
    expect(problemsOf(parseAuctionStart({ ...valid, reserve: 'lots' }, 'usd'))).toEqual([
      '**reserve**: `lots` isn’t an amount. Type an amount like `25` or `25.50`.',
    ]);
  });

  it('does not hold a reserve to a price it could not read', () => {
    expect(problemsOf(parseAuctionStart({ ...valid, price: 'free', reserve: 40 }, 'usd'))).toEqual([
      '**price**: `free` isn’t an amount. Type an amount like `25` or `25.50`.',
    ]);
  });

  it('takes a counter-bid of whole seconds from 0 to 600', () => {
    const counterBid = (value: number) => {
      const form = parseAuctionStart({ ...valid, 'counter-bid': value }, 'usd');
      return form.ok ? form.form.counterBidSeconds : problemsOf(form);
    };
    expect(counterBid(0)).toBe(0);
    expect(counterBid(auctionLimits.maxCounterBidSeconds)).toBe(600);
    const problem = ['**counter-bid**: whole seconds from 0 to 600, for example `10`.'];
    expect(counterBid(-1)).toEqual(problem);
    expect(counterBid(601)).toEqual(problem);
    expect(counterBid(1.5)).toEqual(problem);
  });
});

describe('parsing a duration', () => {
  it('reads hours, minutes and seconds in that order, in any case and with spaces', () => {
    expect(parseDuration('90s')).toEqual({ ok: true, seconds: 90 });
    expect(parseDuration('10m')).toEqual({ ok: true, seconds: 600 });
    expect(parseDuration('2m30s')).toEqual({ ok: true, seconds: 150 });
    expect(parseDuration(' 1H 30m ')).toEqual({ ok: true, seconds: 5_400 });
    expect(parseDuration('1h0m1s')).toEqual({ ok: true, seconds: 3_601 });
  });

  it('takes 10 seconds to 12 hours, the bounds included', () => {
    expect(parseDuration('10s')).toEqual({ ok: true, seconds: 10 });
    expect(parseDuration('12h')).toEqual({ ok: true, seconds: 43_200 });
    expect(parseDuration('9s')).toEqual({ ok: false, reason: 'An auction runs at least 10 seconds. Type a duration like `90s`, `10m` or `1h30m`.' });
    expect(parseDuration('12h1s')).toEqual({ ok: false, reason: 'An auction runs at most 12 hours. Type a duration like `90s`, `10m` or `1h30m`.' });
  });

  it('asks for a unit when only a number is typed', () => {
    expect(parseDuration('90')).toEqual({ ok: false, reason: '`90` needs a unit: `90s` or `90m`.' });
  });

  it('quotes what it cannot read, trimmed, and a blank as a space', () => {
    const example = 'Type a duration like `90s`, `10m` or `1h30m`.';
    expect(parseDuration('  soon  ')).toEqual({ ok: false, reason: `\`soon\` isn’t a duration. ${example}` });
    expect(parseDuration('   ')).toEqual({ ok: false, reason: `\` \` isn’t a duration. ${example}` });
    expect(parseDuration('x90')).toEqual({ ok: false, reason: `\`x90\` isn’t a duration. ${example}` });
    expect(parseDuration('90x')).toEqual({ ok: false, reason: `\`90x\` isn’t a duration. ${example}` });
  });

  it('refuses units out of order or with anything around them', () => {
    for (const typed of ['abc10m', '10mabc', '30s1m', '1m1h', '1d'])
      expect(parseDuration(typed)).toEqual({ ok: false, reason: `\`${typed}\` isn’t a duration. Type a duration like \`90s\`, \`10m\` or \`1h30m\`.` });
  });
});

describe('a bid button’s custom_id', () => {
  it('bids exactly the amount it was made with, as its max too', () => {
    expect(bidFromButton(bidButtonCustomId('abcd12', 4_200))).toEqual({ auctionId: 'abcd12', amountCents: 4_200, maxCents: 4_200 });
  });

  it('holds a forged amount to a typed amount’s bounds: more than zero, at most the largest card payment', () => {
    expect(bidFromButton(`bid:abcd:${maxAmountCents}`)).toEqual({ auctionId: 'abcd', amountCents: maxAmountCents, maxCents: maxAmountCents });
    expect(bidFromButton(`bid:abcd:${maxAmountCents + 1}`)).toBeUndefined();
    expect(bidFromButton('bid:abcd:0')).toBeUndefined();
  });

  it('is not a bid with anything before or after it', () => {
    expect(bidFromButton('xbid:abcd:100')).toBeUndefined();
    expect(bidFromButton('bid:abcd:100x')).toBeUndefined();
    expect(bidFromButton('bid:abcd:1000000000000')).toBeUndefined();
  });
});

describe('parsing /bid', () => {
  it('reads a typed amount with decimals, and bids it as its own max', () => {
    expect(parseBidCommand({ amount: '12.50' }, 'usd')).toEqual({ ok: true, bid: { amountCents: 1_250, maxCents: 1_250 } });
  });

  it('names a missing amount', () => {
    expect(parseBidCommand({}, 'usd')).toEqual({ ok: false, reason: '**amount**: ` ` isn’t an amount. Type an amount like `25` or `25.50`.' });
  });

  it('takes a max at or above the amount', () => {
    expect(parseBidCommand({ amount: 20, max: '35.5' }, 'usd')).toEqual({ ok: true, bid: { amountCents: 2_000, maxCents: 3_550 } });
    expect(parseBidCommand({ amount: 20, max: 20 }, 'usd')).toEqual({ ok: true, bid: { amountCents: 2_000, maxCents: 2_000 } });
  });

  it('refuses a max below the amount, saying to leave it out', () => {
    expect(parseBidCommand({ amount: 20, max: '19.99' }, 'usd')).toEqual({
      ok: false,
      reason: '**max** is the most we may bid for you, so it can’t be below your amount. Leave it out to bid just the amount.',
    });
  });

  it('names a max it cannot read', () => {
    expect(parseBidCommand({ amount: 20, max: 'lots' }, 'usd')).toEqual({
      ok: false,
      reason: '**max**: `lots` isn’t an amount. Type an amount like `25` or `25.50`.',
    });
  });

  it('bids in the auction named, as people type its id', () => {
    expect(parseBidCommand({ amount: 20, auction: ' #AbCd12 ' }, 'usd')).toEqual({
      ok: true,
      bid: { auctionId: 'abcd12', amountCents: 2_000, maxCents: 2_000 },
    });
  });

  it('refuses what cannot be an auction id, quoting at most 40 characters of it', () => {
    expect(parseBidCommand({ amount: 20, auction: 'nope!' }, 'usd')).toEqual({
      ok: false,
      reason: '**auction**: `nope!` isn’t an auction id. Leave it out to bid in this channel’s live auction.',
    });
    const long = parseBidCommand({ amount: 20, auction: 'z'.repeat(50) }, 'usd');
    expect(reasonOf(long)).toBe(`**auction**: \`${'z'.repeat(40)}\` isn’t an auction id. Leave it out to bid in this channel’s live auction.`);
  });
});
