/**
 * The server the soak runs in, made as its people would make it: an admin sets C500 up,
 * two builders onboard to Stripe and link Twitch (and go live), two racers onboard to
 * Stripe to be paid by transfer, the host shortens the shows' gap. Done before the faults matter, but under them all the same.
 */
import { linkOf, textOf, type Person, type SoakClient, type SoakRandom } from './client';
import { hostileNames } from './hostile';

export const channels = {
  general: '920000000000000001',
  marketplace: '920000000000000002',
  races: '950000000000000001',
} as const;

export interface SoakPeople {
  admin: Person;
  builders: Person[];
  buyers: Person[];
  racers: Person[];
  /** Buyers who closed their DMs from the server: Discord refuses DMs to them (50007). */
  dmsClosed: string[];
}

const MEMBER = '3072';

/** The role the admin chooses for drop pings: the only role C500 may ever ping. */
export const DROP_ROLE = '930000000000000001';

/** Everyone the soak's messages may ping: its people, and the drop role. */
export function pingableIn(people: SoakPeople): { users: Set<string>; roles: Set<string> } {
  const everyone = [people.admin, ...people.builders, ...people.buyers, ...people.racers];
  return { users: new Set(everyone.map((p) => p.id)), roles: new Set([DROP_ROLE]) };
}

/**
 * The soak's people. By the seed, a few buyers are named with hostile text (see hostile.ts)
 * and a few others closed their DMs.
 */
export function soakPeople(random: SoakRandom): SoakPeople {
  const person = (prefix: string, i: number, name: string, permissions = MEMBER): Person => ({
    id: `${prefix}${String(i).padStart(4, '0')}`,
    name: `${name}${i}`,
    permissions,
  });
  const people: SoakPeople = {
    admin: person('80000000000000', 1, 'ana', '8'),
    builders: [person('80100000000000', 1, 'cleo'), person('80100000000000', 2, 'dax')],
    buyers: Array.from({ length: 40 }, (_, i) => person('81000000000000', i, 'buyer')).map((buyer) =>
      random.chance(0.2) ? { ...buyer, name: random.pick(hostileNames) } : buyer,
    ),
    racers: Array.from({ length: 4 }, (_, i) => person('82000000000000', i, 'racer')),
    dmsClosed: [],
  };
  people.dmsClosed = people.buyers.filter(() => random.chance(0.15)).map((b) => b.id);
  return people;
}

/** Twitch login of a builder, from their name. */
export const loginOf = (builder: Person) => `${builder.name}live`;

/** A delivery window of 0 days: a parcel the carrier delivers frees its last payout at once (soak/deliveries). */
export async function setUpServer(client: SoakClient, people: SoakPeople, note: (line: string) => void): Promise<void> {
  const setup = await client.ask(
    client.c500(people.admin, channels.general, ['setup'], {
      general: channels.general,
      marketplace: channels.marketplace,
      'drop-role': DROP_ROLE,
      'delivery-window': 0,
    }),
    '/c500 setup',
  );
  if (!setup) note('setup was not answered');
  await client.ask(client.c500(people.admin, channels.general, ['show', 'settings'], { gap: 3 }), '/c500 show settings');
  // The shortest window the product allows: a race its host leaves open is closed by its task.
  await client.ask(
    client.command(people.admin, channels.races, 'race', [{ name: 'settings', type: 1, options: [{ name: 'max-minutes', type: 4, value: 5 }] }]),
    '/race settings',
  );
  for (const userId of people.dmsClosed) {
    const closed = await client.local(`/_local/discord/users/${userId}/dms/close`);
    if (closed.status !== 200) note(`${userId} could not close their DMs: ${closed.status}`);
  }
  for (const builder of people.builders) await onboard(client, builder, note);
  // Half the racers have a Stripe account: their payouts are transfers, the rest are paid by hand.
  for (const racer of people.racers.slice(0, 2)) await onboardToStripe(client, racer, note);
  // The first builder ships (every checkout of theirs asks for an address and charges shipping); the second has no profile.
  const [shipper] = people.builders;
  if (shipper) {
    const rates = { to: 'US,CA', domestic: 9, 'domestic-extra': 3, international: 24, 'international-extra': 6, 'handling-days': 2 };
    const saved = await client.ask(client.c500(shipper, channels.general, ['shipping'], rates), '/c500 shipping');
    if (!/Shipping saved/.test(textOf(saved))) note(`${shipper.name}'s shipping was not saved: ${textOf(saved).slice(0, 120)}`);
  }
}

/** `/c500 onboard` through the local Stripe: a builder to sell, a racer to be paid by transfer. */
async function onboardToStripe(client: SoakClient, person: Person, note: (line: string) => void): Promise<void> {
  const from = client.lastSeq;
  const onboarding = await client.ask(client.c500(person, channels.general, ['onboard'], { country: 'US' }), '/c500 onboard');
  const link = linkOf(onboarding);
  if (link) {
    const opened = await fetch(link).catch(() => undefined);
    if (!opened?.ok) note(`${person.name}'s onboarding link answered ${opened?.status ?? 'nothing'}`);
    // Ready once Stripe's word has come through (a retry or two, under faults).
    const ready = await client.entry((e) => e.kind === 'dm' && e.userId === person.id && /you can sell/.test(e.message.content ?? ''), from, 120_000);
    if (!ready) note(`${person.name} was never told they can sell`);
  } else if (!/already|onboarded|ready/i.test(textOf(onboarding))) note(`${person.name} got no onboarding link: ${textOf(onboarding).slice(0, 120)}`);
}

async function onboard(client: SoakClient, builder: Person, note: (line: string) => void): Promise<void> {
  await onboardToStripe(client, builder, note);
  const linking = await client.ask(client.c500(builder, channels.general, ['link-twitch']), '/c500 link-twitch');
  const twitchLink = linkOf(linking);
  // Our own short link, which sends the browser on to Twitch's authorize page.
  const authorize = twitchLink ? ((await fetch(twitchLink, { redirect: 'manual' }).catch(() => undefined))?.headers.get('location') ?? undefined) : undefined;
  if (twitchLink && !authorize) note(`${builder.name}'s /c500 link-twitch link sent nowhere`);
  if (authorize) {
    const url = new URL(authorize);
    url.searchParams.set('login', loginOf(builder));
    const authorized = await fetch(url, { method: 'POST' }).catch(() => undefined);
    if (!authorized?.ok) note(`${builder.name}'s Twitch authorization answered ${authorized?.status ?? 'nothing'}`);
  } else note(`${builder.name} got no Twitch link: ${textOf(linking).slice(0, 120)}`);
  const live = await client.local(`/_local/twitch/streams/${loginOf(builder)}/online?type=live`);
  if (live.status !== 200) note(`${builder.name} could not go live: ${live.status} ${JSON.stringify(live.body).slice(0, 120)}`);
}
