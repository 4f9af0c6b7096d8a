/**
 * What a bidder's last answer becomes once the hammer has dropped (issue 61): never "you
 * lead… ends in" after the result; and the end given with no final call after it.
 */
import { bidAnswer, endText, resultAnswer } from '../rules/auction-messages';
import { EPHEMERAL, answer, builder, member, endsAtMs } from './auction-message-fixtures';

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

describe('a leader’s answer whose token ends before the hammer', () => {
  // The hammer edits a bidder's answer with the result, but Discord lets an answer be edited for
  // 15 minutes only: an answer made earlier than that before the end cannot be reached then.
  const hammerMs = endsAtMs + 20_000;

  it('says when it was true and where the result will show, never a bare “you lead… ends in”', () => {
    const bidAtMs = hammerMs - 20 * 60_000;
    const text = bidAnswer(answer('leading'), bidAtMs).content ?? '';
    expect(text).toContain(`You lead at **$40.00** on **Tofu65 in e-white** as of <t:${Math.floor(bidAtMs / 1000)}:T>.`);
    expect(text).toContain('the auction’s post shows the result');
    expect(text).not.toMatch(/:R>/);
  });

  it('stays as it is when the hammer falls while the answer can still be edited with the result', () => {
    expect(bidAnswer(answer('leading'), hammerMs - 10 * 60_000).content).toMatch(
      /^You lead at \*\*\$40\.00\*\* on \*\*Tofu65 in e-white\*\*\. Bidding ends <t:/,
    );
  });
});
