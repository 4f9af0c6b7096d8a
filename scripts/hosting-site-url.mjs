// `firebase hosting:sites:list --project $PROJECT --json | node scripts/hosting-site-url.mjs`:
// prints the Default URL of the project's default Hosting site, the base URL terraform bakes
// into every function. The default site is named after the project id only when that name
// was free on all of Firebase; otherwise Firebase adds a suffix (`<project>-1a2b3`), so
// `https://<project>.web.app` may be someone else's site. Fails, saying what to do, when the
// project has no default site yet.
import { readFileSync } from 'node:fs';

/** The sites in what the Firebase CLI prints with --json: `{ status, result: { sites } }`. */
function sitesIn(listed) {
  const sites = listed?.result?.sites ?? listed?.sites;
  if (!Array.isArray(sites)) throw new Error('expected the JSON of `firebase hosting:sites:list --json` on stdin');
  return sites;
}

function defaultSiteUrl(listed) {
  const site = sitesIn(listed).find((s) => s?.type === 'DEFAULT_SITE');
  if (!site) return undefined;
  if (typeof site.defaultUrl !== 'string' || !/^https:\/\/[a-z0-9-]+\.web\.app$/.test(site.defaultUrl))
    throw new Error(`the default site ${site.name} has no https://<site>.web.app Default URL (got ${site.defaultUrl})`);
  return site.defaultUrl;
}

try {
  const url = defaultSiteUrl(JSON.parse(readFileSync(0, 'utf8')));
  if (!url) {
    console.error(
      'This project has no default Hosting site yet: make one with `firebase hosting:sites:create <site id> --project $PROJECT` (the project id, or another name when that one is taken), then run this again.',
    );
    process.exit(1);
  }
  console.log(url);
} catch (error) {
  console.error(`hosting-site-url: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
