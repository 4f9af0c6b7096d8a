/**
 * @module site-pages
 * The public pages as a deployment serves them: each `web/` page dressed in the site's one
 * layout (shared/common/rules/site-layout.ts). The pages link to `/invite` and
 * name their preview image by path; production's Hosting copy is built with both filled in
 * (`npm run hosting:config`), and Hosting redirects `/invite` to Discord's authorize URL.
 * The local runtime does the same on the fly, so what a test or a person sees here is what
 * a host sees there. The privacy and terms pages are written for this runtime's controller
 * (C500_CONTROLLER_NAME, C500_PRIVACY_CONTACT and C500_EU_REPRESENTATIVE, or their local placeholders), as
 * `hosting:config` writes them for a deployment.
 */
import { readFile } from 'node:fs/promises';
import { join, normalize, relative, sep } from 'node:path';
import type express from 'express';
import { botInviteUrl } from '../guild';
import { builtSitePage, renderSitePage } from '../common';
import type { DataController } from '../config';
import { privacyPages } from '../privacy';
import { log } from '../log';

export function mountSitePages(
  app: express.Express,
  webRoot: string,
  site: { baseUrl: string; applicationId: string | undefined; dataController: DataController },
): void {
  const written: Record<string, string> = privacyPages(site.dataController);
  let inviteUrl: string | undefined;
  try {
    inviteUrl = botInviteUrl(site.applicationId ?? '');
  } catch (error) {
    log.warn('no bot invite link: DISCORD_APPLICATION_ID is not a Discord application id', { error });
  }
  app.get('/invite', (_req, res) => {
    if (!inviteUrl) return void res.status(503).type('text/plain').send('This server has no DISCORD_APPLICATION_ID set, so it cannot make an invite link yet.');
    res.redirect(302, inviteUrl);
  });
  app.get(/^\/(?:[a-z0-9-]+\/)*(?:[a-z0-9-]+(?:\.html)?)?$/, async (req, res, next) => {
    const file = pageFile(webRoot, req.path);
    if (!file) return next();
    let html: string;
    try {
      html = builtSitePage(written[relative(webRoot, file)] ?? (await readFile(file, 'utf8')));
    } catch {
      return next(); // not a page: static files, function routes and the 404 come after
    }
    res
      .type('html')
      .set('cache-control', 'no-cache')
      .send(renderSitePage(html, { baseUrl: site.baseUrl, ...(inviteUrl ? { inviteUrl } : {}) }));
  });
}

/** `/` -> index.html, `/about` and `/about.html` -> about.html, as Hosting's cleanUrls serve them. */
function pageFile(webRoot: string, path: string): string | undefined {
  const name = path === '/' ? 'index.html' : path.endsWith('.html') ? path.slice(1) : `${path.slice(1)}.html`;
  const file = normalize(join(webRoot, name));
  return file.startsWith(webRoot + sep) ? file : undefined;
}
