/**
 * @module site-page
 * The public pages in `web/` are written with root-relative links so they open anywhere;
 * what a crawler or a host reads needs more. Discord's link preview takes `og:image` and
 * `og:url` only as absolute URLs, and the "Add to Discord" button should show Discord's
 * authorize URL, not `/invite`. This fills both in for one deployment: the local runtime
 * serves pages through it, and `npm run hosting:config` builds the Hosting copy with it.
 */

import { escapeHtml } from './html-page';

export interface SiteLinks {
  /** Where the site is served, such as `https://c500.example`; no trailing slash needed. */
  baseUrl: string;
  /** Discord's bot authorize URL, when the deployment knows its application id. */
  inviteUrl?: string;
}

/** Absolute `og:*`/`twitter:*` URLs and the invite link written into one page's HTML. */
export function renderSitePage(html: string, links: SiteLinks): string {
  const base = links.baseUrl.replace(/\/+$/, '');
  let page = html.replace(
    /(<meta\s+(?:property|name)="(?:og:image|og:url|twitter:image)"\s+content=")(\/[^"]*)"/g,
    (_match, head: string, path: string) => `${head}${escapeHtml(base)}${path}"`,
  );
  if (links.inviteUrl) page = page.replaceAll('href="/invite"', `href="${escapeHtml(links.inviteUrl)}"`);
  return page;
}
