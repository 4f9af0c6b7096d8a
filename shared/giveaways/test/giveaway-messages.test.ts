/**
 * What a giveaway says: its post with Enter and the rules, the answers to an entry, the draw
 * with the seed and one Confirm button a round, the redraw, the winner's DM, the sponsor's
 * note of where to ship, and the bot's lines in Twitch chat. Only Discord winners are pinged.
 */
import { chatAnswers, drawPost, entriesUrl, giveawayAnswers, giveawayPost, redrawPost, rulesUrl, sponsorShipNote, winnerDm } from '../rules/giveaway-messages';
import type { Giveaway, GiveawayRound } from '../rules/giveaway';
import { anOrder } from '../../../test/support/orders';

const giveaway: Giveaway = {
  giveawayId: 'gw1',
  guildId: 'g1',
  channelId: 'c1',
  sponsorId: '830000000000000009',
  sponsorName: 'Keysmith',
  prize: 'Tofu65 kit',
  winners: 1,
  confirmMinutes: 5,
  startedAt: '2026-11-26T11:30:00.000Z',
  endsAt: '2026-11-26T12:00:00.000Z',
  commitment: 'c0ffee',
  status: 'open',
  byInteraction: 'i1',
};
/** 2026-11-26T12:00:00Z, 12:05 and 12:10, in Unix seconds as Discord's `<t:…>` wants them. */
const [noon, fivePast, tenPast] = [1_795_694_400, 1_795_694_700, 1_795_695_000];

const round = (n: number, winnerId: string, winnerLabel: string): GiveawayRound => ({
  round: n,
  pseudonym: `p${n}`,
  winnerId,
  winnerLabel,
  confirmBy: n === 1 ? '2026-11-26T12:05:00.000Z' : '2026-11-26T12:10:00.000Z',
  state: 'waiting',
});
const member = round(1, '830000000000000002', '<@830000000000000002>');
const chatter = round(2, 'twitch:77', 'chatter77');
const drawn: Giveaway = { ...giveaway, status: 'drawn', seed: '5eed', entrants: 3 };
const baseUrl = 'https://c500.example/';

describe('a giveaway’s post', () => {
  it('says how to enter, who sponsors it, when it is drawn and its commitment, with Enter and the two links', () => {
    expect(giveawayPost(giveaway, baseUrl)).toEqual({
      embeds: [
        {
          title: '🎁 Giveaway: Tofu65 kit',
          color: 0xb5e8c8,
          description: [
            '**No purchase necessary.** Entry is free: press **Enter**. One entry a person; buying anything never adds one.',
            `Sponsored by <@830000000000000009>. One winner, drawn <t:${noon}:R>; odds depend on the number of entries.`,
            'A winner confirms within 5 minutes or the prize is drawn again.',
            'Draw commitment (SHA-256 of the secret seed, revealed at the draw):\n`c0ffee`',
          ].join('\n\n'),
          footer: { text: 'Giveaway gw1' },
        },
      ],
      components: [
        { type: 1, components: [{ type: 2, style: 3, label: 'Enter (free)', custom_id: 'genter:gw1' }] },
        {
          type: 1,
          components: [
            { type: 2, style: 5, label: 'Official rules', url: 'https://c500.example/giveaway/gw1/rules' },
            { type: 2, style: 5, label: 'Entries and draw', url: 'https://c500.example/giveaway/gw1' },
          ],
        },
      ],
      allowed_mentions: { parse: [] },
    });
  });

  it('counts several winners, and tells chatters to type !enter when the sponsor’s Twitch chat counts', () => {
    const description = giveawayPost({ ...giveaway, winners: 3, broadcasterLogin: 'keysmith' }, 'https://c500.example//').embeds?.[0]?.description;
    expect(description).toContain('press **Enter** or type `!enter` in twitch.tv/keysmith’s chat. One entry a person;');
    expect(description).toContain(`Sponsored by <@830000000000000009>. 3 winners, drawn <t:${noon}:R>;`);
  });
});

describe('a giveaway’s links', () => {
  it('point at the rules and the entries, whatever slashes end the site’s address', () => {
    for (const site of ['https://c500.example', 'https://c500.example/', 'https://c500.example//']) {
      expect(rulesUrl(site, 'gw1')).toBe('https://c500.example/giveaway/gw1/rules');
      expect(entriesUrl(site, 'gw1')).toBe('https://c500.example/giveaway/gw1');
    }
  });
});

