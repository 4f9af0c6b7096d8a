/**
 * Reading a dashboard page as a person sees it, for the page tests: one panel by its id, its
 * table's rows as label -> cell HTML, which columns line up as numbers, and a signed-in frame.
 */
import type { Frame, Section } from '../rules/pages/layout';

/** A signed-in frame for a page of `section`, with the session's CSRF token `csrf-token`. */
export const signedInFrame = (section: Section, title = 'Page'): Frame => ({
  title,
  section,
  who: { displayName: 'Ana', adminGuilds: [], csrf: 'csrf-token' },
});

/** The HTML of the panel `<section aria-labelledby="id">`, up to its end. */
export function panelOf(html: string, id: string): string {
  const start = html.indexOf(`<section class="dash-panel" aria-labelledby="${id}">`);
  if (start < 0) throw new Error(`no panel ${id}`);
  return html.slice(start, html.indexOf('</section>', start) + '</section>'.length);
}

/** Each body row of the first table in `fragment` (or of every table when `all`): its cells by column label. */
export function rowsOf(fragment: string): Array<Record<string, string>> {
  const rows: Array<Record<string, string>> = [];
  for (const body of fragment.matchAll(/<tbody>(.*?)<\/tbody>/gs)) {
    for (const row of (body[1] as string).matchAll(/<tr>(.*?)<\/tr>/gs)) {
      const cells: Record<string, string> = {};
      for (const cell of (row[1] as string).matchAll(/<td data-label="([^"]*)"(?: class="num")?><span class="cell">(.*?)<\/span><\/td>/gs)) {
        cells[cell[1] as string] = cell[2] as string;
      }
      rows.push(cells);
    }
  }
  return rows;
}

/** The column labels of the first table in `fragment`, and which of them are numeric (right-aligned). */
export function columnsOf(fragment: string): { labels: string[]; numeric: string[] } {
  const head = /<thead><tr>(.*?)<\/tr><\/thead>/s.exec(fragment)?.[1] ?? '';
  const labels: string[] = [];
  const numeric: string[] = [];
  for (const th of head.matchAll(/<th scope="col"( class="num")?>(.*?)<\/th>/g)) {
    labels.push(th[2] as string);
    if (th[1]) numeric.push(th[2] as string);
  }
  return { labels, numeric };
}

/** `<time>` of an ISO date as a page shows it. */
export const time = (iso: string, text: string) => `<time datetime="${iso}">${text}</time>`;

export const dash = '<span class="hint">–</span>';

/** The panels' headings, in page order, as `id: heading`. */
export const headingsOf = (html: string) => [...html.matchAll(/<h2 id="([^"]*)">(.*?)<\/h2>/g)].map((m) => `${m[1]}: ${m[2]}`);

/** The tables' captions (read aloud by screen readers), in page order. */
export const captionsOf = (html: string) => [...html.matchAll(/<caption class="visually-hidden">(.*?)<\/caption>/g)].map((m) => m[1]);
