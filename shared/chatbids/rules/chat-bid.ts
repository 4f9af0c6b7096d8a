/**
 * @module chat-bid
 * `!bid` as viewers type it in Twitch chat: `!bid 500`, `!bid $520.50`, `!bid 1,200`,
 * `!bid 1.5k`, `!bid 500 max 800`. Anything else in chat is not a bid and is ignored
 * cheaply at the ingress; a `!bid` we cannot read gets one line back saying how.
 */
import { parseAmount } from '../../common';

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
  if (amount === undefined) return { kind: 'unreadable', problem: `"${clipWord(amountWord ?? '')}" isn’t an amount: try !bid 50` };
  if (maxKeyword === undefined) return { kind: 'bid', bid: { amountCents: amount, maxCents: amount } };
  if (maxKeyword.toLowerCase() !== 'max' || maxWord === undefined || rest.length > 0) {
    return { kind: 'unreadable', problem: 'a max goes like !bid 50 max 80' };
  }
  const max = amountOf(maxWord, currency);
  if (max === undefined) return { kind: 'unreadable', problem: `"${clipWord(maxWord)}" isn’t an amount: try !bid 50 max 80` };
  if (max < amount) return { kind: 'unreadable', problem: 'your max can’t be below your bid' };
  return { kind: 'bid', bid: { amountCents: amount, maxCents: max } };
}

/**
 * One amount: the marketplace's own parser (symbols, thousands commas, cents), plus a `k`
 * suffix for thousands (`1k`, `1.5k`), which chat uses and which cannot be misread: the
 * result is whole cents or it is refused.
 */
function amountOf(word: string, currency: string): number | undefined {
  const thousands = /^([$€£]?)(\d{1,3}(?:\.\d{1,3})?)k$/i.exec(word);
  if (thousands) {
    const [whole = '0', fraction = ''] = (thousands[2] ?? '').split('.');
    const units = Number(whole) * 1000 + Number(fraction.padEnd(3, '0'));
    const read = parseAmount(String(units), currency);
    return read.ok ? read.cents : undefined;
  }
  const read = parseAmount(word, currency);
  return read.ok ? read.cents : undefined;
}

// A viewer's word is quoted back in our own chat line: short, so it cannot carry a message of its own.
const clipWord = (word: string) => (word.length > 12 ? `${word.slice(0, 12)}…` : word);
