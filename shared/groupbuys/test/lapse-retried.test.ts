/**
 * A lapse whose run fails after it decided (soak seed 1: Discord's 429 on the lapsed buyer's DM):
 * the pledge is lapsed and its order expired, then the expiry task fails and runs again. The
 * retry finds the order expired and finishes what followed the lapse, each step once: the DMs,
 * the charge of whoever moved up from the waitlist, the funding settled. Nothing is left
 * `charging` with nobody to charge.
 */
import { closeTaskOf } from '../rules/charge-tasks';
import { closeGroupBuy } from '../use-cases/close-group-buy';
import { BUILDER, buyer, closeWorld, type CloseWorld, type SeededPledge } from './close-world';
import { personPseudonym } from '../../log';

const [one, lapsing, waiting] = [buyer(1), buyer(2), buyer(3)];

/** Closed with `lapsing`'s card needing its buyer, who never comes; the clock at their pay link's deadline. */
async function atTheDeadline(pledges: SeededPledge[], terms: { moq: number; cap?: number }): Promise<CloseWorld> {
  const w = await closeWorld();
  const groupBuy = await w.seed({ ...terms, pledges });
  await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
  await w.runCharging();
  await w.deliver();
  const { payBy } = await w.pledge(lapsing);
  w.advance(Date.parse(payBy as string) - w.now().getTime());
  return w;
}

/** Discord refuses the next DM with a 429, then takes DMs again. */
function failNextDm(w: CloseWorld): void {
  const sendDm = w.deps.discord.sendDm.bind(w.deps.discord);
  w.deps.discord.sendDm = async () => {
    w.deps.discord.sendDm = sendDm;
    throw new Error('429 Too Many Requests: You are being rate limited.');
  };
}

/** Cloud Tasks refuses the next task to arm, then takes tasks again. */
function failNextSchedule(w: CloseWorld): void {
  const schedule = w.deps.tasks.schedule.bind(w.deps.tasks);
  w.deps.tasks.schedule = async () => {
    w.deps.tasks.schedule = schedule;
    throw new Error('503 The service is currently unavailable.');
  };
}

const withWaitlist: SeededPledge[] = [{ buyerId: one }, { buyerId: lapsing, card: 'authentication_required' }, { buyerId: waiting, status: 'waitlisted' }];

describe('a lapse whose run fails after the pledge lapsed', () => {
  it('charges the pledge moved up from the waitlist when the expiry task runs again after the lapsed buyer’s DM was refused, and the group buy is funded', async () => {
    const w = await atTheDeadline(withWaitlist, { moq: 2, cap: 2 });
    failNextDm(w);
    await expect(w.runExpiries()).rejects.toThrow('rate limited');
    expect(await w.pledge(lapsing)).toMatchObject({ status: 'lapsed' });
    expect((await w.orders()).find((o) => o.buyerId === lapsing)?.status).toBe('expired');

    await w.runExpiries();
    await w.runCharging();
    expect(await w.pledge(waiting)).toMatchObject({ status: 'charged' });
    expect(await w.groupBuy()).toMatchObject({ status: 'funded', fundedUnits: 2, lapsedUnits: 1 });
    expect(w.dmsTo(lapsing).filter((dm) => dm.includes('closed unpaid'))).toHaveLength(1);
    expect(w.dmsTo(waiting)).toEqual([expect.stringContaining('A place opened'), expect.stringContaining('your card was charged')]);
  });

  it('starts the moved-up pledge’s charge once when the task that charges it could not be armed the first time', async () => {
    const w = await atTheDeadline(withWaitlist, { moq: 2, cap: 2 });
    failNextSchedule(w);
    await expect(w.runExpiries()).rejects.toThrow('unavailable');
    expect(await w.pledge(waiting)).toMatchObject({ status: 'pledged' });

    await w.runExpiries();
    await w.runExpiries();
    await w.runCharging();
    expect(await w.pledge(waiting)).toMatchObject({ status: 'charged' });
    expect((await w.paymentIntents()).filter((p) => p.metadata.buyer_pseudonym === personPseudonym(waiting))).toHaveLength(1);
    expect(w.dmsTo(waiting).filter((dm) => dm.includes('A place opened'))).toHaveLength(1);
    expect(await w.groupBuy()).toMatchObject({ status: 'funded', fundedUnits: 2 });
  });

  it('settles the funding when nobody waits to move up, telling the builder once', async () => {
    const w = await atTheDeadline([{ buyerId: one }, { buyerId: lapsing, card: 'authentication_required' }], { moq: 1 });
    failNextDm(w);
    await expect(w.runExpiries()).rejects.toThrow('rate limited');
    expect(await w.groupBuy()).toMatchObject({ status: 'charging' });

    await w.runExpiries();
    await w.runExpiries();
    expect(await w.groupBuy()).toMatchObject({ status: 'funded', fundedUnits: 1, lapsedUnits: 1 });
    expect(w.dmsTo(BUILDER)).toHaveLength(1);
    expect(w.dmsTo(lapsing).filter((dm) => dm.includes('closed unpaid'))).toHaveLength(1);
  });
});