describe('the answers to a giveaway’s people', () => {
  it('shows what to type after a bad start', () => {
    expect(giveawayAnswers.invalid('Winners must be from 1 to 20.').content).toBe(
      'Winners must be from 1 to 20.\nTry: `/giveaway start prize:<text> duration:30m winners:1`.',
    );
  });

  it('tells the sponsor when it closes and where its rules are, and about !enter only with a Twitch chat', () => {
    expect(giveawayAnswers.started(giveaway, baseUrl).content).toBe(
      `Giveaway \`gw1\` is open until <t:${noon}:f>. Official rules: https://c500.example/giveaway/gw1/rules`,
    );
    expect(giveawayAnswers.started({ ...giveaway, broadcasterLogin: 'keysmith' }, baseUrl).content).toBe(
      `Giveaway \`gw1\` is open until <t:${noon}:f>. Official rules: https://c500.example/giveaway/gw1/rules\n\`!enter\` counts in twitch.tv/keysmith’s chat while chat bidding is on there.`,
    );
  });

  it('tells an entrant they are in, or already in, with the pseudonym the public list shows them by, only to them', () => {
    const mine = 'ab'.repeat(32);
    const entered = giveawayAnswers.entered(giveaway, baseUrl, mine);
    expect(entered.content).toBe(
      `You’re in the draw for **Tofu65 kit**. No purchase necessary. Rules and every entry: https://c500.example/giveaway/gw1/rules\nYour entry in the public list (only you are told this): \`${mine}\``,
    );
    expect(entered.flags).toBe(64);
    expect(giveawayAnswers.already(giveaway, mine).content).toBe(
      `You’re already in the draw for **Tofu65 kit**: one entry a person, and buying never adds one.\nYour entry in the public list (only you are told this): \`${mine}\``,
    );
  });

  it('says when a winner’s time ran out, what was wrong with an address, and what they confirmed', () => {
    expect(giveawayAnswers.tooLate(member).content).toBe(`The time to confirm round 1 ran out <t:${fivePast}:R>, so the prize went to a new draw.`);
    expect(giveawayAnswers.badAddress('Give a postal code.').content).toBe('Give a postal code. Press **Confirm and give address** again.');
    expect(giveawayAnswers.confirmed(giveaway, anOrder({ orderId: 'o9' })).content).toBe(
      'Confirmed: **Tofu65 kit** is yours. <@830000000000000009> ships it to the address you gave (only they see it); you’ll get the tracking by DM. Order `o9`.',
    );
  });
});

describe('the draw’s post', () => {
  it('says nobody wins when nobody entered, with no button and nobody pinged', () => {
    expect(drawPost({ ...drawn, entrants: undefined }, [], baseUrl)).toEqual({
      content:
        '🎁 **Tofu65 kit**: the draw (0 entries)\nNobody entered, so nobody wins.\n\nSeed: `5eed`\nIts SHA-256 is the commitment `c0ffee`. Recompute the draw from the seed and the entries: https://c500.example/giveaway/gw1/rules',
      components: [],
      allowed_mentions: { users: [] },
    });
  });

  it('names one winner, pings them and gives them one unnumbered Confirm button', () => {
    expect(drawPost({ ...drawn, entrants: 1 }, [member], baseUrl)).toEqual({
      content: `🎁 **Tofu65 kit**: the draw (1 entry)\nRound 1: <@830000000000000002>, confirm by <t:${fivePast}:t>\n\nA winner presses **Confirm and give address** (in their DMs, or here) before the time is up, or the prize is drawn again from the same seed.\n\nSeed: \`5eed\`\nIts SHA-256 is the commitment \`c0ffee\`. Recompute the draw from the seed and the entries: https://c500.example/giveaway/gw1/rules`,
      components: [{ type: 1, components: [{ type: 2, style: 3, label: 'Confirm and give address', custom_id: 'gclaim:gw1:1' }] }],
      allowed_mentions: { users: ['830000000000000002'] },
    });
  });

  it('numbers each winner’s button and pings only the Discord members among them', () => {
    const post = drawPost(drawn, [member, chatter], baseUrl);
    expect(post.content).toContain(
      `(3 entries)\nRound 1: <@830000000000000002>, confirm by <t:${fivePast}:t>\nRound 2: chatter77, confirm by <t:${tenPast}:t>\n\n`,
    );
    expect(post.components).toEqual([
      {
        type: 1,
        components: [
          { type: 2, style: 3, label: 'Confirm round 1 and give address', custom_id: 'gclaim:gw1:1' },
          { type: 2, style: 3, label: 'Confirm round 2 and give address', custom_id: 'gclaim:gw1:2' },
        ],
      },
    ]);
    expect(post.allowed_mentions).toEqual({ users: ['830000000000000002'] });
  });

  it('keeps to the five buttons a row holds when more win', () => {
    const rounds = [1, 2, 3, 4, 5, 6].map((n) => round(n, `83000000000000000${n}`, `<@83000000000000000${n}>`));
    const post = drawPost({ ...drawn, winners: 6 }, rounds, baseUrl);
    const row = post.components?.[0] as { components: { custom_id: string }[] };
    expect(row.components.map((b) => b.custom_id)).toEqual([1, 2, 3, 4, 5].map((n) => `gclaim:gw1:${n}`));
    expect(post.allowed_mentions).toEqual({ users: rounds.map((r) => r.winnerId) });
  });
});

