/**
 * @module play-world
 * The playground's server and the people in it: who a newcomer can be, and the channels and
 * role they act in. Ids are fixed, so what the product remembers in `.data` (a builder's
 * Stripe account, a guild's setup) meets the same people after a restart; they differ from
 * the demo's and the tests' people, so trying the playground never inherits their state.
 * A person added with one click is kept beside the data, in `playground.json`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { snowflakeAt } from '../../common';
import { playRoles, type PlayChannel, type PlayPerson, type PlayRole, type PlayWorld } from './play-types';

export { playRoles, type PlayChannel, type PlayPerson, type PlayRole, type PlayWorld };

/** View and send messages, read history (1024 | 2048): a member without staff rights. */
const memberPermissions = String(1024 + 2048);
const permissionsOf: Record<PlayRole, string> = {
  builder: memberPermissions,
  buyer: memberPermissions,
  racer: memberPermissions,
  // Administrator: `/c500 setup` and every staff command.
  admin: '8',
  // Manage Server: hosts shows and runs races without being an administrator.
  'show host': String(32 + 1024 + 2048),
};

/** The playground's server: the local Discord's sign-in names it too, so the dashboard shows its name. */
export const playGuild = { id: '1310000000000000001', name: 'C500 Playground' } as const;
const fixedPeople: PlayPerson[] = [
  { id: '1310000000000000101', name: 'cleo_builds', role: 'builder', permissions: permissionsOf.builder, twitchLogin: 'cleobuilds' },
  { id: '1310000000000000102', name: 'bo_buyer', role: 'buyer', permissions: permissionsOf.buyer },
  { id: '1310000000000000103', name: 'dee_bids', role: 'buyer', permissions: permissionsOf.buyer },
  { id: '1310000000000000104', name: 'ana_admin', role: 'admin', permissions: permissionsOf.admin },
  { id: '1310000000000000105', name: 'hal_hosts', role: 'show host', permissions: permissionsOf['show host'] },
  { id: '1310000000000000106', name: 'rio_races', role: 'racer', permissions: permissionsOf.racer },
];

export class PlayWorldBook {
  private readonly added: PlayPerson[];
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'playground.json');
    this.added = readAdded(this.file);
  }

  world(): PlayWorld {
    return {
      guild: { ...playGuild },
      channels: [
        { id: '1310000000000000011', name: 'general', topic: 'Hangout: C500 announces builders going live here' },
        { id: '1310000000000000012', name: 'marketplace', topic: 'Drops and hype posts' },
        { id: '1310000000000000013', name: 'auctions', topic: 'Live auctions: run /c500 auction start here' },
        { id: '1310000000000000014', name: 'show-stage', topic: 'Shows: a host runs lots back to back' },
        { id: '1310000000000000015', name: 'race-lobby', topic: 'Race lobbies: racers earn a share of merch sold while they race' },
      ],
      roles: [{ id: '1310000000000000021', name: 'drops' }],
      people: [...fixedPeople, ...this.added],
    };
  }

  person(id: string): PlayPerson | undefined {
    return this.world().people.find((p) => p.id === id);
  }

  /** One more person in a role, named after it and numbered (`buyer_3`). */
  add(role: PlayRole, nowMs: number): PlayPerson {
    const taken = new Set(this.world().people.map((p) => p.name));
    let n = 2;
    while (taken.has(`${role.replace(' ', '_')}_${n}`)) n++;
    const person: PlayPerson = {
      id: snowflakeAt(nowMs, 4_000_000 + this.added.length),
      name: `${role.replace(' ', '_')}_${n}`,
      role,
      permissions: permissionsOf[role],
      ...(role === 'builder' ? { twitchLogin: `builder${n}live` } : {}),
    };
    this.added.push(person);
    writeFileSync(this.file, `${JSON.stringify({ people: this.added }, null, 2)}\n`);
    return person;
  }
}

function readAdded(file: string): PlayPerson[] {
  if (!existsSync(file)) return [];
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { people?: unknown };
    return Array.isArray(saved.people) ? saved.people.filter(isPerson) : [];
  } catch {
    // A file edited by hand into nonsense costs the added people, never the start.
    return [];
  }
}

function isPerson(value: unknown): value is PlayPerson {
  const p = value as Partial<PlayPerson> | null;
  return (
    typeof p?.id === 'string' &&
    /^\d{17,20}$/.test(p.id) &&
    typeof p.name === 'string' &&
    typeof p.permissions === 'string' &&
    playRoles.includes(p.role as PlayRole)
  );
}
