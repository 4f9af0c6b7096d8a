/**
 * @module race-balances
 * Reads of the sharded race counters: a lobby with its pot, a racer's wallet, each with
 * the sales not yet folded into them (sale-fold), so a read is exact at any moment. Each shard
 * is read by its known path, so a transaction that reads them all (a payout) conflicts with
 * any sale that credits one meanwhile, and is retried on the new balance.
 */
import type { DocumentStore, Transaction } from '../../ports';
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

/** A racer's wallet: its shards plus their credits from sales not yet folded. */
export async function readWallet(store: WalletReader, guildId: string, racerId: string): Promise<Wallet | undefined> {
  const [shards, unfolded] = await Promise.all([
    Promise.all(shardPaths(guildId, racerId).map((path) => store.get(path))),
    store.query(unfoldedSalesCollection, { where: [['racerIds', 'array-contains', racerId]] }),
  ]);
  return sumWallet([
    ...shards,
    walletTail(
      guildId,
      racerId,
      unfolded.map((d) => d.data),
    ),
  ]);
}
