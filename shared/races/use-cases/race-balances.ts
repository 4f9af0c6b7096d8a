/**
 * @module race-balances
 * Reads of race money: a lobby with its pot (its sharded counters with the sales not yet
 * folded into them, sale-fold), and a racer's wallet, whose balances are the journal's fold of
 * their `racer-payable` postings (the shards give only their name and what each race earned
 * them). A transaction that reads a wallet (a payout) reads the racer's journal by query, so
 * any credit written meanwhile makes it run again on the new balance.
 */
import type { DocumentStore, Transaction } from '../../ports';
import { journalOfPerson, racerMoney } from '../../journal';
import { potShardsPath, raceLobbyPath, withPot, type RaceLobby } from '../rules/race';
import { potOfSales, unfoldedSalesCollection, walletTail } from '../rules/sale-fold';
import { sumWallet, walletShardCount, walletShardPath, type Wallet } from '../rules/wallet';

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

/** A racer's wallet: its balances folded from the journal; its name and races from its shards plus the sales not yet folded. */
export async function readWallet(store: WalletReader, guildId: string, racerId: string): Promise<Wallet | undefined> {
  const [shards, unfolded, journal] = await Promise.all([
    Promise.all(shardPaths(guildId, racerId).map((path) => store.get(path))),
    store.query(unfoldedSalesCollection, { where: [['racerIds', 'array-contains', racerId]] }),
    journalOfPerson(store, guildId, racerId),
  ]);
  const counted = sumWallet([
    ...shards,
    walletTail(
      guildId,
      racerId,
      unfolded.map((d) => d.data),
    ),
  ]);
  const currency = counted?.currency ?? journal[0]?.currency;
  if (!currency) return undefined;
  return { ...(counted ?? { guildId, racerId, currency }), ...racerMoney(journal, currency, racerId) };
}
