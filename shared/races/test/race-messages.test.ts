import { joinedAnswer, leftAnswer, lobbyMessage, lobbyOpened, raceAnnouncement, raceEnded, raceRefusals, raceStarted } from '../rules/race-messages';
import type { RaceLobby } from '../rules/race';
import type { DiscordEmbed, DiscordMessage } from '../../ports';

const ana = '100000000000000001';
const bo = '100000000000000002';
const host = '100000000000000009';
const EPHEMERAL = 64;
const gold = 0xf5c451;
const mint = 0xb5e8c8;

// Discord timestamps are whole seconds since the epoch, worked out by hand:
// 2026-03-06 is 20,518 days after 1970-01-01 (1,772,755,200 s), plus the time of day.
const closesBy = '2026-03-06T23:00:00.000Z';
const closesBySeconds = 1_772_838_000;
const closedAt = '2026-03-06T22:41:09.000Z';
const closedAtSeconds = 1_772_836_869;
const openedAt = '2026-03-06T20:00:00.750Z';
const openedAtSeconds = 1_772_827_200;

function lobby(over: Partial<RaceLobby> = {}): RaceLobby {
  return {
    lobbyId: 'lob-7f3a',
    guildId: 'guild-1',
    channelId: '200000000000000001',
    hostId: host,
    title: 'Friday Kart',
    status: 'open',
    racers: [],
    maxRacers: 8,
    createdAt: '2026-03-06T19:50:00.000Z',
    ...over,
  };
}

const grid = [
  { userId: ana, name: 'ana' },
  { userId: bo, name: 'bo' },
];

function racing(over: Partial<RaceLobby> = {}): RaceLobby {
  return lobby({
    status: 'racing',
    racers: grid,
    commissionBps: 2_500,
    currency: 'usd',
    windowOpenedAt: openedAt,
    closesBy,
    poolCents: 2_468,
    salesCount: 3,
    shares: { [ana]: 1_234, [bo]: 1_234 },
    ...over,
  });
}

function ended(over: Partial<RaceLobby> = {}): RaceLobby {
  return racing({ status: 'ended', windowClosedAt: closedAt, endedBy: 'host', ...over });
}

function embedOf(message: DiscordMessage): DiscordEmbed {
  expect(message.embeds).toHaveLength(1);
  return (message.embeds as DiscordEmbed[])[0];
}

function fieldsOf(message: DiscordMessage): NonNullable<DiscordEmbed['fields']> {
  return embedOf(message).fields ?? [];
}

describe('the public lobby message while the grid is open', () => {
  it('says nobody has joined yet and counts the empty grid against the maximum', () => {
    expect(fieldsOf(lobbyMessage(lobby(), 1_500))).toEqual([{ name: 'Racers (0/8)', value: 'Nobody yet: press **Join**.' }]);
  });

  it('lists the racers numbered from 1 in grid order, without shares before the start', () => {
    const [racers] = fieldsOf(lobbyMessage(lobby({ racers: grid }), 1_500));
    expect(racers).toEqual({ name: 'Racers (2/8)', value: `1. <@${ana}>\n2. <@${bo}>` });
  });

  it('shows no live pot before the window opens, even with a pot on the lobby', () => {
    const fields = fieldsOf(lobbyMessage(lobby({ racers: grid, poolCents: 500, salesCount: 1 }), 1_500));
    expect(fields.map((f) => f.name)).toEqual(['Racers (2/8)']);
  });

  it('titles it as a lobby, in gold, with the lobby id in the footer', () => {
    const embed = embedOf(lobbyMessage(lobby(), 1_500));
    expect(embed.title).toBe('🏁 Race lobby: Friday Kart');
    expect(embed.color).toBe(gold);
    expect(embed.footer).toEqual({ text: 'Lobby lob-7f3a' });
  });

  it('quotes the guild’s current rate when the lobby has none of its own yet', () => {
    expect(embedOf(lobbyMessage(lobby(), 1_250)).description).toContain('Once the host starts, 12.5% of every merch sale');
  });

  it('offers a green Join and a grey Leave button carrying the lobby id', () => {
    expect(lobbyMessage(lobby(), 1_500).components).toEqual([
      {
        type: 1,
        components: [
          { type: 2, style: 3, label: 'Join', custom_id: 'race:join:lob-7f3a' },
          { type: 2, style: 2, label: 'Leave', custom_id: 'race:leave:lob-7f3a' },
        ],
      },
    ]);
  });

  it('pings nobody: it is public and edited on every sale', () => {
    expect(lobbyMessage(lobby({ racers: grid }), 1_500).allowed_mentions).toEqual({ parse: [] });
  });
});

