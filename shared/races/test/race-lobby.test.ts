import fc from 'fast-check';
import {
  canHost,
  defaultRaceSettings,
  isLobbyIdShaped,
  parseRacerMentions,
  raceButtonOf,
  raceCloseTaskName,
  raceMessageEditPath,
  racerName,
  raceSettingsOf,
  raceWindowPath,
  withPot,
  type PotShard,
  type RaceLobby,
} from '../rules/race';
import { MEMBER, command } from '../../../test/support/interactions';

const ana = '100000000000000001';
const bo = '100000000000000002';

const lobby: RaceLobby = {
  lobbyId: 'a1b2c3d4',
  guildId: '900000000000000001',
  channelId: '910000000000000001',
  hostId: ana,
  title: 'Friday race',
  status: 'racing',
  racers: [
    { userId: ana, name: 'Ana' },
    { userId: bo, name: 'Bo' },
  ],
  maxRacers: 8,
  createdAt: '2026-11-22T13:00:00.000Z',
};

const shard = (poolCents: number, salesCount: number, shares: Record<string, number>): PotShard => ({ lobbyId: 'a1b2c3d4', poolCents, salesCount, shares });

describe('a lobby’s pot, summed over its shards', () => {
  it('adds every shard’s pool, sales and shares to what the lobby holds itself', () => {
    const own = { ...lobby, poolCents: 100, salesCount: 1, shares: { [ana]: 50, [bo]: 50 } };
    const summed = withPot(own, [shard(700, 2, { [ana]: 350, [bo]: 350 }), shard(301, 1, { [ana]: 151, [bo]: 150 })]);
    expect(summed).toStrictEqual({ ...own, poolCents: 1_101, salesCount: 4, shares: { [ana]: 551, [bo]: 550 } });
  });

  it('counts from zero for a lobby that holds nothing itself', () => {
    expect(withPot(lobby, [shard(700, 2, { [ana]: 350, [bo]: 350 })])).toStrictEqual({
      ...lobby,
      poolCents: 700,
      salesCount: 2,
      shares: { [ana]: 350, [bo]: 350 },
    });
  });

  it('shows an empty pot for a lobby with no sales yet', () => {
    expect(withPot(lobby, [])).toStrictEqual({ ...lobby, poolCents: 0, salesCount: 0, shares: {} });
  });

  it('keeps the lobby’s own figures when no shard has been written', () => {
    const own = { ...lobby, poolCents: 250, salesCount: 3, shares: { [ana]: 125 } };
    expect(withPot(own, [])).toStrictEqual({ ...own, poolCents: 250, salesCount: 3, shares: { [ana]: 125 } });
  });

  it('takes a shard written by increments alone, with fields it never had', () => {
    const partial = { lobbyId: 'a1b2c3d4', shares: { [bo]: 40 } } as unknown as PotShard;
    expect(withPot(lobby, [partial])).toMatchObject({ poolCents: 0, salesCount: 0, shares: { [bo]: 40 } });
    expect(withPot(lobby, [{ lobbyId: 'a1b2c3d4', poolCents: 80 } as unknown as PotShard])).toMatchObject({ poolCents: 80, shares: {} });
  });

  it('never changes the lobby it was given', () => {
    const own = { ...lobby, shares: { [ana]: 5 } };
    withPot(own, [shard(10, 1, { [ana]: 10 })]);
    expect(own.shares).toStrictEqual({ [ana]: 5 });
  });

  it('sums exactly to the cent whatever the shards hold (against a plain total)', () => {
    const cents = fc.integer({ min: -50_000, max: 5_000_000 });
    fc.assert(
      fc.property(
        fc.record({ pool: cents, sales: fc.nat(1_000), ana: cents, bo: cents }),
        fc.array(fc.record({ pool: cents, sales: fc.nat(1_000), ana: cents, bo: cents }), { maxLength: 16 }),
        (own, parts) => {
          let pool = own.pool;
          let sales = own.sales;
          let anaTotal = own.ana;
          let boTotal = own.bo;
          for (const part of parts) {
            pool += part.pool;
            sales += part.sales;
            anaTotal += part.ana;
            boTotal += part.bo;
          }
          const summed = withPot(
            { ...lobby, poolCents: own.pool, salesCount: own.sales, shares: { [ana]: own.ana, [bo]: own.bo } },
            parts.map((part) => shard(part.pool, part.sales, { [ana]: part.ana, [bo]: part.bo })),
          );
          expect(summed.poolCents).toBe(pool);
          expect(summed.salesCount).toBe(sales);
          expect(summed.shares).toStrictEqual({ [ana]: anaTotal, [bo]: boTotal });
        },
      ),
    );
  });
});

