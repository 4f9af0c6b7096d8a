/**
 * A draw no one can steer, C500's key holder included (issue 76, item 8). Whoever holds
 * TOKEN_SEAL_KEYS can open the seed and the salt while entry is open and, before, could grind a
 * sock account whose entry the recipe picks. Now the draw also takes the randomness of a drand
 * round named at the start and published only after entry closes: what the key holder can
 * compute while entering tells them nothing of who wins.
 */
import type { ScheduledTask, TaskQueue } from '../../ports';
import { openSealed } from '../../common';
import { buttonPress, command } from '../../../test/support/interactions';
import { startGiveaway } from '../use-cases/start-giveaway';
import { enterGiveaway } from '../use-cases/enter-giveaway';
import { runGiveawayTask } from '../use-cases/draw-giveaway';
import * as draw from '../rules/draw';
import { drawRounds, entriesHashOf, pseudonymOf, seedSealPurpose } from '../rules/draw';
import { LocalBeaconSigner } from '../../local/drand-stand-in';
import { entriesCollection, giveawayPath, giveawaySeedPath, memberKey, type Giveaway } from '../rules/giveaway';
import { giveawayDeps } from './giveaway-deps';

const sponsor = '811000000000000761';
const honest = ['821000000000000761', '821000000000000762', '821000000000000763'];

class Tasks implements TaskQueue {
  async schedule(_task: ScheduledTask) {
    return 'scheduled' as const;
  }
  async cancel() {
    return false;
  }
}

async function world() {
  const { deps, advance } = await giveawayDeps(sponsor, new Tasks());
  // A fixed interaction id, so the giveaway's id, its entrants' pseudonyms and so its draw are the same every run.
  const start = {
    ...command({ name: 'giveaway', path: ['start'], options: { prize: 'Tofu65 kit', duration: '10m' }, userId: sponsor }),
    id: '1200000000000000761',
  };
  const giveawayId = /`([0-9a-z]{8})`/.exec((await startGiveaway(deps, start)).content ?? '')?.[1] as string;
  const giveaway = async () => (await deps.store.get(giveawayPath(giveawayId))) as Giveaway;
  for (const id of honest) await enterGiveaway(deps, buttonPress(`genter:${giveawayId}`, id));
  return { deps, advance, giveawayId, giveaway };
}

/** What the key holder can know while entry is open: the seed and the salt, both opened with the seal keys. */
async function keyHolderKnowledge(w: Awaited<ReturnType<typeof world>>) {
  const secret = await w.deps.store.get(giveawaySeedPath(w.giveawayId));
  const opened = openSealed(secret?.sealedSeed as string, seedSealPurpose(w.giveawayId), w.deps.sealKeys);
  if (!opened.ok) throw new Error('the key holder opens the seed');
  return { seed: opened.secret, salt: secret?.salt as string };
}

/** A sock account the key holder grinds for: its entry is the one the recipe picks from what they know. */
function groundSock(w: Awaited<ReturnType<typeof world>>, known: { seed: string; salt: string }): string {
  const listed = honest.map((id) => pseudonymOf(w.giveawayId, memberKey(id), known.salt));
  for (let n = 0; n < 1_000; n++) {
    const sock = `83100000000000${String(n).padStart(4, '0')}`;
    const mine = pseudonymOf(w.giveawayId, memberKey(sock), known.salt);
    if (drawRounds(known.seed, [...listed, mine], 1, 'entries-bound')[0] === mine) return sock;
  }
  throw new Error('no sock found');
}

describe('a giveaway drawn from a drand round', () => {
  it('names, when it starts, a beacon round published after entry closes, which nobody can fetch while entries are open', async () => {
    const w = await world();
    const g = await w.giveaway();
    expect(g.scheme).toBe('beacon-bound');
    expect(Date.parse(g.beacon?.at as string)).toBeGreaterThan(Date.parse(g.endsAt));
    w.advance(10 * 60_000 - 1);
    await expect(w.deps.beacon.round(g.beacon?.round as number)).resolves.toBeUndefined();
  });

  it('does not let the seal-key holder choose the winner with a sock entry ground from the seed and salt', async () => {
    // A fixed seed and salt, so the test says the same every run (the local beacon's key is fixed too).
    jest.spyOn(draw, 'newSeed').mockReturnValueOnce('5e'.repeat(32)).mockReturnValueOnce('5a'.repeat(32));
    const w = await world();
    const known = await keyHolderKnowledge(w);
    // A sock the old recipe (seed and entries alone) would have made the winner: the attack of issue 76.
    const sock = groundSock(w, known);
    const mine = pseudonymOf(w.giveawayId, memberKey(sock), known.salt);
    expect((await enterGiveaway(w.deps, buttonPress(`genter:${w.giveawayId}`, sock))).content).toContain(mine);
    w.advance(10 * 60_000 + 3_000);
    await runGiveawayTask(w.deps, { giveawayId: w.giveawayId, round: 0 });
    const drawn = await w.giveaway();
    const entries = (await w.deps.store.query(entriesCollection(w.giveawayId))).map((e) => e.data.pseudonym);
    // The winner is what the beacon round's randomness picks, recomputable by anyone from public data…
    expect(drawn.entriesHash).toBe(entriesHashOf(entries));
    expect(drawn.rounds?.[0]?.pseudonym).toBe(drawRounds(drawn.seed as string, entries, 1, 'beacon-bound', drawn.beacon?.randomness)[0]);
    // …and not the sock the key holder ground for.
    expect(drawn.rounds?.[0]?.winnerId).not.toBe(sock);
    // Whatever round the beacon had published, the sock would have won about one draw in four
    // (one entry of four), as an honest entry does: grinding bought the key holder nothing.
    const signer = new LocalBeaconSigner();
    const later = Array.from({ length: 40 }, (_, i) => signer.round((drawn.beacon?.round as number) + 1 + i).randomness);
    const sockWins = later.filter((randomness) => drawRounds(drawn.seed as string, entries, 1, 'beacon-bound', randomness)[0] === mine).length;
    expect(sockWins).toBeGreaterThan(0);
    expect(sockWins).toBeLessThan(20);
  });

  it('waits for the beacon round when the draw runs before it is out, and draws once it is', async () => {
    const w = await world();
    const g = await w.giveaway();
    // The task came early (a clock behind): the round is not out yet, so nothing is drawn.
    w.advance(Date.parse(g.beacon?.at as string) - Date.parse('2026-11-26T12:00:00Z') - 1);
    await expect(runGiveawayTask(w.deps, { giveawayId: w.giveawayId, round: 0 })).rejects.toMatchObject({ atMs: Date.parse(g.beacon?.at as string) });
    expect((await w.giveaway()).status).toBe('open');
    w.advance(1);
    await runGiveawayTask(w.deps, { giveawayId: w.giveawayId, round: 0 });
    expect((await w.giveaway()).beacon?.randomness).toMatch(/^[0-9a-f]{64}$/);
  });
});
