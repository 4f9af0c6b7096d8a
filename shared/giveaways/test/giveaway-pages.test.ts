/**
 * What anyone may see of a giveaway: its public feed keeps the seed back until the draw and
 * names no entrant; the rules page says how to enter, the odds and how to recompute the
 * draw; the entries page lists the pseudonyms sorted, with the seed and rounds once drawn.
 */
import { drawSteps, drawStepsFor, giveawayNotFoundHtml, giveawayPageHtml, publicGiveaway, rulesPageHtml, type PublicGiveaway } from '../rules/giveaway-pages';
import type { Giveaway } from '../rules/giveaway';
import { drawRounds } from '../rules/draw';

const open: Giveaway = {
  giveawayId: 'gw1',
  guildId: 'g1',
  channelId: 'c1',
  sponsorId: '830000000000000009',
  sponsorName: 'Keysmith & Co',
  prize: 'Tofu65 <kit>',
  winners: 1,
  confirmMinutes: 5,
  startedAt: '2026-11-26T11:30:00.000Z',
  endsAt: '2026-11-26T12:00:00.000Z',
  commitment: 'c0ffee',
  status: 'open',
  byInteraction: 'i1',
};

const drawn: Giveaway = {
  ...open,
  status: 'drawn',
  seed: '5eed',
  entrants: 3,
  rounds: [
    {
      round: 1,
      pseudonym: 'bbb',
      winnerId: '830000000000000002',
      winnerLabel: '<@830000000000000002>',
      confirmBy: '2026-11-26T12:05:00.000Z',
      state: 'lapsed',
    },
    { round: 2, pseudonym: 'aaa', winnerId: 'twitch:77', winnerLabel: 'chatter', confirmBy: '2026-11-26T12:10:00.000Z', state: 'waiting' },
  ],
};

const now = new Date('2026-11-26T11:45:00.000Z');

describe('a giveaway’s public feed', () => {
  it('shows an open giveaway without its seed, counting the entries it is given', () => {
    expect(publicGiveaway({ ...open, seed: 'not-yet' }, 2, now)).toStrictEqual({
      giveawayId: 'gw1',
      prize: 'Tofu65 <kit>',
      sponsorName: 'Keysmith & Co',
      status: 'open',
      startedAt: '2026-11-26T11:30:00.000Z',
      endsAt: '2026-11-26T12:00:00.000Z',
      winners: 1,
      confirmMinutes: 5,
      commitment: 'c0ffee',
      scheme: 'seed-only',
      seed: null,
      entriesHash: null,
      closedAt: null,
      beacon: null,
      entrants: 2,
      rounds: [],
      twitchChannel: null,
      serverTime: '2026-11-26T11:45:00.000Z',
    });
  });

  it('shows a drawn giveaway’s seed, its count at the draw and each round by pseudonym, never the winner’s id', () => {
    const feed = publicGiveaway({ ...drawn, broadcasterLogin: 'keysmith' }, 9, now);
    expect(feed).toMatchObject({ status: 'drawn', seed: '5eed', entrants: 3, twitchChannel: 'keysmith' });
    expect(feed.rounds).toStrictEqual([
      { round: 1, pseudonym: 'bbb', state: 'lapsed', confirmBy: '2026-11-26T12:05:00.000Z' },
      { round: 2, pseudonym: 'aaa', state: 'waiting', confirmBy: '2026-11-26T12:10:00.000Z' },
    ]);
    expect(JSON.stringify(feed)).not.toContain('830000000000000002');
  });

  it('says the seed is null, not missing, when a closed giveaway has none', () => {
    expect(publicGiveaway({ ...open, status: 'ended' }, 0, now).seed).toBeNull();
  });
});

