/**
 * A show runs as a host and the chat would run it, through really signed requests: lots go
 * up one after another by themselves, the host's buttons change the run, and however the
 * gap's task arrives (twice, early, after a pause) one lot is live at a time and none is
 * skipped. Money (one checkout per winner, the host's cut) has its own file.
 */
import { bid } from '../support/auctions';
import { snowflake } from '../support/interactions';
import { postsIn, say, textOf } from '../support/marketplace';
import type { TestRuntime } from '../support/local-runtime';
import type { TestClock } from '../support/auctions';
import {
  SHOW_CHANNEL,
  addLot,
  createShow,
  hammerLot,
  lotAuction,
  lotStates,
  pressLot,
  pressRunSheet,
  runSheetNow,
  showPress,
  showWorld,
  startShow,
  theShow,
  waitOutGap,
} from '../support/shows';
import { nextLotTaskName, showPath } from '../../shared/shows/rules/show';

jest.setTimeout(60_000);

let rt: TestRuntime;
let clock: TestClock;
let host: string;
let builders: [string, string];

beforeEach(async () => {
  ({ rt, clock, host, builders } = await showWorld());
});

afterEach(async () => {
  await rt.close();
});

async function threeLots(): Promise<void> {
  expect(textOf(await createShow(rt, host))).toContain('is set up');
  await addLot(rt, builders[0], { item: 'Tofu65 in e-white', price: 100 });
  await addLot(rt, builders[1], { item: 'Lavender 65%', price: 50, reserve: 500 });
  await addLot(rt, builders[0], { item: 'Brass Bauer', price: 80 });
}

describe('a show running by itself', () => {
  test('three lots go up one after another, each after the gap, and the show ends after the last hammer', async () => {
    await threeLots();
    const viewer = snowflake();
    expect(textOf(await startShow(rt, host))).toContain('on air');
    expect(await lotStates(rt)).toEqual(['live', 'up-next', 'up-next']);
    expect(textOf(await bid(rt, viewer, 120))).toMatch(/lead/i);

    expect((await hammerLot(rt, clock, 1)).status).toBe('awaiting-payment');
    expect(await lotStates(rt)).toEqual(['done', 'up-next', 'up-next']);
    const gap = await theShow(rt);
    expect(Date.parse(gap.nextLotAt as string)).toBe(clock.ms + 10_000);

    await waitOutGap(rt, clock);
    expect(await lotStates(rt)).toEqual(['done', 'live', 'up-next']);
    await bid(rt, viewer, 60);
    expect((await hammerLot(rt, clock, 2)).unsoldReason).toBe('reserve-not-met');

    await waitOutGap(rt, clock);
    expect(await lotStates(rt)).toEqual(['done', 'done', 'live']);
    await bid(rt, viewer, 90);
    await hammerLot(rt, clock, 3);

    const over = await theShow(rt);
    expect(over.status).toBe('ended');
    expect(over.lots.map((l) => l.state)).toEqual(['done', 'done', 'done']);
    await waitOutGap(rt, clock, 1);
    const sheet = textOf(runSheetNow(rt, over));
    expect(sheet).toContain('The show is over');
    expect(sheet).toMatch(/Tofu65 in e-white.*sold to <@\d+> for \*\*\$120\.00\*\*/);
    expect(sheet).toMatch(/Lavender 65%.*unsold/);
    expect(sheet).toContain('2 of 3 lots sold · $210.00 · 1 unsold');
    expect(postsIn(rt, SHOW_CHANNEL).some((m) => textOf(m).includes('That’s a wrap on **Friday night keebs**: 2 of 3 lots sold for $210.00'))).toBe(true);
  });

  test('the run sheet follows the live lot’s price and leader', async () => {
    await threeLots();
    await startShow(rt, host);
    const show = await theShow(rt);
    const viewer = snowflake();
    await bid(rt, viewer, 130);
    clock.advance(2_000);
    await rt.tasks.runDueNow();
    await rt.settle();
    expect(textOf(runSheetNow(rt, show))).toMatch(new RegExp(`Tofu65 in e-white.*live.*\\$130\\.00, <@${viewer}> leads`));
  });
});

