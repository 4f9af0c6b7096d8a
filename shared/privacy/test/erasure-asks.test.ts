/**
 * The allowance of erasure asks (rules/erasure-asks): every erasure searches every store, so a
 * flood of asks from one person runs the allowance's searches and no more, each refused ask hears
 * when it may come again, and a Discord press delivered again after a failed run still finishes.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { buttonPress as pressIn } from '../../../test/support/interactions';
import type { Interaction } from '../../discord';
import { snowflakeAt, snowflakeTimeMs } from '../../common';
import { anyDocument } from '../use-cases/find-member-data';
import { eraseMember, eraseMemberData } from '../use-cases/erase-member';
import { confirmEraseButtonId, privacyAnswers } from '../rules/privacy-messages';
import { admitErasureAsk, erasureAskWindowMs, erasureAsksAllowed } from '../rules/erasure-asks';
import type { Fields } from '../rules/field-paths';

const buyer = '811000000000000101';
const clock = { now: () => new Date('2026-11-20T12:00:00Z') };
const publicBaseUrl = 'https://c500.example';

/** A member with a name on a bid history: something an erasure changes once. */
async function seeded(): Promise<LocalDocumentStore> {
  const store = new LocalDocumentStore();
  await store.set(anyDocument<Fields>('auctions/a1/history/0000'), {
    auctionId: 'a1',
    chunk: 0,
    bidderIds: [buyer],
    bids: [{ bidId: 'b1', bidderId: buyer, bidderName: 'Ada', amountCents: 2_000, leaderId: buyer }],
  });
  return store;
}

/** A press on the message `/c500 privacy` answered with a minute before. */
function buttonPress(customId: string, userId: string): Interaction {
  const press = pressIn(customId, userId);
  return { ...press, message: { id: snowflakeAt((snowflakeTimeMs(press.id) as number) - 60_000, 7) } };
}

describe('the allowance of erasure asks', () => {
  it('GIVEN asks at the allowance WHEN one more comes THEN it may come again when the oldest leaves the window', () => {
    const at = (ms: number) => ({ at: new Date(ms).toISOString() });
    const earlier = [at(1_000), at(2_000), at(3_000)];
    expect(admitErasureAsk(earlier, 4_000)).toEqual({ ok: false, askAgainAtMs: 1_000 + erasureAskWindowMs });
    expect(admitErasureAsk(earlier, 1_000 + erasureAskWindowMs)).toMatchObject({ ok: true });
  });

  it('GIVEN a flood of erasure asks from one person at once THEN only the allowance runs a search, and the rest are told when to ask again', async () => {
    const store = await seeded();
    let searches = 0;
    const deps = { store, clock, eraseElsewhere: async () => ((searches += 1), 0) };
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => eraseMemberData(deps, buyer)));
    expect(searches).toBe(erasureAsksAllowed);
    const refused = outcomes.filter((o) => o.kind === 'too-soon');
    expect(refused).toHaveLength(12 - erasureAsksAllowed);
    expect(refused[0]).toEqual({ kind: 'too-soon', askAgainAt: new Date(clock.now().getTime() + erasureAskWindowMs).toISOString() });
  });

  it('GIVEN the allowance spent on Discord THEN the next press is answered with when to ask again, and the press Discord delivers again still runs', async () => {
    const store = await seeded();
    let searches = 0;
    const deps = { store, clock, publicBaseUrl, eraseElsewhere: async () => ((searches += 1), 0) };
    const presses = Array.from({ length: erasureAsksAllowed }, () => buttonPress(confirmEraseButtonId(buyer), buyer));
    for (const press of presses) await eraseMember(deps, press);
    const refused = await eraseMember(deps, buttonPress(confirmEraseButtonId(buyer), buyer));
    const unix = (clock.now().getTime() + erasureAskWindowMs) / 1000;
    expect(refused).toEqual(privacyAnswers.tooSoon(new Date(unix * 1000).toISOString()));
    expect(refused.content).toContain(`Ask again <t:${unix}:R>`);
    expect(refused.components).toEqual([]);
    expect(searches).toBe(erasureAsksAllowed);
    // A press whose first run failed midway is delivered again by Pub/Sub: it finishes, never refused by its own ask.
    expect((await eraseMember(deps, presses[0] as Interaction)).content).toContain('already erased');
    expect(searches).toBe(erasureAsksAllowed + 1);
  });

  it('GIVEN the allowance spent WHEN the oldest ask leaves the window THEN an erasure runs again', async () => {
    const store = await seeded();
    let nowMs = clock.now().getTime();
    const moving = { now: () => new Date(nowMs) };
    for (let i = 0; i < erasureAsksAllowed; i++) {
      await eraseMemberData({ store, clock: moving }, buyer);
      nowMs += 1_000;
    }
    expect((await eraseMemberData({ store, clock: moving }, buyer)).kind).toBe('too-soon');
    nowMs = clock.now().getTime() + erasureAskWindowMs;
    expect((await eraseMemberData({ store, clock: moving }, buyer)).kind).toBe('already-erased');
  });
});