describe('the public lobby message while racing', () => {
  it('shows each racer’s share beside them, in the race’s currency', () => {
    const [racers] = fieldsOf(lobbyMessage(racing({ currency: 'eur', shares: { [ana]: 1_234, [bo]: 5 } }), 1_500));
    expect(racers).toEqual({ name: 'Racers (2/8)', value: `1. <@${ana}> · 12.34 EUR\n2. <@${bo}> · 0.05 EUR` });
  });

  it('shows a racer with no credit yet at zero', () => {
    const [racers] = fieldsOf(lobbyMessage(racing({ shares: { [bo]: 700 } }), 1_500));
    expect(racers.value).toBe(`1. <@${ana}> · $0.00\n2. <@${bo}> · $7.00`);
  });

  it('shows every racer at zero when no sale has been credited at all', () => {
    const [racers] = fieldsOf(lobbyMessage(racing({ shares: undefined }), 1_500));
    expect(racers.value).toBe(`1. <@${ana}> · $0.00\n2. <@${bo}> · $0.00`);
  });

  it('counts in dollars when the lobby has no currency recorded', () => {
    const fields = fieldsOf(lobbyMessage(racing({ currency: undefined }), 1_500));
    expect(fields[0].value).toBe(`1. <@${ana}> · $12.34\n2. <@${bo}> · $12.34`);
    expect(fields[1].value).toBe('**$24.68** from 3 sales');
  });

  it('adds the live pot beside the grid with how many sales made it', () => {
    expect(fieldsOf(lobbyMessage(racing(), 1_500))[1]).toEqual({ name: 'Live pot', value: '**$24.68** from 3 sales', inline: true });
  });

  it('says “1 sale”, not “1 sales”', () => {
    expect(fieldsOf(lobbyMessage(racing({ poolCents: 250, salesCount: 1 }), 1_500))[1].value).toBe('**$2.50** from 1 sale');
  });

  it('shows an empty pot and no sales when none are recorded', () => {
    expect(fieldsOf(lobbyMessage(racing({ poolCents: undefined, salesCount: undefined }), 1_500))[1].value).toBe('**$0.00** from 0 sales');
  });

  it('quotes the rate the race started with, not the guild’s current one', () => {
    expect(embedOf(lobbyMessage(racing({ commissionBps: 2_500 }), 1_000)).description).toContain('The window is open: 25% of every merch sale');
  });

  it('says when the window closes itself, as a relative Discord timestamp', () => {
    expect(embedOf(lobbyMessage(racing(), 1_500)).description).toContain(`It closes <t:${closesBySeconds}:R> unless the host ends it.`);
  });

  it('titles it as racing, in gold, with no buttons: the grid is fixed', () => {
    const message = lobbyMessage(racing(), 1_500);
    expect(embedOf(message).title).toBe('🏁 Racing: Friday Kart');
    expect(embedOf(message).color).toBe(gold);
    expect(message.components).toEqual([]);
  });

  it('still pings nobody though it names every racer', () => {
    expect(lobbyMessage(racing(), 1_500).allowed_mentions).toEqual({ parse: [] });
  });
});

describe('the public lobby message once the race is over', () => {
  it('titles it as over, in mint, and says when the window closed', () => {
    const embed = embedOf(lobbyMessage(ended(), 1_500));
    expect(embed.title).toBe('🏁 Race over: Friday Kart');
    expect(embed.color).toBe(mint);
    expect(embed.description).toContain(`The window closed <t:${closedAtSeconds}:R>.`);
    expect(embed.footer).toEqual({ text: 'Lobby lob-7f3a' });
  });

  it('keeps the final shares and pot, with no buttons', () => {
    const message = lobbyMessage(ended(), 1_500);
    expect(fieldsOf(message)).toEqual([
      { name: 'Racers (2/8)', value: `1. <@${ana}> · $12.34\n2. <@${bo}> · $12.34` },
      { name: 'Live pot', value: '**$24.68** from 3 sales', inline: true },
    ]);
    expect(message.components).toEqual([]);
  });
});

describe('what the host reads privately', () => {
  it('confirms the lobby is open with its id, title and maximum', () => {
    const note = lobbyOpened(lobby({ maxRacers: 12 }));
    expect(note.flags).toBe(EPHEMERAL);
    expect(note.content).toContain('Lobby `lob-7f3a` (**Friday Kart**) is open in this channel');
    expect(note.content).toContain('(up to 12)');
  });

  it('on the start, gives the grid size, the race’s rate, the closing time and the overlay link, one a line', () => {
    const note = raceStarted(racing(), 'https://c500.test/overlay/lob-7f3a');
    expect(note.flags).toBe(EPHEMERAL);
    expect(note.content?.split('\n')).toEqual([
      expect.stringContaining('The window is open for **Friday Kart** with 2 racers: 25% of every merch sale'),
      expect.stringContaining(`It closes itself <t:${closesBySeconds}:R>`),
      expect.stringContaining('Live pot for OBS: https://c500.test/overlay/lob-7f3a (Browser source'),
    ]);
  });

  it('on the start, says “1 racer” for a grid of one', () => {
    expect(raceStarted(racing({ racers: [grid[0]] }), 'https://o.test').content).toContain('with 1 racer: 25%');
  });

  it('on the end, gives the pot in the race’s currency', () => {
    const note = raceEnded(ended({ currency: 'eur', poolCents: 4_210 }));
    expect(note.flags).toBe(EPHEMERAL);
    expect(note.content).toContain('**Friday Kart** is over');
    expect(note.content).toContain('Pot: 42.10 EUR.');
  });

  it('on the end, counts in dollars with an empty pot when neither is recorded', () => {
    expect(raceEnded(ended({ currency: undefined, poolCents: undefined })).content).toContain('Pot: $0.00.');
  });
});

