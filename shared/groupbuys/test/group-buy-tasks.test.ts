/**
 * The `groupbuy-close` queue's tasks beside the close and the charging: the batches of pledges
 * let go without a charge, the batches of a funded group buy's cards let go at Stripe, and an
 * interest check's end, each read only in the shape this
 * module schedules it, and named so a redelivered schedule makes one task.
 */
import {
  cardReleasePace,
  cardReleaseTaskName,
  chargeTaskName,
  isCardReleaseTask,
  isChargeTask,
  isInterestEndTask,
  isReleaseTask,
  parseGroupBuyTask,
  releasePace,
  releaseTaskName,
} from '../rules/charge-tasks';
import { interestCheckLifeMs, interestEndTaskName, interestEndTaskOf, interestEndsAtMs } from '../rules/interest-end';

describe('a batch of pledges let go', () => {
  it('is named by its group buy and its number, apart from any batch of charges', () => {
    expect(releaseTaskName({ groupBuyId: 'gb1', releaseBatch: 3 })).toBe('groupbuy-release-gb1-3');
    expect(releaseTaskName({ groupBuyId: 'gb1', releaseBatch: 3 })).not.toBe(chargeTaskName({ groupBuyId: 'gb1', chain: 'close', batch: 3 }));
  });

  it('is read back as itself, and told apart from a batch of charges and a close', () => {
    const release = parseGroupBuyTask({ groupBuyId: 'gb1', releaseBatch: 1 });
    expect(release).toEqual({ groupBuyId: 'gb1', releaseBatch: 1 });
    expect(release && isReleaseTask(release)).toBe(true);
    expect(release && isChargeTask(release)).toBe(false);
    for (const other of [
      { groupBuyId: 'gb1', chain: 'close', batch: 1 },
      { groupBuyId: 'gb1', closesAtMs: 5 },
    ]) {
      const parsed = parseGroupBuyTask(other);
      expect(parsed).toEqual(other);
      expect(parsed && isReleaseTask(parsed)).toBe(false);
    }
  });

  it('is refused with a number below 1 or not whole, mixed with another task’s fields, or with a field of its own', () => {
    for (const bad of [
      { groupBuyId: 'gb1', releaseBatch: 0 },
      { groupBuyId: 'gb1', releaseBatch: -1 },
      { groupBuyId: 'gb1', releaseBatch: 1.5 },
      { groupBuyId: 'gb1', releaseBatch: '1' },
      { groupBuyId: 'gb1', releaseBatch: Number.MAX_SAFE_INTEGER + 1 },
      { groupBuyId: 'gb1', releaseBatch: 1, closesAtMs: 5 },
      { groupBuyId: 'gb1', releaseBatch: 1, chain: 'close' },
      { groupBuyId: 'gb1', releaseBatch: 1, batch: 1 },
      { groupBuyId: 'gb1', releaseBatch: 1, buyerId: '811' },
      { groupBuyId: 'gb/1', releaseBatch: 1 },
      { releaseBatch: 1 },
    ])
      expect(parseGroupBuyTask(bad)).toBeUndefined();
  });

  it('tells at most 20 pledgers, and the next starts a second after it ended', () => {
    expect(releasePace).toEqual({ batchSize: 20, spacingMs: 1_000 });
  });
});

