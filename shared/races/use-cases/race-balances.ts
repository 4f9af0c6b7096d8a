/**
 * @module race-balances
 * Reads of the sharded race counters: a lobby with its pot, a racer's wallet. Each shard
 * is read by its known path, so a transaction that reads them all (a payout) conflicts with
 * any sale that credits one meanwhile, and is retried on the new balance.
 */
import type { DocumentStore, Transaction } from '../../ports';
import { potShardsPath, raceLobbyPath, withPot, type RaceLobby } from '../rules/race';
import { sumWallet, walletShardCount, walletShardPath, type Wallet } from '../rules/wallet';

export async function lobbyWithPot(store: DocumentStore, lobbyId: string): Promise<RaceLobby | undefined> {
  const [lobby, shards] = await Promise.all([store.get(raceLobbyPath(lobbyId)), store.query(potShardsPath(lobbyId))]);
  return lobby
    ? withPot(
        lobby,
        shards.map((s) => s.data),
      )
    : undefined;
}

const shardPaths = (guildId: string, racerId: string) => Array.from({ length: walletShardCount }, (_, i) => walletShardPath(guildId, racerId, i));

export async function readWallet(store: Pick<DocumentStore, 'get'> | Pick<Transaction, 'get'>, guildId: string, racerId: string): Promise<Wallet | undefined> {
  return sumWallet(await Promise.all(shardPaths(guildId, racerId).map((path) => store.get(path))));
}
