/**
 * @module show-page
 * A server admin's view of the last hour of its show (`/dashboard/guild/<id>/show`): answers
 * inside Discord's 3 s, bids accepted and refused by reason, minute by minute, and the
 * releases waiting with why. Read from the auction book's tally and the orders, nothing else.
 */
import { formatMoney } from '../../../common';
import type { AdminGuild } from '../session';
import type { PulseMinute, ShowPulse, WaitingRelease } from '../show-pulse';
import { dashboardPage, esc, idCell, panel, pill, table, textCell, type Column, type Frame } from './layout';

/** What each refusal means to an admin watching a show. */
const reasonLabels: Record<string, string> = {
  leading: 'Took the lead',
  'raised-max': 'Raised their own max',
  outbid: 'Placed, outbid at once by a max',
  'already-leading': 'Already leading at that max',
  'too-low': 'Below the next minimum',
  sealed: 'Taken in the sealed final call',
  'private-only': 'Typed in chat in the final call (sent to the private page)',
  closed: 'After the hammer',
  'too-early': 'Before the auction opened',
  banned: 'Bidder banned',
  blocked: 'Bidder blocked here',
  'own-auction': 'Own auction',
  'slow-down': 'Too fast (cooldown)',
  'over-new-bidder-limit': 'Over the new-bidder limit',
  'not-found': 'No live auction there',
  invalid: 'Not a valid bid',
  'guild-only': 'Not in a server',
  'book-unavailable': 'Auction book did not answer',
};

const whyLabels: Record<WaitingRelease['why'], string> = {
  disputed: 'Held: the buyer disputed the payment',
  'being-sent': 'Being sent to Stripe',
  refused: 'Stripe refused it',
  'not-sent': 'Not sent yet',
};

const timeOf = (ms: number) => new Date(ms).toISOString().slice(11, 16);

export function showPage(frame: Frame, guild: AdminGuild, pulse: ShowPulse, bookAnswered = true): string {
  const inside = !bookAnswered
    ? 'The auction book did not answer just now, so the bids of the last hour cannot be counted. Reload in a moment.'
    : pulse.insidePercent === undefined
      ? 'No bids were answered in the last hour.'
      : `${pulse.insideDeadline} of ${pulse.answered} bids answered inside 3 s (${pulse.insidePercent} %).`;
  return dashboardPage(
    frame,
    `<h1>${esc(guild.name)}: the last hour of the show</h1>
    <p class="hint">${esc(timeOf(pulse.fromMs))} to ${esc(timeOf(pulse.toMs))} UTC · counted by the auction book as each bid was answered · <a href="/dashboard/guild/${esc(guild.id)}">Back to the server</a></p>
    ${panel('answers', 'Answers inside 3 s', `<p class="lede">${esc(inside)}</p>`)}
    ${panel(
      'accepted',
      'Bids accepted',
      countsTable(
        'Bids accepted',
        pulse.accepted.map((a) => ({ name: a.outcome, count: a.count })),
        'No bid was accepted in the last hour.',
      ),
    )}
    ${panel(
      'refused',
      'Bids refused, by reason',
      countsTable(
        'Bids refused',
        pulse.refused.map((r) => ({ name: r.reason, count: r.count })),
        'No bid was refused in the last hour.',
      ),
    )}
    ${panel('minutes', 'Minute by minute', minutesTable(pulse.minutes))}
    ${panel('releases', 'Releases waiting', releasesTable(pulse.releasesWaiting))}`,
  );
}

function countsTable(caption: string, rows: ReadonlyArray<{ name: string; count: number }>, empty: string): string {
  const columns: ReadonlyArray<Column<{ name: string; count: number }>> = [
    { label: 'Outcome', cell: (r) => esc(reasonLabels[r.name] ?? r.name) },
    { label: 'Bids', cell: (r) => String(r.count), numeric: true },
  ];
  return table(caption, columns, rows, empty);
}

function minutesTable(minutes: readonly PulseMinute[]): string {
  const columns: ReadonlyArray<Column<PulseMinute>> = [
    { label: 'Minute (UTC)', cell: (m) => esc(timeOf(m.minuteMs)) },
    { label: 'Answered', cell: (m) => String(m.answered), numeric: true },
    { label: 'Past 3 s', cell: (m) => String(m.late), numeric: true },
    { label: 'Accepted', cell: (m) => String(m.accepted), numeric: true },
    { label: 'Refused', cell: (m) => String(m.refused), numeric: true },
  ];
  return table('Bids per minute', columns, minutes, 'No bids in the last hour.');
}

function releasesTable(releases: readonly WaitingRelease[]): string {
  const columns: ReadonlyArray<Column<WaitingRelease>> = [
    { label: 'Order', cell: (r) => idCell(r.orderId) },
    { label: 'Item', cell: (r) => esc(r.title) },
    { label: 'Builder', cell: (r) => esc(r.builderName) },
    { label: 'Due', cell: (r) => esc(formatMoney({ cents: r.dueCents, currency: r.currency })), numeric: true },
    { label: 'Why', cell: (r) => `${pill(r.why, whyLabels[r.why])}${r.detail ? ` ${textCell(r.detail)}` : ''}` },
  ];
  return table('Releases waiting', columns, releases, 'Every proved order’s release has gone out.');
}
