/**
 * @module interaction-types
 * The parts of a Discord interaction the product reads, and the constants of its types and
 * responses: what the shape check produces and everything else reads.
 */
export const InteractionType = { Ping: 1, Command: 2, Component: 3, Autocomplete: 4, ModalSubmit: 5 } as const;

export const ResponseType = {
  Pong: 1,
  Message: 4,
  DeferredMessage: 5,
  DeferredUpdate: 6,
  UpdateMessage: 7,
  AutocompleteResult: 8,
  Modal: 9,
} as const;

/** Only the person who ran the command sees the message. */
export const EPHEMERAL = 64;

export interface DiscordUser {
  id: string;
  username: string;
  global_name?: string | null;
}

export interface CommandOptionValue {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: CommandOptionValue[];
}

export interface Interaction {
  id: string;
  type: number;
  token: string;
  application_id: string;
  guild_id?: string;
  channel_id?: string;
  /** `roles`: the member's role ids, which a guild's race host role is checked against. */
  member?: { user: DiscordUser; permissions: string; roles?: string[] };
  user?: DiscordUser;
  /** A component's interaction: the message its button or menu is on. */
  message?: { id: string; channel_id?: string };
  data?: {
    name?: string;
    options?: CommandOptionValue[];
    custom_id?: string;
    component_type?: number;
    values?: string[];
    components?: unknown[];
    resolved?: unknown;
  };
}