describe('the host’s buttons', () => {
  test('Next lot puts the next lot up at once, instead of after the gap', async () => {
    await threeLots();
    await startShow(rt, host);
    expect(textOf(await pressRunSheet(rt, host, await theShow(rt), 'next', true))).toContain('still live');
    await hammerLot(rt, clock, 1);
    expect(textOf(await pressRunSheet(rt, host, await theShow(rt), 'next', true))).toContain('going up now');
    expect(await lotStates(rt)).toEqual(['done', 'live', 'up-next']);
    // The gap's task for lot 2 arrives later and finds it live: nothing more goes up.
    await waitOutGap(rt, clock);
    expect(await lotStates(rt)).toEqual(['done', 'live', 'up-next']);
  });

  test('two Next lot presses at once put one lot up, with one card', async () => {
    await threeLots();
    await startShow(rt, host);
    await hammerLot(rt, clock, 1);
    const show = await theShow(rt);
    await Promise.all([pressRunSheet(rt, host, show, 'next', true), pressRunSheet(rt, host, show, 'next', true)]);
    expect(await lotStates(rt)).toEqual(['done', 'live', 'up-next']);
    const cards = rt.outbox.entries.filter((e) => e.kind === 'channel' && textOf(e.message).includes('Live auction: Lavender 65%'));
    expect(cards).toHaveLength(1);
    expect((await lotAuction(rt, 2)).messageId).toBe(cards[0]?.messageId);
  });

  test('Pause lets the live lot run to its hammer and holds the next; Resume puts it up after the gap', async () => {
    await threeLots();
    await startShow(rt, host);
    expect(textOf(await pressRunSheet(rt, host, await theShow(rt), 'pause', true))).toContain('runs to its hammer');
    await hammerLot(rt, clock, 1);
    await waitOutGap(rt, clock, 60);
    expect(await lotStates(rt)).toEqual(['done', 'up-next', 'up-next']);
    expect(textOf(await pressRunSheet(rt, host, await theShow(rt), 'next', true))).toContain('Resume');

    expect(textOf(await pressRunSheet(rt, host, await theShow(rt), 'resume', true))).toContain('goes up in 10s');
    expect(await lotStates(rt)).toEqual(['done', 'up-next', 'up-next']);
    await waitOutGap(rt, clock);
    expect(await lotStates(rt)).toEqual(['done', 'live', 'up-next']);
  });

  test('End show lets the live lot finish, runs no other lot, and the show wraps up after its hammer', async () => {
    await threeLots();
    await startShow(rt, host);
    expect(textOf(await pressRunSheet(rt, host, await theShow(rt), 'end', true))).toContain('ending');
    expect(await lotStates(rt)).toEqual(['live', 'skipped', 'skipped']);
    await hammerLot(rt, clock, 1);
    await waitOutGap(rt, clock);
    const over = await theShow(rt);
    expect(over.status).toBe('ended');
    expect(over.checkoutsOpenedAt).toBeDefined();
    expect(over.lots.map((l) => l.state)).toEqual(['done', 'skipped', 'skipped']);
    expect(textOf(runSheetNow(rt, over))).toContain('not run: the show ended before it');
  });

  test('removing the last lot up next in the gap ends the show, and it wraps up', async () => {
    expect(textOf(await createShow(rt, host))).toContain('is set up');
    await addLot(rt, builders[0], { item: 'Tofu65 in e-white', price: 100 });
    await addLot(rt, builders[1], { item: 'Lavender 65%', price: 50 });
    await startShow(rt, host);
    await hammerLot(rt, clock, 1);
    const gap = await theShow(rt);
    await pressLot(rt, host, gap, 'remove', gap.lots[1]!.lotId, true);
    const over = await theShow(rt);
    expect(over.status).toBe('ended');
    expect(over.checkoutsOpenedAt).toBeDefined();
    expect(postsIn(rt, SHOW_CHANNEL).some((m) => textOf(m).includes('That’s a wrap'))).toBe(true);
  });

  test('End pressed again on an ended show finishes a wrap-up that did not finish, and changes nothing else', async () => {
    await threeLots();
    await startShow(rt, host);
    await hammerLot(rt, clock, 1);
    await pressRunSheet(rt, host, await theShow(rt), 'end', true);
    // As if the first press had failed after recording the end: the wrap-up is still owed.
    await rt.store.update(showPath((await theShow(rt)).showId), { checkoutsOpenedAt: null } as never);
    expect(textOf(await pressRunSheet(rt, host, await theShow(rt), 'end', true))).toContain('over');
    expect((await theShow(rt)).checkoutsOpenedAt).toEqual(expect.any(String));
    expect(await lotStates(rt)).toEqual(['done', 'skipped', 'skipped']);
  });

  test('a member who is not a host is refused every control, and nothing changes', async () => {
    await threeLots();
    await startShow(rt, host);
    const member = snowflake();
    for (const action of ['next', 'pause', 'resume', 'end'] as const)
      expect(textOf(await pressRunSheet(rt, member, await theShow(rt), action))).toContain('Only the show’s host');
    expect(textOf(await say(rt, member, { path: ['show', 'create'], options: { title: 'Mine' } }))).toContain('Only the show’s host');
    const lot = (await theShow(rt)).lots[2];
    expect(textOf(await pressLot(rt, member, await theShow(rt), 'remove', lot!.lotId))).toContain('Only the show’s host');
    expect((await theShow(rt)).status).toBe('running');
    expect(await lotStates(rt)).toEqual(['live', 'up-next', 'up-next']);
  });

  test('the host moves and removes lots before they run, and the run follows the new order', async () => {
    await threeLots();
    const planned = await theShow(rt);
    const [first, second, third] = planned.lots.map((l) => l.lotId);
    await pressLot(rt, host, planned, 'up', third!, true);
    expect((await theShow(rt)).lots.map((l) => l.lotId)).toEqual([first, third, second]);
    await pressLot(rt, host, planned, 'remove', first!, true);
    expect((await theShow(rt)).lots.map((l) => l.lotId)).toEqual([third, second]);
    await startShow(rt, host);
    expect((await lotAuction(rt, 1)).item).toBe('Brass Bauer');
    // A lot that went up is the auction's now.
    expect(textOf(await pressLot(rt, host, await theShow(rt), 'down', third!, true))).toContain('already gone up');
  });
});