describe('a giveaway’s official rules page', () => {
  const rules = (g: PublicGiveaway, baseUrl = 'https://c500.example') => rulesPageHtml(g, baseUrl);

  it('names the prize and the sponsor, escaped, and says no purchase is necessary', () => {
    const html = rules(publicGiveaway(open, 0, now));
    expect(html).toContain('<title>Official rules: Tofu65 &lt;kit&gt; · C500 Collective</title>');
    expect(html).toContain('<h1>Official rules: Tofu65 &lt;kit&gt;</h1>');
    expect(html).toContain('<p class="lede"><strong>No purchase necessary.</strong> A purchase does not improve your chances of winning.</p>');
    expect(html).toContain(
      '<h2>Sponsor</h2>\n        <p>Keysmith &amp; Co, a member of the Discord server where the giveaway was posted, gives the prize and ships it.',
    );
  });

  it('puts each section on its own lines', () => {
    expect(rules(publicGiveaway(open, 0, now))).toContain(
      'gives the prize and ships it. C500 Collective runs the entry and the draw.</p>\n        <h2>Dates</h2>',
    );
  });

  it('gives the dates in UTC, readable and machine-readable', () => {
    expect(rules(publicGiveaway(open, 0, now))).toContain(
      '<h2>Dates</h2>\n        <p>Entries open <time datetime="2026-11-26T11:30:00.000Z">2026-11-26 11:30:00 UTC</time> and close <time datetime="2026-11-26T12:00:00.000Z">2026-11-26 12:00:00 UTC</time>. The draw is made when entries close.</p>',
    );
  });

  it('tells how to enter from Discord, and from the sponsor’s Twitch chat only when there is one', () => {
    const withoutChat = rules(publicGiveaway(open, 0, now));
    expect(withoutChat).toContain(
      '<h2>Who may enter, and how</h2>\n        <p>Entry is free, by pressing <strong>Enter</strong> on the giveaway’s post in Discord. One entry a person:',
    );
    const withChat = rules(publicGiveaway({ ...open, broadcasterLogin: 'key<smith>' }, 0, now));
    expect(withChat).toContain(
      'in Discord, or by typing <code>!enter</code> in twitch.tv/key&lt;smith&gt;’s chat once signed in with Twitch on C500 (it reads only who you are; the bot gives the link). One entry a person:',
    );
  });

  it('states the odds for one winner and for several', () => {
    expect(rules(publicGiveaway(open, 0, now))).toContain(
      '<h2>Odds</h2>\n        <p>One winner is drawn. The odds of winning depend on the number of entries: with <i>n</i> entries, each entry has a 1 in <i>n</i> chance.</p>',
    );
    expect(rules(publicGiveaway({ ...open, winners: 3 }, 0, now))).toContain(
      '<p>3 winners are drawn. The odds of winning depend on the number of entries: with <i>n</i> entries, each entry has a 3 in <i>n</i> (at most 1) chance.</p>',
    );
  });

  it('publishes the commitment and each step of the draw, in order', () => {
    const html = rules(publicGiveaway(open, 0, now));
    expect(html).toContain(
      '<h2>How the winner is drawn</h2>\n        <p>When the giveaway started, C500 made a secret seed of 32 random bytes and published its SHA-256, the commitment: <code>c0ffee</code>.',
    );
    // A giveaway started before entries were bound: drawn over the seed alone, as its page says.
    const older = drawStepsFor('seed-only');
    expect(older).toHaveLength(5);
    expect(older[1]).toBe('Sort the pseudonyms in ascending order.');
    expect(html).toContain(`        <ol>\n${older.map((s) => `          <li>${s}</li>`).join('\n')}\n        </ol>`);
    for (const words of [
      'Each entry is listed by its pseudonym, 64 lowercase hex characters: HMAC-SHA256, keyed by a salt',
      'HMAC-SHA256 with the seed’s 32 bytes',
      'pick the winners',
      'Check the seed: its SHA-256',
    ]) {
      expect(html).toContain(words);
    }
  });

  it('links to the entries, whatever slashes end the site’s address, with a script to recompute the draw', () => {
    for (const baseUrl of ['https://c500.example', 'https://c500.example/', 'https://c500.example//']) {
      const html = rules(publicGiveaway(open, 0, now), baseUrl);
      expect(html).toContain(
        '<a href="https://c500.example/giveaway/gw1">https://c500.example/giveaway/gw1</a>, with the list as plain text at <a href="https://c500.example/giveaway/gw1/entries.txt">entries.txt</a>',
      );
    }
    const html = rules(publicGiveaway(open, 0, now));
    expect(html).toContain('<h2>How anyone can recompute it</h2>');
    expect(html).toContain('<pre><code>const { createHash, createHmac } = require(&#39;node:crypto&#39;);\n');
    expect(html).toContain('console.log(r, pool.splice(Number(BigInt(&#39;0x&#39; + h) % BigInt(pool.length)), 1)[0]);\n}</code></pre>');
  });

  it('says how long a winner has to confirm, and where the address goes', () => {
    const html = rules(publicGiveaway({ ...open, confirmMinutes: 15 }, 0, now));
    expect(html).toContain('<h2>How the winner is told, and must confirm</h2>');
    expect(html).toContain('A winner must press <strong>Confirm and give address</strong> within 15 minutes of the draw;');
    expect(html).toContain('<h2>The prize and your address</h2>\n        <p>The sponsor ships the prize at no cost to the winner.');
  });

  it('keeps its long hashes inside the page', () => {
    expect(rules(publicGiveaway(open, 0, now))).toContain('<style>.giveaway-rules, .giveaway-page { overflow-wrap: anywhere; }');
  });
});

