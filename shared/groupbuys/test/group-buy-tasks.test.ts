/**
 * The `groupbuy-close` queue's tasks beside the close and the charging: the batches of pledges
 * let go without a charge, read only in the shape this module schedules them, and named so a
 * redelivered schedule makes one task.
 */
import { chargeTaskName, isChargeTask, isReleaseTask, parseGroupBuyTask, releasePace, releaseTaskName } from '../rules/charge-tasks';

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
