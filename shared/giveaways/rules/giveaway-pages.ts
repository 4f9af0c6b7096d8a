/**
 * @module giveaway-pages
 * What anyone may see of a giveaway: its official rules (`/giveaway/<id>/rules`), generated
 * from the giveaway; its entries by pseudonym with, after the draw, the seed and each round
 * (`/giveaway/<id>`, and `/giveaway/<id>/entries.txt` to recompute from); the overlay's feed
 * (`/giveaway/<id>.json`). No entrant's name or id: a pseudonym is a keyed hash of the entrant
 * with the giveaway's id, under a salt never revealed.
 */
import { escapeHtml, page } from '../../common';
import type { Giveaway, GiveawayStatus } from './giveaway';
import type { DrawScheme } from './draw';
import { noPurchase } from './giveaway-messages';

export interface PublicRound {
  round: number;
  pseudonym: string;
  state: 'waiting' | 'confirmed' | 'lapsed';
  confirmBy: string;
}

export interface PublicGiveaway {
  giveawayId: string;
  prize: string;
  sponsorName: string;
  status: GiveawayStatus;
  startedAt: string;
  endsAt: string;
  winners: number;
  confirmMinutes: number;
  commitment: string;
  /** How the rounds are drawn (`draw.ts`): bound to the entries' hash, or, for a giveaway started before, to the seed alone. */
  scheme: DrawScheme;
  /** Null until the draw. */
  seed: string | null;
  /** The entry list fixed when entry closed (SHA-256 of the sorted pseudonyms, one a line); null until then. */
  entriesHash: string | null;
  /** When entry closed and the list's hash was fixed; null until then. */
  closedAt: string | null;
  /** The beacon round the draw takes its randomness from, named at the start; its randomness once drawn. */
  beacon: { chainHash: string; url: string; round: number; at: string; randomness: string | null; signature: string | null } | null;
  entrants: number;
  rounds: PublicRound[];
  twitchChannel: string | null;
  serverTime: string;
}

export function publicGiveaway(giveaway: Giveaway, entrants: number, now: Date): PublicGiveaway {
  return {
    giveawayId: giveaway.giveawayId,
    prize: giveaway.prize,
    sponsorName: giveaway.sponsorName,
    status: giveaway.status,
    startedAt: giveaway.startedAt,
    endsAt: giveaway.endsAt,
    winners: giveaway.winners,
    confirmMinutes: giveaway.confirmMinutes,
    commitment: giveaway.commitment,
    scheme: giveaway.scheme ?? 'seed-only',
    seed: giveaway.status === 'open' ? null : (giveaway.seed ?? null),
    entriesHash: giveaway.status === 'open' && !giveaway.closedAt ? null : (giveaway.entriesHash ?? null),
    closedAt: giveaway.closedAt ?? null,
    beacon: giveaway.beacon ? { ...giveaway.beacon, randomness: giveaway.beacon.randomness ?? null, signature: giveaway.beacon.signature ?? null } : null,
    entrants: giveaway.entrants ?? entrants,
    rounds: (giveaway.rounds ?? []).map((r) => ({ round: r.round, pseudonym: r.pseudonym, state: r.state, confirmBy: r.confirmBy })),
    twitchChannel: giveaway.broadcasterLogin ?? null,
    serverTime: now.toISOString(),
  };
}

/** Hashes and the recipe are long unbroken lines: they wrap or scroll inside the page, never widen it. */
const pageHead =
  '<style>.giveaway-rules, .giveaway-page { overflow-wrap: anywhere; } .giveaway-rules code, .giveaway-page code { white-space: normal; } .giveaway-rules pre, .giveaway-page pre { overflow-x: auto; max-width: 100%; } .giveaway-rules pre code { white-space: pre; }</style>';

const when = (iso: string) => `<time datetime="${escapeHtml(iso)}">${escapeHtml(iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'))}</time>`;