describe('a giveaway’s entries page', () => {
  it('lists an open giveaway’s entries sorted, counted from 0, and keeps the seed secret', () => {
    const html = giveawayPageHtml(publicGiveaway(open, 2, now), ['ccc', 'aaa', 'bbb']);
    expect(html).toContain('<title>Giveaway: Tofu65 &lt;kit&gt; · C500 Collective</title>');
    expect(html).toContain(
      '<p class="lede"><strong>No purchase necessary.</strong> Sponsored by Keysmith &amp; Co; entries close <time datetime="2026-11-26T12:00:00.000Z">2026-11-26 12:00:00 UTC</time>. <a href="/giveaway/gw1/rules">Official rules</a>.</p>',
    );
    expect(html).toContain('<p>Commitment (SHA-256 of the seed): <code class="commitment">c0ffee</code></p>');
    expect(html).toContain('<p>The seed stays secret until the draw.</p>\n        <h2>3 entries, sorted</h2>');
    expect(html).not.toContain('The draw</h2>');
    expect(html).toContain(
      '        <h2>3 entries, sorted</h2>\n        <ol class="entries" start="0">\n          <li><code>aaa</code></li>\n          <li><code>bbb</code></li>\n          <li><code>ccc</code></li>\n        </ol>',
    );
    expect(html).toContain('<style>.giveaway-rules, .giveaway-page');
  });

  it('does not reorder the list it was given', () => {
    const given = ['bbb', 'aaa'];
    giveawayPageHtml(publicGiveaway(open, 2, now), given);
    expect(given).toEqual(['bbb', 'aaa']);
  });

  it('shows a drawn giveaway’s seed and each round, and says entries are closed', () => {
    const html = giveawayPageHtml(publicGiveaway(drawn, 0, now), ['aaa']);
    expect(html).toContain('Sponsored by Keysmith &amp; Co; entries are closed.');
    expect(html).toContain('<p>Seed: <code class="seed">5eed</code></p>');
    expect(html).toContain(
      '        <h2>The draw</h2>\n        <ol class="rounds">\n          <li>Round 1: <code>bbb</code> (lapsed)</li>\n          <li>Round 2: <code>aaa</code> (waiting)</li>\n        </ol>\n        <h2>1 entry, sorted</h2>',
    );
  });
});

describe('the giveaway pages’ header', () => {
  it.each([
    ['entries page', () => giveawayPageHtml(publicGiveaway(open, 0, now), [])],
    ['official rules', () => rulesPageHtml(publicGiveaway(open, 0, now), 'https://c500.example')],
    ['page for a giveaway that does not exist', giveawayNotFoundHtml],
  ])('opens the %s with the site’s header, before its main', (_name, page) => {
    const html = page();
    expect(html.match(/<header class="site-header">/g)).toHaveLength(1);
    expect(html.indexOf('<a class="brand" href="/">')).toBeLessThan(html.indexOf('<main id="main"'));
    expect(html).toContain('<a class="skip-link" href="#main">Skip to content</a>');
  });
});

describe('a giveaway that does not exist', () => {
  it('says so and where to look', () => {
    const html = giveawayNotFoundHtml();
    expect(html).toContain('<title>No such giveaway · C500 Collective</title>');
    expect(html).toContain('<h1>No such giveaway</h1><p class="lede">Check the link on the giveaway’s post.</p>');
  });
});

