/**
 * The local runtime's `/privacy`, as its site pages serve it (shared/local/site-pages.ts), names
 * the EU representative it is configured with, and a placeholder it calls one without it
 * (issue 79): the page is written from the configuration, as `hosting:config` writes it for a
 * deployment.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import { mountSitePages } from '../../shared/local/site-pages';
import { loadConfig } from '../../shared/config';

const webRoot = join(__dirname, '..', '..', 'web');

/** `/privacy` as a runtime with this environment serves it. */
async function privacyPageWith(env: Record<string, string>): Promise<string> {
  const app = express();
  mountSitePages(app, webRoot, { baseUrl: 'http://127.0.0.1', applicationId: undefined, dataController: loadConfig(env).dataController });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/privacy`);
    expect(res.status).toBe(200);
    return await res.text();
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('the local runtime’s /privacy and the EU representative', () => {
  it('GIVEN C500_EU_REPRESENTATIVE set THEN /privacy names the representative under Art. 27', async () => {
    const page = await privacyPageWith({ C500_EU_REPRESENTATIVE: 'Keys EU Rep GmbH, eu-rep@keycap.example' });
    expect(page).toContain('representative in the EU (Art. 27) is <strong>Keys EU Rep GmbH, eu-rep@keycap.example</strong>');
  });

  it('GIVEN no C500_EU_REPRESENTATIVE THEN /privacy shows the placeholder and says it is one', async () => {
    const page = await privacyPageWith({});
    expect(page).toContain('<strong>nobody yet (a local placeholder: set C500_EU_REPRESENTATIVE)</strong>');
    expect(page).toContain('<code>C500_EU_REPRESENTATIVE</code>');
  });
});
