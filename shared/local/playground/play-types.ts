/**
 * @module play-types
 * The playground's people and places as the page and the runtime both see them: no Node
 * here, so the page's bundle can take it.
 */
export type PlayRole = 'builder' | 'buyer' | 'admin' | 'show host' | 'racer';

export interface PlayPerson {
  id: string;
  name: string;
  role: PlayRole;
  /** Discord's permission bits as an interaction carries them. */
  permissions: string;
  /** The Twitch login a builder links (`/c500 link-twitch`) and goes live on. */
  twitchLogin?: string;
  /** Their keyed pseudonym, as Stripe's metadata names them (the runtime adds it: the page cannot make one). */
  pseudonym?: string;
}

export interface PlayChannel {
  id: string;
  name: string;
  topic: string;
}

export interface PlayWorld {
  guild: { id: string; name: string };
  channels: PlayChannel[];
  roles: Array<{ id: string; name: string }>;
  people: PlayPerson[];
}

export const playRoles: readonly PlayRole[] = ['builder', 'buyer', 'admin', 'show host', 'racer'];