describe('the rules of a giveaway drawn today', () => {
  const bound: Giveaway = { ...open, scheme: 'entries-bound' };
  const beacon = { chainHash: 'c'.repeat(64), url: 'https://api.drand.sh/' + 'c'.repeat(64), round: 7, at: '2026-11-26T12:00:03.000Z' };
  const beaconBound: Giveaway = { ...open, scheme: 'beacon-bound', beacon };

  it('names the drand round the draw takes its randomness from, published after entry closes, and how to fold it in', () => {
    const html = rulesPageHtml(publicGiveaway(beaconBound, 0, now), 'https://c500.example');
    expect(html).toContain('from drand round 7 (chain <code>' + 'c'.repeat(64) + '</code>');
    expect(html).toContain('even a fake entry of theirs cannot be made to win');
    expect(drawSteps[3]).toContain('SHA-256 of the seed’s 32 bytes followed by the 32 bytes of the randomness of the drand round');
    const page = giveawayPageHtml(
      publicGiveaway({ ...beaconBound, status: 'drawn', seed: '5eed', beacon: { ...beacon, randomness: 'd'.repeat(64), signature: 'ee' } }, 0, now),
      [],
    );
    expect(page).toContain(`<code class="beacon-randomness">${'d'.repeat(64)}</code>`);
  });

  it('gives a beacon-bound recipe that, run as printed, recomputes the winners the draw picks', () => {
    const said = runRecipe(rulesPageHtml(publicGiveaway(beaconBound, 0, now), 'https://c500.example'), { BEACON_RANDOMNESS_HEX: '7'.repeat(64) });
    expect(said.slice(1).map((line) => line.split(' ')[1])).toEqual(drawRounds(seedHex, recipeEntries, 3, 'beacon-bound', '7'.repeat(64)));
  });

  it('says the seed is sealed, the list is fixed at the close by its published hash, and the rounds are bound to it and the beacon round', () => {
    const html = rulesPageHtml(publicGiveaway(beaconBound, 0, now), 'https://c500.example');
    expect(drawSteps).toHaveLength(7);
    expect(drawSteps[2]).toContain('The entries’ hash: SHA-256 of the sorted pseudonyms joined by a line feed');
    expect(html).toContain(`        <ol>\n${drawSteps.map((s) => `          <li>${s}</li>`).join('\n')}\n        </ol>`);
    expect(html).toContain('kept it sealed under a key only the draw uses');
    expect(html).toContain('neither a late entry nor anyone who read the stored giveaway can change who wins');
    expect(html).toContain('<code>draw:<i>entries hash</i>:<i>r</i></code>');
  });

  it('gives a recipe that, run as printed, recomputes the winners the draw picks', () => {
    const said = runRecipe(rulesPageHtml(publicGiveaway(bound, 0, now), 'https://c500.example'));
    // The first line is the commitment; each next one "r pseudonym".
    expect(said.slice(1).map((line) => line.split(' ')[1])).toEqual(drawRounds(seedHex, recipeEntries, 3));
  });

  const seedHex = '00'.repeat(31) + '2a';
  const recipeEntries = ['a', 'b', 'c', 'd', 'e'].map((x) => x.repeat(64));
  /** Runs the rules page's printed recipe over a known seed and entries; what it logs, a line each. */
  function runRecipe(html: string, more: Record<string, string> = {}): string[] {
    const printed = /<pre><code>([\s\S]*?)<\/code><\/pre>/.exec(html)?.[1] ?? '';
    const code = printed
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    const said: string[] = [];
    const run = new Function('require', 'console', 'SEED_HEX', 'ENTRIES', 'ROUNDS', ...Object.keys(more), code);
    run(require, { log: (...parts: unknown[]) => said.push(parts.join(' ')) }, seedHex, recipeEntries, 3, ...Object.values(more));
    return said;
  }

  it('shows the entries’ hash fixed at the close, once entry has closed', () => {
    const closed = publicGiveaway({ ...bound, status: 'drawn', seed: '5eed', entriesHash: 'e'.repeat(64) }, 0, now);
    expect(closed).toMatchObject({ scheme: 'entries-bound', entriesHash: 'e'.repeat(64) });
    expect(giveawayPageHtml(closed, [])).toContain(`<code class="entries-hash">${'e'.repeat(64)}</code>`);
    expect(publicGiveaway({ ...bound, entriesHash: 'e'.repeat(64) }, 0, now).entriesHash).toBeNull();
  });
});
