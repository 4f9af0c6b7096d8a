/**
 * @module add-entry
 * One person's entry, however they entered (the button, `!enter` in chat): refused for the
 * sponsor and the blocked, made once per person (the entry's id is their pseudonym, created
 * if absent), and only while the giveaway is open: the entry's transaction reads the
 * giveaway, so an entry and the draw never cross.
 */
import type { DocumentStore } from '../../ports';
import { guildAuctionsPath } from '../../auctions';
import { pseudonymOf } from '../rules/draw';
import { chatterKey, entryPath, giveawayPath, giveawaySeedPath, memberKey, type Giveaway, type GiveawayEntry } from '../rules/giveaway';
import { entryRefusal, type Entrant, type EntryRefusal } from '../rules/eligibility';

/** `pseudonym`: how the published list shows the person, told to them alone so they can find themselves in it. */
export type EntryOutcome = { kind: 'entered' | 'already'; giveaway: Giveaway; pseudonym: string } | { kind: 'closed' | 'not-found' } | { kind: EntryRefusal };

export interface NewEntry extends Entrant {
  via: GiveawayEntry['via'];
  label: string;
  /** When the person entered: the interaction's snowflake time, or when Twitch signed the chat message. */
  atMs: number;
  /** The server the press came from: a giveaway of another is not found. */
  guildId?: string;
}

export async function addEntry(deps: { store: DocumentStore }, giveawayId: string, entrant: NewEntry): Promise<EntryOutcome> {
  const key = entrant.memberId !== undefined ? memberKey(entrant.memberId) : entrant.twitchId !== undefined ? chatterKey(entrant.twitchId) : undefined;
  if (key === undefined) return { kind: 'not-found' };
  return deps.store.runTransaction(async (tx): Promise<EntryOutcome> => {
    const [giveaway, secret] = await Promise.all([tx.get(giveawayPath(giveawayId)), tx.get(giveawaySeedPath(giveawayId))]);
    if (!giveaway || (entrant.guildId !== undefined && entrant.guildId !== giveaway.guildId)) return { kind: 'not-found' };
    const pseudonym = pseudonymOf(giveawayId, key, secret?.salt);
    // A member who entered from chat before linking their account is already in under it.
    const other =
      entrant.memberId !== undefined && entrant.twitchId !== undefined ? pseudonymOf(giveawayId, chatterKey(entrant.twitchId), secret?.salt) : undefined;
    const [rules, mine, theirs] = await Promise.all([
      tx.get(guildAuctionsPath(giveaway.guildId)),
      tx.get(entryPath(giveawayId, pseudonym)),
      other ? tx.get(entryPath(giveawayId, other)) : Promise.resolve(undefined),
    ]);
    if (mine || theirs) return { kind: 'already', giveaway, pseudonym: mine ? pseudonym : (other as string) };
    if (giveaway.status !== 'open' || entrant.atMs >= Date.parse(giveaway.endsAt)) return { kind: 'closed' };
    const refusal = entryRefusal(entrant, giveaway, rules?.auctions);
    if (refusal) return { kind: refusal };
    tx.create(entryPath(giveawayId, pseudonym), {
      pseudonym,
      entrantId: key,
      via: entrant.via,
      label: entrant.label,
      ...(entrant.memberId === undefined && entrant.twitchLogin !== undefined ? { twitchLogin: entrant.twitchLogin } : {}),
      enteredAt: new Date(entrant.atMs).toISOString(),
    });
    return { kind: 'entered', giveaway, pseudonym };
  });
}