describe('the gap’s task', () => {
  async function inTheGap() {
    await threeLots();
    await startShow(rt, host);
    await hammerLot(rt, clock, 1);
    const show = await theShow(rt);
    const next = show.lots[1]!;
    return { show, task: { showId: show.showId, lotId: next.lotId, step: show.step } };
  }
  const deliver = (task: unknown) =>
    fetch(`${rt.url}/tasks/show-next`, { method: 'POST', body: JSON.stringify(task), headers: { 'content-type': 'application/json' } });

  test('delivered early, it is answered "not yet" and starts nothing', async () => {
    const { task } = await inTheGap();
    const res = await deliver(task);
    expect(res.status).toBe(425);
    await rt.settle();
    expect(await lotStates(rt)).toEqual(['done', 'up-next', 'up-next']);
  });

  test('delivered twice at its time, it puts one lot up, once', async () => {
    const { task } = await inTheGap();
    clock.advance(10_000);
    const answers = await Promise.all([deliver(task), deliver(task)]);
    await rt.settle();
    // One puts the lot up. The other finds it up: done (200) if its card is posted, or, while the
    // first is still posting it, "come back" (425, the queue redelivers). Which one depends on timing.
    const statuses = answers.map((a) => a.status).sort();
    expect([
      [200, 200],
      [200, 425],
    ]).toContainEqual(statuses);
    expect(await lotStates(rt)).toEqual(['done', 'live', 'up-next']);
    const lot2 = await lotAuction(rt, 2);
    const embeds = rt.outbox.entries.filter((e) => e.kind === 'channel' && textOf(e.message).includes('Live auction: Lavender 65%'));
    expect(embeds).toHaveLength(1);
    expect(lot2.status).toBe('live');
    // And the queue's own copy, when it comes, finds the lot live.
    await waitOutGap(rt, clock, 1);
    expect(await lotStates(rt)).toEqual(['done', 'live', 'up-next']);
  });

  test('a task from before a pause is stale after it, and skips nothing', async () => {
    const { show, task } = await inTheGap();
    await pressRunSheet(rt, host, show, 'pause', true);
    clock.advance(10_000);
    expect((await deliver(task)).status).toBe(200);
    await rt.settle();
    expect(await lotStates(rt)).toEqual(['done', 'up-next', 'up-next']);
    await pressRunSheet(rt, host, show, 'resume', true);
    await waitOutGap(rt, clock);
    expect(await lotStates(rt)).toEqual(['done', 'live', 'up-next']);
    expect((await lotAuction(rt, 2)).item).toBe('Lavender 65%');
  });

  test('the task is named from the show, the lot and the step', async () => {
    const { show, task } = await inTheGap();
    const waiting = await rt.store.get(`_localTasks/${encodeURIComponent(`show-next:${nextLotTaskName(show.showId, task.lotId, task.step)}`)}` as never);
    expect(waiting).toMatchObject({ state: 'waiting', payload: task });
  });
});

describe('who may do what', () => {
  test('a builder who is not onboarded cannot add a lot', async () => {
    await createShow(rt, host);
    const stranger = snowflake();
    expect(textOf(await addLot(rt, stranger))).toContain('/c500 onboard');
    expect((await theShow(rt)).lots).toHaveLength(0);
  });

  test('a lot is added only in a channel with a show, and told the host’s cut before anything sells', async () => {
    expect(textOf(await addLot(rt, builders[0]))).toContain('no show in this channel');
    await createShow(rt, host);
    const answer = textOf(await addLot(rt, builders[0], { price: 100 }));
    expect(answer).toContain('takes 10% of the price (the show’s rate is fixed when it starts) and the platform 10%');
    expect(answer).toContain('you’d get $80.00');
  });

  test('a second show in the same channel is refused until the first ends', async () => {
    await createShow(rt, host);
    expect(textOf(await createShow(rt, host, 'Another'))).toContain('already has the show');
  });

  test('an auction cannot start in a channel whose show is on air, not even between lots', async () => {
    await threeLots();
    await startShow(rt, host);
    await hammerLot(rt, clock, 1);
    const answer = textOf(await say(rt, builders[1], { path: ['auction', 'start'], options: { item: 'Sneaky', price: 10, duration: '1m' } }));
    expect(answer).toContain('is on air in this channel');
  });

  test('a button naming a show of another server is answered as stale, and changes nothing', async () => {
    await threeLots();
    await startShow(rt, host);
    const show = await theShow(rt);
    const press = showPress(`show:${show.showId}:end`, host, true);
    const res = await rt.sendInteraction({ ...press, guild_id: '900000000000000999' });
    expect(res.status).toBe(200);
    await rt.settle();
    expect((await theShow(rt)).status).toBe('running');
  });
});