describe('the channel announcements', () => {
  it('announces the start naming every racer, the rate and the full closing time, without pinging', () => {
    const post = raceAnnouncement(racing());
    expect(post).toEqual({
      allowed_mentions: { parse: [] },
      content: `🏁 **Friday Kart** is on! Until <t:${closesBySeconds}:f>, 25% of every merch sale goes to <@${ana}>, <@${bo}>, split evenly.`,
    });
  });

  it('announces the end with the pot, the sales and each racer’s share, without pinging', () => {
    const post = raceAnnouncement(ended({ shares: { [ana]: 1_300 } }));
    expect(post).toEqual({
      allowed_mentions: { parse: [] },
      content: `🏁 **Friday Kart** is over. Pot: **$24.68** from 3 sales. <@${ana}> $13.00 · <@${bo}> $0.00`,
    });
  });

  it('says the window ran out of time when it closed itself', () => {
    expect(raceAnnouncement(ended({ endedBy: 'time' })).content).toContain('is over (the window ran out of time). Pot:');
  });

  it('says “1 sale” for a single sale, in the race’s currency', () => {
    const post = raceAnnouncement(ended({ currency: 'eur', poolCents: 300, salesCount: 1, shares: { [ana]: 150, [bo]: 150 } }));
    expect(post.content).toContain(`Pot: **3.00 EUR** from 1 sale. <@${ana}> 1.50 EUR · <@${bo}> 1.50 EUR`);
  });

  it('shows an empty pot, no sales and zero shares when nothing is recorded, in dollars', () => {
    const post = raceAnnouncement(ended({ currency: undefined, poolCents: undefined, salesCount: undefined, shares: undefined }));
    expect(post.content).toContain(`Pot: **$0.00** from 0 sales. <@${ana}> $0.00 · <@${bo}> $0.00`);
  });
});

describe('what a racer reads on Join and Leave', () => {
  it('gives their place on the grid, the maximum and the rate they will share', () => {
    const note = joinedAnswer(lobby(), 3, 1_250);
    expect(note.flags).toBe(EPHEMERAL);
    expect(note.content).toContain('You’re racer 3 of 8 in **Friday Kart**');
    expect(note.content).toContain('you share 12.5% of the merch sold');
  });

  it('confirms they left, naming the race', () => {
    const note = leftAnswer(lobby());
    expect(note.flags).toBe(EPHEMERAL);
    expect(note.content).toContain('You left **Friday Kart**.');
  });
});

describe('the race refusals', () => {
  it('says nobody has joined, naming the race', () => {
    expect(raceRefusals.nobodyJoined(lobby()).content).toContain('Nobody has joined **Friday Kart** yet.');
  });

  it('names the race, lobby, channel and opening time of the window already open', () => {
    const note = raceRefusals.windowBusy(racing());
    expect(note.flags).toBe(EPHEMERAL);
    expect(note.content).toContain(`**Friday Kart** (lobby \`lob-7f3a\`) has had its window open in <#200000000000000001> since <t:${openedAtSeconds}:R>.`);
  });

  it('names the host whose race it is, without pinging them', () => {
    const note = raceRefusals.notYourRace(racing());
    expect(note.content).toContain(`**Friday Kart** is <@${host}>’s race`);
    expect(note.allowed_mentions).toEqual({ parse: [] });
  });

  it('says the race has started, naming it', () => {
    expect(raceRefusals.alreadyStarted(racing()).content).toContain('**Friday Kart** has started');
  });

  it('says the lobby is full, with its maximum', () => {
    expect(raceRefusals.full(lobby({ maxRacers: 4 })).content).toContain('**Friday Kart** is full (4 racers).');
  });

  it('gives the place of a racer who is already in', () => {
    expect(raceRefusals.alreadyIn(lobby(), 2).content).toContain('You’re already racer 2 in **Friday Kart**.');
  });

  it('says there is nothing to leave, naming the race', () => {
    expect(raceRefusals.notIn(lobby()).content).toContain('You’re not in **Friday Kart**: nothing to leave.');
  });

  it('passes on why a racer list was refused, privately', () => {
    expect(raceRefusals.racers('That’s 3 racers.')).toEqual({ content: 'That’s 3 racers.', flags: EPHEMERAL, allowed_mentions: { parse: [] } });
  });
});
