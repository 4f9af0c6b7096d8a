/**
 * Erasures in the soak (issue 51): once the traffic is over, and with the faults still on
 * (Pub/Sub redelivering, Firestore aborting, processes killed), a few buyers who bought, bid
 * and queued look at what C500 keeps (`/c500 privacy`), download it from the dashboard, and
 * erase themselves; one presses the confirmation twice, then comes back, buys and erases
 * again within the minute (the second erasure searches again). Someone C500 never met asks too.
 * The invariants then read that each erased buyer is named nowhere the soak can read
 * (privacy-invariants.ts), while the money invariants still hold over their kept orders.
 */
import type { DiscordMessage } from '../../shared/ports';
import { dumpRedis, type RedisEntry } from '../../shared/local/redis-dump';
import type { LogEntry } from '../slo/logging-filter';
import { buttonsOf, linkOf, textOf, type Person, type SoakClient, type SoakRandom } from './client';
import { channels, type SoakPeople } from './setup';

type TrafficCounts = Record<string, number>;
const count = (counts: TrafficCounts, what: string) => (counts[what] = (counts[what] ?? 0) + 1);

/** A line of the runtime's log, with when it was written. */
export interface LoggedLine {
  timeMs: number;
  text: string;
}

/** A line the bot said in a channel's chat, with when. */
export interface SaidInChat {
  timeMs: number;
  text: string;
}

/** A member who erased themselves: who, by what name, and the outbox's last entry before they confirmed. */
export interface ErasedMember {
  id: string;
  name: string;
  fromSeq: number;
  /** When they confirmed (this machine's clock, as the runtime's log lines are stamped): what is written after must not name them. */
  erasedAtMs?: number;
  /** The same moment by the runtime's clock (the soak moves it), as Twitch's stand-in stamps the bot's chat lines. */
  erasedAtRuntimeMs?: number;
  /** A chatter's Twitch account: its user id and login, which must go too. */
  twitchId?: string;
  twitchLogin?: string;
}

/**
 * Buyers whose name is theirs alone (a hostile name may be shared), up to `howMany`, each
 * erasing themselves; answers who did. `active` are the ids that sent anything.
 */
export async function privacyRound(
  client: SoakClient,
  people: SoakPeople,
  random: SoakRandom,
  active: ReadonlySet<string>,
  counts: TrafficCounts,
  note: (line: string) => void,
  howMany = 3,
): Promise<ErasedMember[]> {
  const named = new Map<string, number>();
  for (const p of [people.admin, ...people.builders, ...people.buyers, ...people.racers]) named.set(p.name, (named.get(p.name) ?? 0) + 1);
  const candidates = people.buyers.filter((b) => active.has(b.id) && named.get(b.name) === 1 && /^[a-z]+\d+$/.test(b.name));
  const chosen: Person[] = [];
  while (chosen.length < howMany && candidates.length > 0) chosen.push(...candidates.splice(Math.floor(random.next() * candidates.length), 1));
  await strangerAsks(client, counts, note);
  const erased: ErasedMember[] = [];
  for (const [i, buyer] of chosen.entries()) {
    const done = await eraseOne(client, buyer, i === 0, counts, note);
    if (done) erased.push(done);
  }
  return erased;
}

/** Someone C500 never met: told it keeps nothing about them. */
async function strangerAsks(client: SoakClient, counts: TrafficCounts, note: (line: string) => void): Promise<void> {
  const stranger: Person = { id: '819999999999999999', name: 'passerby', permissions: '3072' };
  const answer = await client.ask(client.c500(stranger, channels.general, ['privacy']), '/c500 privacy');
  count(counts, 'privacy asked by a stranger');
  if (answer && !textOf(answer).includes('C500 keeps nothing about you')) note(`a stranger's /c500 privacy was answered: ${textOf(answer).slice(0, 140)}`);
}

async function eraseOne(
  client: SoakClient,
  buyer: Person,
  twice: boolean,
  counts: TrafficCounts,
  note: (line: string) => void,
): Promise<ErasedMember | undefined> {
  const shown = await client.ask(client.c500(buyer, channels.general, ['privacy']), '/c500 privacy');
  count(counts, 'privacy asked');
  if (!shown) return undefined;
  await download(client, buyer, shown, counts, note);
  const eraseId = `privacy-erase:${buyer.id}`;
  if (!buttonsOf(shown).includes(eraseId)) {
    note(`${buyer.name}'s /c500 privacy had no Erase me: ${textOf(shown).slice(0, 140)}`);
    return undefined;
  }
  // The message /c500 privacy answered with: each press replaces it, keeping its id.
  const onAnswer = client.messageIdNow();
  const asked = await client.ask(client.press(buyer, channels.general, eraseId, onAnswer), 'Erase me');
  const confirmId = `privacy-erase-yes:${buyer.id}`;
  if (!asked || !buttonsOf(asked).includes(confirmId)) {
    note(`${buyer.name}'s Erase me was answered: ${textOf(asked ?? {}).slice(0, 140)}`);
    return undefined;
  }
  const fromSeq = client.lastSeq;
  const erasedAtMs = Date.now();
  const erasedAtRuntimeMs = client.now();
  const done = await client.ask(client.press(buyer, channels.general, confirmId, onAnswer), 'Yes, erase me');
  count(counts, 'erasures');
  if (done && !/^Done|already erased/.test(textOf(done))) note(`${buyer.name}'s erasure was answered: ${textOf(done).slice(0, 140)}`);
  if (!twice) return { id: buyer.id, name: buyer.name, fromSeq, erasedAtMs, erasedAtRuntimeMs };
  const again = await client.ask(client.press(buyer, channels.general, confirmId, onAnswer), 'Yes, erase me');
  count(counts, 'erasures asked twice');
  // Nothing done between the two presses: the second is answered from the first, with no search (issue 79).
  if (again && !/Nothing new since your erasure/.test(textOf(again))) note(`${buyer.name}'s second erasure was answered: ${textOf(again).slice(0, 140)}`);
  // Back at once, they buy, then erase again within the minute (issue 79): the second erasure searches again, and the invariants read what it left.
  const second = await comeBackAndEraseAgain(client, buyer, counts, note);
  return { id: buyer.id, name: buyer.name, fromSeq, erasedAtMs, erasedAtRuntimeMs, ...second };
}

