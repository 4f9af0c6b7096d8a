/**
 * What each race earned a racer is a fold of the journal (issue 75: the journal is the only
 * ledger): their earnings there name the race they were earned in, and the wallet reads each
 * race's title and start from its lobby. A shard's stale per-race copy changes nothing, and the
 * earnings written before entries named their race are one line, "Earlier races".
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { journalPath, withJournalAppends } from '../../journal';
import { raceLobbyPath } from '../rules/race';
import { walletShardCount, walletShardPath, type RacerLine } from '../rules/wallet';
import { racerEntry } from '../rules/race-journal';
import { writeLedgerEntry } from '../use-cases/race-ledger';
import { readWallet } from '../use-cases/race-balances';
import { walletMessage } from '../rules/race-messages';
import { racingLobby } from '../../../test/support/races';

const GUILD = '910000000000000075';
const RACER = '820000000000000075';
const OTHER = '820000000000000076';
const friday = Date.parse('2026-11-20T20:00:00.000Z');
const saturday = Date.parse('2026-11-21T20:00:00.000Z');

const move = (entryId: string, over: Partial<RacerLine> & Pick<RacerLine, 'kind' | 'amountCents'>): RacerLine => ({
  entryId,
  guildId: GUILD,
  racerId: RACER,
  currency: 'usd',
  at: '2026-11-21T21:00:00.000Z',
  ...over,
});

async function twoRaces(): Promise<LocalDocumentStore> {
  const store = new LocalDocumentStore();
  await store.set(raceLobbyPath('lobbyfri'), {
    ...racingLobby({ guildId: GUILD, racers: [RACER, OTHER], openedAtMs: friday, title: 'Friday Kart' }),
    lobbyId: 'lobbyfri',
  });
  await store.set(raceLobbyPath('lobbysat'), {
    ...racingLobby({ guildId: GUILD, racers: [RACER], openedAtMs: saturday, title: 'Saturday Kart' }),
    lobbyId: 'lobbysat',
  });
  const moves = [
    move('kofi-1-credit-0', { kind: 'credit', amountCents: 1_000, lobbyId: 'lobbyfri', saleKey: 'kofi-1' }),
    move('kofi-1-credit-1', { kind: 'credit', amountCents: 1_000, lobbyId: 'lobbyfri', saleKey: 'kofi-1', racerId: OTHER }),
    move('kofi-2-credit-0', { kind: 'credit', amountCents: 2_500, lobbyId: 'lobbysat', saleKey: 'kofi-2' }),
    move('kofi-r1-reversal-0', { kind: 'reversal', amountCents: -400, lobbyId: 'lobbyfri', saleKey: 'kofi-1' }),
    move('payout-p1', { kind: 'payout', amountCents: -3_000, payoutId: 'p1' }),
  ];
  for (const one of moves) await store.runTransaction((tx) => withJournalAppends(tx, (writes) => writeLedgerEntry(writes, one)));
  return store;
}

describe('what each race earned a racer, folded from the journal', () => {
  it('gives each race its credits less its reversals, with the lobby’s title and start, and leaves payouts out', async () => {
    const wallet = await readWallet(await twoRaces(), GUILD, RACER);
    expect(wallet?.races).toEqual({
      lobbyfri: { title: 'Friday Kart', startedAt: new Date(friday).toISOString(), earnedCents: 600 },
      lobbysat: { title: 'Saturday Kart', startedAt: new Date(saturday).toISOString(), earnedCents: 2_500 },
    });
    expect(wallet).toMatchObject({ earnedCents: 3_100, paidCents: 3_000, pendingCents: 100 });
  });

  it('reads no per-race figure a shard keeps: a stale copy there changes nothing', async () => {
    const store = await twoRaces();
    for (let shard = 0; shard < walletShardCount; shard++)
      if (await store.get(walletShardPath(GUILD, RACER, shard)))
        await store.set(walletShardPath(GUILD, RACER, shard), { races: { lobbyfri: { title: 'Stale', startedAt: '', earnedCents: 99_999 } } }, { merge: true });
    expect((await readWallet(store, GUILD, RACER))?.races?.lobbyfri).toEqual({
      title: 'Friday Kart',
      startedAt: new Date(friday).toISOString(),
      earnedCents: 600,
    });
  });

  it('folds the earnings whose entries name no race (written before they did) into one line, “Earlier races”, dated by its first entry', async () => {
    const store = await twoRaces();
    const before = racerEntry(move('kofi-0-credit-0', { kind: 'credit', amountCents: 700, at: '2026-10-01T12:00:00.000Z' }));
    if (!before) throw new Error('a credit moves money');
    // As an entry written before issue 75 sits in the journal: its racer named, its race not.
    await store.set(journalPath(before.entryId), before);
    const wallet = await readWallet(store, GUILD, RACER);
    expect(wallet?.races?.['(earlier races)']).toEqual({ title: 'Earlier races', startedAt: '2026-10-01T12:00:00.000Z', earnedCents: 700 });
    expect(Object.values(wallet?.races ?? {}).reduce((sum, race) => sum + race.earnedCents, 0)).toBe(wallet?.earnedCents);
  });

  it('shows a race whose lobby is no longer kept with no title, and /wallet lists the races newest first', async () => {
    const store = await twoRaces();
    await store.delete(raceLobbyPath('lobbysat'));
    const wallet = await readWallet(store, GUILD, RACER);
    expect(wallet?.races?.lobbysat).toEqual({ title: '', startedAt: '2026-11-21T21:00:00.000Z', earnedCents: 2_500 });
    await store.set(raceLobbyPath('lobbysat'), {
      ...racingLobby({ guildId: GUILD, racers: [RACER], openedAtMs: saturday, title: 'Saturday Kart' }),
      lobbyId: 'lobbysat',
    });
    const shown = walletMessage('Ana', await readWallet(store, GUILD, RACER), { payoutThresholdCents: 2_000, currency: 'usd' });
    const races = shown.embeds?.[0]?.fields?.find((field) => field.name === 'Last races')?.value ?? '';
    expect(races.split('\n').map((line) => line.split(' · ')[0])).toEqual(['**Saturday Kart**', '**Friday Kart**']);
  });

  it('keeps each racer’s races their own', async () => {
    expect((await readWallet(await twoRaces(), GUILD, OTHER))?.races).toEqual({
      lobbyfri: { title: 'Friday Kart', startedAt: new Date(friday).toISOString(), earnedCents: 1_000 },
    });
  });
});
