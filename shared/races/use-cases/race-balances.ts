/**
 * @module race-balances
 * Reads of race money: a lobby with its pot (its sharded counters with the sales not yet
 * folded into them, sale-fold), and a racer's wallet, whose balances and per-race earnings are
 * the journal's fold of their `racer-payable` postings (the shards give only their name). A
 * transaction that reads a wallet (a payout) reads the racer's journal by query, so any credit
 * written meanwhile makes it run again on the new balance.
 */
import type { DocumentStore, Transaction } from '../../ports';
import { earlierRaces, journalOfPerson, type RaceEarned, racerEarningsByRace, racerMoney } from '../../journal';
import { potShardsPath, raceLobbyPath, withPot, type RaceLobby } from '../rules/race';
import { potOfSales, unfoldedSalesCollection } from '../rules/sale-fold';
import { sumWallet, walletShardCount, walletShardPath, type RaceEarning, type Wallet } from '../rules/wallet';

/** The lobby with its pot: the folded shards plus the sales not yet folded. */
export async function lobbyWithPot(store: DocumentStore, lobbyId: string): Promise<RaceLobby | undefined> {
  const [lobby, shards, unfolded] = await Promise.all([
    store.get(raceLobbyPath(lobbyId)),
    store.query(potShardsPath(lobbyId)),
    store.query(unfoldedSalesCollection, { where: [['lobbyId', '==', lobbyId]] }),
  ]);
  if (!lobby) return undefined;
  const tail = unfolded.map((d) => d.data);
  return withPot(lobby, [...shards.map((s) => s.data), ...(tail.length > 0 ? [potOfSales(lobbyId, tail)] : [])]);
}

const shardPaths = (guildId: string, racerId: string) => Array.from({ length: walletShardCount }, (_, i) => walletShardPath(guildId, racerId, i));

type WalletReader = Pick<DocumentStore, 'get' | 'query'> | Pick<Transaction, 'get' | 'query'>;

/**
 * A racer's wallet: its balances and what each race earned folded from the journal, its name
 * from its shards. `races: false` leaves out the races (a payout's transaction, which reads no
 * lobby so that nothing written to a lobby makes it run again).
 */
export async function readWallet(store: WalletReader, guildId: string, racerId: string, options: { races?: boolean } = {}): Promise<Wallet | undefined> {
  const [shards, journal] = await Promise.all([
    Promise.all(shardPaths(guildId, racerId).map((path) => store.get(path))),
    journalOfPerson(store, guildId, racerId),
  ]);
  const counted = sumWallet(shards);
  const currency = counted?.currency ?? journal[0]?.currency;
  if (!currency) return undefined;
  const wallet: Wallet = {
    guildId,
    racerId,
    currency,
    ...(counted?.racerName ? { racerName: counted.racerName } : {}),
    ...racerMoney(journal, currency, racerId),
  };
  if (options.races === false) return wallet;
  return { ...wallet, races: await racesOf(store, racerEarningsByRace(journal, currency, racerId)) };
}

/**
 * Each race's earnings with its title and start, read from its lobby: a lobby no longer kept
 * shows no title, and the earnings of entries that name no race (written before issue 75) are
 * one line, "Earlier races", dated by their first entry.
 */
async function racesOf(store: WalletReader, earned: ReadonlyMap<string, RaceEarned>): Promise<Record<string, RaceEarning>> {
  const ids = [...earned.keys()];
  const lobbies = await Promise.all(ids.map((id) => (id === earlierRaces ? undefined : store.get(raceLobbyPath(id)))));
  const races: Record<string, RaceEarning> = {};
  ids.forEach((id, i) => {
    const race = earned.get(id) as RaceEarned;
    const lobby = lobbies[i];
    races[id] = {
      title: id === earlierRaces ? 'Earlier races' : (lobby?.title ?? ''),
      startedAt: lobby?.windowOpenedAt ?? race.firstAt,
      earnedCents: race.earnedCents,
    };
  });
  return races;
}
