/**
 * @module api
 * What the page asks of the local runtime: the world, the relay that plays Discord, and the
 * local clock (`/_local/clock`), which **Skip ahead** moves.
 */
import type { CommandDefinition } from '../../../discord';
import type { PlayInteraction } from '../play-feed';
import type { PlayAction } from '../play-relay';
import type { PlayChannel, PlayPerson, PlayRole } from '../play-types';
import type { ClockMoved, NextTask } from './skip-words';

export interface World {
  guild: { id: string; name: string };
  channels: PlayChannel[];
  roles: Array<{ id: string; name: string }>;
  people: PlayPerson[];
  commands: CommandDefinition[];
  applicationId: string;
  /** The runtime's clock when the page loaded (ahead of the wall clock once `POST /_local/clock` moved it). */
  now: string;
  /** False when the runtime verifies against a real app's key: nothing can be played then. */
  signs: boolean;
  /** The server is set up (its channels, and the builder linked to Twitch and able to sell), as the store says now. */
  setUp: boolean;
}

const base = '/_local/play';

async function post<T>(path: string, body: unknown): Promise<T> {
  const answer = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await answer.json()) as T & { error?: string };
  if (!answer.ok) throw new Error(json.error ?? `the runtime answered ${answer.status}`);
  return json;
}

export const getWorld = async (): Promise<World> => (await fetch(`${base}/world`)).json() as Promise<World>;

export const act = async (action: PlayAction): Promise<PlayInteraction> => (await post<{ interaction: PlayInteraction }>('/interactions', action)).interaction;

/** `key` is the message's in the page's state (`i:<token>`, `m:<message id>`), the same on every page. */
export const dismissed = (key: string, userId: string): Promise<unknown> => post('/dismissed', { key, userId });

export const addPerson = async (role: PlayRole): Promise<PlayPerson> => (await post<{ person: PlayPerson }>('/people', { role })).person;

export const chat = (channel: string, login: string, text: string): Promise<unknown> => post('/chat', { channel, login, text });

/** Moves the runtime's clock forward in every process and runs what fell due: answered once it has run. */
export async function moveClock(advanceMs: number): Promise<ClockMoved> {
  const answer = await fetch('/_local/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs }) });
  const json = (await answer.json()) as ClockMoved & { error?: string };
  if (!answer.ok) throw new Error(json.error ?? `the runtime answered ${answer.status}`);
  return json;
}

/** The runtime's clock now, and the waiting task that comes due first. */
export const readClock = async (): Promise<{ now: string; nextTask: NextTask | null }> =>
  (await fetch('/_local/clock')).json() as Promise<{ now: string; nextTask: NextTask | null }>;