describe('a redraw’s post', () => {
  it('names the next round’s Discord winner, pings them and gives them a numbered button', () => {
    const next = { ...member, round: 3, confirmBy: '2026-11-26T12:10:00.000Z' };
    expect(redrawPost(drawn, member, next)).toEqual({
      content: `🎁 **Tofu65 kit**: round 1’s winner did not confirm in time. Round 3 (same seed) picks <@830000000000000002>: confirm by <t:${tenPast}:t>.`,
      components: [{ type: 1, components: [{ type: 2, style: 3, label: 'Confirm round 3 and give address', custom_id: 'gclaim:gw1:3' }] }],
      allowed_mentions: { users: ['830000000000000002'] },
    });
  });

  it('pings nobody when the next winner is a Twitch chatter', () => {
    expect(redrawPost(drawn, member, chatter).allowed_mentions).toEqual({ parse: [] });
  });

  it('says the prize stays with the sponsor when nobody is left', () => {
    expect(redrawPost(drawn, chatter, undefined)).toEqual({
      content: '🎁 **Tofu65 kit**: round 2’s winner did not confirm in time. Nobody is left to draw: the prize stays with the sponsor.',
      components: [],
      allowed_mentions: { parse: [] },
    });
  });
});

describe('the winner’s DM and the sponsor’s note', () => {
  it('tells the winner what they won, by when to confirm, with one Confirm button', () => {
    expect(winnerDm(drawn, member)).toEqual({
      embeds: [
        {
          title: '🎉 You won Tofu65 kit',
          color: 0xb5e8c8,
          description: `You won round 1 of the giveaway sponsored by <@830000000000000009>. Confirm by <t:${fivePast}:t> (<t:${fivePast}:R>) and say where to ship it, or the prize is drawn again. Nothing to pay.`,
        },
      ],
      components: [{ type: 1, components: [{ type: 2, style: 3, label: 'Confirm and give address', custom_id: 'gclaim:gw1:1' }] }],
    });
  });

  it('gives the sponsor the order and the address to ship to, pinging nobody', () => {
    const order = anOrder({
      orderId: 'o9',
      buyerId: '830000000000000002',
      shippingAddress: { name: 'Ann Key', line1: '1 Switch Lane', city: 'Portland', state: 'OR', postalCode: '97201', country: 'US' },
    });
    expect(sponsorShipNote(drawn, order)).toEqual({
      content:
        '🎁 <@830000000000000002> confirmed their prize **Tofu65 kit** (giveaway `gw1`, order `o9`).\nShip to:\n```\nAnn Key\n1 Switch Lane\nPortland OR 97201\nUS\n```\nWhen it’s on its way: `/c500 ship order:o9 tracking:<number>`.',
      allowed_mentions: { parse: [] },
    });
  });

  it('leaves the address out when the order has none', () => {
    expect(sponsorShipNote(drawn, anOrder({ orderId: 'o9', buyerId: 'b' })).content).toBe(
      '🎁 <@b> confirmed their prize **Tofu65 kit** (giveaway `gw1`, order `o9`).\n\nWhen it’s on its way: `/c500 ship order:o9 tracking:<number>`.',
    );
  });
});

describe('the bot’s lines in Twitch chat', () => {
  const longPrize = { ...giveaway, prize: `${'K'.repeat(80)} and a spare set of switches` };

  it('answers an !enter, cutting a long prize to 80 characters, and says where the chatter alone finds their entry', () => {
    expect(chatAnswers.entered('ann', longPrize, baseUrl)).toBe(
      `@ann you’re in the draw for ${'K'.repeat(80)}. No purchase necessary. Rules: https://c500.example/giveaway/gw1/rules · your entry in the list, for you alone: https://c500.example/privacy/twitch`,
    );
    expect(chatAnswers.already('ann')).toBe('@ann you’re already in: one entry a person.');
    expect(chatAnswers.refused('ann')).toBe('@ann you can’t enter this giveaway.');
  });

  it('tells a winning chatter the time in UTC and how to confirm from Discord', () => {
    expect(chatAnswers.won('ann', longPrize, chatter)).toBe(
      `@ann you won ${'K'.repeat(80)}! Confirm in Discord before 12:10 UTC: link this Twitch account with /c500 link-twitch, then press Confirm on the draw's post.`,
    );
  });
});
