import { routeInteraction } from '../../../shared/domain/routing';
import { commandPaths, helpLines } from '../../../shared/domain/commands';
import { ADMIN, MEMBER, command, ping } from '../../support/interactions';

describe('routing an interaction', () => {
  it('answers a PING with a PONG in the request', () => {
    expect(routeInteraction(ping())).toEqual({ kind: 'reply', response: { type: 1 } });
  });

  it('defers /c500 profile privately to the discord-commands topic', () => {
    expect(routeInteraction(command({ name: 'c500', path: ['profile'] }))).toEqual({ kind: 'defer', ephemeral: true, topic: 'discord-commands', job: 'show-profile' });
  });

  it('defers /c500 setup from an admin and refuses it at once from anyone else', () => {
    const options = { general: '1', marketplace: '2' };
    expect(routeInteraction(command({ name: 'c500', path: ['setup'], permissions: ADMIN, options }))).toMatchObject({ kind: 'defer', job: 'configure-guild' });
    expect(routeInteraction(command({ name: 'c500', path: ['setup'], permissions: MEMBER, options }))).toMatchObject({ kind: 'reply', response: { type: 4, data: { flags: 64 } } });
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

  it('answers autocomplete with no choices rather than an error', () => {
    expect(routeInteraction({ ...ping(), type: 4 })).toEqual({ kind: 'reply', response: { type: 8, data: { choices: [] } } });
  });
});

describe('the command surface', () => {
  it('has a help line for every command path people can type', () => {
    const usages = helpLines.map((l) => l.usage);
    for (const path of commandPaths().filter((p) => p !== '/c500 help')) {
      expect(usages.filter((u) => u === path || u.startsWith(`${path} `))).toHaveLength(1);
    }
  });

  it('keeps the option names of the contract in DESIGN section 7', () => {
    expect(commandPaths()).toEqual(
      expect.arrayContaining(['/c500 help', '/c500 setup', '/c500 profile', '/c500 live', '/c500 auction start', '/c500 auction cancel', '/bid', '/race open', '/race start', '/race end', '/wallet', '/payout']),
    );
  });
});
