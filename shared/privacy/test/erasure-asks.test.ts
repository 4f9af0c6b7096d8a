/**
 * When an erasure asked for searches (rules/erasure-asks): the first of ten minutes, and any ask
 * after the person did something (a marked action, a bid the live books hold); a flood with
 * nothing new searches once and is answered from that erasure; a Discord press delivered again
 * after a failed run still finishes.
 */
import fc from 'fast-check';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { buttonPress as pressIn } from '../../../test/support/interactions';
import type { Interaction } from '../../discord';
import { snowflakeAt, snowflakeTimeMs } from '../../common';
import { anyDocument } from '../use-cases/find-member-data';
import { eraseMember, eraseMemberData } from '../use-cases/erase-member';
import { erasureAsksOf, markActed } from '../use-cases/take-erasure-ask';
import { confirmEraseButtonId, privacyAnswers } from '../rules/privacy-messages';
import { admitErasureAsk, erasedLately, erasureAsksCollection, erasureAsksPath, erasureAskWindowMs, nothingNewWords } from '../rules/erasure-asks';
import type { Fields } from '../rules/field-paths';

const buyer = '811000000000000101';
const startMs = Date.parse('2026-11-20T12:00:00Z');
const clock = { now: () => new Date(startMs) };
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

/** A world whose searches are counted, and whose live books hold the auctions in `live` until a search takes them out. */
function counted(store: LocalDocumentStore, now: { now: () => Date } = clock) {
  const world = { searches: 0, live: new Set<string>() };
  const deps = {
    store,
    clock: now,
    publicBaseUrl,
    liveHeld: async () => [...world.live],
    eraseElsewhere: async () => {
      world.searches += 1;
      const held = world.live.size;
      world.live.clear();
      return held;
    },
  };
  return { world, deps };
}

describe('the rule of when an erasure asked for searches', () => {
  const at = (ms: number, interactionId?: string) => ({ at: new Date(ms).toISOString(), ...(interactionId ? { interactionId } : {}) });

  it('GIVEN no erasure in the window THEN the ask searches, and the record keeps it for ten minutes', () => {
    expect(admitErasureAsk(undefined, 5_000)).toEqual({
      ok: true,
      why: 'first',
      record: { asks: [at(5_000)], liveSeen: [] },
      expiresAtMs: 5_000 + erasureAskWindowMs,
    });
    expect(admitErasureAsk({ asks: [at(1_000)] }, 1_000 + erasureAskWindowMs)).toMatchObject({ ok: true, why: 'first' });
  });

  it('GIVEN an erasure in the window and nothing done since THEN the ask is answered from it, with no search', () => {
    expect(admitErasureAsk({ asks: [at(1_000), at(2_000)], liveSeen: ['a1'] }, 3_000, { live: ['a1'] })).toEqual({ ok: false, erasedAt: at(2_000).at });
  });

  it('GIVEN the person acted since the erasure THEN the ask searches and forgets the mark', () => {
    const admitted = admitErasureAsk({ asks: [at(1_000)], actedAt: at(1_500).at }, 3_000);
    expect(admitted).toMatchObject({ ok: true, why: 'acted', record: { asks: [at(1_000), at(3_000)] } });
    expect(admitted.ok && 'actedAt' in admitted.record).toBe(false);
  });

  it('GIVEN a live auction holding something of theirs the last search did not see THEN the ask searches and remembers it', () => {
    expect(admitErasureAsk({ asks: [at(1_000)], liveSeen: ['a1'] }, 3_000, { live: ['a2', 'a1'] })).toMatchObject({
      ok: true,
      why: 'live',
      record: { liveSeen: ['a1', 'a2'] },
    });
  });

  it('GIVEN a press already admitted THEN it searches again, however recent', () => {
    expect(admitErasureAsk({ asks: [at(1_000, 'i1')] }, 2_000, { interactionId: 'i1' })).toMatchObject({
      ok: true,
      why: 'redelivered',
      record: { asks: [at(1_000, 'i1')] },
    });
  });

  it('GIVEN any record and any look at the books THEN an ask is refused only with an erasure in the window, no mark, and nothing unseen in the books', () => {
    const ms = fc.integer({ min: 0, max: 3 * erasureAskWindowMs });
    const ids = fc.uniqueArray(fc.constantFrom('a1', 'a2', 'a3'));
    fc.assert(
      fc.property(fc.array(ms, { maxLength: 4 }), fc.option(ms, { nil: undefined }), ids, ids, ms, (asks, acted, seen, live, nowMs) => {
        const record = { asks: asks.map((a) => at(a)), liveSeen: seen, ...(acted !== undefined ? { actedAt: at(acted).at } : {}) };
        const admission = admitErasureAsk(record, nowMs, { live });
        const inWindow = asks.filter((a) => nowMs - a < erasureAskWindowMs);
        const refused = inWindow.length > 0 && acted === undefined && live.every((id) => seen.includes(id));
        expect(admission.ok).toBe(!refused);
        if (admission.ok) expect(admission.expiresAtMs).toBeGreaterThan(nowMs);
      }),
    );
  });
});

