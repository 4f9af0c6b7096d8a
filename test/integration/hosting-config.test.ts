/**
 * `npm run hosting:config -- <region>` run as a person runs it, on a copy of the repository's
 * root (the script writes firebase.json beside itself): every Cloud Run region name is taken
 * and written into the rewrites, and anything else is refused before a file is touched.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
let copy: string;

beforeEach(() => {
  copy = mkdtempSync(join(tmpdir(), 'c500-hosting-config-'));
  mkdirSync(join(copy, 'scripts'));
  copyFileSync(join(root, 'scripts', 'hosting-config.mjs'), join(copy, 'scripts', 'hosting-config.mjs'));
  copyFileSync(join(root, 'firebase.json'), join(copy, 'firebase.json'));
  // Only dist/shared is read (jest's global setup keeps it built); dist/hosting is never written without the site's variables.
  mkdirSync(join(copy, 'dist'));
  symlinkSync(join(root, 'dist', 'shared'), join(copy, 'dist', 'shared'));
});
afterEach(() => rmSync(copy, { recursive: true, force: true }));

function hostingConfig(region: string, site: NodeJS.ProcessEnv = {}) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    C500_PUBLIC_BASE_URL: '',
    DISCORD_APPLICATION_ID: '',
    C500_CONTROLLER_NAME: '',
    C500_PRIVACY_CONTACT: '',
    C500_CONTROLLER_ADDRESS: '',
    C500_EU_REPRESENTATIVE: '',
    ...site,
  };
  return spawnSync(process.execPath, [join(copy, 'scripts', 'hosting-config.mjs'), region], { env, encoding: 'utf8' });
}

const site = { C500_PUBLIC_BASE_URL: 'https://c500.example', DISCORD_APPLICATION_ID: '1100000000000000001' };
const named = { ...site, C500_CONTROLLER_NAME: 'Keycap Works Ltd', C500_PRIVACY_CONTACT: 'privacy@keycap.example', C500_EU_REPRESENTATIVE: 'Keys EU Rep GmbH' };

const rewriteRegions = () =>
  new Set(
    (JSON.parse(readFileSync(join(copy, 'firebase.json'), 'utf8')) as { hosting: { rewrites: Array<{ run: { region: string } }> } }).hosting.rewrites.map(
      (r) => r.run.region,
    ),
  );

describe('npm run hosting:config', () => {
  it.each(['europe-west10', 'us-east5', 'northamerica-northeast2', 'me-central2', 'africa-south1'])('routes the Hosting paths to functions in %s', (region) => {
    const run = hostingConfig(region);
    // Exit 1: without C500_PUBLIC_BASE_URL it writes the rewrites and says the site is not built.
    expect(run.stderr).toContain('dist/hosting not built');
    expect(run.stdout).toContain(`rewrites to ${region}`);
    expect(rewriteRegions()).toEqual(new Set([region]));
  });

  it.each(['US-CENTRAL1', 'europe-west', 'europe_west1', 'us-central1; rm -rf /', ''])('refuses %p and leaves firebase.json as it was', (region) => {
    const before = readFileSync(join(copy, 'firebase.json'), 'utf8');
    const run = hostingConfig(region);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('usage: npm run hosting:config -- <region>');
    expect(readFileSync(join(copy, 'firebase.json'), 'utf8')).toBe(before);
  });

  it('refuses to build the site without the controller and contact the privacy page names', () => {
    const run = hostingConfig('us-central1', site);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('dist/hosting not built: C500_CONTROLLER_NAME is not set');
    expect(existsSync(join(copy, 'dist', 'hosting'))).toBe(false);
  });

  it('GIVEN the controller and contact but no EU representative THEN it refuses to build the site, naming C500_EU_REPRESENTATIVE', () => {
    const run = hostingConfig('us-central1', { ...named, C500_EU_REPRESENTATIVE: '' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('dist/hosting not built: C500_EU_REPRESENTATIVE is not set');
    expect(existsSync(join(copy, 'dist', 'hosting'))).toBe(false);
  });

  it('writes the privacy and terms pages Hosting serves with the deployment’s controller, never the local placeholders', () => {
    // A copy of web/: the script writes into what it copies, and must never write into web/ itself.
    cpSync(join(root, 'web'), join(copy, 'web'), { recursive: true });
    const run = hostingConfig('us-central1', named);
    expect(run.stderr).toBe('');
    for (const file of ['privacy.html', 'terms.html']) {
      const html = readFileSync(join(copy, 'dist', 'hosting', file), 'utf8');
      expect(html).toContain('Keycap Works Ltd');
      expect(html).toContain('mailto:privacy@keycap.example');
      expect(html).not.toContain('c500.invalid');
      expect(html).not.toContain('placeholder');
    }
  });

  it('builds every page and overlay Hosting serves whole, in the site’s layout or under the overlays’ head', () => {
    cpSync(join(root, 'web'), join(copy, 'web'), { recursive: true });
    const run = hostingConfig('us-central1', named);
    expect(run.stderr).toBe('');
    const built = (file: string) => readFileSync(join(copy, 'dist', 'hosting', file), 'utf8');
    for (const file of ['index.html', 'about.html', '404.html', 'privacy.html', 'checkout/success.html', 'onboarding/done.html']) {
      expect(built(file)).toMatch(/^<!doctype html>\n[\s\S]*<header class="site-header">[\s\S]*<footer class="site-footer">/);
    }
    for (const file of ['overlay/auction.html', 'overlay/pot.html', 'overlay/queue.html', 'overlay/giveaway.html', 'overlay/groupbuy.html']) {
      expect(built(file)).toMatch(/^<!doctype html>\n[\s\S]*<script src="\/overlay\/overlay.js"><\/script>\n<\/head>/);
    }
    expect(built('index.html')).toContain('<meta property="og:url" content="https://c500.example/">');
  });
});