/**
 * The member comes back after their erasure: presses Buy Now on a listed drop (an order that
 * names them), then erases themselves again through `/c500 privacy`. The erasure must find the
 * new order (answered Done; already erased only when the press made nothing, the drop sold out).
 * Answers the second erasure's moment, from which nothing may name them.
 */
async function comeBackAndEraseAgain(
  client: SoakClient,
  buyer: Person,
  counts: TrafficCounts,
  note: (line: string) => void,
): Promise<Pick<ErasedMember, 'fromSeq' | 'erasedAtMs' | 'erasedAtRuntimeMs'> | undefined> {
  const drop = client.dropsListed[0];
  if (drop) {
    await client.ask(client.press(buyer, channels.marketplace, `buy:${drop.dropId}`), 'Buy Now');
    count(counts, 'bought after an erasure');
  }
  const shown = await client.ask(client.c500(buyer, channels.general, ['privacy']), '/c500 privacy');
  if (!shown || !buttonsOf(shown).includes(`privacy-erase:${buyer.id}`)) {
    note(`${buyer.name}'s /c500 privacy after coming back had no Erase me: ${textOf(shown ?? {}).slice(0, 140)}`);
    return undefined;
  }
  const onAnswer = client.messageIdNow();
  const asked = await client.ask(client.press(buyer, channels.general, `privacy-erase:${buyer.id}`, onAnswer), 'Erase me');
  if (!asked || !buttonsOf(asked).includes(`privacy-erase-yes:${buyer.id}`)) return undefined;
  const moment = { fromSeq: client.lastSeq, erasedAtMs: Date.now(), erasedAtRuntimeMs: client.now() };
  const done = await client.ask(client.press(buyer, channels.general, `privacy-erase-yes:${buyer.id}`, onAnswer), 'Yes, erase me');
  count(counts, 'erased again after coming back');
  if (done && !/^Done|already erased/.test(textOf(done))) note(`${buyer.name}'s erasure after coming back was answered: ${textOf(done).slice(0, 140)}`);
  return moment;
}

/** **Download my data**: the link leads to the dashboard; signed in at the local Discord as the buyer, its export. */
async function download(client: SoakClient, buyer: Person, shown: DiscordMessage, counts: TrafficCounts, note: (line: string) => void): Promise<void> {
  if (!linkOf(shown)?.endsWith('/dashboard/me')) note(`${buyer.name}'s Download my data leads to ${linkOf(shown) ?? 'nowhere'}`);
  const exportUrl = `${client.url}/dashboard/me/export`;
  try {
    const first = await fetch(exportUrl, { redirect: 'manual' });
    const authorize = new URL(first.headers.get('location') ?? '', client.url);
    authorize.searchParams.set('user_id', buyer.id);
    authorize.searchParams.set('username', buyer.name);
    const atDiscord = await fetch(authorize, { redirect: 'manual' });
    const nonce = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const back = await fetch(new URL(atDiscord.headers.get('location') ?? '', client.url), { redirect: 'manual', headers: { cookie: nonce } });
    const session = (back.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const exported = await fetch(exportUrl, { redirect: 'manual', headers: { cookie: session } });
    const json = await exported.text();
    count(counts, 'exports');
    if (exported.status !== 200 || !json.includes(buyer.id)) note(`${buyer.name}'s export answered ${exported.status}: ${json.slice(0, 140)}`);
  } catch (error) {
    note(`${buyer.name}'s export failed: ${String(error).slice(0, 140)}`);
  }
}

/**
 * What the erasure invariant reads besides the store and the outbox: every key of the soak's
 * own Redis (nothing else uses it), the runtime's log lines and what the bot said in chat,
 * each with when it was written.
 */
export async function privacyEvidence(
  redisUrl: string,
  log: readonly LogEntry[],
  chat: ReadonlyArray<{ text: string; time: string }>,
): Promise<{ redis: RedisEntry[]; logLines: LoggedLine[]; chatSaid: SaidInChat[] }> {
  const logLines = log.map((entry) => ({ timeMs: Date.parse(String(entry.timestamp ?? entry.jsonPayload.time ?? '')), text: JSON.stringify(entry) }));
  const redis = await dumpRedis(redisUrl, '').catch(() => []);
  return {
    redis,
    logLines: logLines.filter((line) => Number.isFinite(line.timeMs)),
    chatSaid: chat.map((line) => ({ timeMs: Date.parse(line.time), text: line.text })),
  };
}