describe('a batch of a funded group buy’s cards let go', () => {
  it('is named by its group buy and its number, apart from the other batches', () => {
    expect(cardReleaseTaskName({ groupBuyId: 'gb1', cardBatch: 3 })).toBe('groupbuy-cards-gb1-3');
    expect(cardReleaseTaskName({ groupBuyId: 'gb1', cardBatch: 3 })).not.toBe(releaseTaskName({ groupBuyId: 'gb1', releaseBatch: 3 }));
  });

  it('is read back as itself, and told apart from every other task', () => {
    const cards = parseGroupBuyTask({ groupBuyId: 'gb1', cardBatch: 2 });
    expect(cards).toEqual({ groupBuyId: 'gb1', cardBatch: 2 });
    expect(cards && isCardReleaseTask(cards)).toBe(true);
    expect(cards && (isReleaseTask(cards) || isChargeTask(cards))).toBe(false);
    const release = parseGroupBuyTask({ groupBuyId: 'gb1', releaseBatch: 1 });
    expect(release && isCardReleaseTask(release)).toBe(false);
  });

  it('is refused with a number below 1 or not whole, or mixed with another task’s fields', () => {
    for (const bad of [
      { groupBuyId: 'gb1', cardBatch: 0 },
      { groupBuyId: 'gb1', cardBatch: 1.5 },
      { groupBuyId: 'gb1', cardBatch: '1' },
      { groupBuyId: 'gb1', cardBatch: 1, releaseBatch: 1 },
      { groupBuyId: 'gb1', cardBatch: 1, closesAtMs: 5 },
      { groupBuyId: 'gb1', cardBatch: 1, chain: 'close', batch: 1 },
      { groupBuyId: 'gb1', cardBatch: 1, buyerId: '811' },
      { cardBatch: 1 },
    ])
      expect(parseGroupBuyTask(bad)).toBeUndefined();
  });

  it('lets go at most 20 cards, and the next starts a second after it ended', () => {
    expect(cardReleasePace).toEqual({ batchSize: 20, spacingMs: 1_000 });
  });
});

describe('an interest check’s end', () => {
  it('comes 30 days after the check was posted, named by the check alone', () => {
    expect(interestCheckLifeMs).toBe(30 * 24 * 60 * 60_000);
    expect(interestEndsAtMs({ createdAt: '2026-12-01T12:00:00.000Z' })).toBe(Date.parse('2026-12-31T12:00:00.000Z'));
    expect(interestEndTaskOf({ checkId: 'ab12cd34', createdAt: '2026-12-01T12:00:00.000Z' })).toEqual({
      name: 'interest-check-end-ab12cd34',
      payload: { checkId: 'ab12cd34' },
      atMs: Date.parse('2026-12-31T12:00:00.000Z'),
    });
    expect(interestEndTaskName({ checkId: 'ab12cd34' })).not.toBe(interestEndTaskName({ checkId: 'ab12cd35' }));
  });

  it('is read back as itself, and as no group buy’s task', () => {
    const end = parseGroupBuyTask({ checkId: 'ab12cd34' });
    expect(end).toEqual({ checkId: 'ab12cd34' });
    expect(end && isInterestEndTask(end)).toBe(true);
    expect(end && isReleaseTask(end)).toBe(false);
    expect(end && isChargeTask(end)).toBe(false);
    expect(isInterestEndTask({ groupBuyId: 'gb1', releaseBatch: 1 })).toBe(false);
  });

  it('is refused for an id not shaped as a check’s, or beside any other field', () => {
    for (const bad of [
      { checkId: 'AB12CD34' },
      { checkId: 'ab12cd3' },
      { checkId: 'ab/2cd34' },
      { checkId: 12345678 },
      { checkId: 'ab12cd34', groupBuyId: 'gb1' },
      { checkId: 'ab12cd34', closesAtMs: 5 },
      { checkId: undefined, groupBuyId: 'gb1', closesAtMs: 5 },
    ])
      expect(parseGroupBuyTask(bad)).toBeUndefined();
  });
});

describe('a close’s or a charge’s task', () => {
  it('is refused with a chain not wholly its own, a close mixed with a chain, or a close at or before the epoch', () => {
    for (const bad of [
      { groupBuyId: 'gb1', chain: 'xclose', batch: 1 },
      { groupBuyId: 'gb1', chain: 'close-x', batch: 1 },
      { groupBuyId: 'gb1', closesAtMs: 5, chain: 'close' },
      { groupBuyId: 'gb1', closesAtMs: 0 },
    ])
      expect(parseGroupBuyTask(bad)).toBeUndefined();
  });
});
