// `npm run hosting:config -- <region>`: prepares Firebase Hosting for one deployment.
// 1. firebase.json's rewrites from the registry, one per public HTTP route to its own
//    function in <region> (terraform's `region`), so a deployment outside us-central1 routes
//    its Hosting paths to where its functions run. The committed file is this script's
//    output for us-central1; a test holds the two together.
// 2. With DISCORD_APPLICATION_ID: the `/invite` redirect to Discord's bot authorize URL.
// 3. With C500_PUBLIC_BASE_URL: the site Hosting serves, built into dist/hosting from web/:
//    each page dressed in the site's one layout (shared/common/rules/site-layout.ts),
//    with each page's preview URLs made absolute (Discord's link preview takes no other)
//    and the "Add to Discord" link written out (shared/common/rules/site-page.ts). The
//    privacy and terms pages are written anew with the controller and contact the functions
//    get (C500_CONTROLLER_NAME, C500_PRIVACY_CONTACT, C500_CONTROLLER_ADDRESS,
//    C500_EU_REPRESENTATIVE): web/ holds
//    them with the local placeholders, which a deployment must never serve.
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const load = (path) => createRequire(import.meta.url)(join(root, 'dist', 'shared', ...path));
// The shape config/index.ts and terraform's `region` variable check too: one rule in three places.
const { isCloudRegion, readDataController } = load(['config', 'index.js']);
const region = process.argv[2] ?? 'us-central1';
if (!isCloudRegion(region)) {
  console.error(`usage: npm run hosting:config -- <region>, such as europe-west1 or europe-west10 (got ${region})`);
  process.exit(2);
}
const { functionRegistry, deployedName } = load(['registry.js']);
const { botInviteUrl } = load(['guild', 'rules', 'bot-invite.js']);
const { renderSitePage } = load(['common', 'rules', 'site-page.js']);
const { builtSitePage } = load(['common', 'rules', 'site-layout.js']);

const file = join(root, 'firebase.json');
const config = JSON.parse(readFileSync(file, 'utf8'));
// `/overlay/auction/:auctionId` -> `/overlay/auction/*`: Hosting globs, where `*` is one path segment.
const source = (route) => route.replace(/\/:[A-Za-z0-9_]+(?=\/|$)/g, '/*');
// A function that answers every path under its route (the dashboard) gets `<route>/**` too: `**` is any depth.
config.hosting.rewrites = functionRegistry
  .filter((entry) => entry.kind === 'http' && entry.public)
  .flatMap((entry) =>
    [source(entry.route), ...(entry.subpaths ? [`${source(entry.route)}/**`] : [])].map((glob) => ({
      source: glob,
      run: { serviceId: deployedName(entry), region },
    })),
  );

const applicationId = process.env.DISCORD_APPLICATION_ID;
const inviteUrl = applicationId ? botInviteUrl(applicationId) : undefined;
if (inviteUrl) config.hosting.redirects = [{ source: '/invite', destination: inviteUrl, type: 302 }];
writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
console.log(`firebase.json: ${config.hosting.rewrites.length} rewrites to ${region}${inviteUrl ? ', /invite to Discord' : ''}`);

const baseUrl = process.env.C500_PUBLIC_BASE_URL;
if (!baseUrl || !inviteUrl) {
  console.error(
    'dist/hosting not built: set C500_PUBLIC_BASE_URL and DISCORD_APPLICATION_ID (link previews need absolute URLs, the landing page its invite link)',
  );
  process.exit(1);
}
let controller;
try {
  controller = readDataController(process.env, 'gcp');
} catch (error) {
  console.error(`dist/hosting not built: ${error.message}`);
  process.exit(1);
}
const { privacyPages } = load(['privacy', 'rules', 'privacy-page.js']);
const out = join(root, config.hosting.public);
rmSync(out, { recursive: true, force: true });
cpSync(join(root, 'web'), out, { recursive: true });
for (const [file, html] of Object.entries(privacyPages(controller))) writeFileSync(join(out, file), html);
const pages = (dir) =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? pages(join(dir, name)) : name.endsWith('.html') ? [join(dir, name)] : []));
for (const page of pages(out)) writeFileSync(page, renderSitePage(builtSitePage(readFileSync(page, 'utf8')), { baseUrl, inviteUrl }));
console.log(`${config.hosting.public}: the site for ${baseUrl}`);
