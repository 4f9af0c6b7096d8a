/**
 * @module layout
 * The dashboard's pages are the site's pages: the layout's `page` (its stylesheet, font and
 * icon, header and footer), with the dashboard's own navigation, plus `dashboard.css` for tables, tabs and the chart.
 * Tables fold into one card per row on a phone (each cell labelled), so nothing scrolls
 * sideways. Everything a person or a shop typed is escaped here; the sign-out button and
 * every other form carry the session's CSRF token.
 */
import { escapeHtml, page } from '../../../common';
import type { AdminGuild } from '../session';

export const esc = escapeHtml;

export type Section = 'overview' | 'builder' | 'host' | 'racer' | 'guild' | 'order' | 'me';

export interface Frame {
  title: string;
  section: Section;
  /** Who is signed in; absent on the pages a signed-out browser sees. */
  who?: { displayName: string; adminGuilds: readonly AdminGuild[]; csrf: string };
  /** A short line at the top: what the last action did. */
  notice?: string;
}

const navItems: Array<[Section, string, string]> = [
  ['overview', 'Overview', '/dashboard'],
  ['builder', 'Builder', '/dashboard/builder'],
  ['host', 'Host', '/dashboard/host'],
  ['racer', 'Racer', '/dashboard/racer'],
  ['me', 'Your data', '/dashboard/me'],
];

export function dashboardPage(frame: Frame, body: string): string {
  const nav = frame.who
    ? `<nav class="site-nav dash-nav" aria-label="Dashboard"><ul>${navItems
        .map(([section, label, href]) => `<li><a href="${href}"${section === frame.section ? ' aria-current="page"' : ''}>${label}</a></li>`)
        .join('')}<li>${signOutForm(frame.who.csrf)}</li></ul></nav>`
    : '';
  return page(
    { title: frame.title, head: '<link rel="stylesheet" href="/dashboard.css">', nav, footer: 'C500 Collective: your ledger, as the bot keeps it.' },
    `  <main id="main" class="dashboard">
    <div class="wrap">
      ${frame.who ? `<p class="signed-in">Signed in with Discord as <strong>${esc(frame.who.displayName)}</strong></p>` : ''}
      ${frame.notice ? `<p class="notice" role="status">${esc(frame.notice)}</p>` : ''}
      ${body}
    </div>
  </main>`,
  );
}

function signOutForm(csrf: string): string {
  return `<form method="post" action="/dashboard/sign-out" class="inline-form"><input type="hidden" name="csrf" value="${esc(csrf)}"><button class="link-button" type="submit">Sign out</button></form>`;
}

/** A hidden CSRF field for a form of this session. */
export const csrfField = (csrf: string) => `<input type="hidden" name="csrf" value="${esc(csrf)}">`;

export interface Column<T> {
  label: string;
  cell: (row: T) => string;
  /** Money and counts line up on the right. */
  numeric?: boolean;
}

/** A table that folds into labelled cards on a phone; `empty` when there are no rows. */
export function table<T>(caption: string, columns: ReadonlyArray<Column<T>>, rows: readonly T[], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${esc(empty)}</p>`;
  const head = columns.map((c) => `<th scope="col"${c.numeric ? ' class="num"' : ''}>${esc(c.label)}</th>`).join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${columns.map((c) => `<td data-label="${esc(c.label)}"${c.numeric ? ' class="num"' : ''}><span class="cell">${c.cell(row)}</span></td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table class="ledger"><caption class="visually-hidden">${esc(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** `2026-05-01T14:03:00Z` as `May 1, 2026` in a `<time>`; a dash when there is none. */
export function dateCell(iso: string | undefined): string {
  // Stryker disable next-line ConditionalExpression: without it, an absent date is an invalid Date and gets the same dash below
  if (!iso) return '<span class="hint">–</span>';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '<span class="hint">–</span>';
  const text = at.toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
  return `<time datetime="${esc(at.toISOString())}">${esc(text)}</time>`;
}

export const textCell = (text: string | undefined) => (text ? esc(text) : '<span class="hint">–</span>');

export const idCell = (id: string) => `<code class="id">${esc(id)}</code>`;

export const pill = (status: string, label: string) => `<span class="pill" data-status="${esc(status)}">${esc(label)}</span>`;

/** A link to the next page, keeping the page's other parameters. */
export function pager(path: string, params: Record<string, string | undefined>, next: string | undefined, label = 'Older', key = 'after'): string {
  if (!next) return '';
  const query = new URLSearchParams(Object.entries({ ...params, [key]: next }).filter((e): e is [string, string] => e[1] !== undefined));
  return `<p class="pager"><a class="button secondary" href="${esc(`${path}?${query.toString()}`)}" rel="next">${esc(label)} →</a></p>`;
}

export const csvLink = (href: string, label: string) => `<a class="button secondary csv" href="${esc(href)}" download>${esc(label)}</a>`;

/** A section with a heading, an optional line of actions (CSV links) and its content. */
export function panel(id: string, heading: string, content: string, actions = ''): string {
  return `<section class="dash-panel" aria-labelledby="${id}"><div class="panel-head"><h2 id="${id}">${esc(heading)}</h2>${actions ? `<div class="panel-actions">${actions}</div>` : ''}</div>${content}</section>`;
}

/** A short page for a refusal or an outcome: signed-out, not allowed, not found, done. */
export function messagePage(frame: Frame, heading: string, lines: readonly string[], action?: { href: string; label: string }): string {
  return dashboardPage(
    frame,
    `<section class="lost"><h1>${esc(heading)}</h1>${lines.map((l) => `<p class="lede">${esc(l)}</p>`).join('')}${
      action ? `<div class="actions"><a class="button" href="${esc(action.href)}">${esc(action.label)}</a></div>` : ''
    }</section>`,
  );
}
