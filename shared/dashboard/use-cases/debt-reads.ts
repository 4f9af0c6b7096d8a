/**
 * @module debt-reads
 * The dashboard's debts pages, read: the signed-in person's own accounts, and a server's for
 * its admins (the caller has checked the session administers it). And how a refused
 * "paid outside C500" reads to the admin.
 */
import { debtAccountsOfGuild, debtAccountsOfPerson, type DebtAccount } from '../../debts';
import { orderPath } from '../../orders';
import { guildDebtsPage, ownDebtsPage } from '../rules/pages/debts-page';
import type { Frame } from '../rules/pages/layout';
import type { AdminGuild, DashboardSession } from '../rules/session';
import type { DashboardDeps } from './dashboard-deps';
import type { DebtPaidOutcome } from './debt-actions';

export async function ownDebtsHtml(deps: DashboardDeps, frame: Frame, session: DashboardSession): Promise<string> {
  const accounts = await debtAccountsOfPerson(deps.store, session.userId);
  return ownDebtsPage(frame, accounts, new Map(session.adminGuilds.map((g) => [g.id, g.name])));
}

export async function guildDebtsHtml(deps: DashboardDeps, frame: Frame, guild: AdminGuild): Promise<string> {
  const accounts = await debtAccountsOfGuild(deps.store, guild.id);
  return guildDebtsPage(frame, guild, accounts, await debtorNames(deps, accounts));
}

/**
 * Each debtor's name as their order has it (a debt holds only a Discord id): the builder's or
 * the host's name on the order behind their newest entry that has one. An admin reads names.
 */
async function debtorNames(deps: DashboardDeps, accounts: readonly DebtAccount[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  await Promise.all(
    accounts.map(async (a) => {
      const entry = a.entries.find((e) => e.orderId);
      const order = entry?.orderId ? await deps.store.get(orderPath(entry.orderId)) : undefined;
      if (!order) return;
      const name = order.hostId === a.debt.userId ? order.hostName : order.builderId === a.debt.userId ? order.builderName : undefined;
      if (name) names.set(a.debt.userId, name);
    }),
  );
  return names;
}

/** Status, heading and line of each refusal: what was wrong, and what to do instead. */
export function debtPaidRefusals(outcome: Extract<DebtPaidOutcome, { ok: false }>): [number, string, string] {
  switch (outcome.reason) {
    case 'not-admin':
      return [403, 'Not a server you administer', 'Only an admin of this server can record a debt paid.'];
    case 'unknown-person':
      return [404, 'Nobody owes that', 'That person has no debt account on this server.'];
    case 'no-debt':
      return [409, 'Nothing owed', 'That person owes C500 nothing on this server: there is nothing to record.'];
    case 'above-debt':
      return [400, 'More than is owed', 'That is more than the person owes. Type at most what the page shows as owed.'];
    case 'not-positive':
      return [400, 'Not an amount', 'Type an amount more than zero, like 25 or 25.50.'];
    case 'bad-amount':
      return [400, 'Not an amount', outcome.detail];
    case 'bad-note':
      return [400, 'Note too long', 'Keep the note under 500 characters.'];
  }
}
