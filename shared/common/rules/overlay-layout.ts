/**
 * @module overlay-layout
 * The OBS overlays' one head. Each overlay in `web/overlay/` holds a `<!--overlay-page {…}-->`
 * line (its title and theme), its own rules in a `<style>`, and its card and script;
 * `overlayPageHtml` puts them under the head every overlay shares: the font, the shared
 * stylesheets (`overlay.css`, then the theme's), `overlay.js` (which only defines
 * `C500Overlay`, so it may load before the body), the note shown without JavaScript and the
 * note `overlay.js` writes into (and a card's "reconnecting…" mark); and a lot's price and
 * clock, or a bar's three columns, where a page asks for them.
 */
import { escapeHtml } from './html-page';
import { bareShell } from './layout';

export interface OverlayPage {
  readonly title: string;
  /** The stylesheet of the overlays that look alike: `card` (auction, show), `bar` (queue, giveaway, group buy). */
  readonly theme?: 'card' | 'bar';
  /** A bar overlay's columns (`bar.css`), written where its body puts `<!--overlay-bar-->`. */
  readonly bar?: BarColumns;
  /** The overlay's own `<style>` element, trusted HTML, or empty. */
  readonly style: string;
  /** Its card and its script, trusted HTML. */
  readonly body: string;
}

/**
 * A bar: who it is about (a tag such as QUEUE and the title's id), then what is happening now
 * and what comes next, each a label over a line over a step, every one with the id its
 * script fills.
 */
export interface BarColumns {
  readonly tag: string;
  readonly title: string;
  readonly now: BarColumn;
  readonly next: BarColumn;
}

export interface BarColumn {
  readonly label: string;
  readonly labelId?: string;
  readonly line: string;
  /** A class beside `line`, as `count` for tabular figures. */
  readonly lineClass?: string;
  readonly step: string;
}

const marker = /^<!--overlay-page (\{.*\})-->\n/;
const ownStyle = /^(?:\s*<!--[\s\S]*?-->\n)?(\s*<style>[\s\S]*?<\/style>\n)/;

/** The overlay a `web/overlay/` file stands for, or undefined for a file that is a whole page. */
export function parseOverlayPage(source: string): OverlayPage | undefined {
  const match = marker.exec(source);
  if (!match?.[1]) return undefined;
  const named = JSON.parse(match[1]) as Pick<OverlayPage, 'title' | 'theme' | 'bar'>;
  const rest = source.slice(match[0].length);
  const style = ownStyle.exec(rest)?.[1] ?? '';
  return { ...named, style: style.replace(/^\n+|\n+$/g, ''), body: rest.replace(style, '').replace(/\n+$/, '') };
}

/**
 * A lot's price and clock, as the auction overlay's card and the show overlay's stage both
 * show them (overlay.js's `lotClock` fits the clock): written where a page puts
 * `<!--overlay-lot-->`, at that line's indent.
 */
const lotMarkup = [
  '<div class="main">',
  '  <div class="lead">',
  '    <div class="lead-top" id="lead-top"><span class="label" id="price-label">top bid</span><span class="label bids" id="bids" hidden></span><span class="badge" id="reserve" hidden>reserve not met</span></div>',
  '    <div class="price" id="price"><span class="amount" id="amount"></span></div>',
  '  </div>',
  '  <div class="slot">',
  '    <span class="label" id="slot-label">ends in</span>',
  '    <span class="clock" id="clock">--:--</span>',
  '    <span class="stamp" id="stamp" hidden></span>',
  '  </div>',
  '</div>',
];

function barColumn(name: 'now' | 'next', column: BarColumn): string[] {
  const labelId = column.labelId ? ` id="${escapeHtml(column.labelId)}"` : '';
  return [
    `<div class="${name}">`,
    `  <span class="label"${labelId}>${escapeHtml(column.label)}</span>`,
    `  <span class="line${column.lineClass ? ` ${escapeHtml(column.lineClass)}` : ''}" id="${escapeHtml(column.line)}"></span>`,
    `  <span class="step" id="${escapeHtml(column.step)}"></span>`,
    '</div>',
  ];
}

function barMarkup(bar: BarColumns): string[] {
  const title = escapeHtml(bar.title);
  return [
    '<section class="bar" id="bar" aria-live="polite" hidden>',
    '  <div class="who">',
    `    <span class="tag">${escapeHtml(bar.tag)}</span>`,
    `    <h1 class="${title}" id="${title}"></h1>`,
    '    <span class="conn" id="conn" hidden>reconnecting…</span>',
    '  </div>',
    ...[...barColumn('now', bar.now), ...barColumn('next', bar.next)].map((line) => `  ${line}`),
    '</section>',
  ];
}

/** Writes each `<!--overlay-…-->` line of the body as its markup, at that line's indent. */
function withParts(page: OverlayPage): string {
  const parts: Record<string, readonly string[] | undefined> = { lot: lotMarkup, bar: page.bar && barMarkup(page.bar) };
  return page.body.replace(/^( *)<!--overlay-(lot|bar)-->$/gm, (_line, indent: string, part: string) => {
    const markup = parts[part];
    if (!markup) throw new Error(`${page.title}: <!--overlay-${part}--> with nothing to write there`);
    return markup.map((text) => indent + text).join('\n');
  });
}

/** A card's "reconnecting…" mark, on the card's top edge like a tab (card.css). */
const cardConn = '\n  <span class="conn" id="conn" hidden>reconnecting…</span>';

export function overlayPageHtml(page: OverlayPage): string {
  const theme = page.theme ? `\n  <link rel="stylesheet" href="/overlay/${page.theme}.css">` : '';
  return bareShell(
    'overlay',
    page.title,
    `  <link rel="stylesheet" href="/overlay/overlay.css">${theme}${page.style ? `\n${page.style}` : ''}
  <script src="/overlay/overlay.js"></script>`,
    `  <noscript><p class="note">This overlay needs JavaScript: enable it in the OBS browser source (it is on by default).</p></noscript>
  <p class="note" id="note" hidden></p>${page.theme === 'card' ? cardConn : ''}
${withParts(page)}`,
  );
}
