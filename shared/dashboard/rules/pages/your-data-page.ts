/**
 * @module your-data-page
 * The dashboard's Your data page: what C500 keeps about the signed-in member in a few lines,
 * **Download my data** (`/dashboard/me/export`, the same JSON as `/dashboard/me/data.json`) and **Erase me** (a form that asks for a
 * tick first, as `/c500 privacy` asks for a second press, and expires as its buttons do), with what an
 * erasure cannot undo above it: the open group buys to leave first and the live bids it withdraws
 * (privacy's erase offer, the words `/c500 privacy` uses).
 */
import { csrfField, dashboardPage, esc, panel, type Frame } from './layout';
import { leaveLinkLabel, undoFirstHeading, undoFirstLines, type UndoFirst } from '../../../privacy';

/** Discord's `**bold**`, which the erase offer's words are written in, as HTML (after escaping). */
const boldOf = (markdown: string) => esc(markdown).replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');

/** What an erasure cannot undo, above Erase me: each line as `/c500 privacy` says it, and a link to each pledge's post to leave it on. */
function undoFirstPanel(offer: UndoFirst | undefined): string {
  const lines = offer ? undoFirstLines(offer) : [];
  if (!offer || lines.length === 0) return '';
  const links = offer.leaveFirst.map((pledge) => `<a class="button" href="${esc(pledge.postUrl)}">${esc(leaveLinkLabel(pledge.title))}</a>`).join(' ');
  return `<div class="erase-first"><h3>${esc(undoFirstHeading)}</h3><ul>${lines.map((line) => `<li>${boldOf(line)}</li>`).join('')}</ul>${links ? `<p>${links}</p>` : ''}</div>`;
}

/** `eraseToken`: the form's `erase` field, which says when the page was made (rules/erase-form). */
export function yourDataPage(frame: Frame, lines: readonly string[] | undefined, eraseToken: string, offer?: UndoFirst): string {
  const csrf = frame.who?.csrf ?? '';
  if (!lines)
    return dashboardPage(
      frame,
      panel('your-data', 'Your data', '<p class="lede">C500 keeps nothing about you.</p><p><a href="/privacy">What C500 would keep, and why</a></p>'),
    );
  const held = `<ul>${lines.map((line) => `<li>${esc(line)}</li>`).join('')}</ul>`;
  const download = '<p><a class="button" href="/dashboard/me/export" download>Download my data</a></p>';
  const erase = `<form method="post" action="/dashboard/me/erase" class="erase-form">${csrfField(csrf)}<input type="hidden" name="erase" value="${esc(eraseToken)}"><label><input type="checkbox" name="confirm" value="yes" required> I understand: my names, Twitch link, choices and sessions go at once, and my pre-bids and the bids of live auctions are withdrawn; payment records and open orders are kept under my id alone until they end.</label><button class="button danger" type="submit">Erase me</button></form>`;
  return dashboardPage(
    frame,
    panel(
      'your-data',
      'What C500 keeps about you',
      `${held}${download}${undoFirstPanel(offer)}${erase}<p class="hint">Why, who sees it and for how long: <a href="/privacy">the privacy page</a>.</p>`,
    ),
  );
}
