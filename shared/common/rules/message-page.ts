/**
 * @module message-page
 * A page that says one thing, in the site's layout: the OAuth round trips' outcomes, a
 * chatter's data page.
 */
import { escapeHtml } from './html-page';
import { page } from './layout';

/**
 * A page that says one thing: a heading and a few paragraphs in the site's style (the OAuth
 * round trips' outcomes). `title` is plain text (escaped here); `paragraphs` are trusted HTML
 * the caller built.
 */
export function messagePage(status: number, title: string, paragraphs: readonly string[], head?: string): { status: number; html: string } {
  const body = `  <main id="main">
    <section class="lost">
      <div class="wrap">
        <h1>${escapeHtml(title)}</h1>
${paragraphs.map((p) => `        <p class="lede">${p}</p>`).join('\n')}
      </div>
    </section>
  </main>`;
  return { status, html: page({ title, ...(head ? { head } : {}) }, body) };
}

/** What a Twitch round trip that went wrong on the way says, whatever it was for; `again` says how to start over. */
export function roundTripRefusal(reason: 'forged' | 'expired' | 'missing-code' | 'code-refused', again: string): { status: number; html: string } {
  switch (reason) {
    case 'forged':
      return messagePage(401, 'This link is not one C500 made', ['It may have been copied wrong or edited.', again]);
    case 'expired':
      return messagePage(400, 'This link has expired', ['Links to Twitch work for a short while only, to keep your account safe.', again]);
    case 'missing-code':
      return messagePage(400, 'Twitch did not finish', [
        'This page is opened by Twitch after you authorize C500, and it came without an answer from Twitch.',
        again,
      ]);
    case 'code-refused':
      return messagePage(400, 'Twitch did not accept this sign-in', ['Each link works once; this one may have been used already.', again]);
  }
}
