/**
 * `npm run demo` runs any number of times against one runtime: each run plays in a server,
 * channels and with bidders and shop sale ids of its own, and takes builders onboarded by an
 * earlier run as they are. (test/e2e/demo-twice runs the whole demo twice.)
 */
import { isSnowflake } from '../../shared/common';
import { demoOnboarding, demoRun, idsOf } from '../../scripts/demo-run';

describe('a run of the demo', () => {
  it('shares no id with a run started a moment later, nor has two of its own alike', () => {
    const first = idsOf(demoRun(Date.parse('2026-11-23T17:00:00.000Z')));
    const second = idsOf(demoRun(Date.parse('2026-11-23T17:00:00.001Z')));
    expect(new Set(first).size).toBe(first.length);
    expect(first.filter((id) => second.includes(id))).toEqual([]);
  });

  it('names its server, channels, role and bidders with snowflakes, as Discord does', () => {
    const run = demoRun(Date.now());
    const discordIds = [run.guildId, ...Object.values(run.channels), run.dropRole, run.bidders.dee, run.bidders.eve, run.bidders.fay, ...run.bidders.viewers];
    expect(discordIds.filter((id) => !isSnowflake(id))).toEqual([]);
    expect(run.bidders.viewers).toHaveLength(30);
  });

  it('sells under a Shopify order id that is a number, as Shopify’s are', () => {
    expect(demoRun(Date.now()).sales.shopifyOrder).toMatch(/^[1-9]\d*$/);
  });

  it('opens the onboarding link /c500 onboard answers with, and takes a builder who got none as onboarded already', () => {
    expect(demoOnboarding('http://127.0.0.1:8080/_local/stripe/onboarding/acct_1')).toEqual({ open: 'http://127.0.0.1:8080/_local/stripe/onboarding/acct_1' });
    expect(demoOnboarding('')).toEqual({ alreadyOnboarded: true });
  });
});
