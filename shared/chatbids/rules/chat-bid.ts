/**
 * @module chat-bid
 * `!bid` as viewers type it in Twitch chat: `!bid 500`, `!bid $520.50` (the symbol the
 * auction's currency's own: `€50` in a dollar auction is refused, not read as $50), `!bid 1,200`,
 * `!bid 1.5k`, `!bid 500 max 800`. Anything else in chat is not a bid and is ignored
 * cheaply at the ingress; a `!bid` we cannot read gets one line back saying how.
 */
import { amountText, formatMoney, maxAmountCents, parseAmount, type AmountProblem } from '../../common';

/** Twitch's own limit on a chat message; nothing longer reaches us. */
export const chatMessageMaxChars = 500;

export interface ChatBid {
  amountCents: number;
  /** The most the book may bid for them; equals the amount without `max`. */
  maxCents: number;
}

export type ChatBidRead = { kind: 'bid'; bid: ChatBid } | { kind: 'unreadable'; problem: string } | { kind: 'not-a-bid' };

const command = /^\s*!bid(?:\s|$)/i;

/** The ingress's filter, run on every chat message at 1,000 a second: one regex, no parse. */
export function looksLikeChatBid(text: string): boolean {
  return command.test(text);
}

export function readChatBid(text: string, currency: string): ChatBidRead {
  if (!looksLikeChatBid(text)) return { kind: 'not-a-bid' };
  const words = text.trim().split(/\s+/).slice(1);
  if (words.length === 0) return { kind: 'unreadable', problem: 'say how much, like !bid 50 or !bid 50 max 80' };
  const [amountWord, maxKeyword, maxWord, ...rest] = words;
  const amount = amountOf(amountWord ?? '', currency);
  if (typeof amount === 'string') return { kind: 'unreadable', problem: `${amount}: try !bid 50` };
  if (maxKeyword === undefined) return { kind: 'bid', bid: { amountCents: amount, maxCents: amount } };
  if (maxKeyword.toLowerCase() !== 'max' || maxWord === undefined || rest.length > 0) {
    return { kind: 'unreadable', problem: 'a max goes like !bid 50 max 80' };
  }
  const max = amountOf(maxWord, currency);
  if (typeof max === 'string') return { kind: 'unreadable', problem: `${max}: try !bid 50 max 80` };
  if (max < amount) return { kind: 'unreadable', problem: 'your max can’t be below your bid' };
  return { kind: 'bid', bid: { amountCents: amount, maxCents: max } };
}

/** The currencies each symbol a viewer may type stands for: `€50` in a dollar auction is not $50. */
const symbolCurrencies: Record<string, readonly string[]> = {
  $: ['usd', 'cad', 'aud', 'nzd', 'sgd', 'hkd', 'mxn'],
  '€': ['eur'],
  '£': ['gbp'],
  '¥': ['jpy', 'cny'],
  '₩': ['krw'],
};

/**
 * One amount in whole cents, or what is wrong with it (without more than a few characters of
 * the viewer's word): the marketplace's own parser (thousands commas, cents), plus a `k`
 * suffix for thousands (`1k`, `1.5k`), which chat uses and which cannot be misread.
 */
function amountOf(word: string, currency: string): number | string {
  const symbol = currencySymbol.exec(word)?.[0];
  if (symbol && !symbolCurrencies[symbol]?.includes(currency.toLowerCase())) return `bids here are in ${currency.toUpperCase()}`;
  const thousands = /^[$€£¥₩]?(\d{1,3}(?:\.\d{1,3})?)k$/i.exec(word);
  const [whole = '0', fraction = ''] = (thousands?.[1] ?? '').split('.');
  const read = parseAmount(thousands ? String(Number(whole) * 1000 + Number(fraction.padEnd(3, '0'))) : word, currency);
  if (read.ok) return read.cents;
  // The parser's reasons are worded for Discord (markdown, the whole word quoted): said again for chat.
  const said: Record<AmountProblem, string> = {
    'too-big': `that’s more than ${formatMoney({ cents: maxAmountCents, currency })}, the most a card payment can be`,
    zero: 'an amount must be more than zero',
    negative: 'an amount can’t be negative',
    decimals: `"${clipWord(word)}" has more decimals than ${currency.toUpperCase()} has`,
    unreadable: `"${clipWord(word)}" isn’t an amount`,
    step: `${currency.toUpperCase()} goes in steps of 0.010: try ${(read.nearest ?? []).map((c) => amountText({ cents: c, currency })).join(' or ')}`,
  };
  return said[read.problem];
}

const currencySymbol = /^[$€£¥₩]/;

// A viewer's word is quoted back in our own chat line: short, so it cannot carry a message of its own.
const clipWord = (word: string) => (word.length > 12 ? `${word.slice(0, 12)}…` : word);
