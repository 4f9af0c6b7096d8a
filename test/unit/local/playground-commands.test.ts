/**
 * The playground's message box reads commands from the very definitions `register-commands`
 * sends, and builds the interaction data Discord would from what a person picked.
 */
import { commandDefinitions, commandPaths as registeredPaths } from '../../../shared/router/command-surface';
import { commandData, commandPaths, optionProblem, readLine, suggest } from '../../../shared/local/playground/client/commands';
import { readInteraction } from '../../../shared/discord';

const paths = commandPaths(commandDefinitions);
const path = (text: string) => paths.find((p) => p.text === text) as (typeof paths)[number];

describe('the playground’s commands', () => {
  it('offers every command path register-commands sends, and nothing else', () => {
    expect(paths.map((p) => `/${p.text}`).sort()).toEqual(registeredPaths().sort());
  });

  it('suggests the commands a typed prefix could mean, the ones it starts first', () => {
    expect(suggest(paths, '/c500 dr').map((p) => p.text)).toEqual(['c500 drop']);
    expect(suggest(paths, '/c500 auction').map((p) => p.text)).toEqual(['c500 auction start', 'c500 auction cancel', 'c500 auction settings']);
    expect(suggest(paths, '/nothing-like-this')).toEqual([]);
  });

  it('reads name:value pairs after the command, a value holding colons and spaces included', () => {
    expect(readLine(paths, '/c500 live mode:order:ab12cd')).toEqual({ path: path('c500 live'), values: { mode: 'order:ab12cd' } });
    expect(readLine(paths, '/c500 auction start item:Lavender 65% price:120 duration:10m')?.values).toEqual({
      item: 'Lavender 65%',
      price: '120',
      duration: '10m',
    });
    expect(readLine(paths, '/c500 nope')).toBeUndefined();
  });

  it('says what is missing or of the wrong kind before anything is sent, as Discord does', () => {
    expect(optionProblem(path('c500 ship'), {})).toEqual({ option: 'order', text: expect.stringMatching(/^Fill in order/) });
    // No tracking number is an ask for the carrier's rates.
    expect(optionProblem(path('c500 ship'), { order: 'ab12' })).toBeUndefined();
    expect(optionProblem(path('c500 auction start'), { item: 'x', price: 'ten', duration: '5m' })).toEqual({ option: 'price', text: 'price is a number' });
    expect(optionProblem(path('c500 ship'), { order: 'a', tracking: 'b', carrier: 'pigeon' })?.text).toMatch(/^carrier is one of USPS/);
    expect(optionProblem(path('c500 ship'), { order: 'a', tracking: 'b', carrier: 'ups' })).toBeUndefined();
  });

  it('builds the data Discord sends, nested under subcommand groups, each value of its option’s type, which the ingress takes', () => {
    const data = commandData(
      path('c500 auction start'),
      { item: 'Keycaps', price: '45.5', duration: '5m', 'counter-bid': '2', 'sudden-death': 'true' },
      commandDefinitions,
    );
    expect(data).toMatchObject({
      name: 'c500',
      type: 1,
      options: [
        {
          name: 'auction',
          type: 2,
          options: [
            {
              name: 'start',
              type: 1,
              options: [
                { name: 'item', type: 3, value: 'Keycaps' },
                { name: 'price', type: 10, value: 45.5 },
                { name: 'duration', type: 3, value: '5m' },
                { name: 'counter-bid', type: 4, value: 2 },
                { name: 'sudden-death', type: 5, value: true },
              ],
            },
          ],
        },
      ],
    });
    const interaction = {
      id: '1320000000000000001',
      type: 2,
      token: 'play.token',
      application_id: '1100000000000000001',
      guild_id: '1310000000000000001',
      channel_id: '1310000000000000013',
      member: { user: { id: '1310000000000000101', username: 'cleo_builds' }, permissions: '3072' },
      data,
    };
    expect(readInteraction(interaction)).toMatchObject({ ok: true });
  });

  it('leaves out options left empty, and types a channel as its id', () => {
    const data = commandData(path('c500 setup'), { general: '1310000000000000011', marketplace: '1310000000000000012', 'drop-role': '' }, commandDefinitions);
    expect(data.options).toEqual([
      {
        name: 'setup',
        type: 1,
        options: [
          { name: 'general', type: 7, value: '1310000000000000011' },
          { name: 'marketplace', type: 7, value: '1310000000000000012' },
        ],
      },
    ]);
  });
});