/** The draw, in words exact enough to recompute it; the rules page and the guide say the same. */
export function drawStepsFor(scheme: DrawScheme): string[] {
  const bound = scheme !== 'seed-only';
  const beacon = scheme === 'beacon-bound';
  return [
    'Each entry is listed by its pseudonym, 64 lowercase hex characters: HMAC-SHA256, keyed by a salt C500 made for this giveaway and never reveals, of the giveaway’s id, a colon and the entrant’s id. The list names nobody, and nobody can work one out from a public Discord or Twitch id; you need only the pseudonyms to recompute the draw.',
    'Sort the pseudonyms in ascending order.',
    ...(bound
      ? [
          'The entries’ hash: SHA-256 of the sorted pseudonyms joined by a line feed (none after the last). It is published when entry closes, so the list drawn from cannot change afterwards.',
        ]
      : []),
    ...(beacon
      ? [
          'The key: SHA-256 of the seed’s 32 bytes followed by the 32 bytes of the randomness of the drand round named when the giveaway started (fetch it from the beacon: <code>/public/<i>round</i></code>; drand’s randomness is the SHA-256 of the round’s signature). That round is published after entry closes, so nobody, C500 included, knows it while an entry can be added.',
        ]
      : []),
    `For round <i>r</i> = 1, 2, …: compute HMAC-SHA256 with ${beacon ? 'that key' : 'the seed’s 32 bytes (its 64 hex characters decoded)'} as the key over the ASCII text <code>${bound ? 'draw:<i>entries hash</i>:<i>r</i>' : 'draw:<i>r</i>'}</code>; read the 32 bytes as one unsigned big-endian integer; take it modulo the number of pseudonyms still in the list. The pseudonym at that index (counting from 0) wins round <i>r</i> and leaves the list.`,
    'The first rounds, as many as the giveaway has winners, pick the winners. A winner who does not confirm in time is replaced by the next round, from the same seed and list.',
    'Check the seed: its SHA-256 (of its 32 bytes) is the commitment published when the giveaway started.',
  ];
}

/** The words for a giveaway drawn today (the guide quotes them). */
export const drawSteps = drawStepsFor('beacon-bound');

function recomputeSnippet(scheme: DrawScheme): string {
  const bound = scheme !== 'seed-only';
  const beacon = scheme === 'beacon-bound';
  return `const { createHash, createHmac } = require('node:crypto');
const seed = Buffer.from(SEED_HEX, 'hex');
console.log(createHash('sha256').update(seed).digest('hex')); // = the commitment
${beacon ? "const key = createHash('sha256').update(Buffer.concat([seed, Buffer.from(BEACON_RANDOMNESS_HEX, 'hex')])).digest(); // the drand round's randomness\n" : ''}const pool = ENTRIES.slice().sort(); // the pseudonyms, one per line of entries.txt
${bound ? `const hash = createHash('sha256').update(pool.join('\\n')).digest('hex'); // = the entries' hash\n` : ''}for (let r = 1; r <= ROUNDS && pool.length; r++) {
  const h = createHmac('sha256', ${beacon ? 'key' : 'seed'}).update(${bound ? "'draw:' + hash + ':' + r" : "'draw:' + r"}).digest('hex');
  console.log(r, pool.splice(Number(BigInt('0x' + h) % BigInt(pool.length)), 1)[0]);
}`;
}

export function rulesPageHtml(g: PublicGiveaway, baseUrl: string): string {
  const entries = `${baseUrl.replace(/\/+$/, '')}/giveaway/${g.giveawayId}`;
  const chat = g.twitchChannel
    ? `, or by typing <code>!enter</code> in twitch.tv/${escapeHtml(g.twitchChannel)}’s chat once signed in with Twitch on C500 (it reads only who you are; the bot gives the link)`
    : '';
  const section = (title: string, html: string) => `        <h2>${title}</h2>\n        ${html}`;
  const body = `  <main id="main" class="giveaway-rules">
    <section>
      <div class="wrap">
        <h1>Official rules: ${escapeHtml(g.prize)}</h1>
        <p class="lede"><strong>${noPurchase}.</strong> A purchase does not improve your chances of winning.</p>
