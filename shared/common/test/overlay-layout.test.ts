/**
 * The overlays' one head, read against the overlays themselves: every element an overlay's
 * script looks up by id is in the page it is served as, once, and the page's tags close as
 * they open; and the parts the layout writes (a lot's price and clock, a bar's columns) say
 * what a streamer's viewers read before the first answer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { overlayPageHtml, parseOverlayPage } from '../rules/overlay-layout';
import { builtSitePage } from '../rules/site-layout';

const overlayDir = join(__dirname, '..', '..', '..', 'web', 'overlay');
const overlays = readdirSync(overlayDir).filter((name) => name.endsWith('.html'));
const built = (file: string) => builtSitePage(readFileSync(join(overlayDir, file), 'utf8'));

const voidElements = new Set(['meta', 'link', 'br', 'img', 'input', 'hr', 'source', 'base']);

/** The tags left open or closed out of turn, outside scripts, styles and comments. */
function unbalancedTags(html: string): string[] {
  const markup = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/g, '');
  const open: string[] = [];
  const wrong: string[] = [];
  for (const [, closing, name] of markup.matchAll(/<(\/?)([a-z][a-z0-9-]*)\b[^>]*>/gi)) {
    const tag = (name as string).toLowerCase();
    if (voidElements.has(tag) || tag === '!doctype') continue;
    if (!closing) open.push(tag);
    else if (open.at(-1) === tag) open.pop();
    else wrong.push(`</${tag}> where <${open.at(-1) ?? 'nothing'}> is open`);
  }
  return [...wrong, ...open.map((tag) => `<${tag}> never closed`)];
}

/** The ids an overlay's script reads: `$('id')` and `getElementById('id')`. */
const idsRead = (html: string): string[] => [...html.matchAll(/(?:\$|getElementById)\('([a-z-]+)'\)/g)].map((m) => m[1] as string);

describe('each overlay as it is served', () => {
  it.each(overlays)('%s holds every element its script reads, once, and closes every tag it opens', (file) => {
    const html = built(file);
    const ids = idsRead(html);
    expect(ids.length).toBeGreaterThan(3);
    for (const id of new Set(ids)) expect([id, html.match(new RegExp(`\\bid="${id}"`, 'g'))?.length ?? 0]).toEqual([id, 1]);
    expect(unbalancedTags(html)).toEqual([]);
    expect(html).not.toContain('<!--overlay-');
  });

  it('finds a tag closed out of turn and one left open, so the check above can fail', () => {
    expect(unbalancedTags('<div><span></div>')).toEqual(['</div> where <span> is open', '<div> never closed', '<span> never closed']);
    expect(unbalancedTags('<div><br><!-- <p> --><script>"<b>"</script></div>')).toEqual([]);
  });
});

describe('an overlay file', () => {
  const file = (rest: string) => `<!--overlay-page {"title":"T","theme":"card"}-->\n${rest}`;

  it('is an overlay only when its first line names it: a marker further down leaves a whole page', () => {
    expect(parseOverlayPage(`<p>hi</p>\n${file('<p></p>')}`)).toBeUndefined();
    expect(parseOverlayPage(file('  <p>card</p>\n'))).toEqual({ title: 'T', theme: 'card', style: '', body: '  <p>card</p>' });
  });

  it('gives its leading style (after an optional comment) to the head, and keeps the comment and a later style in the body', () => {
    const page = parseOverlayPage(file('<!--\n  how to add it in OBS\n-->\n  <style>.a {}</style>\n\n  <p>card</p>\n  <style>.b {}</style>\n\n'));
    expect(page?.style).toBe('  <style>.a {}</style>');
    expect(page?.body).toBe('<!--\n  how to add it in OBS\n-->\n\n  <p>card</p>\n  <style>.b {}</style>');
  });

  it('marks a card’s top edge for “reconnecting…”, and leaves a bar’s to its own markup', () => {
    const card = overlayPageHtml({ title: 'C', theme: 'card', style: '', body: '  <section></section>' });
    expect(card).toContain('<p class="note" id="note" hidden></p>\n  <span class="conn" id="conn" hidden>reconnecting…</span>\n  <section>');
    const bar = overlayPageHtml({ title: 'B', theme: 'bar', style: '', body: '  <section></section>' });
    expect(bar).not.toContain('id="conn"');
  });

  it('writes a lot that reads “top bid” over its price and “ends in” over a blank clock until the first answer', () => {
    const html = overlayPageHtml({ title: 'Lot', style: '', body: '<!--overlay-lot-->' });
    expect(html).toContain(
      [
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
      ].join('\n'),
    );
  });

  it('leaves a marker that is not alone on its line as it is', () => {
    const html = overlayPageHtml({ title: 'Lot', style: '', body: '  <p><!--overlay-lot--> here</p>\n  x <!--overlay-lot-->' });
    expect(html).toContain('<p><!--overlay-lot--> here</p>\n  x <!--overlay-lot-->');
  });
});
