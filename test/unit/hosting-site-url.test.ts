/**
 * The deploy checklist takes BASE_URL from the project's real default Hosting site, not from
 * the project id: a project id already taken as a site name gets a suffixed default site.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const script = join(__dirname, '..', '..', 'scripts', 'hosting-site-url.mjs');
const siteUrl = (stdin: string) => spawnSync(process.execPath, [script], { input: stdin, encoding: 'utf8' });

/** What `firebase hosting:sites:list --project <p> --json` prints. */
const listed = (sites: Array<{ name: string; defaultUrl?: string; type: string }>) => JSON.stringify({ status: 'success', result: { sites } });

describe('scripts/hosting-site-url.mjs', () => {
  it('prints the default site’s URL when the project id was free as a site name', () => {
    const run = siteUrl(listed([{ name: 'projects/c500-prod/sites/c500-prod', defaultUrl: 'https://c500-prod.web.app', type: 'DEFAULT_SITE' }]));
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('https://c500-prod.web.app');
  });

  it('prints the suffixed default site’s URL when the project id was taken, whatever other sites the project has', () => {
    const run = siteUrl(
      listed([
        { name: 'projects/c500/sites/c500-staging', defaultUrl: 'https://c500-staging.web.app', type: 'USER_SITE' },
        { name: 'projects/c500/sites/c500-1a2b3', defaultUrl: 'https://c500-1a2b3.web.app', type: 'DEFAULT_SITE' },
      ]),
    );
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('https://c500-1a2b3.web.app');
  });

  it('fails, saying how to make one, when the project has no default site', () => {
    const run = siteUrl(listed([{ name: 'projects/c500/sites/c500-extra', defaultUrl: 'https://c500-extra.web.app', type: 'USER_SITE' }]));
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('firebase hosting:sites:create');
  });

  it('fails on anything that is not the CLI’s JSON list, printing no URL', () => {
    for (const stdin of ['', 'Sites for project c500', JSON.stringify({ status: 'error', error: 'Failed to authenticate' })]) {
      const run = siteUrl(stdin);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
    }
  });
});