describe('an erasure asked again', () => {
  it('GIVEN a flood of erasure asks with nothing new THEN one searches, and the rest are answered from it', async () => {
    const { world, deps } = counted(await seeded());
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => eraseMemberData(deps, buyer)));
    expect(world.searches).toBe(1);
    const answered = outcomes.filter((o) => o.kind === 'nothing-new');
    expect(answered).toHaveLength(11);
    expect(answered[0]).toEqual({ kind: 'nothing-new', erasedAt: clock.now().toISOString() });
    // And later in the window, still nothing.
    expect(await eraseMemberData(deps, buyer)).toEqual({ kind: 'nothing-new', erasedAt: clock.now().toISOString() });
    expect(world.searches).toBe(1);
  });

  it('GIVEN an erasure, then a bid the live books hold, THEN the next ask searches (once, however many come), and the one after is answered from it', async () => {
    const { world, deps } = counted(await seeded());
    await eraseMemberData(deps, buyer);
    world.live.add('a2');
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => eraseMemberData(deps, buyer)));
    expect(outcomes.filter((o) => o.kind !== 'nothing-new')).toHaveLength(1);
    expect(world.searches).toBe(2);
    expect(world.live.size).toBe(0);
    // Another bid in the same auction, after that search ended: new again.
    world.live.add('a2');
    expect((await eraseMemberData(deps, buyer)).kind).not.toBe('nothing-new');
    expect(world.searches).toBe(3);
    expect((await eraseMemberData(deps, buyer)).kind).toBe('nothing-new');
  });

  it('GIVEN erase, act, erase, act, erase within a minute THEN every erasure searches', async () => {
    let nowMs = startMs;
    const { world, deps } = counted(await seeded(), { now: () => new Date(nowMs) });
    for (let round = 1; round <= 4; round++) {
      expect((await eraseMemberData(deps, buyer)).kind).not.toBe('nothing-new');
      expect(world.searches).toBe(round);
      nowMs += 5_000;
      await markActed(deps, buyer);
      nowMs += 5_000;
    }
  });

  it('GIVEN nobody erased lately WHEN they act THEN nothing is written of them', async () => {
    const store = new LocalDocumentStore();
    await markActed({ store, clock }, buyer);
    expect(await store.get(erasureAsksOf(buyer))).toBeUndefined();
  });

  it('GIVEN the erasure ten minutes old THEN an ask searches again, whatever happened', async () => {
    let nowMs = startMs;
    const { world, deps } = counted(await seeded(), { now: () => new Date(nowMs) });
    await eraseMemberData(deps, buyer);
    nowMs += erasureAskWindowMs - 1;
    expect((await eraseMemberData(deps, buyer)).kind).toBe('nothing-new');
    nowMs += 1;
    expect((await eraseMemberData(deps, buyer)).kind).toBe('already-erased');
    expect(world.searches).toBe(2);
  });

  it('GIVEN an erasure on Discord and nothing new THEN the next press is answered from it, and the press Discord delivers again still runs', async () => {
    const { world, deps } = counted(await seeded());
    const first = buttonPress(confirmEraseButtonId(buyer), buyer);
    expect((await eraseMember(deps, first)).content).toContain('Done');
    const again = await eraseMember(deps, buttonPress(confirmEraseButtonId(buyer), buyer));
    const unix = clock.now().getTime() / 1000;
    expect(again).toEqual(privacyAnswers.nothingNew(clock.now().toISOString()));
    expect(again.content).toContain(`Nothing new since your erasure at <t:${unix}:t>`);
    expect(again.components).toEqual([]);
    expect(world.searches).toBe(1);
    // A press whose first run failed midway is delivered again by Pub/Sub: it finishes, never answered by its own erasure.
    expect((await eraseMember(deps, first)).content).toContain('already erased');
    expect(world.searches).toBe(2);
  });

  it('GIVEN a web page THEN its words give the erasure’s time in UTC', () => {
    expect(nothingNewWords('2026-11-20T12:03:40.000Z')).toContain('Nothing new since your erasure at 12:03 UTC');
  });
});

describe('the record an admitted ask leaves, and who counts as erased lately', () => {
  const at = (offsetMs: number) => new Date(startMs + offsetMs).toISOString();

  it('GIVEN two asks in the window THEN the record ends a window after the later one', () => {
    const record = { asks: [{ at: at(-5 * 60_000) }], actedAt: at(-60_000) };
    const admitted = admitErasureAsk(record, startMs);
    expect(admitted).toMatchObject({ ok: true, why: 'acted', expiresAtMs: startMs + erasureAskWindowMs });
  });

  it('GIVEN an ask from a web page THEN the ask it records carries no interaction id at all', () => {
    const admitted = admitErasureAsk(undefined, startMs);
    expect(admitted.ok && admitted.record.asks).toStrictEqual([{ at: at(0) }]);
  });

  it('GIVEN no record, an old ask, one in the window, or one exactly a window old THEN only the one in the window is an erasure of late', () => {
    expect(erasedLately(undefined, startMs)).toBe(false);
    expect(erasedLately({ asks: [] }, startMs)).toBe(false);
    expect(erasedLately({ asks: [{ at: at(-erasureAskWindowMs - 1) }] }, startMs)).toBe(false);
    expect(erasedLately({ asks: [{ at: at(-erasureAskWindowMs) }] }, startMs)).toBe(false);
    expect(erasedLately({ asks: [{ at: at(-erasureAskWindowMs - 1) }, { at: at(-60_000) }] }, startMs)).toBe(true);
  });

  it('GIVEN the records of asks THEN they are kept under privacyAsks, by pseudonym', () => {
    expect(String(erasureAsksCollection)).toBe('privacyAsks');
    expect(String(erasureAsksPath('ps_abc'))).toBe('privacyAsks/ps_abc');
  });
});
