/**
 * What a bidder's last answer becomes once the hammer has dropped (issue 61): never "you
 * lead… ends in" after the result; and the end given with no final call after it.
 */
import { endText, resultAnswer } from '../rules/auction-messages';
import { EPHEMERAL, builder, member, endsAtMs } from './auction-message-fixtures';

describe('what a bidder’s last answer becomes at the result', () => {
  const a = { item: 'Tofu65', currency: 'usd' };
  const sold = { kind: 'sold' as const, winnerId: member, winnerName: 'ann', priceCents: 4_200 };

  it('tells the winner they won, at what price, and where to pay: a DM, or a show’s one checkout', () => {
    expect(resultAnswer(a, sold, member)).toEqual({
      content: '🔨 **You won Tofu65** for **$42.00**. Check your DMs to pay.',
      flags: EPHEMERAL,
      allowed_mentions: { parse: [] },
    });
    expect(resultAnswer({ ...a, show: { showId: 's', lotId: 'l', hostId: 'h', hostName: 'H', hostCutBps: 0 } }, sold, member).content).toBe(
      '🔨 **You won Tofu65** for **$42.00**. You pay for your lots from this builder in one checkout when the show ends.',
    );
  });

  it('tells everyone else the lot sold to another bidder, or ended unsold, or was cancelled, each charging nothing', () => {
    expect(resultAnswer(a, sold, builder).content).toBe('🔨 **Tofu65** sold for **$42.00** to another bidder. Your bid didn’t win this time.');
    expect(resultAnswer(a, { kind: 'unsold', reason: 'the reserve wasn’t met.' }, member).content).toBe(
      '🔨 **Tofu65** ended unsold: the reserve wasn’t met. Nothing is charged.',
    );
    expect(resultAnswer(a, { kind: 'cancelled' }, member).content).toBe('**Tofu65**: the auction was cancelled. Nothing is charged.');
  });

  it('gives an end with no final call after it (an auction from before them, with no delay) to the second alone', () => {
    expect(endText({ endsAtMs, finalCallMs: 0 })).toBe('<t:1700000123:T> (<t:1700000123:R>)');
  });
});
