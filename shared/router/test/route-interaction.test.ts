import { helpMessage, helpUsage, routeInteraction as routeIn, type Route } from '../route-interaction';
import type { Interaction } from '../../discord';
import { commandDefinitions, commandPaths, helpLines } from '../command-surface';
import { ADMIN, MEMBER, buttonPress, command, dmButtonPress, ping } from '../../../test/support/interactions';

/** The ingress of a marketplace in US dollars unless a test says otherwise. */
const routeInteraction = (interaction: Interaction, currency = 'usd'): Route => routeIn(interaction, { currency });

describe('routing an interaction', () => {
  it('answers a PING with a PONG in the request', () => {
    expect(routeInteraction(ping())).toEqual({ kind: 'reply', response: { type: 1 } });
  });

  it('defers /c500 profile privately to the discord-commands topic', () => {
    expect(routeInteraction(command({ name: 'c500', path: ['profile'] }))).toEqual({
      kind: 'defer',
      ephemeral: true,
      topic: 'discord-commands',
      job: 'profile-view',
    });
  });

  it('answers /c500 privacy and /c500 help in the bot’s DMs, and refuses every other command there, saying it works in a server', () => {
    expect(routeInteraction(command({ name: 'c500', path: ['privacy'], guildId: '' }))).toMatchObject({ kind: 'defer', job: 'privacy-view' });
    expect(routeInteraction(command({ name: 'c500', path: ['help'], guildId: '' }))).toMatchObject({ kind: 'reply' });
    for (const path of [['profile'], ['auction', 'start'], ['leave']])
      expect(routeInteraction(command({ name: 'c500', path, guildId: '' }))).toMatchObject({
        kind: 'reply',
        response: { data: { flags: 64, content: expect.stringMatching(/server/i) } },
      });
  });

  it('defers the Erase buttons of /c500 privacy, in a server or the bot’s DMs, as updates of the message they are on', () => {
    const member = '821000000000000001';
    for (const press of [buttonPress(`privacy-erase:${member}`, member), dmButtonPress(`privacy-erase-yes:${member}`, member)])
      expect(routeInteraction(press)).toMatchObject({ kind: 'defer', topic: 'discord-commands', updatesMessage: true });
    expect(routeInteraction(dmButtonPress(`privacy-erase-yes:${member}`, member))).toMatchObject({ job: 'privacy-erase' });
    expect(routeInteraction(buttonPress('race:join:a1b2c3d4', member))).not.toHaveProperty('updatesMessage');
  });

  it('defers a returned parcel’s Reship to discord-commands and its Refund to stripe-commands, from the admin’s DM', () => {
    const admin = '830000000000000001';
    expect(routeInteraction(dmButtonPress('parcel-reship:ord-0001', admin))).toMatchObject({ kind: 'defer', topic: 'discord-commands', job: 'parcel-reship' });
    expect(routeInteraction(dmButtonPress('parcel-refund:ord-0001', admin))).toMatchObject({ kind: 'defer', topic: 'stripe-commands', job: 'parcel-refund' });
    expect(routeInteraction(dmButtonPress('parcel-refund:../x', admin))).toMatchObject({ kind: 'reply' });
  });

  it('defers /c500 setup from an admin and refuses it at once from anyone else', () => {
    const options = { general: '1', marketplace: '2' };
    expect(routeInteraction(command({ name: 'c500', path: ['setup'], permissions: ADMIN, options }))).toMatchObject({ kind: 'defer', job: 'configure-guild' });
    expect(routeInteraction(command({ name: 'c500', path: ['setup'], permissions: MEMBER, options }))).toMatchObject({
      kind: 'reply',
      response: { type: 4, data: { flags: 64, content: expect.stringContaining('Only server admins can set up C500') } },
    });
    // An admin who left a channel out is told to pick both, at once.
    expect(routeInteraction(command({ name: 'c500', path: ['setup'], permissions: ADMIN, options: { general: '1' } }))).toMatchObject({
      kind: 'reply',
      response: { type: 4, data: { flags: 64, content: expect.stringContaining('Pick both channels') } },
    });
  });

  it('asks for both channels when /c500 setup lacks one', () => {
    const route = routeInteraction(command({ name: 'c500', path: ['setup'], permissions: ADMIN, options: { general: '1' } }));
    expect(route).toMatchObject({ kind: 'reply', response: { data: { content: expect.stringContaining('general:#hangout marketplace:#drops') } } });
  });

  it('answers every registered command path in the request or by deferring, never with nothing', () => {
    for (const path of commandPaths()) {
      const [name, ...rest] = path.slice(1).split(' ');
      const route = routeInteraction(command({ name: name as string, path: rest, permissions: ADMIN, options: { general: '1', marketplace: '2' } }));
      expect(['reply', 'defer']).toContain(route.kind);
    }
  });

  it('answers a button of a feature that has no route with a private note, not an error', () => {
    const route = routeInteraction({ ...ping(), type: 3, data: { custom_id: 'bid:auc_1:next', component_type: 2 } });
    expect(route).toMatchObject({ kind: 'reply', response: { type: 4, data: { flags: 64 } } });
  });

  it('reads a typed bid in the marketplace’s currency: whole yen in a yen marketplace', () => {
    const bid = (amount: number | string) => routeInteraction(command({ name: 'bid', options: { amount } }), 'jpy');
    expect(bid(2400)).toMatchObject({ kind: 'defer', job: 'place-bid' });
    expect(bid('2400.5')).toMatchObject({ kind: 'reply', response: { data: { content: expect.stringContaining('JPY has none') } } });
  });

  it('refuses an auction starting below the least Stripe charges in the marketplace’s currency', () => {
    const start = (price: string, currency: string) =>
      routeInteraction(command({ name: 'c500', path: ['auction', 'start'], options: { item: 'Tofu65', price, duration: '90s' } }), currency);
    expect(start('0.49', 'usd')).toMatchObject({ kind: 'reply', response: { data: { content: expect.stringContaining('$0.50') } } });
    expect(start('49', 'jpy')).toMatchObject({ kind: 'reply', response: { data: { content: expect.stringContaining('50 JPY') } } });
    expect(start('50', 'jpy')).toMatchObject({ kind: 'defer', job: 'start-auction' });
  });

  it('defers the trust commands from an admin, and answers at once a member, bad settings or a bad login', () => {
    const c500 = (path: string[], options: Record<string, string | number>, permissions = ADMIN) =>
      routeInteraction(command({ name: 'c500', path, options, permissions }));
    expect(c500(['auction', 'settings'], { 'new-bidder-limit': 250 })).toMatchObject({ kind: 'defer', topic: 'auction-commands', job: 'configure-auctions' });
    expect(c500(['block'], { member: '800000000000000001' })).toMatchObject({ kind: 'defer', topic: 'auction-commands', job: 'block-bidder' });
    expect(c500(['unblock'], { twitch: 'keebfan' })).toMatchObject({ kind: 'defer', topic: 'auction-commands', job: 'unblock-bidder' });
    expect(c500(['block'], { member: '800000000000000001' }, MEMBER)).toMatchObject({
      kind: 'reply',
      response: { data: { flags: 64, content: expect.stringContaining('Only server admins') } },
    });
    expect(c500(['auction', 'settings'], { cooldown: 0.25 })).toMatchObject({
      kind: 'reply',
      response: { data: { content: expect.stringContaining('cooldown') } },
    });
    expect(c500(['block'], { twitch: 'no such login!' })).toMatchObject({
      kind: 'reply',
      response: { data: { content: expect.stringContaining('Twitch login') } },
    });
  });

  it('answers autocomplete with no choices rather than an error', () => {
    expect(routeInteraction({ ...ping(), type: 4 })).toEqual({ kind: 'reply', response: { type: 8, data: { choices: [] } } });
  });
});

