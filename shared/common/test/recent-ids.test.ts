import { RecentIds } from '../use-cases/recent-ids';

describe('an ingress’s memory of ids it handed off', () => {
  it('hands an id off once and answers false for a repeat without calling again', async () => {
    const recent = new RecentIds();
    let calls = 0;
    const handOff = async () => void calls++;
    expect(await recent.once('evt_1', handOff)).toBe(true);
    expect(await recent.once('evt_1', handOff)).toBe(false);
    expect(calls).toBe(1);
  });

  it('gives the id back when the hand-off fails, so the sender’s retry goes through', async () => {
    const recent = new RecentIds();
    await expect(recent.once('evt_1', () => Promise.reject(new Error('pubsub down')))).rejects.toThrow('pubsub down');
    expect(await recent.once('evt_1', async () => undefined)).toBe(true);
  });

  it('forgets the oldest id beyond its capacity', async () => {
    const recent = new RecentIds(2);
    for (const id of ['a', 'b', 'c']) recent.claim(id);
    expect(recent.claim('a')).toBe(true);
    expect(recent.claim('c')).toBe(false);
  });
});
