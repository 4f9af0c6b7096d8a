import { redeliveryDelaySeconds } from '../../../shared/local/emulator-puller';

describe('the wait before a failed Pub/Sub delivery comes again', () => {
  const terraform = { minMs: 10_000, maxMs: 600_000 };

  it('doubles from the retry policy’s minimum after each failed attempt, as Pub/Sub’s exponential back-off does', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => redeliveryDelaySeconds(terraform, attempt))).toEqual([10, 20, 40, 80, 160]);
  });

  it('stops growing at the retry policy’s maximum', () => {
    expect(redeliveryDelaySeconds(terraform, 7)).toBe(600);
    expect(redeliveryDelaySeconds(terraform, 40)).toBe(600);
  });

  it('waits at least a whole second, the shortest ack deadline the emulator takes', () => {
    expect(redeliveryDelaySeconds({ minMs: 5, maxMs: 20 }, 1)).toBe(1);
    expect(redeliveryDelaySeconds({ minMs: 1_500, maxMs: 60_000 }, 1)).toBe(2);
  });

  it('never asks an ack deadline past the 600 s Pub/Sub allows, whatever the policy', () => {
    expect(redeliveryDelaySeconds({ minMs: 10_000, maxMs: 3_600_000 }, 12)).toBe(600);
  });
});
