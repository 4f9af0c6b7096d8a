/**
 * @module messages
 * What every module's messages share: the palette, a private note, and the refusals that
 * belong to no one capability. Each module renders its own messages from values, so wording
 * stays consistent and is tested without Discord.
 */
import type { DiscordMessage } from '../../ports';
import { EPHEMERAL } from './interaction';

/** The soft C500 palette: peach for friendly notes, rose for refusals. */
export const colors = { peach: 0xffc8a2, rose: 0xf4a6b7, mint: 0xb5e8c8 } as const;

/** An answer only the person who asked sees. */
export function privateNote(content: string): DiscordMessage {
  return { content, flags: EPHEMERAL, allowed_mentions: { parse: [] } };
}

/** A DM's words, pinging no one: a DM is its reader's alone already, and Discord refuses EPHEMERAL on any message that is not an interaction's answer. */
export function dmNote(content: string): DiscordMessage {
  return { content, allowed_mentions: { parse: [] } };
}

export const refusals = {
  guildOnly: privateNote('C500 commands work inside a server, not in DMs. Run it in the server where C500 is set up.'),
  unknownCommand: (name: string) => privateNote(`I don’t know \`${name}\`. Type \`/c500 help\` to see every command and what to type.`),
  staleComponent: privateNote('That button belongs to something that has ended. Type `/c500 help` to see what you can do now.'),
};

/**
 * Who someone is in a message: a Discord member as a mention; a bidder from another platform
 * (`twitch:<id>`, a Twitch chatter) by the name they bid under, since Discord would show
 * `<@twitch:…>` as it is typed.
 */
export function personMention(id: string, name?: string): string {
  if (/^\d{17,20}$/.test(id)) return `<@${id}>`;
  // Markdown in a name is shown as typed, and nothing in it can mention anyone.
  const shown = (name ?? 'a bidder from Twitch chat').replace(/[<>@]/g, '').replace(/[*_`~|\\]/g, (c) => `\\${c}`);
  return `**${shown}**`;
}