describe('where a guild’s open window and a lobby’s last edit are kept', () => {
  it('names the guild’s one window by the guild', () => {
    expect(raceWindowPath('900000000000000001')).toBe('raceWindows/900000000000000001');
  });

  it('keeps the last edit of a lobby message by the lobby', () => {
    expect(raceMessageEditPath('a1b2c3d4')).toBe('raceMessageEdits/a1b2c3d4');
  });
});

describe('a guild’s race settings', () => {
  it('starts from the defaults: 20 %, $20 to cash out, 8 racers, 3 hours, admins host, Ko-fi shop orders count', () => {
    expect(defaultRaceSettings('usd')).toStrictEqual({
      commissionBps: 2_000,
      payoutThresholdCents: 2_000,
      maxRacers: 8,
      maxWindowMinutes: 180,
      hostRoleId: null,
      currency: 'usd',
      kofiTypes: ['Shop Order'],
    });
  });

  it('gives a guild that never changed them the defaults, in its currency', () => {
    expect(raceSettingsOf(undefined, 'eur')).toStrictEqual(defaultRaceSettings('eur'));
  });

  it('lays what the guild changed over the defaults', () => {
    expect(raceSettingsOf({ maxRacers: 12, kofiTypes: ['Commission'] }, 'usd')).toStrictEqual({
      ...defaultRaceSettings('usd'),
      maxRacers: 12,
      kofiTypes: ['Commission'],
    });
  });

  it('keeps the currency the guild chose over the one it is given', () => {
    expect(raceSettingsOf({ currency: 'gbp' }, 'usd').currency).toBe('gbp');
  });
});

describe('who may host, outside a guild', () => {
  it('refuses someone with no membership at all, as in a direct message', () => {
    const direct = command({ name: 'race', path: ['open'], permissions: MEMBER, guildId: null });
    expect(canHost(direct, { hostRoleId: '930000000000000777' })).toBe(false);
  });
});

describe('racer mentions as people type them', () => {
  it('reads racers separated by several spaces, commas and line breaks', () => {
    expect(parseRacerMentions(`<@${ana}> ,\n <@${bo}>`, 8)).toStrictEqual({ ok: true, racerIds: [ana, bo] });
  });

  it.each([
    ['text glued before a mention', `x<@${ana}>`],
    ['text glued after a mention', `<@${ana}>x`],
    ['an id longer than a snowflake', '<@100000000000000000001>'],
  ])('refuses %s as not a member mention', (_, text) => {
    expect(parseRacerMentions(text, 8)).toStrictEqual({
      ok: false,
      reason: `\`${text}\` isn’t a member mention. Type the racers as mentions: \`/race start racers:@ana @bo\`.`,
    });
  });

  it('quotes at most 40 characters of what it refuses', () => {
    const long = 'x'.repeat(60);
    expect(parseRacerMentions(long, 8)).toStrictEqual({
      ok: false,
      reason: `\`${'x'.repeat(40)}\` isn’t a member mention. Type the racers as mentions: \`/race start racers:@ana @bo\`.`,
    });
  });
});

describe('lobby ids', () => {
  it.each(['a1b2c3d4', '00000000', 'zzzzzzzz'])('takes %p, eight lower-case letters and digits', (id) => {
    expect(isLobbyIdShaped(id)).toBe(true);
  });

  it.each(['a1b2c3d', 'a1b2c3d4e', 'xa1b2c3d4', 'A1B2C3D4', 'a1b2-3d4', ''])('refuses %p', (id) => {
    expect(isLobbyIdShaped(id)).toBe(false);
  });

  it('does not read a button whose id only ends like a race button', () => {
    expect(raceButtonOf('xrace:join:a1b2c3d4')).toBeUndefined();
  });

  it('names the task that closes a lobby’s window by the lobby', () => {
    expect(raceCloseTaskName('a1b2c3d4')).toBe('race-close-a1b2c3d4');
    expect(raceCloseTaskName('e5f6g7h8')).not.toBe(raceCloseTaskName('a1b2c3d4'));
  });
});

describe('a racer’s name', () => {
  it('shows their display name, else their username', () => {
    expect(racerName({ username: 'ana_b', global_name: 'Ana B' })).toBe('Ana B');
    expect(racerName({ username: 'ana_b', global_name: null })).toBe('ana_b');
  });

  it('keeps at most 40 characters of it', () => {
    expect(racerName({ username: 'ana', global_name: 'A'.repeat(45) })).toBe('A'.repeat(40));
  });
});
