/**
 * An entrant's pseudonym names nobody: a keyed hash under a salt made for each giveaway and
 * never published, so the same person is someone else in each giveaway and a public Discord
 * id cannot be hashed to find their entry; a giveaway started before salts keeps its plain
 * hash, so its draw stays checkable; and the draw is recomputed from what is published alone.
 */
import { createHash } from 'node:crypto';
import type { ScheduledTask, TaskQueue } from '../../ports';
import { buttonPress, command } from '../../../test/support/interactions';
import { startGiveaway } from '../use-cases/start-giveaway';
import { enterGiveaway } from '../use-cases/enter-giveaway';
import { runGiveawayTask } from '../use-cases/draw-giveaway';
import { publicGiveawayView } from '../use-cases/public-giveaway';
import { entriesCollection, giveawaySeedPath } from '../rules/giveaway';
import { drawRounds, verifiesCommitment } from '../rules/draw';
import { giveawayDeps } from './giveaway-deps';
import { addEntry } from '../use-cases/add-entry';
import { exportMemberData } from '../../privacy';

const sponsor = '811000000000000631';
const member = '821000000000000631';
const others = ['821000000000000632', '821000000000000633', '821000000000000634'];

const tasks: TaskQueue = { schedule: async (_task: ScheduledTask) => 'scheduled' as const, cancel: async () => true };

/** A server with one sponsor, a clock that moves when told and one giveaway started (two winners, 10 minutes). */
async function giveawayWorld() {
  const { deps, advance } = await giveawayDeps(sponsor, tasks);
  const { store } = deps;
  const options = { prize: 'Tofu65 kit', duration: '10m', winners: 2 };
  const started = await startGiveaway(deps, command({ name: 'giveaway', path: ['start'], options, userId: sponsor }));
  const giveawayId = /`([0-9a-z]{8})`/.exec(started.content ?? '')?.[1] as string;
  const enter = (id: string) => enterGiveaway(deps, buttonPress(`genter:${giveawayId}`, id));
  const pseudonymOfEntrant = async (id: string) => (await store.query(entriesCollection(giveawayId))).find((e) => e.data.entrantId === id)?.data.pseudonym;
  return { deps, store, giveawayId, enter, pseudonymOfEntrant, advance };
}

const plainHash = (giveawayId: string, entrant: string) => createHash('sha256').update(`${giveawayId}:${entrant}`).digest('hex');

describe('an entrant’s pseudonym', () => {
  it('GIVEN an entrant THEN they alone are told the pseudonym they are listed by: a member in Enter’s private answer, a chatter in their own data', async () => {
    const w = await giveawayWorld();
    const answer = (await w.enter(member)).content ?? '';
    const mine = (await w.pseudonymOfEntrant(member)) as string;
    expect(answer).toContain(`Your entry in the public list (only you are told this): \`${mine}\``);
    const chatter = { twitchId: '530000000076', twitchLogin: 'quiet_keeb', via: 'twitch' as const, label: 'quiet_keeb', atMs: w.deps.clock.now().getTime() };
    expect((await addEntry(w.deps, w.giveawayId, chatter)).kind).toBe('entered');
    const theirs = (await w.pseudonymOfEntrant('twitch:530000000076')) as string;
    // What `/privacy/twitch` downloads for them, behind their Twitch sign-in.
    expect(JSON.stringify(await exportMemberData(w.store, 'twitch:530000000076', w.deps.clock.now()))).toContain(theirs);
    const listed = await publicGiveawayView(w.deps, w.giveawayId);
    expect(listed.ok && listed.pseudonyms).toEqual(expect.arrayContaining([mine, theirs]));
  });

  it('GIVEN the same member in two giveaways THEN they have a different pseudonym in each, neither the plain hash of their public id, and no page shows the salt', async () => {
    const pseudonyms: string[] = [];
    for (const w of [await giveawayWorld(), await giveawayWorld()]) {
      expect((await w.enter(member)).content).toContain('You’re in');
      const pseudonym = (await w.pseudonymOfEntrant(member)) as string;
      expect(pseudonym).toMatch(/^[0-9a-f]{64}$/);
      expect(pseudonym).not.toBe(plainHash(w.giveawayId, member));
      pseudonyms.push(pseudonym);
      const salt = (await w.store.get(giveawaySeedPath(w.giveawayId)))?.salt as string;
      expect(salt).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(await publicGiveawayView(w.deps, w.giveawayId))).not.toContain(salt);
    }
    expect(pseudonyms[0]).not.toBe(pseudonyms[1]);
  });

  it('GIVEN a giveaway started before salts (none stored) THEN its entries keep the plain hash they were made with', async () => {
    const w = await giveawayWorld();
    const kept = await w.store.get(giveawaySeedPath(w.giveawayId));
    await w.store.set(giveawaySeedPath(w.giveawayId), { sealedSeed: kept?.sealedSeed as string });
    await w.enter(member);
    expect(await w.pseudonymOfEntrant(member)).toBe(plainHash(w.giveawayId, member));
  });

  it('GIVEN the draw THEN anyone recomputes its winners from what is published alone: the revealed seed, its commitment, the listed pseudonyms and the beacon round', async () => {
    const w = await giveawayWorld();
    for (const id of [member, ...others]) await w.enter(id);
    w.advance(10 * 60_000 + 3_000);
    await runGiveawayTask(w.deps, { giveawayId: w.giveawayId, round: 0 });
    const published = await publicGiveawayView(w.deps, w.giveawayId);
    if (!published.ok) throw new Error('the giveaway is published');
    const { giveaway, pseudonyms } = published;
    expect(pseudonyms).toHaveLength(4);
    expect(verifiesCommitment(giveaway.seed as string, giveaway.commitment)).toBe(true);
    expect(giveaway.rounds.map((r) => r.pseudonym)).toEqual(
      drawRounds(giveaway.seed as string, pseudonyms, giveaway.winners, giveaway.scheme, giveaway.beacon?.randomness ?? undefined),
    );
    expect(giveaway.rounds).toHaveLength(2);
  });
});
