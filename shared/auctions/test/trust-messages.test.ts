/**
 * What admins read of the block list: as many bidders as fit 1,600 characters, one a line,
 * then how many more; and the refusal when the list is full. Line lengths are counted by hand.
 */
import { discordLimitProblems } from '../../discord';
import { trustLimits, type BlockedBidder } from '../rules/bidder-trust';
import { trustAnswers, trustRefusals } from '../rules/trust-messages';

const blocked = (label: string, linked?: string[]): BlockedBidder => ({
  key: label,
  label,
  blockedBy: '100000000000000001',
  blockedAt: '2026-11-25T18:00:00.000Z',
  ...(linked ? { linked } : {}),
});

/** The lines of the list: between the heading and the closing hint. */
const linesOf = (list: BlockedBidder[]) => (trustAnswers.list(list).content ?? '').split('\n').slice(1, -1);

describe('the block list', () => {
  it('lists a short list whole, one bidder a line, with no count of more', () => {
    expect(linesOf([blocked('<@200000000000000002>'), blocked('twitch:kbfan', ['twitch:4242'])])).toEqual([
      '• <@200000000000000002>',
      '• twitch:kbfan and the accounts linked to it',
    ]);
  });

  it('counts the bidders in its heading', () => {
    expect(trustAnswers.list([blocked('a'), blocked('b'), blocked('c')]).content).toMatch(/^Blocked from this server’s auctions \(3\):\n• a\n• b\n• c\n/);
  });

  it('takes a line that ends exactly at 1,600 characters, and none after it', () => {
    // 31 lines of 50 characters (a 48-character label) take 31 × 51 = 1,581 with their line breaks;
    // a 19-character line then ends at 1,600 exactly; a 20-character one after it would not fit.
    const list = [
      ...Array.from({ length: 31 }, (_, i) => blocked(`${String(i).padStart(2, '0')}${'x'.repeat(46)}`)),
      blocked('y'.repeat(17)),
      blocked('z'.repeat(18)),
    ];
    const lines = linesOf(list);
    expect(lines).toHaveLength(33);
    expect(lines[31]).toBe(`• ${'y'.repeat(17)}`);
    expect(lines[32]).toBe('…and 1 more');
  });

  it('says how many more there are past what fits', () => {
    // 60-character labels: 62-character lines take 63 each, so 25 fit in 1,600 (1,575 + 62 would not).
    const list = Array.from({ length: 40 }, (_, i) => blocked(`${String(i).padStart(2, '0')}${'x'.repeat(58)}`));
    const lines = linesOf(list);
    expect(lines).toHaveLength(26);
    expect(lines[24]).toBe(`• 24${'x'.repeat(58)}`);
    expect(lines[25]).toBe('…and 15 more');
  });

  it('cuts a long label to 60 characters', () => {
    expect(linesOf([blocked('w'.repeat(100))])).toEqual([`• ${'w'.repeat(59)}…`]);
  });

  it('fits the fullest list in one message', () => {
    const list = Array.from({ length: trustLimits.maxBlocked }, (_, i) => blocked(`twitch:${'k'.repeat(40)}${i}`, ['twitch:1']));
    const message = trustAnswers.list(list);
    expect(discordLimitProblems(message)).toEqual([]);
    expect(message.content?.length).toBeLessThanOrEqual(1_800);
  });
});

describe('a full block list', () => {
  it('names the most a server can block', () => {
    expect(trustRefusals.listFull.content).toContain(`This server already blocks ${trustLimits.maxBlocked} bidders`);
    expect(trustRefusals.listFull.content).toContain('blocks 200 bidders');
  });
});
