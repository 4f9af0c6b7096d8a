/**
 * @module pot-view
 * What the OBS live pot shows of a race lobby: the pool and each racer's share, formatted
 * here so the page never does arithmetic on money. Public fields only: racers by name,
 * never by Discord id.
 */
import type { Clock, DocumentStore } from '../../ports';
import { formatMoney, percentOf } from '../../common';
import { isLobbyIdShaped, type RaceStatus } from '../rules/race';
import { lobbyWithPot } from './race-balances';
import { loadRaceSettings } from './race-settings';

export interface PotBoard {
  lobbyId: string;
  title: string;
  status: RaceStatus;
  currency: string;
  pool: string;
  poolCents: number;
  rate: string;
  salesCount: number;
  racers: Array<{ name: string; share: string; shareCents: number }>;
  windowOpenedAt: string | null;
  closesBy: string | null;
  windowClosedAt: string | null;
  serverTime: string;
  headline: string;
}

export type PotAnswer = { ok: true; board: PotBoard } | { ok: false; reason: 'malformed' | 'not-found' };

export async function potView(deps: { store: DocumentStore; clock: Clock; currency: string }, lobbyId: string): Promise<PotAnswer> {
  if (!isLobbyIdShaped(lobbyId)) return { ok: false, reason: 'malformed' };
  const lobby = await lobbyWithPot(deps.store, lobbyId);
  if (!lobby) return { ok: false, reason: 'not-found' };
  // A lobby still gathering racers has no rate or currency of its own yet: the guild's apply.
  const settings = lobby.commissionBps === undefined ? await loadRaceSettings(deps, lobby.guildId) : undefined;
  const currency = lobby.currency ?? settings?.currency ?? deps.currency;
  const rate = percentOf(lobby.commissionBps ?? settings?.commissionBps ?? 0);
  const money = (cents: number) => formatMoney({ cents, currency });
  const poolCents = lobby.poolCents ?? 0;
  return {
    ok: true,
    board: {
      lobbyId,
      title: lobby.title,
      status: lobby.status,
      currency,
      pool: money(poolCents),
      poolCents,
      rate,
      salesCount: lobby.salesCount ?? 0,
      racers: lobby.racers.map((r) => ({ name: r.name, share: money(lobby.shares?.[r.userId] ?? 0), shareCents: lobby.shares?.[r.userId] ?? 0 })),
      windowOpenedAt: lobby.windowOpenedAt ?? null,
      closesBy: lobby.closesBy ?? null,
      windowClosedAt: lobby.windowClosedAt ?? null,
      serverTime: deps.clock.now().toISOString(),
      headline:
        lobby.status === 'open'
          ? `Join the race: ${rate} of merch sales go to the racers`
          : lobby.status === 'racing'
            ? `Window open: ${rate} of merch sales go to the racers`
            : `Race over: ${money(poolCents)} to the racers`,
    },
  };
}
