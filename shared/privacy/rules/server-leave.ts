/**
 * @module server-leave
 * An admin's `/c500 leave` (`serverLeaves/<guild id>`): the server's members' data is erased
 * after a 30-day grace, keeping what the law keeps. Discord sends no webhook event when a bot
 * is removed from a server (`APPLICATION_DEAUTHORIZED` is a user revoking a user install, with
 * no server in it; a removal is the gateway's `GUILD_DELETE` without `unavailable`, and C500
 * keeps no gateway connection), so the admin's command is the signal.
 */
import { collectionPath, docPath, type DiscordMessage } from '../../ports';
import { privateNote } from '../../discord';

export const leaveGraceDays = 30;

export interface ServerLeave {
  guildId: string;
  askedBy: string;
  askedAt: string;
  /** When the sweep may erase the server's members' data. */
  eraseAfter: string;
  byInteraction: string;
  /** When the sweep erased the server's members' data. */
  erasedAt?: string;
  /** Records an open obligation (an order on its way, a dispute) still holds: the sweep comes back for them. */
  open?: string[];
}

export const serverLeavePath = (guildId: string) => docPath<ServerLeave>(`serverLeaves/${guildId}`);
export const serverLeavesCollection = collectionPath<ServerLeave>('serverLeaves');

export function eraseAfterOf(now: Date): string {
  return new Date(now.getTime() + leaveGraceDays * 24 * 60 * 60 * 1000).toISOString();
}

/** The button under the leave's answer that cancels it within the grace. */
export const cancelLeaveButtonId = 'server-leave-cancel';

export const leaveAnswers = {
  needsAdmin: privateNote('Only a server admin (Manage Server) can take C500 out of this server, or keep it here.'),
  notLeaving: privateNote('C500 is not leaving this server: nothing is set to be erased.'),
  cancelled: privateNote('C500 stays in this server: the leave is cancelled and nothing will be erased.'),
  alreadyErased: (leave: ServerLeave) =>
    privateNote(`The server's members' data was erased on ${(leave.erasedAt ?? '').slice(0, 10)}: that cannot be undone. Run \`/c500 setup\` to start again.`),
  asked(leave: ServerLeave): DiscordMessage {
    const note = privateNote(
      [
        `C500 will erase this server's members' data on ${leave.eraseAfter.slice(0, 10)}, ${leaveGraceDays} days from when it was asked (${leave.askedAt.slice(0, 10)}).`,
        'What the law or an open obligation keeps stays under each member’s id alone until it ends: payment records, orders not yet delivered or refunded, open disputes, wallets with money in them.',
        'Finish open orders and payouts before then. To remove the bot itself: Server Settings → Integrations → C500 → Remove.',
        'Changed your mind? Press **Keep C500 here** before that date.',
      ].join('\n'),
    );
    return { ...note, components: [{ type: 1, components: [{ type: 2, style: 2, label: 'Keep C500 here', custom_id: cancelLeaveButtonId }] }] };
  },
};