${[
  section(
    'Sponsor',
    `<p>${escapeHtml(g.sponsorName)}, a member of the Discord server where the giveaway was posted, gives the prize and ships it. C500 Collective runs the entry and the draw.</p>`,
  ),
  section('Dates', `<p>Entries open ${when(g.startedAt)} and close ${when(g.endsAt)}. The draw is made when entries close.</p>`),
  section(
    'Who may enter, and how',
    `<p>Entry is free, by pressing <strong>Enter</strong> on the giveaway’s post in Discord${chat}. One entry a person: a Discord member and the Twitch account they linked to C500 count once, and entering again changes nothing. Buying anything never adds an entry, and no word in the prize’s description changes who may enter. The sponsor cannot enter, nor can anyone the server’s admins have blocked from its auctions.</p>`,
  ),
  section(
    'Odds',
    `<p>${g.winners === 1 ? 'One winner is' : `${g.winners} winners are`} drawn. The odds of winning depend on the number of entries: with <i>n</i> entries, each entry has ${g.winners === 1 ? 'a 1 in <i>n</i>' : `a ${g.winners} in <i>n</i> (at most 1)`} chance.</p>`,
  ),
  section(
    'How the winner is drawn',
    `<p>When the giveaway started, C500 made a secret seed of 32 random bytes${g.scheme !== 'seed-only' ? ', kept it sealed under a key only the draw uses (nobody reading C500’s records can learn it),' : ''} and published its SHA-256, the commitment: <code>${escapeHtml(g.commitment)}</code>. At the draw the seed is revealed, and the winners follow from it and the entries alone${g.scheme !== 'seed-only' ? ', as they stood when entry closed: neither a late entry nor anyone who read the stored giveaway can change who wins' : ''}${g.beacon ? `, and from drand round ${g.beacon.round} (chain <code>${escapeHtml(g.beacon.chainHash)}</code>, published ${when(g.beacon.at)}, after entry closes): whoever holds C500’s keys cannot know it while entries are open, so even a fake entry of theirs cannot be made to win` : ''}:</p>\n        <ol>\n${drawStepsFor(
      g.scheme,
    )
      .map((s) => `          <li>${s}</li>`)
      .join('\n')}\n        </ol>`,
  ),
  section(
    'How anyone can recompute it',
    `<p>The entries (pseudonyms only, no names) and, after the draw, the seed are at <a href="${escapeHtml(entries)}">${escapeHtml(entries)}</a>, with the list as plain text at <a href="${escapeHtml(entries)}/entries.txt">entries.txt</a>, and everything a verifier needs as JSON at <a href="${escapeHtml(entries)}.json">${escapeHtml(entries)}.json</a> (<code>docs/verify-giveaway.mjs</code> in C500’s source checks it all). In Node.js:</p>\n        <pre><code>${escapeHtml(recomputeSnippet(g.scheme))}</code></pre>`,
  ),
  section(
    'How the winner is told, and must confirm',
    `<p>The draw is posted in the giveaway’s Discord channel with the seed. A winner on Discord also gets a DM. A Twitch chatter is named by their login in the post, and confirms from Discord after linking their Twitch account with <code>/c500 link-twitch</code>. A winner must press <strong>Confirm and give address</strong> within ${g.confirmMinutes} minutes of the draw; otherwise the next round of the same draw picks another winner.</p>`,
  ),
  section(
    'The prize and your address',
    `<p>The sponsor ships the prize at no cost to the winner. The winner’s address is kept on the prize’s order, seen by the sponsor alone, and erased a while after delivery, as every order’s address is.</p>`,
  ),
].join('\n')}
      </div>
    </section>
  </main>`;
  return page({ title: `Official rules: ${g.prize}`, head: pageHead }, body);
}

export function giveawayPageHtml(g: PublicGiveaway, pseudonyms: readonly string[]): string {
  const sorted = [...pseudonyms].sort();
  const seed = g.seed ? `<p>Seed: <code class="seed">${escapeHtml(g.seed)}</code></p>` : '<p>The seed stays secret until the draw.</p>';
  const hash = g.entriesHash ? `\n        <p>Entries’ hash, fixed when entry closed: <code class="entries-hash">${escapeHtml(g.entriesHash)}</code></p>` : '';
  const beacon = g.beacon
    ? `\n        <p>Drawn from drand round <a href="${escapeHtml(`${g.beacon.url}/public/${g.beacon.round}`)}">${g.beacon.round}</a>, published ${when(g.beacon.at)}${g.beacon.randomness ? `: randomness <code class="beacon-randomness">${escapeHtml(g.beacon.randomness)}</code>` : ', after entry closes'}.</p>`
    : '';
  const rounds = g.rounds.length
    ? `        <h2>The draw</h2>\n        <ol class="rounds">\n${g.rounds.map((r) => `          <li>Round ${r.round}: <code>${escapeHtml(r.pseudonym)}</code> (${r.state})</li>`).join('\n')}\n        </ol>\n`
    : '';
  const body = `  <main id="main" class="giveaway-page">
    <section>
      <div class="wrap">
        <h1>${escapeHtml(g.prize)}</h1>
        <p class="lede"><strong>${noPurchase}.</strong> Sponsored by ${escapeHtml(g.sponsorName)}; ${g.status === 'open' ? `entries close ${when(g.endsAt)}` : 'entries are closed'}. <a href="/giveaway/${escapeHtml(g.giveawayId)}/rules">Official rules</a>.</p>
        <p>Commitment (SHA-256 of the seed): <code class="commitment">${escapeHtml(g.commitment)}</code></p>
        ${seed}${hash}${beacon}
${rounds}        <h2>${sorted.length} ${sorted.length === 1 ? 'entry' : 'entries'}, sorted</h2>
        <ol class="entries" start="0">
${sorted.map((p) => `          <li><code>${escapeHtml(p)}</code></li>`).join('\n')}
        </ol>
      </div>
    </section>
  </main>`;
  return page({ title: `Giveaway: ${g.prize}`, head: pageHead }, body);
}

export function giveawayNotFoundHtml(): string {
  return page(
    { title: 'No such giveaway' },
    `  <main id="main"><section class="lost"><div class="wrap"><h1>No such giveaway</h1><p class="lede">Check the link on the giveaway’s post.</p></div></section></main>`,
  );
}