describe('routing the race commands', () => {
  const racer = '100000000000000001';
  const race = (sub: string, options: Record<string, string | number | boolean> = {}, permissions = ADMIN) =>
    routeInteraction(command({ name: 'race', path: [sub], options, permissions }));
  const payout = (options: Record<string, string | number | boolean>, permissions = ADMIN) =>
    routeInteraction(command({ name: 'payout', options, permissions }));
  const privately = (content: string) => ({ kind: 'reply', response: { type: 4, data: { flags: 64, content: expect.stringContaining(content) } } });

  it('answers /race open with an 81-character title at once, naming the limit', () => {
    expect(race('open', { title: 'x'.repeat(81) })).toMatchObject(privately('at most 80 characters'));
  });

  it('defers /race open with an 80-character title, or none, privately to race-commands', () => {
    expect(race('open', { title: 'x'.repeat(80) })).toEqual({ kind: 'defer', ephemeral: true, topic: 'race-commands', job: 'open-race' });
    expect(race('open')).toMatchObject({ kind: 'defer', job: 'open-race' });
  });

  it('answers /race start with racers that are not mentions at once', () => {
    expect(race('start', { racers: '@ana' })).toMatchObject(privately('`@ana` isn’t a member mention'));
  });

  it.each([
    ['/race start', 'start', {}, 'start-race'],
    ['/race start with mentions', 'start', { racers: '<@100000000000000001> <@!100000000000000002>' }, 'start-race'],
    ['/race end', 'end', {}, 'end-race'],
  ] as const)('defers %s privately to race-commands', (_, sub, options, job) => {
    expect(race(sub, options, MEMBER)).toEqual({ kind: 'defer', ephemeral: true, topic: 'race-commands', job });
  });

  it.each([
    ['/race settings', 'settings', { rate: '25' }],
    ['/race connect', 'connect', { shop: 'kofi', secret: 'my-own-kofi-token-123' }],
  ])('refuses %s from a member who is not an admin at once', (_, sub, options) => {
    expect(race(sub, options, MEMBER)).toMatchObject(privately('Only server admins'));
  });

  it.each([
    ['/race settings', 'settings', { rate: '25' }, 'configure-races'],
    ['/race connect', 'connect', { shop: 'kofi', secret: 'my-own-kofi-token-123' }, 'connect-shop'],
  ])('defers %s from an admin privately to race-commands', (_, sub, options, job) => {
    expect(race(sub, options)).toEqual({ kind: 'defer', ephemeral: true, topic: 'race-commands', job });
  });

  it('refuses /race connect with a Ko-fi token too short to be one at once, saying how long it is', () => {
    expect(race('connect', { shop: 'kofi', secret: 'short' })).toMatchObject(privately('8 to 200 characters'));
  });

  it('refuses /payout from a member who is not an admin at once', () => {
    expect(payout({ user: racer, amount: 12 }, MEMBER)).toMatchObject(privately('Only server admins'));
  });

  it('refuses /payout naming no user at once', () => {
    expect(payout({ amount: 12 })).toMatchObject(privately(''));
  });

  it('leaves the /payout amount to the use case, which knows the guild’s race currency', () => {
    expect(payout({ user: racer, amount: 12.345 })).toMatchObject({ kind: 'defer', job: 'pay-racer' });
  });

  it('defers a valid /payout privately to stripe-commands as pay-racer', () => {
    expect(payout({ user: racer, amount: 12.34 })).toEqual({ kind: 'defer', ephemeral: true, topic: 'stripe-commands', job: 'pay-racer' });
  });

  it('defers /wallet privately to race-commands, for anyone', () => {
    expect(routeInteraction(command({ name: 'wallet', permissions: MEMBER }))).toEqual({
      kind: 'defer',
      ephemeral: true,
      topic: 'race-commands',
      job: 'wallet-view',
    });
  });

  it('defers a lobby’s Join button privately to race-commands as race-button', () => {
    expect(routeInteraction(buttonPress('race:join:a1b2c3d4', racer))).toEqual({ kind: 'defer', ephemeral: true, topic: 'race-commands', job: 'race-button' });
  });
});

describe('the command surface', () => {
  it('offers /c500 in the bot’s DMs too (Discord sets contexts per command, not per subcommand: the router refuses all but /c500 privacy and help there) and every other command in servers alone', () => {
    expect(Object.fromEntries(commandDefinitions.map((d) => [d.name, d.contexts]))).toEqual({
      c500: [0, 1],
      bid: [0],
      giveaway: [0],
      groupbuy: [0],
      race: [0],
      wallet: [0],
      payout: [0],
      order: [0],
    });
  });

  it('has a help line for every command path people can type', () => {
    const usages = helpLines.map((l) => l.usage);
    for (const path of commandPaths().filter((p) => p !== '/c500 help')) {
      expect(usages.filter((u) => u === path || u.startsWith(`${path} `))).toHaveLength(1);
    }
  });

  it('fits every command in one /c500 help answer, inside Discord’s 6,000 characters across its embeds and 4,096 in each', () => {
    const embeds = helpMessage().embeds ?? [];
    const total = embeds.reduce((sum, e) => sum + (e.title ?? '').length + (e.description ?? '').length + (e.footer?.text ?? '').length, 0);
    expect(total).toBeLessThanOrEqual(6_000);
    for (const embed of embeds) expect((embed.description ?? '').length).toBeLessThanOrEqual(4_096);
    const text = embeds.map((e) => e.description ?? '').join('\n');
    for (const line of helpLines) expect(text).toContain(`\`${helpUsage(line.usage)}\``);
  });

  it('shows a usage’s optional options folded into one […] in /c500 help, and a usage with none as it is', () => {
    expect(helpUsage('/bid amount:<n> [max:<n>]')).toBe('/bid amount:<n> […]');
    expect(helpUsage('/groupbuy extras id:<group buy id> units:<n> [price:<n>]')).toBe('/groupbuy extras id:<group buy id> units:<n> […]');
    expect(helpUsage('/c500 setup general:#channel marketplace:#channel [drop-role:@role] [x:<y>]')).toBe(
      '/c500 setup general:#channel marketplace:#channel […]',
    );
    expect(helpUsage('/c500 link-twitch')).toBe('/c500 link-twitch');
  });

  it('keeps the commands and option names the black-box tests use (the command surface in docs/architecture.md, section 7)', () => {
    expect(commandPaths()).toEqual(
      expect.arrayContaining([
        '/c500 help',
        '/c500 setup',
        '/c500 profile',
        '/c500 live',
        '/c500 auction start',
        '/c500 auction cancel',
        '/bid',
        '/race open',
        '/race start',
        '/race end',
        '/wallet',
        '/payout',
      ]),
    );
  });
});
